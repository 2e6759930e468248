using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>TSA1006: <c>SetProperty(x => x.TeamId, …)</c> in <c>ExecuteUpdate</c> moves rows between tenants.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TenantKeyBulkUpdateAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.BulkUpdateChangesTenantKey)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state)
    {
        if (state.Symbols.SetPropertyCalls is not null || state.Symbols.UpdateSettersBuilder is not null)
        {
            start.RegisterSemanticModelAction(c => Analyze(c, state));
        }
    }

    /// <summary>
    /// The file's <c>SetProperty</c> calls, found by the search of its text the per-file rules share (<see cref="RuleCalls"/>):
    /// a file without one is never bound or walked for this rule.
    /// </summary>
    private static void Analyze(SemanticModelAnalysisContext context, TenantCompilationState state)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var cancellationToken = context.CancellationToken;
        if (state.GeneratedCode.SkipsAnalysisOf(tree))
        {
            return;
        }

        foreach (var invocation in state.RuleCalls.Invocations(context.SemanticModel, RuleCalls.SetProperty, cancellationToken))
        {
            if (invocation.TargetMethod.ContainingType is not { } setters
                || !(setters.IsDefinitionOf(state.Symbols.SetPropertyCalls) || setters.IsDefinitionOf(state.Symbols.UpdateSettersBuilder))
                || invocation.ArgumentAt(0)?.Value.AsLambda() is not { } selector)
            {
                continue;
            }

            var key = state.GetAnalysis(tree).Tenancy.Predicate.SelectedTenantKey(selector);
            if (key is not null)
            {
                context.Report(state, Diagnostic.Create(RuleDescriptors.BulkUpdateChangesTenantKey, invocation.Syntax.OperatorNameToEnd(), setters.TypeArguments[0].Name, key, TenantWording.Owner(key)));
            }
        }
    }
}
