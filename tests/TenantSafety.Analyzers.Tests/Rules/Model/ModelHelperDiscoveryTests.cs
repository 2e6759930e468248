using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// Model-building helpers are found by their builder parameter. Types are pre-selected by whether their source can
/// name a builder type, so a builder written through a using alias (in the file, or a global alias elsewhere) must
/// still count; each case has a control where the helper does not index the key.
/// </summary>
public sealed class ModelHelperDiscoveryTests
{
    private const string Alias = "using MessageBuilder = Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Message>;\n";
    private const string GlobalAlias = "global using MessageBuilder = Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Message>;\n";

    private static string ModelWithHelper(string name, string indexedColumn) => ModelSources.Model(
        name,
        types: $$"""
            public static class MessageIndexes
            {
                public static void Configure(MessageBuilder builder) => builder.HasIndex(e => e.{{indexedColumn}});
            }
            """);

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Helper_taking_an_aliased_builder_configures_the_model(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(Alias + ModelWithHelper("Message", "TeamId"), ef);
        await Verify.VerifyAnalyzerAsync(Alias + ModelWithHelper("{|TSA2001:Message|}", "Status"), ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Helper_taking_a_builder_through_a_global_alias_in_another_file_configures_the_model(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync([GlobalAlias, ModelWithHelper("Message", "TeamId")], ef, editorConfig: null);
        await Verify.VerifyAnalyzerAsync([GlobalAlias, ModelWithHelper("{|TSA2001:Message|}", "Status")], ef, editorConfig: null);
    }

    /// <summary>
    /// The builder type's name is searched in each declaration's text: every spelling of it as a type counts, and a
    /// mention in a comment or a string, or inside a longer name, before it must not end the search.
    /// </summary>
    [Theory]
    [InlineData("EntityTypeBuilder<Message>")]
    [InlineData("@EntityTypeBuilder<Message>")]
    [InlineData("Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Message>")]
    [InlineData("global::Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<Message>")]
    [InlineData("ModelBuilder")]
    public async Task Helper_naming_the_builder_type_in_any_spelling_configures_the_model(string builderType)
    {
        var configure = builderType == "ModelBuilder"
            ? "builder.Entity<Message>().HasIndex(e => e.TeamId)"
            : "builder.HasIndex(e => e.TeamId)";
        var helper = $$"""
            public static class MessageIndexes
            {
                // Takes an EntityTypeBuilder or a ModelBuilder ("EntityTypeBuilder" and "ModelBuilder" in a string too).
                private const string Note = "EntityTypeBuilder ModelBuilder";
                private sealed class MyEntityTypeBuilderOptions { }

                public static void Configure({{builderType}} builder) => {{configure}};
            }
            """;
        await Verify.VerifyAnalyzerAsync(ModelSources.Model("Message", types: helper), EfCoreVersion.Ef10);
        await Verify.VerifyAnalyzerAsync(ModelSources.Model("{|TSA2001:Message|}", types: helper.Replace("e.TeamId", "e.Status")), EfCoreVersion.Ef10);
    }

    [Fact]
    public async Task Helper_in_the_second_part_of_a_partial_class_in_another_file_configures_the_model()
    {
        const string firstPart = "public static partial class MessageIndexes { private const int Version = 1; }\n";
        const string secondPart = """
            using Microsoft.EntityFrameworkCore.Metadata.Builders;
            public static partial class MessageIndexes
            {
                public static void Configure(EntityTypeBuilder<Message> builder) => builder.HasIndex(e => e.TeamId);
            }
            """;
        await Verify.VerifyAnalyzerAsync([firstPart, ModelSources.Model("Message"), secondPart], EfCoreVersion.Ef10, editorConfig: null);
        await Verify.VerifyAnalyzerAsync([firstPart, ModelSources.Model("{|TSA2001:Message|}"), secondPart.Replace("e.TeamId", "e.Status")], EfCoreVersion.Ef10, editorConfig: null);
    }
}
