using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers;

/// <summary>
/// The only place descriptors are built, so every rule gets its help link to <c>docs/rules/{id}.md</c>.
/// </summary>
internal static class RuleDescriptors
{
    public const string HelpLinkBase = "https://github.com/tenantsafety/TenantSafety.Analyzers/blob/main/docs/rules/";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        DiagnosticSeverity defaultSeverity,
        string description,
        bool isEnabledByDefault = true)
    {
#pragma warning disable RS0030 // The one place descriptors are built (BannedSymbols.txt): the help link is never forgotten.
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            RuleCategories.TenantSafety,
            defaultSeverity,
            isEnabledByDefault,
            description,
            helpLinkUri: GetHelpLink(id));
#pragma warning restore RS0030
    }

    public static string GetHelpLink(string id) => HelpLinkBase + id + ".md";
}
