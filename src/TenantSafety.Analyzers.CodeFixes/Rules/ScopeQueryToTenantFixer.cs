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
using TenantSafety.Analyzers.CodeFixes.Scoping;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Rules;

/// <summary>
/// TSA1001/1002/1003/1005: inserts <c>.Where(x => x.TeamId == value)</c> (<c>EF.Property&lt;Guid&gt;(x, "TeamId")</c> for a
/// shadow key) right after the root of the query
/// (reported by the analyzer as the diagnostic's additional location). Offered only when a value is in scope,
/// the query does not exclude the tenant on purpose (<see cref="TenantExclusion"/>), and the edited document
/// compiles with no more errors than before.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ScopeQueryToTenantFixer))]
public sealed class ScopeQueryToTenantFixer : CodeFixProvider
{
    public const string EquivalenceKey = "TenantSafety.ScopeQueryToTenant";

    private static readonly string[] LambdaParameterNamesInQueries = { "x", "e", "row", "entity", "item" };

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.UnscopedTenantQuery,
        RuleIdentifiers.CrossTenantAggregate,
        RuleIdentifiers.UnscopedBulkOperation,
        RuleIdentifiers.IgnoredTenantFilter);

    /// <summary>Fixes every finding that has a fix, whichever finding a host such as dotnet format asked about first.</summary>
    public override FixAllProvider GetFixAllProvider() => new OwnKeyFixAllProvider(EquivalenceKey);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.AdditionalLocations.Count == 0 || ModelFixProperties.ReadTenantKey(diagnostic.Properties) is not { } key)
            {
                continue;
            }

            var rootLocation = diagnostic.AdditionalLocations[0];
            var document = context.Document.Project.Solution.GetDocument(rootLocation.SourceTree);
            if (document is null)
            {
                continue;
            }

            var fixedDocument = await TryScopeAsync(document, rootLocation, diagnostic.Location, key, context.CancellationToken).ConfigureAwait(false);
            if (fixedDocument is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Scope the query to the current tenant ('{key.Name}')",
                    _ => Task.FromResult(fixedDocument.Project.Solution),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> TryScopeAsync(Document document, Location rootLocation, Location reportedAt, TenantKeyReference key, CancellationToken cancellationToken)
    {
        var syntaxRoot = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (syntaxRoot is null || model is null)
        {
            return null;
        }

        if (syntaxRoot.FindNode(rootLocation.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax queryRoot)
        {
            return null;
        }

        // A query that asks for other tenants' rows on purpose (x.TeamId != teamId) would return nothing once scoped.
        var reported = reportedAt.SourceTree == queryRoot.SyntaxTree ? syntaxRoot.FindNode(reportedAt.SourceSpan, getInnermostNodeForTie: true) : queryRoot;
        if (TenantExclusion.IsExcluded(model, key.Name, cancellationToken, queryRoot, reported))
        {
            return null;
        }

        var elementType = ElementType(model.GetTypeInfo(queryRoot, cancellationToken).Type);
        var keyType = key.ClrType is { } shadowType
            ? model.GetSpeculativeTypeInfo(queryRoot.SpanStart, SyntaxFactory.ParseTypeName(shadowType), SpeculativeBindingOption.BindAsTypeOrNamespace).Type
            : elementType?.FindInstanceProperty(key.Name)?.Type;
        var configured = TenantSafetyOptions.Read(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, queryRoot.SyntaxTree).TenantValue;
        var errorsBefore = CompileGuard.CountErrors(model, cancellationToken);
        var inScope = model.LookupSymbols(queryRoot.SpanStart).Select(s => s.Name).ToImmutableHashSet();
        var parameterName = LambdaParameterNames.Choose(LambdaParameterNamesInQueries, inScope.Contains);

        foreach (var (candidate, valueAccess) in Candidates(model, queryRoot.SpanStart, key.Name, keyType, configured))
        {
            var scoped = ScopedRoot(queryRoot, parameterName, key, valueAccess, candidate);
            var newRoot = syntaxRoot.ReplaceNode(queryRoot, scoped);
            var newDocument = document.WithSyntaxRoot(newRoot);
            if (await CompileGuard.HasAtMostErrorsAsync(newDocument, errorsBefore, cancellationToken).ConfigureAwait(false))
            {
                return newDocument;
            }

            // The file may not import System.Linq (no implicit usings): try again with it.
            if (newRoot is CompilationUnitSyntax unit && !unit.Usings.Any(u => u.Name?.ToString() == "System.Linq"))
            {
                var withUsing = document.WithSyntaxRoot(unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq")).WithAdditionalAnnotations(Formatter.Annotation)));
                if (await CompileGuard.HasAtMostErrorsAsync(withUsing, errorsBefore, cancellationToken).ConfigureAwait(false))
                {
                    return withUsing;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The values to compare the key with, each with what to read on the key: the key's own type first; for a key held
    /// in a value object (a strongly-typed <c>TenantId</c>), then values of the type it wraps, compared with its <c>.Value</c>.
    /// </summary>
    private static IEnumerable<(string Value, string ValueAccess)> Candidates(SemanticModel model, int position, string keyName, ITypeSymbol? keyType, string? configured)
    {
        foreach (var candidate in TenantValueCandidates.Find(model, position, keyName, keyType, configured))
        {
            yield return (candidate, string.Empty);
        }

        if (keyType.IsKeyValueObject() && keyType!.FindInstanceProperty("Value") is { } wrapped)
        {
            foreach (var candidate in TenantValueCandidates.Find(model, position, keyName, wrapped.Type, configured))
            {
                yield return (candidate, ".Value");
            }
        }
    }

    private static ExpressionSyntax ScopedRoot(ExpressionSyntax queryRoot, string parameterName, TenantKeyReference key, string valueAccess, string value)
    {
        var receiver = queryRoot.WithoutTrivia();
        if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
            or ParenthesizedExpressionSyntax or GenericNameSyntax or ThisExpressionSyntax))
        {
            receiver = SyntaxFactory.ParenthesizedExpression(receiver);
        }

        var lambda = SyntaxFactory.ParseExpression($"{parameterName} => {ModelFixRenderer.KeyAccess(key, parameterName)}{valueAccess} == {value}");
        var where = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Where")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(lambda))));
        return where.WithTriviaFrom(queryRoot);
    }

    private static ITypeSymbol? ElementType(ITypeSymbol? queryType)
    {
        if (queryType is INamedTypeSymbol { IsGenericType: true } named && named.TypeArguments.Length == 1)
        {
            return named.TypeArguments[0];
        }

        return queryType?.AllInterfaces
            .FirstOrDefault(i => i.IsGenericType && i.ConstructedFrom.ToDisplayString() == "System.Linq.IQueryable<T>")
            ?.TypeArguments[0];
    }
}
