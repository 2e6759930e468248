using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
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
            start.RegisterOperationAction(c => AnalyzeInvocation(c, state), OperationKind.Invocation);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, TenantCompilationState state)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "SetProperty" || state.GeneratedCode.SkipsAnalysisOf(invocation.Syntax.SyntaxTree) || method.ContainingType is not { } setters
            || !(setters.IsDefinitionOf(state.Symbols.SetPropertyCalls) || setters.IsDefinitionOf(state.Symbols.UpdateSettersBuilder))
            || invocation.ArgumentAt(0)?.Value.AsLambda() is not { } selector)
        {
            return;
        }

        var key = state.GetAnalysis(invocation.Syntax.SyntaxTree).Tenancy.Predicate.SelectedTenantKey(selector);
        if (key is not null)
        {
            context.Report(state, Diagnostic.Create(RuleDescriptors.BulkUpdateChangesTenantKey, invocation.Syntax.OperatorNameToEnd(), setters.TypeArguments[0].Name, key, TenantWording.Owner(key)));
        }
    }
}
