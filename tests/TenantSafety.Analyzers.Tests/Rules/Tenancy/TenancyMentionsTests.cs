using Microsoft.CodeAnalysis.CSharp;
using TenantSafety.Analyzers.Tenancy;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Tenancy;

/// <summary>
/// The syntactic pre-check that decides which files' names may declare a tenant key by string: every way of naming a
/// property by string or type counts, and the lambda form of nearly every configuration file does not (it names a
/// member the class declares, which the model reads anyway).
/// </summary>
public sealed class TenancyMentionsTests
{
    [Theory]
    [InlineData("b.Property<Guid>(\"TeamId\");")]
    [InlineData("b.Property(\"TeamId\");")]
    [InlineData("b.Property( \"TeamId\" );")]
    [InlineData("b.Property(@\"TeamId\");")]
    [InlineData("b.Property(propertyName: \"TeamId\");")]
    [InlineData("b.Property(nameof(TeamId));")]
    [InlineData("b.Property<Guid>\n    (\"TeamId\");")]
    public void A_property_named_by_string_or_type_makes_the_files_names_count(string statement)
    {
        var mentions = TenancyMentions.Of(Compile(statement));
        Assert.Contains("Marker", mentions.NamesNearDeclarations);
    }

    [Theory]
    [InlineData("b.Property(x => x.Name);")]
    [InlineData("b.HasIndex(\"TeamId\");")]
    [InlineData("b.IndexerProperty<Guid>(\"TeamId\");")]
    public void A_lambda_property_or_another_call_does_not(string statement)
    {
        var mentions = TenancyMentions.Of(Compile(statement));
        Assert.DoesNotContain("Marker", mentions.NamesNearDeclarations);
    }

    [Fact]
    public void Names_come_from_HasQueryFilter_calls_only_not_from_comments_strings_or_longer_names()
    {
        var mentions = TenancyMentions.Of(Compile("""
            // b.HasQueryFilter(x => x.InComment);
            var text = "b.HasQueryFilter(x => x.InString)";
            b.MyHasQueryFilter(x => x.InLongerName);
            b.HasQueryFilter(x => x.TeamId == 1 && x.Region == "eu");
            b.Entity<Marker>().HasQueryFilter<int>("named", x => x.OrgId == 2);
            """));
        Assert.Superset(new System.Collections.Generic.HashSet<string> { "TeamId", "Region", "eu", "named", "OrgId" }, mentions.FilterNames);
        Assert.DoesNotContain("InComment", mentions.FilterNames);
        Assert.DoesNotContain("InString", mentions.FilterNames);
        Assert.DoesNotContain("InLongerName", mentions.FilterNames);
    }

    [Theory]
    [InlineData("foreach (var e in b.Entities) { e.IsMultiTenant(); }", true)]
    [InlineData("b.Entity<Marker>().IsMultiTenant();", false)]
    public void IsMultiTenant_makes_the_files_names_count_and_in_a_loop_any_entity(string statement, bool inALoop)
    {
        var mentions = TenancyMentions.Of(Compile(statement));
        Assert.Contains("Marker", mentions.NamesNearDeclarations);
        Assert.Equal(inALoop, mentions.CallsIsMultiTenantInALoop);
    }

    [Fact]
    public void IsMultiTenant_in_a_comment_or_a_longer_name_does_not()
    {
        var mentions = TenancyMentions.Of(Compile("// e.IsMultiTenant();\nb.IsMultiTenantish();"));
        Assert.DoesNotContain("Marker", mentions.NamesNearDeclarations);
        Assert.False(mentions.CallsIsMultiTenantInALoop);
    }

    private static Microsoft.CodeAnalysis.Compilation Compile(string statement) =>
        CSharpCompilation.Create(
            "Mentions",
            [CSharpSyntaxTree.ParseText($$"""
                class Marker
                {
                    void Configure(dynamic b)
                    {
                        {{statement}}
                    }
                }
                """, path: "/0/Configuration.cs")],
            EfCoreReferences.FrameworkOnly);
}
