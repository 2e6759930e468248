using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The loop around a call that configures an entity the code does not name: <c>foreach (var t in …)</c> or
/// <c>….ForEach(t =&gt; …)</c>, and the guards that decide which entities reach the call:
/// <code>
/// foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => typeof(ITeamOwned).IsAssignableFrom(t.ClrType)))
/// {
///     if (typeof(IGlobalEntity).IsAssignableFrom(entityType.ClrType)) continue;
///     if (!typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType)) { … } else { entityType.SetQueryFilter(…); }
/// }
/// </code>
/// A guard is <c>typeof(X).IsAssignableFrom(t.ClrType)</c> or <c>t.ClrType.IsAssignableTo(typeof(X))</c>, negated or joined
/// by <c>||</c> or <c>&amp;&amp;</c>: X is required where it lets the call run, excluded where it skips it. So is a property
/// looked up by name and compared with null (<c>t.FindProperty("IsDeleted") is not null</c>, <c>t.ClrType.GetProperty(…) == null</c>).
/// </summary>
/// <param name="Syntax">The loop: the <c>foreach</c> statement, or the lambda given to <c>ForEach</c>.</param>
/// <param name="Required">Types an entity must be, derive from or implement to reach the call.</param>
/// <param name="Excluded">Types whose implementers and subclasses never reach it.</param>
/// <param name="RequiredProperties">Properties an entity must have to reach the call.</param>
/// <param name="ExcludedProperties">Properties whose entities never reach it.</param>
/// <param name="GuardsRead">
/// Whether every condition on the way to the call is a guard as above. Other conditions (a property looked up by name,
/// owned or keyless types, annotations) may skip any entity: Finbuckle's reading ignores them, a reading that concludes a
/// filter is replaced must not.
/// </param>
/// <param name="OverModel">Whether the loop runs over the model's entity types (<c>GetEntityTypes()</c>), not a list of its own.</param>
internal sealed record EntityTypeLoop(
    SyntaxNode Syntax,
    ImmutableArray<ITypeSymbol> Required,
    ImmutableArray<ITypeSymbol> Excluded,
    ImmutableArray<string> RequiredProperties,
    ImmutableArray<string> ExcludedProperties,
    bool GuardsRead,
    bool OverModel)
{
    /// <summary>Whether an entity of type <paramref name="entity"/> passes the guards that were read.</summary>
    public bool Reaches(ITypeSymbol entity) =>
        Required.All(entity.Satisfies) && !Excluded.Any(entity.Satisfies)
        && RequiredProperties.All(name => HasProperty(entity, name)) && !ExcludedProperties.Any(name => HasProperty(entity, name));

    /// <summary>Whether the entity class or a base class declares a property named <paramref name="name"/>.</summary>
    private static bool HasProperty(ITypeSymbol entity, string name)
    {
        for (var type = entity; type is not null; type = type.BaseType)
        {
            if (type.GetMembers(name).Any(m => m is IPropertySymbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The loop around <paramref name="call"/>, within its method; null when there is none.</summary>
    public static EntityTypeLoop? Around(SyntaxNode call, SemanticModel model, CancellationToken cancellationToken)
    {
        var (loop, collection) = Enclosing(call);
        if (loop is null || collection is null)
        {
            return null;
        }

        var guards = new Guards(model, cancellationToken);

        // foreach (var t in model.GetEntityTypes().Where(t => typeof(X).IsAssignableFrom(t.ClrType))), also through a local.
        var sources = new List<ExpressionSyntax> { collection };
        if (collection is IdentifierNameSyntax name && InitializerOf(name, model, cancellationToken) is { } initializer)
        {
            sources.Add(initializer);
        }

        foreach (var source in sources)
        {
            foreach (var where in source.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Where(c => c.InvokedName() == "Where"))
            {
                foreach (var argument in where.ArgumentList.Arguments)
                {
                    guards.Read(argument.Expression, when: true);
                }
            }
        }

        var overModel = sources.Any(s => s.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(c => c.InvokedName() == "GetEntityTypes"));

        // Statements before the call, in the loop's body or a block inside it, that leave the iteration:
        // if (typeof(IGlobalEntity).IsAssignableFrom(t.ClrType)) continue;
        foreach (var block in call.Ancestors().TakeWhile(n => n != loop).OfType<BlockSyntax>())
        {
            foreach (var statement in block.Statements.TakeWhile(s => !s.Span.Contains(call.Span)))
            {
                if (statement is IfStatementSyntax guard && LeavesIteration(guard.Statement, loop))
                {
                    guards.Read(guard.Condition, when: false);
                }
                else if (statement.DescendantNodesAndSelf().Any(n => n is ContinueStatementSyntax or ReturnStatementSyntax or BreakStatementSyntax))
                {
                    guards.Unread();
                }
            }
        }

        // if (typeof(ITenantOwned).IsAssignableFrom(t.ClrType)) { …call… } else { … }
        foreach (var enclosing in call.Ancestors().TakeWhile(n => n != loop))
        {
            switch (enclosing)
            {
                case IfStatementSyntax condition when condition.Statement.Span.Contains(call.Span):
                    guards.Read(condition.Condition, when: true);
                    break;
                case IfStatementSyntax condition:
                    guards.Read(condition.Condition, when: false);
                    break;
                case ConditionalExpressionSyntax or SwitchStatementSyntax or SwitchExpressionSyntax or WhileStatementSyntax or CommonForEachStatementSyntax:
                    guards.Unread();
                    break;
            }
        }

        return new EntityTypeLoop(
            loop,
            guards.Required.ToImmutableArray(),
            guards.Excluded.ToImmutableArray(),
            guards.RequiredProperties.ToImmutableArray(),
            guards.ExcludedProperties.ToImmutableArray(),
            guards.AllRead,
            overModel);
    }

    /// <summary>
    /// The calls in the loops of <paramref name="declaration"/> that hand a method of the compilation the loop's variable
    /// (<c>entityType.AddSoftDeleteFilter()</c>, <c>SoftDelete.Apply(entityType)</c>): the method may configure the entity
    /// type it is given. Found by syntax; the caller binds them.
    /// </summary>
    public static IEnumerable<InvocationExpressionSyntax> CallsHandingOverTheEntityType(SyntaxNode declaration)
    {
        foreach (var node in declaration.DescendantNodes())
        {
            if (AsLoop(node) is not { Variable: { } variable, Body: var body })
            {
                continue;
            }

            foreach (var call in body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
            {
                if (IsVariable(call.Expression is MemberAccessExpressionSyntax access ? access.Expression : null, variable)
                    || call.ArgumentList.Arguments.Any(a => IsVariable(a.Expression, variable)))
                {
                    yield return call;
                }
            }
        }

        static bool IsVariable(ExpressionSyntax? expression, string name) => expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name;
    }

    /// <summary>
    /// The nearest loop around <paramref name="call"/> in its method, and what it iterates. A lambda on the way
    /// (<c>modelBuilder.Entity(t.ClrType, b =&gt; b.IsMultiTenant())</c>) is part of the iteration.
    /// </summary>
    private static (SyntaxNode? Loop, ExpressionSyntax? Collection) Enclosing(SyntaxNode call)
    {
        foreach (var ancestor in call.Ancestors())
        {
            if (AsLoop(ancestor) is { } loop)
            {
                return (ancestor, loop.Collection);
            }

            if (ancestor is LocalFunctionStatementSyntax or MemberDeclarationSyntax)
            {
                return (null, null);
            }
        }

        return (null, null);
    }

    /// <summary>
    /// <paramref name="node"/> as a loop: a <c>foreach</c> statement, or a lambda given to <c>collection.ForEach(…)</c>. What it
    /// iterates, its body, and the name of its one variable (none for <c>foreach (var (a, b) in …)</c> or a lambda of
    /// another shape); null for any other node.
    /// </summary>
    private static (ExpressionSyntax Collection, SyntaxNode Body, string? Variable)? AsLoop(SyntaxNode node) => node switch
    {
        CommonForEachStatementSyntax loop => (loop.Expression, loop.Statement, (loop as ForEachStatementSyntax)?.Identifier.ValueText),
        AnonymousFunctionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax receiver } forEach } } } lambda
            when forEach.InvokedName() == "ForEach" => (receiver.Expression, lambda.Body, (lambda as SimpleLambdaExpressionSyntax)?.Parameter.Identifier.ValueText),
        _ => null,
    };

    /// <summary>The initializer of the local a loop iterates: <c>var types = model.GetEntityTypes().Where(…);</c>.</summary>
    private static ExpressionSyntax? InitializerOf(IdentifierNameSyntax name, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local ? local.DeclaredInitializer(cancellationToken) : null;

    private static bool LeavesIteration(StatementSyntax statement, SyntaxNode loop) => statement switch
    {
        ContinueStatementSyntax => loop is CommonForEachStatementSyntax,
        ReturnStatementSyntax => loop is AnonymousFunctionExpressionSyntax,
        BlockSyntax { Statements.Count: 1 } block => LeavesIteration(block.Statements[0], loop),
        _ => false,
    };

    /// <summary>The guards of one loop as they are read, and whether any condition was not one.</summary>
    private sealed class Guards(SemanticModel model, CancellationToken cancellationToken)
    {
        public List<ITypeSymbol> Required { get; } = new();

        public List<ITypeSymbol> Excluded { get; } = new();

        public List<string> RequiredProperties { get; } = new();

        public List<string> ExcludedProperties { get; } = new();

        public bool AllRead { get; private set; } = true;

        public void Unread() => AllRead = false;

        /// <summary>
        /// A condition that, holding, lets the call run (<paramref name="when"/>) or skips it: X required or excluded.
        /// </summary>
        public void Read(ExpressionSyntax condition, bool when)
        {
            switch (condition)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    Read(parenthesized.Expression, when);
                    return;
                case PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "!" } not:
                    Read(not.Operand, !when);
                    return;
                case BinaryExpressionSyntax { OperatorToken.ValueText: "||" } either when !when:
                    // if (a || b) continue; skips both.
                    Read(either.Left, when);
                    Read(either.Right, when);
                    return;
                case BinaryExpressionSyntax { OperatorToken.ValueText: "&&" } both when when:
                    // Where(t => a && b): both required.
                    Read(both.Left, when);
                    Read(both.Right, when);
                    return;
                case SimpleLambdaExpressionSyntax { ExpressionBody: { } body }:
                    Read(body, when);
                    return;
                case InvocationExpressionSyntax call when TestedType(call) is { } type:
                    (when ? Required : Excluded).Add(type);
                    return;
                case BinaryExpressionSyntax { OperatorToken.ValueText: "==" or "!=" } comparison
                    when (PropertyComparedWithNull(comparison.Left, comparison.Right) ?? PropertyComparedWithNull(comparison.Right, comparison.Left)) is { } property:
                    // FindProperty("IsDeleted") != null holds for the entities that have it.
                    (when == (comparison.OperatorToken.ValueText == "!=") ? RequiredProperties : ExcludedProperties).Add(property);
                    return;
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } isNull
                    when LookedUpProperty(isNull.Expression) is { } property:
                    (when ? ExcludedProperties : RequiredProperties).Add(property);
                    return;
                case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } isNotNull
                    when LookedUpProperty(isNotNull.Expression) is { } property:
                    (when ? RequiredProperties : ExcludedProperties).Add(property);
                    return;
                default:
                    // entityType.BaseType == null, ClrType != null, !IsOwned(): true of every entity that can have a filter
                    // of its own (a hierarchy's root, owned types never), so it lets every such entity through or none.
                    if (TrueOfEveryFilteredEntity(condition) is not { } holds || holds != when)
                    {
                        AllRead = false;
                    }

                    return;
            }
        }

        /// <summary>
        /// True for a test every entity with a query filter of its own passes (<c>t.BaseType == null</c>: EF Core sets
        /// filters on a hierarchy's root only; <c>t.ClrType != null</c>), false for one none passes (<c>t.BaseType != null</c>,
        /// <c>t.IsOwned()</c>), null for any other condition.
        /// </summary>
        private bool? TrueOfEveryFilteredEntity(ExpressionSyntax condition)
        {
            switch (condition)
            {
                case BinaryExpressionSyntax { OperatorToken.ValueText: "==" or "!=" } comparison when comparison.Right.IsKind(SyntaxKind.NullLiteralExpression):
                    return IsNullForFilteredEntities(comparison.Left) is { } comparedIsNull ? comparedIsNull == (comparison.OperatorToken.ValueText == "==") : null;
                case IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } isNullPattern:
                    return IsNullForFilteredEntities(isNullPattern.Expression);
                case IsPatternExpressionSyntax { Pattern: UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } } } isNotNullPattern:
                    return IsNullForFilteredEntities(isNotNullPattern.Expression) is { } testedIsNull ? !testedIsNull : null;
                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } call when call.InvokedName() == "IsOwned" && IsEfMetadataMember(call):
                    return false;
                default:
                    return null;
            }
        }

        /// <summary>Whether <c>t.BaseType</c> (null) or <c>t.ClrType</c> (not null) is null for an entity with a filter of its own.</summary>
        private bool? IsNullForFilteredEntities(ExpressionSyntax expression) =>
            expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "BaseType" or "ClrType" } access && IsEfMetadataMember(access)
                ? access.Name.Identifier.ValueText == "BaseType"
                : null;

        /// <summary>Whether <paramref name="node"/> binds to a member of EF Core's metadata (<c>IReadOnlyEntityType.BaseType</c>), not reflection's.</summary>
        private bool IsEfMetadataMember(ExpressionSyntax node) =>
            model.GetSymbolInfo(node, cancellationToken).Symbol?.ContainingType?.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore.Metadata"
            || (model.GetSymbolInfo(node, cancellationToken).Symbol is IMethodSymbol { ReducedFrom: { } extension }
                && extension.ContainingType?.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore");

        private string? PropertyComparedWithNull(ExpressionSyntax lookup, ExpressionSyntax other) =>
            other.IsKind(SyntaxKind.NullLiteralExpression) ? LookedUpProperty(lookup) : null;

        /// <summary>
        /// The name in <c>t.FindProperty("IsDeleted")</c> (EF Core's metadata) or <c>t.ClrType.GetProperty(nameof(ISoftDeletable.IsDeleted))</c>
        /// (reflection): null for any other expression or a name not written as a constant.
        /// </summary>
        private string? LookedUpProperty(ExpressionSyntax expression)
        {
            // var deleted = t.FindProperty("IsDeleted"); if (deleted is null) continue;
            if (expression is IdentifierNameSyntax local)
            {
                return InitializerOf(local, model, cancellationToken) is { } initializer && !local.IsAssignedInItsMethod(local.Identifier.ValueText) ? LookedUpProperty(initializer) : null;
            }

            if (expression is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call
                || call.InvokedName() is not ("FindProperty" or "GetProperty")
                || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol method)
            {
                return null;
            }

            var owner = method.ContainingType?.ToDisplayString();
            var isLookup = method.Name == "FindProperty" ? owner?.StartsWith("Microsoft.EntityFrameworkCore.Metadata.", System.StringComparison.Ordinal) == true : owner == "System.Type";
            return isLookup && model.GetConstantValue(call.ArgumentList.Arguments[0].Expression, cancellationToken) is { HasValue: true, Value: string name } ? name : null;
        }

        private ITypeSymbol? TestedType(InvocationExpressionSyntax call)
        {
            var typeOf = call.InvokedName() switch
            {
                "IsAssignableFrom" => (call.Expression as MemberAccessExpressionSyntax)?.Expression as TypeOfExpressionSyntax,
                "IsAssignableTo" => call.ArgumentList.Arguments.FirstOrDefault()?.Expression as TypeOfExpressionSyntax,
                _ => null,
            };
            return typeOf is not null && model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol { TypeKind: not TypeKind.Error } type ? type : null;
        }
    }
}
