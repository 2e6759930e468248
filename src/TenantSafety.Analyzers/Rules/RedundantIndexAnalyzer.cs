using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA2004: an explicit index whose columns are a leading prefix of another index or key on the same table.
/// Reported at each <c>HasIndex</c> call (from a semantic model action, in the configuration's file) and
/// <c>[Index]</c> attribute (from the entity's symbol action) that declares the redundant index; the declarations
/// EF Core merges into one index are never compared with each other. Unique, partial, covering and non-btree indexes
/// do something the longer index does not and are never redundant to it (a unique index is to a key, or an earlier
/// unique index, on exactly its columns); EF Core's implicit foreign-key index is not
/// explicit and is never reported. Indexes written in two different DbContexts are not compared.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RedundantIndexAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.RedundantIndex)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state)
    {
        start.RegisterSymbolAction(c => AnalyzeAttributes(c, state), SymbolKind.NamedType);
        start.RegisterSemanticModelAction(c => AnalyzeHasIndexCalls(c, state));
    }

    private static void AnalyzeAttributes(SymbolAnalysisContext context, TenantCompilationState state)
    {
        // Only [Index] attributes are reported here (HasIndex calls per file): a type without one
        // never waits for the entity model.
        var indexAttribute = state.Symbols.IndexAttribute;
        if (indexAttribute is null
            || !context.Symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, indexAttribute))
            || state.Entities.Find(context.Symbol as INamedTypeSymbol) is not { } entity)
        {
            return;
        }

        var table = entity.TableRoot ?? entity;
        foreach (var index in table.Indexes)
        {
            foreach (var declaration in index.Declarations)
            {
                if (declaration.Syntax?.GetSyntax(context.CancellationToken) is AttributeSyntax attribute
                    && context.Symbol.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == attribute.SyntaxTree && r.Span.Contains(attribute.Span)))
                {
                    Report(index, declaration, table, attribute.GetLocation(), state, finding => context.Report(state, finding), context.CancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The file's <c>HasIndex</c> calls, found by the search of its text the per-file rules share (<see cref="RuleCalls"/>):
    /// a file without one is never bound or walked for this rule.
    /// </summary>
    private static void AnalyzeHasIndexCalls(SemanticModelAnalysisContext context, TenantCompilationState state)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var cancellationToken = context.CancellationToken;
        if (state.GeneratedCode.SkipsAnalysisOf(tree))
        {
            return;
        }

        foreach (var invocation in state.RuleCalls.Invocations(context.SemanticModel, RuleCalls.HasIndex, cancellationToken))
        {
            if (invocation.Receiver()?.Type is INamedTypeSymbol { TypeArguments.Length: 1 } builder
                && builder.IsDefinitionOf(state.Symbols.EntityTypeBuilderOfT)
                && state.Entities.Find(builder.TypeArguments[0]) is { } entity)
            {
                ReportHasIndex(invocation.Syntax, entity.TableRoot ?? entity, state, finding => context.Report(state, finding), cancellationToken);
            }
        }
    }

    /// <summary>The <c>HasIndex</c> call's own declaration, reported when redundant.</summary>
    private static void ReportHasIndex(SyntaxNode call, EntityInfo table, TenantCompilationState state, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        foreach (var index in table.Indexes)
        {
            var declaration = index.Declarations.FirstOrDefault(d => d.Syntax is { } s && s.SyntaxTree == call.SyntaxTree && s.Span == call.Span);
            if (declaration is not null)
            {
                Report(index, declaration, table, call.OperatorNameToEnd(), state, report, cancellationToken);
                return;
            }
        }
    }

    /// <summary>
    /// Reports one declaration of a redundant index: an index declared in several places (EF Core merges an
    /// <c>[Index]</c> and <c>HasIndex</c> calls on the same columns into one) is reported at each, as each must go.
    /// </summary>
    private static void Report(IndexDefinition index, IndexDeclaration declaration, EntityInfo table, Location location, TenantCompilationState state, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (!index.IsExplicit || index.IsSpecialized)
        {
            return;
        }

        var covering = table.Indexes.FirstOrDefault(other =>
            (index.IsUnique ? EnforcesTheSameUniqueness(other, index, table) : Covers(other, index, table))
            && !InAnotherContext(other, declaration, state, cancellationToken));
        if (covering is not null)
        {
            report(Diagnostic.Create(RuleDescriptors.RedundantIndex, location, Columns(index), table.Type.Name, Describe(covering)));
        }
    }

    /// <summary>
    /// Whether <paramref name="other"/> serves every query <paramref name="index"/> serves: same leading columns,
    /// same directions (or all reversed: a btree scans both ways). Of two identical indexes (distinct in EF Core
    /// because one or both are named) the first one written stays.
    /// </summary>
    private static bool Covers(IndexDefinition other, IndexDefinition index, EntityInfo table)
    {
        if (ReferenceEquals(other, index) || other.IsSpecialized || other.Origin == IndexOrigin.ForeignKeyConvention || !other.Shape.Covers(index.Shape))
        {
            return false;
        }

        if (other.Properties.Length > index.Properties.Length || !other.IsExplicit)
        {
            return true;
        }

        // Identical explicit indexes: only the later one is redundant.
        var indexes = table.Indexes.ToList();
        return indexes.IndexOf(other) < indexes.IndexOf(index);
    }

    /// <summary>
    /// Whether <paramref name="other"/> already enforces the unique constraint <paramref name="index"/> adds, and serves its
    /// queries: a key (primary or alternate: its unique index) or an earlier plain unique index on exactly its columns,
    /// in its order and directions (or all reversed). A unique index on a longer key, or on a leading prefix of one,
    /// constrains more than the key does and stays.
    /// </summary>
    private static bool EnforcesTheSameUniqueness(IndexDefinition other, IndexDefinition index, EntityInfo table)
    {
        if (ReferenceEquals(other, index) || other.IsSpecialized || !other.Properties.SequenceEqual(index.Properties) || !other.Shape.Covers(index.Shape))
        {
            return false;
        }

        return other.Origin is IndexOrigin.PrimaryKey or IndexOrigin.AlternateKey
            || (other.IsExplicit && other.IsUnique && table.Indexes.ToList().IndexOf(other) < table.Indexes.ToList().IndexOf(index));
    }

    /// <summary>
    /// Whether the declaration is written in the OnModelCreating of one DbContext and <paramref name="other"/> only in
    /// other contexts' OnModelCreating: the compilation's model is one for all contexts, but each context builds its
    /// own database model, where the other's index does not exist. Indexes in attributes, configuration classes and
    /// conventions apply to every context.
    /// </summary>
    private static bool InAnotherContext(IndexDefinition other, IndexDeclaration declaration, TenantCompilationState state, CancellationToken cancellationToken)
    {
        if (ContextOf(declaration.Syntax, state, cancellationToken) is not { } context)
        {
            return false;
        }

        var otherSites = other.Declarations.IsEmpty ? ImmutableArray.Create(other.Syntax) : other.Declarations.Select(d => d.Syntax).ToImmutableArray();
        return otherSites.All(site => ContextOf(site, state, cancellationToken) is { } otherContext && !SymbolEqualityComparer.Default.Equals(otherContext, context));
    }

    private static INamedTypeSymbol? ContextOf(SyntaxReference? syntax, TenantCompilationState state, CancellationToken cancellationToken)
    {
        if (syntax?.GetSyntax(cancellationToken) is not { } node
            || node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration
            || state.Models.Get(node.SyntaxTree)?.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return null;
        }

        return state.Symbols.IsDbContext(type) ? type : null;
    }

    /// <summary>What the message calls the covering index: <c>index (TeamId, Status)</c>, <c>the primary key (Id)</c>, <c>the alternate key (TeamId, Number)</c>.</summary>
    private static string Describe(IndexDefinition covering) => covering.Origin switch
    {
        IndexOrigin.PrimaryKey => $"the primary key ({Columns(covering)})",
        IndexOrigin.AlternateKey => $"the alternate key ({Columns(covering)})",
        _ => $"index ({Columns(covering)})",
    };

    private static string Columns(IndexDefinition index) =>
        string.Join(", ", index.Properties.Select((p, i) => index.IsDescendingAt(i) ? p + " DESC" : p));
}
