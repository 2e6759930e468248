using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A syntactic pre-check before the tenancy model is built, so that a file without EF Core entities or queries never
/// builds it: the names a query filter may declare a tenant key with (identifiers and strings inside
/// <c>HasQueryFilter(…)</c>), and the names written in files that declare shadow properties by string
/// (<c>Property&lt;Guid&gt;("TeamId")</c>) or call <c>IsMultiTenant()</c> (an entity there may have a key its class lacks).
/// Each tree is scanned once and the result kept with the tree, which the IDE reuses across compilations.
/// </summary>
/// <remarks>The sets are read-only once built (hash sets: an immutable set of every identifier of a large configuration file cost more to build than the rest of the scan).</remarks>
/// <param name="FilterNames">Every identifier and string written inside a <c>HasQueryFilter</c> call: a superset of the keys filters can declare.</param>
/// <param name="NamesNearDeclarations">Every identifier of the files that declare a property by string or call <c>IsMultiTenant()</c>.</param>
/// <param name="CallsIsMultiTenantInALoop">
/// Whether <c>IsMultiTenant()</c> is called inside a <c>foreach</c> (Finbuckle's isolation by default): any entity
/// may then be a tenant entity, named nowhere near the call.
/// </param>
internal sealed record TenancyMentions(HashSet<string> FilterNames, HashSet<string> NamesNearDeclarations, bool CallsIsMultiTenantInALoop)
{
    /// <summary>A file that mentions none of it: most files.</summary>
    private static readonly TenancyMentions None = new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), CallsIsMultiTenantInALoop: false);

    /// <summary>Each tree's own mentions; the compilation's are their union.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, TenancyMentions> s_trees = new();

    /// <summary>
    /// <c>Property&lt;T&gt;(</c> of any kind, or <c>Property(</c> with a string or <c>nameof</c> argument: what can declare a
    /// property by name. Lambda-based <c>Property(x =&gt; x.Name)</c>, in nearly every configuration file, cannot.
    /// </summary>
    private static readonly Regex s_propertyByName = new(@"\bProperty\s*(<|\(\s*(\w+\s*:\s*)?(@|\$|""|nameof\b))", RegexOptions.CultureInvariant);

    public static TenancyMentions Of(Compilation compilation)
    {
        var filterNames = new HashSet<string>(StringComparer.Ordinal);
        var nearDeclarations = new HashSet<string>(StringComparer.Ordinal);
        var inALoop = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var mentions = OfTree(tree);
            filterNames.UnionWith(mentions.FilterNames);
            nearDeclarations.UnionWith(mentions.NamesNearDeclarations);
            inALoop |= mentions.CallsIsMultiTenantInALoop;
        }

        return new TenancyMentions(filterNames, nearDeclarations, inALoop);
    }

    /// <summary>What one file mentions; kept with the tree.</summary>
    public static TenancyMentions OfTree(SyntaxTree tree) => s_trees.GetValue(tree, Scan);

    /// <summary>Whether the file declares no query filter and no Finbuckle loop: all the model could read from it are names.</summary>
    public bool DeclaresNoFilter => FilterNames.Count == 0 && !CallsIsMultiTenantInALoop;

    /// <summary>Whether two files mention the same names (what the model reads of a file that declares no filter).</summary>
    public bool SaysTheSameAs(TenancyMentions other) =>
        ReferenceEquals(this, other)
        || (CallsIsMultiTenantInALoop == other.CallsIsMultiTenantInALoop && FilterNames.SetEquals(other.FilterNames) && NamesNearDeclarations.SetEquals(other.NamesNearDeclarations));

    private static TenancyMentions Scan(SyntaxTree tree)
    {
        // Most files never configure a model: a search of the text spares walking their syntax. (The text of a parsed
        // file is a string already: ToString() copies nothing.)
        var text = tree.GetText().ToString();
        var hasFilter = text.IndexOf("HasQueryFilter", StringComparison.Ordinal) >= 0;
        var mayDeclare = text.IndexOf("IsMultiTenant", StringComparison.Ordinal) >= 0
            || (text.IndexOf("Property", StringComparison.Ordinal) >= 0 && s_propertyByName.IsMatch(text));
        if (!hasFilter && !mayDeclare)
        {
            return None;
        }

        // The calls are found from where the text spells their names, not by walking every node of the file.
        var root = tree.GetRoot();
        var filterNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in tree.CallsNamed("HasQueryFilter"))
        {
            foreach (var token in call.ArgumentList.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.StringLiteralToken))
                {
                    filterNames.Add(token.ValueText);
                }
            }
        }

        var declares = false;
        var inALoop = false;
        foreach (var call in tree.CallsNamed("IsMultiTenant"))
        {
            declares = true;
            inALoop |= call.Ancestors().Any(node => node is CommonForEachStatementSyntax);
        }

        declares = declares || tree.CallsNamed("Property").Any(call => call.ArgumentList.Arguments.Any(
            a => a.Expression.IsKind(SyntaxKind.StringLiteralExpression) || a.Expression.NameOfArgument() is not null));

        var names = new HashSet<string>(StringComparer.Ordinal);
        if (declares)
        {
            foreach (var token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(token.ValueText);
                }
            }
        }

        return new TenancyMentions(filterNames, names, inALoop);
    }
}
