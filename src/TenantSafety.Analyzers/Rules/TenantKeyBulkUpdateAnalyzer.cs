using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Rules;

/// <summary>TSA1006: <c>SetProperty(x => x.TeamId, …)</c> in <c>ExecuteUpdate</c> moves rows between tenants.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TenantKeyBulkUpdateAnalyzer : TenantSafetyAnalyzer
{
    // {0} entity name, {1} tenant key property name, {2} the owner named by the key.
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.BulkUpdateChangesTenantKey,
        title: "Bulk update changes the tenant key",
        messageFormat: "Bulk update sets '{0}.{1}'; it moves rows to another {2}",
        DiagnosticSeverity.Warning,
        description: "ExecuteUpdate with SetProperty on the tenant key moves rows between tenants in one statement, bypassing every check the application performs on ownership changes.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

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
        if (method.Name != "SetProperty" || method.ContainingType is not { } setters
            || !(setters.IsDefinitionOf(state.Symbols.SetPropertyCalls) || setters.IsDefinitionOf(state.Symbols.UpdateSettersBuilder))
            || invocation.ArgumentAt(0)?.Value.AsLambda() is not { } selector)
        {
            return;
        }

        var key = state.GetAnalysis(invocation.Syntax.SyntaxTree).Tenancy.Predicate.SelectedTenantKey(selector);
        if (key is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.OperatorNameToEnd(), setters.TypeArguments[0].Name, key, TenantWording.Owner(key)));
        }
    }
}
