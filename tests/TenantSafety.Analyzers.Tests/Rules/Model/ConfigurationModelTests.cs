using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tenancy;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// The model configuration is read in a semantic model of its own that skips nullable analysis in a build (the compiler
/// binds those bodies again for itself, so sharing the driver's model saves nothing there), and in the driver's shared
/// model in the IDE's edit cycle (where the driver binds the open document for every analyzer). Both read the same model.
/// </summary>
public sealed class ConfigurationModelTests
{
    private const string OnModelCreating = """
                string? schema = null;
                modelBuilder.HasDefaultSchema(schema);
                modelBuilder.Entity<Message>(e =>
                {
                    e.ToTable("inbox_messages");
                    e.HasIndex(m => new { m.TeamId, m.CreatedAt }).HasDatabaseName("ix_inbox_team_created").IsDescending(false, true);
                    e.HasIndex(m => m.Number).IsUnique();
                    e.HasQueryFilter(m => m.TeamId == CurrentTeamId);
                    e.HasOne<Team>().WithMany().HasForeignKey(m => m.OwnerTeamId);
                });
        """;

    private static CSharpCompilation Compile(EfCoreVersion ef) =>
        EfCoreReferences.Compile(ef, "#nullable enable\n" + ModelSources.Model(onModelCreating: OnModelCreating, dbSets: "public DbSet<Message> Messages => Set<Message>(); public Guid CurrentTeamId { get; set; }"));

    private static SyntaxTree ModelTree(Compilation compilation) => compilation.SyntaxTrees.First();

    [Fact]
    public void The_compiler_the_tests_run_on_can_skip_nullable_analysis()
    {
        // Without it every test below would pass on the fallback alone.
        Assert.NotNull(SemanticModelCache.FindWithoutNullableAnalysis(typeof(Compilation).Assembly));
    }

    [Fact]
    public void A_compiler_without_the_option_reads_the_configuration_in_the_shared_model()
    {
        // Roslyn before 4.12 (the .NET 8 SDK) has no SemanticModelOptions: an assembly without the type stands for it.
        var withoutNullableAnalysis = SemanticModelCache.FindWithoutNullableAnalysis(typeof(object).Assembly);
        var compilation = Compile(EfCoreVersion.Ef10);
        var models = new SemanticModelCache(compilation, isEditCycle: null, withoutNullableAnalysis);
        var tree = ModelTree(compilation);

        Assert.Null(withoutNullableAnalysis);
        Assert.Same(models.Get(tree), models.ForConfiguration(tree));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void A_build_reads_the_configuration_in_a_model_of_its_own_without_nullable_analysis(EfCoreVersion ef)
    {
        var compilation = Compile(ef);
        var models = new SemanticModelCache(compilation);
        var tree = ModelTree(compilation);

        var configuration = models.ForConfiguration(tree)!;
        var shared = models.Get(tree)!;

        Assert.NotSame(shared, configuration);
        Assert.Same(configuration, models.ForConfiguration(tree));
        var schema = tree.GetRoot().DescendantNodes().OfType<ArgumentSyntax>().First(a => a.Expression is IdentifierNameSyntax { Identifier.ValueText: "schema" }).Expression;
        Assert.Equal(NullableFlowState.MaybeNull, shared.GetTypeInfo(schema).Nullability.FlowState);
        Assert.Equal(NullableFlowState.None, configuration.GetTypeInfo(schema).Nullability.FlowState);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void The_edit_cycle_reads_the_configuration_in_the_shared_model(EfCoreVersion ef)
    {
        var compilation = Compile(ef);
        var models = new SemanticModelCache(compilation, isEditCycle: () => true);
        var tree = ModelTree(compilation);

        Assert.Same(models.Get(tree), models.ForConfiguration(tree));
    }

    [Fact]
    public void A_tree_of_another_compilation_has_no_model()
    {
        var models = new SemanticModelCache(Compile(EfCoreVersion.Ef10));

        Assert.Null(models.ForConfiguration(CSharpSyntaxTree.ParseText("class Elsewhere { }")));
        Assert.Null(models.Get(CSharpSyntaxTree.ParseText("class Elsewhere { }")));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public void Both_models_read_the_same_entities_indexes_keys_and_filters(EfCoreVersion ef)
    {
        var build = Describe(Compile(ef), isEditCycle: false);
        var editCycle = Describe(Compile(ef), isEditCycle: true);

        Assert.Equal(editCycle, build);
        Assert.Contains("Message inbox_messages", build);
        Assert.Contains("index TeamId,CreatedAt ix_inbox_team_created unique=False", build);
        Assert.Contains("index Number  unique=True", build);
        Assert.Contains("filters 1", build);
    }

    /// <summary>What the model and the filter index say of every entity, as text to compare.</summary>
    private static string Describe(Compilation compilation, bool isEditCycle)
    {
        var symbols = EfSymbols.Of(compilation);
        var configuring = ConfiguringTypes.Find(compilation, symbols);
        var models = new SemanticModelCache(compilation, () => isEditCycle);
        var types = new TypeResolver(compilation);
        var model = EntityModelBuilder.Build(symbols, configuring, models, new EntityDeclarations(symbols, types), default);
        var filters = TenantFilterIndex.Build(configuring, symbols, models, types, default);
        return string.Join("\n", model.Entities.OrderBy(e => e.Type.Name).Select(entity =>
            $"{entity.Type.Name} {entity.TableName}\n"
            + string.Join("\n", entity.Indexes.Select(i => $"  index {string.Join(",", i.Properties)} {i.Name} unique={i.IsUnique}"))
            + "\n" + string.Join("\n", entity.ForeignKeys.Select(k => $"  foreign key {string.Join(",", k.Properties)} -> {k.Principal?.Name}"))
            + $"\n  filters {filters.FiltersFor(entity.Type).Length}: {string.Join(";", filters.FiltersFor(entity.Type).Select(f => string.Join(",", f.Keys)))}"));
    }
}
