using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using TenantSafety.Analyzers.CodeFixes.Editing;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Fixes;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>
/// Applies <see cref="ModelEdit"/>s: appends <c>builder.HasIndex(…)</c> to an <c>IEntityTypeConfiguration</c>'s
/// <c>Configure</c> or an <c>Entity&lt;T&gt;(b =&gt; …)</c> lambda, inserts <c>modelBuilder.Entity&lt;T&gt;().HasIndex(…)</c>
/// after the statement that configures the entity or at the end of <c>OnModelCreating</c>, or creates the
/// <c>OnModelCreating</c> override; puts <c>[Index]</c> on an entity class; widens an existing index declaration. All
/// edits of one document are made in one pass, so Fix All over many entities that share one <c>OnModelCreating</c>
/// produces one coherent method. A document whose edit would not compile as well as before is left unchanged.
/// </summary>
internal static class ModelConfigurationEditor
{
    private static readonly string[] LambdaParameterNamesInModels = { "e", "x", "entity", "row" };

    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<ModelEdit> edits, CancellationToken cancellationToken)
    {
        var result = solution;
        foreach (var group in edits.GroupBy(e => e.Document))
        {
            var document = solution.GetDocument(group.Key);
            if (document is null)
            {
                continue;
            }

            var edited = await EditDocumentAsync(document, group.ToList(), cancellationToken).ConfigureAwait(false);
            if (edited is not null)
            {
                result = result.WithDocumentSyntaxRoot(document.Id, (await edited.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!);
            }
        }

        return result;
    }

    /// <summary>The edited document, or null when nothing could be added without adding compile errors.</summary>
    public static async Task<Document?> EditDocumentAsync(Document document, IReadOnlyList<ModelEdit> edits, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString() is { Length: > 0 } found ? found : "\n";
        var additions = new List<Addition>();
        var attributes = new Dictionary<ClassDeclarationSyntax, List<ModelEdit>>();
        var widenings = new Dictionary<SyntaxNode, ModelEdit>();
        foreach (var edit in edits)
        {
            var node = root.FindNode(edit.Span, getInnermostNodeForTie: true);
            if (edit.Kind == ModelEditKind.WidenIndex)
            {
                if (node.FirstAncestorOrSelf<SyntaxNode>(n => n is InvocationExpressionSyntax or AttributeSyntax && n.Span == edit.Span) is { } declaration)
                {
                    widenings[declaration] = edit;
                }
            }
            else if (edit.AtAttribute)
            {
                if (node.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } entity)
                {
                    (attributes.TryGetValue(entity, out var list) ? list : attributes[entity] = new List<ModelEdit>()).Add(edit);
                }
            }
            else if (Plan(node, model, document, edit, endOfLine, cancellationToken) is { } addition)
            {
                additions.Add(addition);
            }
        }

        if (additions.Count == 0 && attributes.Count == 0 && widenings.Count == 0)
        {
            return null;
        }

        var targets = additions.Select(a => a.Container).Concat(attributes.Keys).Concat(widenings.Keys).Distinct();
        var newRoot = root.ReplaceNodes(targets, (original, current) =>
        {
            if (widenings.TryGetValue(original, out var widening))
            {
                current = IndexSyntax.Widen(current, widening.Index!, widening.Fix.TenantKey) ?? current;
            }

            if (original is ClassDeclarationSyntax originalClass && attributes.TryGetValue(originalClass, out var entityEdits) && current is ClassDeclarationSyntax entity)
            {
                current = IndexSyntax.WithIndexAttributes(entity, entityEdits.Select(e => e.Index!), entityEdits[0].Fix.TenantKey, endOfLine);
            }

            var here = additions.Where(a => a.Container == original).ToList();
            return here.Count == 0 ? current : AddTo(current, here);
        });
        var edited = await FormattedAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
        if (await CompileGuard.CompilesAsWellAsync(document, edited, cancellationToken).ConfigureAwait(false))
        {
            return edited;
        }

        // [Index] needs Microsoft.EntityFrameworkCore where the file does not import it yet.
        if (attributes.Count > 0 && IndexSyntax.WithEfCoreUsing(newRoot) is { } withUsing)
        {
            edited = await FormattedAsync(document.WithSyntaxRoot(withUsing), cancellationToken).ConfigureAwait(false);
            return await CompileGuard.CompilesAsWellAsync(document, edited, cancellationToken).ConfigureAwait(false) ? edited : null;
        }

        return null;
    }

    private static Task<Document> FormattedAsync(Document document, CancellationToken cancellationToken) =>
        Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken);

    /// <summary>Where the statement goes (its container, and the statement it follows) and what it says.</summary>
    private static Addition? Plan(SyntaxNode node, SemanticModel model, Document document, ModelEdit edit, string endOfLine, CancellationToken cancellationToken)
    {
        switch (edit.SiteKind)
        {
            case ConfigurationSiteKind.EntityTypeConfiguration when node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { ParameterList.Parameters.Count: > 0 } configure:
                return Create(configure, null, configure.ParameterList.Parameters[0].Identifier.ValueText, directBuilder: true);

            case ConfigurationSiteKind.EntityLambda when node.FirstAncestorOrSelf<LambdaExpressionSyntax>() is { } lambda:
                var lambdaParameter = lambda switch
                {
                    SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                    ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                    _ => null,
                };
                return lambdaParameter is null ? null : Create(lambda, null, lambdaParameter, directBuilder: true);

            case ConfigurationSiteKind.ModelStatement when node.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax block } statement:
                var modelBuilder = ModelBuilderParameter(statement.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>()?.ParameterList);
                return modelBuilder is null ? null : Create(block, statement, modelBuilder, directBuilder: false);

            case ConfigurationSiteKind.OnModelCreating when node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } onModelCreating:
                var parameter = ModelBuilderParameter(onModelCreating.ParameterList);
                return parameter is null ? null : Create(onModelCreating, null, parameter, directBuilder: false);

            case ConfigurationSiteKind.ContextClass when node.FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } context:
                return Create(context, null, "modelBuilder", directBuilder: false);

            default:
                return null;
        }

        Addition? Create(SyntaxNode container, StatementSyntax? after, string builder, bool directBuilder)
        {
            var call = BuilderCall(edit, FreeParameterName(container, builder), container, model, document, cancellationToken);
            if (call is null)
            {
                return null;
            }

            var text = directBuilder ? $"{builder}.{call};" : $"{builder}.Entity<{edit.Fix.Entity}>().{call};";
            // After a statement: its indentation and a plain line end, so the blank line before the next statement stays.
            var statement = SyntaxFactory.ParseStatement(text)
                .WithLeadingTrivia(after is null ? SyntaxFactory.TriviaList(SyntaxFactory.ElasticMarker) : Indentation(after))
                .WithTrailingTrivia(after is null ? SyntaxFactory.ElasticEndOfLine(endOfLine) : SyntaxFactory.EndOfLine(endOfLine))
                .WithAdditionalAnnotations(Formatter.Annotation);
            return new Addition(container, after, statement);
        }
    }

    /// <summary>The builder call an addition writes; null for a query filter when no current tenant is in scope.</summary>
    private static string? BuilderCall(ModelEdit edit, string parameter, SyntaxNode container, SemanticModel model, Document document, CancellationToken cancellationToken) =>
        edit.Kind switch
        {
            ModelEditKind.AddIndex => ModelFixRenderer.IndexCall(edit.Index!, parameter, edit.Fix.TenantKey),
            ModelEditKind.AddRelationship => ModelFixRenderer.RelationshipCall(edit.Fix.RelationshipPrincipal!, edit.Fix.Index!.Columns[0], parameter),
            ModelEditKind.AddQueryFilter when TenantValue(model, document, container, edit.Fix.TenantKey?.Name, cancellationToken) is { } value
                => ModelFixRenderer.QueryFilterCall(edit.Fix.TenantKey!, parameter, value),
            _ => null,
        };

    private static SyntaxTriviaList Indentation(StatementSyntax statement)
    {
        var leading = statement.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(leading[leading.Count - 1]) : SyntaxFactory.TriviaList();
    }

    private static SyntaxNode AddTo(SyntaxNode container, List<Addition> additions)
    {
        var statements = additions.Select(a => a.Statement).ToList();
        switch (container)
        {
            case BlockSyntax block:
                var list = new List<StatementSyntax>();
                var originalBlock = (BlockSyntax)additions[0].Container;
                for (var i = 0; i < block.Statements.Count; i++)
                {
                    list.Add(block.Statements[i]);
                    list.AddRange(additions.Where(a => a.After is not null && originalBlock.Statements.IndexOf(a.After) == i).Select(a => a.Statement));
                }

                return block.WithStatements(SyntaxFactory.List(list));

            case MethodDeclarationSyntax method:
                return method.Body is { } body
                    ? method.WithBody(body.AddStatements(statements.ToArray()))
                    : method.WithExpressionBody(null).WithSemicolonToken(default)
                        .WithBody(SyntaxFactory.Block(ToStatements(method.ExpressionBody?.Expression).Concat(statements)))
                        .WithAdditionalAnnotations(Formatter.Annotation);

            case LambdaExpressionSyntax lambda:
                return lambda.Block is { } lambdaBlock
                    ? lambda.WithBlock(lambdaBlock.AddStatements(statements.ToArray()))
                    : lambda.WithExpressionBody(null)
                        .WithBlock(SyntaxFactory.Block(ToStatements(lambda.ExpressionBody).Concat(statements)))
                        .WithAdditionalAnnotations(Formatter.Annotation);

            case ClassDeclarationSyntax context:
                var onModelCreating = SyntaxFactory.ParseMemberDeclaration(
                        "protected override void OnModelCreating(ModelBuilder modelBuilder)\n{\n}\n")!;
                var withBody = ((MethodDeclarationSyntax)onModelCreating)
                    .WithBody(SyntaxFactory.Block(statements))
                    .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return context.AddMembers(withBody);

            default:
                return container;
        }
    }

    private static IEnumerable<StatementSyntax> ToStatements(ExpressionSyntax? expression) =>
        expression is null
            ? Enumerable.Empty<StatementSyntax>()
            : new[] { SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()).WithAdditionalAnnotations(Formatter.Annotation) };

    private static string? ModelBuilderParameter(ParameterListSyntax? parameters) =>
        parameters?.Parameters.FirstOrDefault(p => p.Type?.ToString().EndsWith("ModelBuilder", StringComparison.Ordinal) == true)?.Identifier.ValueText;

    /// <summary>
    /// A lambda parameter name that shadows nothing in scope: not a parameter of an enclosing method or lambda, not
    /// a local of the enclosing member. Other lambdas' parameters do not count, so fixing one entity at a time and
    /// Fix All choose the same name.
    /// </summary>
    private static string FreeParameterName(SyntaxNode container, string builder)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { builder };
        foreach (var scope in container.AncestorsAndSelf())
        {
            var parameters = scope switch
            {
                SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToArray(),
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters.ToArray(),
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters.ToArray(),
                _ => Array.Empty<ParameterSyntax>(),
            };
            used.UnionWith(parameters.Select(p => p.Identifier.ValueText));
        }

        var member = container.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? container;
        used.UnionWith(member.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText));
        used.UnionWith(member.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Select(v => v.Identifier.ValueText));
        used.UnionWith(member.DescendantNodes().OfType<ForEachStatementSyntax>().Select(f => f.Identifier.ValueText));
        return LambdaParameterNames.Choose(LambdaParameterNamesInModels, used.Contains);
    }

    /// <summary>
    /// The current tenant for a query filter, from inside the context: a member of the context named like the key
    /// (<c>TeamId</c>, <c>CurrentTeamId</c>), an injected member exposing it (<c>_tenant.TeamId</c>), or the
    /// configured <c>tenant_safety.tenant_value</c>.
    /// </summary>
    private static string? TenantValue(SemanticModel model, Document document, SyntaxNode container, string? key, CancellationToken cancellationToken)
    {
        if (key is null || container.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } contextSyntax
            || model.GetDeclaredSymbol(contextSyntax, cancellationToken) is not { } context)
        {
            return null;
        }

        foreach (var name in new[] { key, "Current" + key })
        {
            if (context.GetMembers(name).FirstOrDefault(m => m is IPropertySymbol or IFieldSymbol && !m.IsStatic) is not null)
            {
                return name;
            }
        }

        var position = container is ClassDeclarationSyntax ? contextSyntax.OpenBraceToken.Span.End : container.SpanStart;
        var configured = Configuration.TenantSafetyOptions.Read(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider, model.SyntaxTree).TenantValue;
        return Scoping.TenantValueCandidates.Find(model, position, key, keyType: null, configured)
            .FirstOrDefault(candidate => !char.IsLower(candidate[0]) || candidate.Contains('.'));
    }

    private sealed class Addition
    {
        public Addition(SyntaxNode container, StatementSyntax? after, StatementSyntax statement)
        {
            Container = container;
            After = after;
            Statement = statement;
        }

        public SyntaxNode Container { get; }

        public StatementSyntax? After { get; }

        public StatementSyntax Statement { get; }
    }
}
