using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A loop over the model's entity types that sets each entity's unnamed query filter to one built at run time:
/// <code>
/// foreach (var entityType in modelBuilder.Model.GetEntityTypes())
/// {
///     if (typeof(ISoftDeletable).IsAssignableFrom(entityType.ClrType))
///     {
///         var e = Expression.Parameter(entityType.ClrType, "e");
///         entityType.SetQueryFilter(Expression.Lambda(Expression.Not(Expression.Property(e, "IsDeleted")), e));
///     }
/// }
/// </code>
/// What the filter says is not read, but it replaces the unnamed filter an entity it reaches had before: a tenant filter
/// set earlier by <c>HasQueryFilter</c> is gone (<see cref="TenantFilterIndex"/>). Unless the loop names the filter's key
/// (it may rebuild the tenant filter) or reads the filter it replaces (<c>GetQueryFilter()</c>, to combine both).
/// </summary>
internal sealed class FilterLoop
{
    private FilterLoop(FilterOrigin origin, EntityTypeLoop loop, ImmutableHashSet<string> names, TenantFilter? built)
    {
        Origin = origin;
        Loop = loop;
        Names = names;
        Built = built;
    }

    /// <summary>Where the filter is set: the method holding the loop, and the call's place in it.</summary>
    public FilterOrigin Origin { get; }

    /// <summary>The loop and its guards.</summary>
    public EntityTypeLoop Loop { get; }

    /// <summary>
    /// Every name the loop writes (members, strings, <c>nameof</c>), and those of the methods it calls or names: a filter
    /// scoping by one of them may be the one the loop builds.
    /// </summary>
    public ImmutableHashSet<string> Names { get; }

    /// <summary>
    /// The filter the loop sets, when the expression trees it is built from were read and scope by a property
    /// (<see cref="ExpressionTreeFilter"/>); null when what it says is not known.
    /// </summary>
    public TenantFilter? Built { get; }

    /// <summary>Whether the loop replaces <paramref name="entity"/>'s filter: its guards were read and let the entity through.</summary>
    public bool Replaces(ITypeSymbol entity) => Loop.GuardsRead && Loop.Reaches(entity);

    /// <summary>Whether the loop may set <paramref name="entity"/>'s filter: its guards, as far as they were read, let the entity through.</summary>
    public bool MaySet(ITypeSymbol entity) => Loop.Reaches(entity);

    /// <summary>Whether the filter the loop builds may scope by a key <paramref name="filter"/> scopes by: then it may be that filter again.</summary>
    public bool MayRebuild(TenantFilter filter) => filter.Keys.Any(Names.Contains);

    /// <summary>
    /// The loop around <paramref name="setter"/> (<c>entityType.SetQueryFilter(…)</c>, <c>modelBuilder.Entity(t.ClrType).HasQueryFilter(…)</c>),
    /// set at <paramref name="origin"/>; null outside a loop over the model's entity types, or when the loop combines the
    /// filter it replaces. <paramref name="readBuilt"/> reads the filter the setter's argument builds
    /// (<see cref="ExpressionTreeFilter"/>), asked only for a setter in such a loop.
    /// </summary>
    public static FilterLoop? Read(IInvocationOperation setter, FilterOrigin origin, Func<TenantFilter?>? readBuilt, SemanticModel model, CancellationToken cancellationToken)
    {
        if (EntityTypeLoop.Around(setter.Syntax, model, cancellationToken) is not { OverModel: true } loop)
        {
            return null;
        }

        var names = NamesIn(loop.Syntax, model, cancellationToken);
        if (names.Contains("GetQueryFilter") || names.Contains("GetDeclaredQueryFilters"))
        {
            return null;
        }

        return new FilterLoop(origin, loop, names, readBuilt?.Invoke());
    }

    /// <summary>
    /// Whether <paramref name="method"/>, a method of this compilation, sets the unnamed filter of the entity type it is
    /// given, every time it runs: <c>entityType.SetQueryFilter(…)</c> as a statement of its own body, not under a
    /// condition of its own (which may skip it).
    /// </summary>
    public static bool SetsUnnamedFilter(IMethodSymbol method, EfSymbols symbols, SemanticModelCache models, CancellationToken cancellationToken)
    {
        method = method.ReducedFrom ?? method;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var statements = reference.GetSyntax(cancellationToken) switch
            {
                BaseMethodDeclarationSyntax { Body: { } block } => block.Statements.Select(s => s is ExpressionStatementSyntax e ? e.Expression : (SyntaxNode)s),
                BaseMethodDeclarationSyntax { ExpressionBody: { } arrow } => new[] { arrow.Expression },
                _ => Enumerable.Empty<SyntaxNode>(),
            };
            foreach (var statement in statements)
            {
                // if (entityType.FindProperty("IsDeleted") is null) return; — what follows may not run.
                if (statement.DescendantNodesAndSelf().Any(n => n is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or YieldStatementSyntax))
                {
                    break;
                }

                if (statement is InvocationExpressionSyntax call
                    && call.InvokedName() is "SetQueryFilter" or "HasQueryFilter"
                    && models.ForConfiguration(call.SyntaxTree) is { } model
                    && model.GetOperation(call, cancellationToken) is IInvocationOperation setter
                    && setter.Instance?.Unwrap() is IParameterReferenceOperation
                    && symbols.IsUnnamedFilterSetter(setter.TargetMethod))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The names <paramref name="loop"/> writes, and those written in the bodies of the methods of this compilation it
    /// calls or names (<c>GetMethod(nameof(CreateFilter))</c>, <c>GetMethod("CreateFilter")</c> on a type it names).
    /// </summary>
    private static ImmutableHashSet<string> NamesIn(SyntaxNode loop, SemanticModel model, CancellationToken cancellationToken)
    {
        var names = ImmutableHashSet.CreateBuilder<string>();
        AddNames(loop, names);

        var methods = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var namedTypes = new List<INamedTypeSymbol>();
        if (model.GetEnclosingSymbol(loop.SpanStart, cancellationToken)?.ContainingType is { } enclosingType)
        {
            namedTypes.Add(enclosingType);
        }

        foreach (var node in loop.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case TypeOfExpressionSyntax typeOf when model.GetTypeInfo(typeOf.Type, cancellationToken).Type is INamedTypeSymbol named:
                    namedTypes.Add(named);
                    break;
                case IdentifierNameSyntax identifier:
                    // A call binds to its method; nameof(CreateFilter) names a method group, its candidates.
                    var info = model.GetSymbolInfo(identifier, cancellationToken);
                    foreach (var method in info.CandidateSymbols.OfType<IMethodSymbol>().Concat(info.Symbol is IMethodSymbol bound ? new[] { bound } : []))
                    {
                        methods.Add(method.ReducedFrom ?? method.OriginalDefinition);
                    }

                    break;
            }
        }

        foreach (var literal in loop.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)))
        {
            foreach (var type in namedTypes)
            {
                methods.UnionWith(type.GetMembers(literal.Token.ValueText).OfType<IMethodSymbol>());
            }
        }

        foreach (var method in methods)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                AddNames(reference.GetSyntax(cancellationToken), names);
            }
        }

        return names.ToImmutable();
    }

    private static void AddNames(SyntaxNode node, ImmutableHashSet<string>.Builder names)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.StringLiteralToken))
            {
                names.Add(token.ValueText);
            }
        }
    }
}
