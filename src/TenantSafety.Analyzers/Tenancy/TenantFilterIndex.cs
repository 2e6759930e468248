using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Every tenant filter the compilation configures: <c>HasQueryFilter</c> calls in DbContext classes,
/// <c>IEntityTypeConfiguration&lt;T&gt;</c> classes and model-building helpers (any method taking a
/// <c>ModelBuilder</c> or <c>EntityTypeBuilder&lt;T&gt;</c>). Built once per compilation and key configuration.
/// </summary>
internal sealed class TenantFilterIndex
{
    private readonly Dictionary<ITypeSymbol, List<TenantFilter>> _byEntity = new(SymbolEqualityComparer.Default);

    /// <summary>Filters applied through reflection (<c>MakeGenericMethod</c>): every entity that satisfies T's constraints.</summary>
    private readonly List<(ImmutableArray<ITypeSymbol> Constraints, TenantFilter Filter)> _generic = new();

    /// <summary>
    /// Filters declared on a type parameter (<c>ApplyTenantFilter&lt;T&gt;</c>, <c>TenantConfiguration&lt;T&gt;</c>): they
    /// apply to the entities the helper is applied to, found in a second pass.
    /// </summary>
    private readonly Dictionary<ITypeParameterSymbol, List<TenantFilter>> _byTypeParameter = new(SymbolEqualityComparer.Default);

    /// <summary>Entities whose last unnamed filter in some body is not a tenant filter (soft delete): another unnamed filter would replace it.</summary>
    private readonly HashSet<ITypeSymbol> _otherUnnamed = new(SymbolEqualityComparer.Default);

    private TenantFilterIndex()
    {
    }

    public static TenantFilterIndex Build(
        ImmutableArray<INamedTypeSymbol> configuringTypes,
        EfSymbols symbols,
        TenantPredicate predicate,
        TenantSafetyOptions options,
        SemanticModelCache models,
        TypeResolver types,
        CancellationToken cancellationToken)
    {
        var index = new TenantFilterIndex();
        var methods = configuringTypes
            .SelectMany(type => type.GetMembers().OfType<IMethodSymbol>())
            .ToList();
        foreach (var method in methods)
        {
            index.ReadMethod(method, symbols, predicate, options, models, types, cancellationToken);
        }

        if (index._byTypeParameter.Count > 0)
        {
            foreach (var method in methods)
            {
                index.ApplyGenericHelpers(method, models, cancellationToken);
            }
        }

        return index;
    }

    /// <summary>The tenant filters that apply to queries over <paramref name="entityType"/>; empty when none.</summary>
    public ImmutableArray<TenantFilter> FiltersFor(ITypeSymbol? entityType)
    {
        if (entityType is null)
        {
            return ImmutableArray<TenantFilter>.Empty;
        }

        var result = ImmutableArray.CreateBuilder<TenantFilter>();
        if (entityType is ITypeParameterSymbol && _byTypeParameter.TryGetValue((ITypeParameterSymbol)entityType.OriginalDefinition, out var own))
        {
            result.AddRange(own);
        }

        if (_byEntity.TryGetValue(entityType.OriginalDefinition, out var filters))
        {
            result.AddRange(filters);
        }

        foreach (var (constraints, filter) in _generic)
        {
            if (constraints.All(entityType.Satisfies))
            {
                result.Add(filter);
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Whether the entity has an unnamed query filter that does not constrain the tenant key (a soft-delete filter).</summary>
    public bool HasUnnamedNonTenantFilter(ITypeSymbol? entityType) =>
        entityType is not null && _otherUnnamed.Contains(entityType.OriginalDefinition);

    private void ReadMethod(IMethodSymbol method, EfSymbols symbols, TenantPredicate predicate, TenantSafetyOptions options, SemanticModelCache models, TypeResolver types, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var calls = declaration.DescendantNodes()
                .OfType<InvocationExpressionSyntax>()
                .Where(call => call.InvokedName() == "HasQueryFilter")
                .ToList();
            if (calls.Count == 0 || models.Get(declaration.SyntaxTree) is not { } model)
            {
                continue;
            }

            // Bound once per syntax tree and tenant-key configuration; replayed while the tree is unchanged (the IDE).
            var facts = ConfigurationFactCache<TenantFilterIndex>.GetOrRead(
                reference,
                options.CacheKey,
                types,
                () => ReadBody(calls, model, symbols, predicate, types, cancellationToken));
            facts.ReplayInto(this, types);
        }
    }

    private static ConfigurationFacts<TenantFilterIndex> ReadBody(
        List<InvocationExpressionSyntax> calls,
        SemanticModel model,
        EfSymbols symbols,
        TenantPredicate predicate,
        TypeResolver types,
        CancellationToken cancellationToken)
    {
        var facts = new ConfigurationFacts<TenantFilterIndex>(types);

        // Unnamed filters replace each other: within one body the last one per entity wins.
        var lastUnnamed = new Dictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        foreach (var call in calls.OrderBy(c => c.ArgumentList.SpanStart))
        {
            if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                || invocation.TargetMethod.ContainingType is not { } builderType
                || !builderType.IsDefinitionOf(symbols.EntityTypeBuilderOfT))
            {
                continue;
            }

            if (invocation.Descendants().Any(o => o.Kind == OperationKind.Invalid || o.Type is { TypeKind: TypeKind.Error }))
            {
                facts.MarkNotReusable();
            }

            var entity = builderType.TypeArguments[0];
            if (entity is ITypeParameterSymbol { ConstraintTypes.IsEmpty: true })
            {
                continue;
            }

            string? name = null;
            IAnonymousFunctionOperation? lambda = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.ConstantValue is { HasValue: true, Value: string key })
                {
                    name = key;
                }
                else
                {
                    lambda ??= argument.Value.AsLambda();
                }
            }

            var isTenantFilter = lambda is not null && predicate.IsTenantPredicate(lambda);
            if (name is null)
            {
                lastUnnamed[entity] = isTenantFilter;
            }
            else if (isTenantFilter)
            {
                RecordFilter(facts, entity, new TenantFilter(name));
            }
        }

        foreach (var pair in lastUnnamed)
        {
            if (pair.Value)
            {
                RecordFilter(facts, pair.Key, new TenantFilter(null));
            }
            else if (facts.Reference(pair.Key) is { } softDeleted)
            {
                facts.Add((index, types) =>
                {
                    if (types.Resolve(softDeleted) is { } type)
                    {
                        index._otherUnnamed.Add(type);
                    }
                });
            }
        }

        return facts;
    }

    private static void RecordFilter(ConfigurationFacts<TenantFilterIndex> facts, ITypeSymbol entity, TenantFilter filter)
    {
        if (entity is ITypeParameterSymbol typeParameter)
        {
            // A helper's type parameter is applied to entities in a second pass over this compilation's symbols: such
            // a record holds a symbol, so it is used in this compilation only.
            facts.MarkNotReusable();
            facts.Add((index, _) => index.Add(typeParameter, filter));
            return;
        }

        var reference = facts.Reference(entity);
        facts.Add((index, types) =>
        {
            if (types.Resolve(reference) is { } type)
            {
                index.Add(type, filter);
            }
        });
    }

    /// <summary>
    /// Second pass: <c>ApplyTenantFilter&lt;Lead&gt;(…)</c> and <c>new TenantConfiguration&lt;Lead&gt;()</c> give Lead the
    /// helper's filter; naming the helper in a string or <c>nameof</c> (reflection) gives it to every entity
    /// that satisfies the type parameter's constraints.
    /// </summary>
    private void ApplyGenericHelpers(IMethodSymbol method, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var helperNames = new HashSet<string>(_byTypeParameter.Keys.Select(p => p.TypeParameterKind == TypeParameterKind.Method ? p.DeclaringMethod!.Name : p.DeclaringType!.Name));
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var candidates = declaration.DescendantNodes()
                .Where(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or LiteralExpressionSyntax)
                .ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var model = models.Get(declaration.SyntaxTree);
            if (model is null)
            {
                continue;
            }

            foreach (var node in candidates)
            {
                if (node is LiteralExpressionSyntax literal)
                {
                    if (literal.Token.Value is string text && helperNames.Contains(text))
                    {
                        ApplyToConstraints(text);
                    }

                    continue;
                }

                if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf)
                {
                    var named = nameOf.ArgumentList.Arguments.FirstOrDefault()?.Expression.ToString().Split('.').Last();
                    if (named is not null && helperNames.Contains(named))
                    {
                        ApplyToConstraints(named);
                    }

                    continue;
                }

                switch (model.GetOperation(node, cancellationToken))
                {
                    case IInvocationOperation { TargetMethod: { IsGenericMethod: true } target }:
                        ApplyTypeArguments(target.OriginalDefinition.TypeParameters, target.TypeArguments);
                        break;
                    case IObjectCreationOperation { Type: INamedTypeSymbol { IsGenericType: true } created }:
                        ApplyTypeArguments(created.OriginalDefinition.TypeParameters, created.TypeArguments);
                        break;
                }
            }
        }

        void ApplyTypeArguments(ImmutableArray<ITypeParameterSymbol> parameters, ImmutableArray<ITypeSymbol> arguments)
        {
            for (var i = 0; i < parameters.Length && i < arguments.Length; i++)
            {
                if (arguments[i] is not ITypeParameterSymbol && _byTypeParameter.TryGetValue(parameters[i], out var filters))
                {
                    foreach (var filter in filters)
                    {
                        Add(arguments[i], filter);
                    }
                }
            }
        }

        void ApplyToConstraints(string helperName)
        {
            foreach (var pair in _byTypeParameter)
            {
                var owner = pair.Key.TypeParameterKind == TypeParameterKind.Method ? pair.Key.DeclaringMethod!.Name : pair.Key.DeclaringType!.Name;
                if (owner == helperName && !pair.Key.ConstraintTypes.IsEmpty)
                {
                    foreach (var filter in pair.Value)
                    {
                        _generic.Add((pair.Key.ConstraintTypes, filter));
                    }
                }
            }
        }
    }

    private void Add(ITypeSymbol entity, TenantFilter filter)
    {
        if (entity is ITypeParameterSymbol typeParameter)
        {
            if (!_byTypeParameter.TryGetValue(typeParameter.OriginalDefinition, out var list))
            {
                _byTypeParameter.Add(typeParameter.OriginalDefinition, list = new List<TenantFilter>());
            }

            list.Add(filter);
            return;
        }

        if (!_byEntity.TryGetValue(entity.OriginalDefinition, out var entityFilters))
        {
            entityFilters = new List<TenantFilter>();
            _byEntity.Add(entity.OriginalDefinition, entityFilters);
        }

        entityFilters.Add(filter);
    }
}
