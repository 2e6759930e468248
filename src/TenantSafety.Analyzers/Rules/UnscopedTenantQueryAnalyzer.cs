using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TenantSafety.Analyzers.Rules;

/// <summary>TSA1001, TSA1002, TSA1003 and TSA1005: judged at the point where a query runs.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnscopedTenantQueryAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        TenantQueryDescriptors.UnscopedTenantQuery,
        TenantQueryDescriptors.CrossTenantAggregate,
        TenantQueryDescriptors.UnscopedBulkOperation,
        TenantQueryDescriptors.IgnoredTenantFilter);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
    }
}
