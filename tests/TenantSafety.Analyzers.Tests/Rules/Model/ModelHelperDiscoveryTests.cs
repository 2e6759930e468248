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
}
