using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Rules;

internal static class TenantKeyBulkUpdateDescriptors
{
    // {0} entity name, {1} tenant key property name.
    public static readonly DiagnosticDescriptor BulkUpdateChangesTenantKey = RuleDescriptors.Create(
        RuleIdentifiers.BulkUpdateChangesTenantKey,
        title: "Bulk update changes the tenant key",
        messageFormat: "Bulk update sets '{0}.{1}'; it moves rows to another team",
        DiagnosticSeverity.Warning,
        description: "ExecuteUpdate with SetProperty on the tenant key moves rows between tenants in one statement, bypassing every check the application performs on ownership changes.");
}
