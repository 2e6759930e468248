using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// What every rule does the same way: runs concurrently, skips generated code, and does nothing in a compilation that
/// does not reference EF Core. A rule registers its actions in <see cref="Register"/> with the compilation's shared state.
/// </summary>
public abstract class TenantSafetyAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (TenantCompilationState.For(start.Compilation, start.Options) is { } state)
            {
                Register(start, state);
            }
        });
    }

    /// <summary>Registers the rule's actions for one compilation that references EF Core.</summary>
    private protected abstract void Register(CompilationStartAnalysisContext start, TenantCompilationState state);
}
