using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Rules;

/// <summary>TSA1006: <c>SetProperty(x => x.TeamId, …)</c> inside <c>ExecuteUpdate</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TenantKeyBulkUpdateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(TenantKeyBulkUpdateDescriptors.BulkUpdateChangesTenantKey);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
    }
}
