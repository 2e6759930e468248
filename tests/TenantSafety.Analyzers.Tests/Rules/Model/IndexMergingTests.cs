using System.Linq;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// The entity model holds one index per EF Core index: an <c>[Index]</c> attribute and <c>HasIndex</c> calls on the
/// same columns (unnamed) or with the same name configure one index, whose settings come from the last fluent call
/// that sets them, else from the attribute. Every declaration is remembered.
/// </summary>
public sealed class IndexMergingTests
{
    private const string E = "        modelBuilder.Entity<Message>().";

    private static IndexDefinition[] ExplicitIndexes(EfCoreVersion ef, string attributes, string statements)
    {
        var compilation = EfCoreReferences.Compile(ef, ModelSources.Model(attributes: attributes, onModelCreating: statements));
        var symbols = EfSymbols.Of(compilation);
        var model = EntityModelBuilder.Build(symbols, ConfiguringTypes.Find(compilation, symbols), new SemanticModelCache(compilation), new EntityDeclarations(symbols, new TypeResolver(compilation)), default);
        return model.Entities.Single(e => e.Type.Name == "Message").Indexes.Where(i => i.IsExplicit).ToArray();
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void Attribute_and_fluent_call_on_the_same_columns_make_one_index_with_the_fluent_settings(EfCoreVersion ef)
    {
        var indexes = ExplicitIndexes(ef, "[Index(nameof(TeamId), IsUnique = true, AllDescending = true)]", E + "HasIndex(m => m.TeamId).HasDatabaseName(\"ix_messages_team\").IsUnique(false);");

        var index = Assert.Single(indexes);
        Assert.Equal(["TeamId"], index.Properties.ToArray());
        Assert.Equal("ix_messages_team", index.Name);
        Assert.Null(index.IndexName);
        Assert.False(index.IsUnique);
        Assert.True(index.IsDescendingAt(0));
        Assert.Equal(2, index.Declarations.Length);
        Assert.True(index.Declarations[0].IsAttribute);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void Later_fluent_call_overrides_what_it_configures_and_keeps_the_rest(EfCoreVersion ef)
    {
        var indexes = ExplicitIndexes(ef, string.Empty, E + "HasIndex(m => m.TeamId).HasDatabaseName(\"ix_a\").IsUnique();\n" + E + "HasIndex(m => m.TeamId).HasDatabaseName(\"ix_b\");");

        var index = Assert.Single(indexes);
        Assert.Equal("ix_b", index.Name);
        Assert.True(index.IsUnique);
        Assert.Equal(2, index.Declarations.Length);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void Named_index_is_found_by_name_and_is_distinct_from_the_unnamed_one(EfCoreVersion ef)
    {
        var indexes = ExplicitIndexes(
            ef,
            "[Index(nameof(TeamId), Name = \"ix_team\")]",
            E + "HasIndex(m => m.TeamId, \"ix_team\").IsUnique();\n" + E + "HasIndex(m => m.TeamId);\n" + E + "HasIndex(m => m.TeamId, \"ix_other\");");

        Assert.Equal(3, indexes.Length);
        var named = Assert.Single(indexes, i => i.IndexName == "ix_team");
        Assert.Equal("ix_team", named.Name);
        Assert.True(named.IsUnique);
        Assert.Equal(2, named.Declarations.Length);
        Assert.Single(indexes, i => i.IndexName is null);
        Assert.Single(indexes, i => i.IndexName == "ix_other");
    }
}
