using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using TenantSafety.Analyzers.CodeFixes.Editing;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>
/// TSA2001's second fix: <c>[Index(nameof(TeamId))]</c> on the entity class, for projects that map with
/// attributes. Adds <c>using Microsoft.EntityFrameworkCore;</c> when needed; offered only when the result compiles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddIndexAttributeFixer))]
public sealed class AddIndexAttributeFixer : CodeFixProvider
{
    public const string EquivalenceKey = "TenantSafety.AddIndexAttribute";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.MissingTenantKeyIndex);

    /// <summary>
    /// One edit per document: every entity gets its attribute and the document its <c>using</c> once. The batch
    /// fixer would merge one fix per entity, each adding the same <c>using</c>, and drop the ones that conflict.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Instance;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ModelFixProperties.TenantKey, out var key) || key is null)
            {
                continue;
            }

            var edited = await AddAttributeAsync(context.Document, diagnostic.Location, key, context.CancellationToken).ConfigureAwait(false);
            if (edited is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Add [Index(nameof({key}))] to the entity", _ => Task.FromResult(edited), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static Task<Document?> AddAttributeAsync(Document document, Location location, string key, CancellationToken cancellationToken) =>
        AddAttributesAsync(document, [(location, key)], cancellationToken);

    /// <summary>Adds the attribute to the entity class at each location, then the using if the result needs it; null when it does not compile.</summary>
    private static async Task<Document?> AddAttributesAsync(Document document, IReadOnlyList<(Location Location, string Key)> entities, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return null;
        }

        var keys = new Dictionary<ClassDeclarationSyntax, string>();
        foreach (var (location, key) in entities)
        {
            if (root.FindToken(location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } entity && !keys.ContainsKey(entity))
            {
                keys.Add(entity, key);
            }
        }

        if (keys.Count == 0)
        {
            return null;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } found ? found : "\n";
        var newRoot = root.ReplaceNodes(keys.Keys, (original, rewritten) => WithIndexAttribute(rewritten, keys[original], endOfLine));
        var edited = document.WithSyntaxRoot(newRoot);
        if (await CompileGuard.CompilesAsWellAsync(document, edited, cancellationToken).ConfigureAwait(false))
        {
            return edited;
        }

        var withUsing = await AddEfCoreUsingAsync(edited, cancellationToken).ConfigureAwait(false);
        return withUsing is not null && await CompileGuard.CompilesAsWellAsync(document, withUsing, cancellationToken).ConfigureAwait(false) ? withUsing : null;
    }

    private static ClassDeclarationSyntax WithIndexAttribute(ClassDeclarationSyntax entity, string key, string endOfLine)
    {
        // The attribute takes the class's leading trivia (comments, indentation); the class keeps its indentation.
        var leading = entity.GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Index"), SyntaxFactory.ParseAttributeArgumentList($"(nameof({key}))"))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine));
        var indented = entity.WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation));
        return indented.WithAttributeLists(indented.AttributeLists.Insert(0, attribute));
    }

    private static async Task<Document?> AddEfCoreUsingAsync(Document document, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root
            || root.Usings.Any(u => u.Name?.ToString() == "Microsoft.EntityFrameworkCore"))
        {
            return null;
        }

        var usingDirective = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("Microsoft.EntityFrameworkCore"))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var usings = new List<UsingDirectiveSyntax>(root.Usings) { usingDirective };
        var sorted = usings.OrderBy(u => u.Name?.ToString(), System.StringComparer.Ordinal).ToList();
        return await Formatter.FormatAsync(document.WithSyntaxRoot(root.WithUsings(SyntaxFactory.List(sorted))), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private sealed class DocumentFixAll : DocumentBasedFixAllProvider
    {
        public static readonly DocumentFixAll Instance = new();

        protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Add [Index] on the tenant key to every entity";

        protected override Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
        {
            var entities = diagnostics
                .Where(d => d.Properties.TryGetValue(ModelFixProperties.TenantKey, out var key) && key is not null)
                .Select(d => (d.Location, d.Properties[ModelFixProperties.TenantKey]!))
                .ToList();
            return AddAttributesAsync(document, entities, fixAllContext.CancellationToken);
        }
    }
}
