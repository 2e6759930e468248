using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers;

/// <summary>
/// The only place descriptors are built, so every rule gets the same help link: to <c>docs/rules/{id}.md</c> at
/// <see cref="HelpLinkBase"/>, or none while that is empty.
/// </summary>
internal static class RuleDescriptors
{
    /// <summary>
    /// The public address of the rule pages, ending in <c>docs/rules/</c>; empty while the project has none. A help
    /// link nobody can open is worse than none (with none, an IDE offers a web search for the ID), so until then the
    /// descriptors carry no link and the pages ship inside the package, in <c>docs/rules/{id}.md</c>.
    /// </summary>
    public const string HelpLinkBase = "";

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

    public static string GetHelpLink(string id) => HelpLinkBase.Length == 0 ? "" : HelpLinkBase + id + ".md";
}
