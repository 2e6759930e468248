using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// The contract between the model rules, their fixer and the report tool: a <see cref="ModelFix"/> written into diagnostic
/// properties reads back the same, with its places, and the properties hold data, never code.
/// </summary>
public sealed class ModelFixContractTests
{
    private static readonly SyntaxTree Tree = CSharpSyntaxTree.ParseText("class Message { } class MessageConfiguration { } class Other { }", path: "/0/Model.cs");

    private static Location At(int start, int length) => Location.Create(Tree, new TextSpan(start, length));

    public static TheoryData<string> Fixes => new(AllFixes().Keys);

    private static Dictionary<string, ModelFix> AllFixes() => new()
    {
        ["tenant key index, fluent"] = new ModelFix(
            "Message", "App.Message", TenantKeyReference.Property("TeamId"), ConfigurationSiteKind.EntityTypeConfiguration, At(16, 30), At(6, 7), IndexShape.Of("TeamId")),
        ["composite index with directions, widening one"] = new ModelFix(
            "Message",
            "App.Message",
            TenantKeyReference.Property("TeamId"),
            ConfigurationSiteKind.EntityLambda,
            At(16, 30),
            At(6, 7),
            new IndexShape(["TeamId", "Status", "Channel", "CreatedAt"], [false, false, false, true], isUnique: false, equalityColumns: 2),
            IndexPlacement.Fluent,
            [new ExistingIndex(IndexShape.Of("TeamId"), At(0, 5), isAttribute: false), new ExistingIndex(IndexShape.Of("TeamId", "Status"), At(50, 5), isAttribute: true)]),
        ["attribute index on a shadow key"] = new ModelFix(
            "Message", "App.Message", TenantKeyReference.Shadow("TenantId", "System.Guid"), null, null, At(6, 7), new IndexShape(["TenantId", "Number"], isUnique: true), IndexPlacement.Attribute),
        ["reference index and relationship"] = new ModelFix(
            "Message", "App.Message", null, ConfigurationSiteKind.ModelStatement, At(16, 30), At(6, 7), IndexShape.Of("CampaignId"), relationshipPrincipal: "Campaign"),
        ["tenant query filter"] = new ModelFix(
            "Message", "App.Message", TenantKeyReference.Property("TeamId"), ConfigurationSiteKind.OnModelCreating, At(16, 30), At(6, 7), queryFilter: QueryFilterKind.TenantEquals),
    };

    [Theory]
    [MemberData(nameof(Fixes))]
    public void Fix_reads_back_as_written(string name)
    {
        var fix = AllFixes()[name];
        var (properties, locations) = ModelFixProperties.Write(fix);

        var read = ModelFixProperties.Read(properties, locations);

        Assert.NotNull(read);
        Assert.Equal(Describe(fix), Describe(read));
    }

    [Theory]
    [MemberData(nameof(Fixes))]
    public void Properties_hold_names_and_flags_never_code(string name)
    {
        var (properties, _) = ModelFixProperties.Write(AllFixes()[name]);

        Assert.All(properties.Values, value => Assert.DoesNotMatch(@"=>|\(|\{|\$p|\.Has|nameof", value!));
    }

    [Theory]
    [MemberData(nameof(Fixes))]
    public void A_tool_with_the_properties_alone_reads_the_data_without_the_places(string name)
    {
        var fix = AllFixes()[name];
        var (properties, _) = ModelFixProperties.Write(fix);

        var read = ModelFixProperties.Read(properties.ToDictionary(p => p.Key, p => p.Value));

        Assert.NotNull(read);
        Assert.Equal(fix.Index?.ToString(), read.Index?.ToString());
        Assert.Equal(fix.TenantKey?.ToString(), read.TenantKey?.ToString());
        Assert.Equal(fix.EntityType, read.EntityType);
        Assert.Null(read.Site);
        Assert.Empty(read.Replaceable);
    }

    [Fact]
    public void Properties_of_another_rule_read_as_no_fix_and_the_scoping_rules_tenant_key_reads_alone()
    {
        var scoping = ImmutableDictionary<string, string?>.Empty.Add(ModelFixProperties.TenantKey, "TeamId");

        Assert.Null(ModelFixProperties.Read(scoping));
        Assert.Equal("TeamId", ModelFixProperties.ReadTenantKey(scoping)?.Name);
        Assert.Null(ModelFixProperties.Read(ImmutableDictionary<string, string?>.Empty));
    }

    private static string Describe(ModelFix fix) => string.Join(
        " | ",
        fix.Entity,
        fix.EntityType,
        fix.TenantKey?.ToString(),
        fix.SiteKind?.ToString(),
        fix.Site?.SourceSpan.ToString(),
        fix.EntityDeclaration?.SourceSpan.ToString(),
        fix.Index?.ToString(),
        fix.Index?.IsUnique.ToString(),
        fix.Index?.EqualityColumns.ToString(System.Globalization.CultureInfo.InvariantCulture),
        fix.Placement.ToString(),
        string.Join(";", fix.Replaceable.Select(r => $"{r.Shape}@{r.Declaration.SourceSpan}{(r.IsAttribute ? " attribute" : string.Empty)}")),
        fix.RelationshipPrincipal,
        fix.QueryFilter?.ToString());
}
