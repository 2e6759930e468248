using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Queries;

namespace TenantSafety.Analyzers.Rules;

/// <summary>TSA1006: <c>SetProperty(x => x.TeamId, …)</c> in <c>ExecuteUpdate</c> moves rows between tenants.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TenantKeyBulkUpdateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(TenantKeyBulkUpdateDescriptors.BulkUpdateChangesTenantKey);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = EfCoreSymbols.TryCreate(start.Compilation);
            if (symbols is null || (symbols.SetPropertyCalls is null && symbols.UpdateSettersBuilder is null))
            {
                return;
            }

            var optionsProvider = start.Options.AnalyzerConfigOptionsProvider;
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols, optionsProvider), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, EfCoreSymbols symbols, AnalyzerConfigOptionsProvider optionsProvider)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "SetProperty" || method.ContainingType is not { } setters
            || !(SymbolEqualityComparer.Default.Equals(setters.OriginalDefinition, symbols.SetPropertyCalls)
                || SymbolEqualityComparer.Default.Equals(setters.OriginalDefinition, symbols.UpdateSettersBuilder)))
        {
            return;
        }

        var selector = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
        var lambda = selector is null ? null : TenantPredicate.AsLambda(selector);
        if (lambda is null)
        {
            return;
        }

        var options = TenantSafetyOptions.Read(optionsProvider, invocation.Syntax.SyntaxTree);
        var key = new TenantPredicate(options, symbols).SelectedTenantKey(lambda);
        if (key is null)
        {
            return;
        }

        var entity = setters.TypeArguments[0];
        context.ReportDiagnostic(Diagnostic.Create(
            TenantKeyBulkUpdateDescriptors.BulkUpdateChangesTenantKey,
            DiagnosticLocations.OperatorNameToEnd(invocation.Syntax),
            entity.Name,
            key));
    }
}
