using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Queries;

namespace TenantSafety.Analyzers.Model;

/// <summary>A global query filter whose predicate constrains the tenant key. <see cref="Name"/> is the EF Core 10 filter key, or null.</summary>
internal sealed class TenantFilter
{
    public TenantFilter(string? name)
    {
        Name = name;
    }

    public string? Name { get; }
}

/// <summary>
/// Every tenant filter the compilation configures: <c>HasQueryFilter</c> calls in DbContext classes,
/// <c>IEntityTypeConfiguration&lt;T&gt;</c> classes and model-building helpers (any method taking a
/// <c>ModelBuilder</c> or <c>EntityTypeBuilder&lt;T&gt;</c>). Built once per compilation and key configuration.
/// </summary>
internal sealed class TenantFilterIndex
{
    private readonly Dictionary<ITypeSymbol, List<TenantFilter>> _byEntity = new(SymbolEqualityComparer.Default);

    /// <summary>Filters declared on a generic <c>Entity&lt;T&gt;()</c>: they cover every entity that satisfies T's constraints.</summary>
    private readonly List<(ImmutableArray<ITypeSymbol> Constraints, TenantFilter Filter)> _generic = new();

    private TenantFilterIndex()
    {
    }

    public static TenantFilterIndex Build(Compilation compilation, EfCoreSymbols symbols, TenantSafetyOptions options, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var index = new TenantFilterIndex();
        var predicate = new TenantPredicate(options, symbols);
        foreach (var type in SourceTypes(compilation.Assembly.GlobalNamespace))
        {
            if (!ConfiguresModel(type, symbols))
            {
                continue;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method)
                {
                    index.ReadMethod(method, symbols, predicate, models, cancellationToken);
                }
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
        if (_byEntity.TryGetValue(entityType.OriginalDefinition, out var filters))
        {
            result.AddRange(filters);
        }

        foreach (var (constraints, filter) in _generic)
        {
            if (constraints.All(c => Satisfies(entityType, c)))
            {
                result.Add(filter);
            }
        }

        return result.ToImmutable();
    }

    private void ReadMethod(IMethodSymbol method, EfCoreSymbols symbols, TenantPredicate predicate, SemanticModelCache models, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax(cancellationToken);
            var calls = declaration.DescendantNodes()
                .OfType<InvocationExpressionSyntax>()
                .Where(call => InvokedName(call) == "HasQueryFilter")
                .ToList();
            if (calls.Count == 0)
            {
                continue;
            }

            var model = models.Get(declaration.SyntaxTree);
            if (model is null)
            {
                continue;
            }

            // Unnamed filters replace each other: within one body the last one per entity wins.
            var lastUnnamed = new Dictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
            foreach (var call in calls.OrderBy(c => c.SpanStart))
            {
                if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                    || invocation.TargetMethod.ContainingType is not { } builderType
                    || !SymbolEqualityComparer.Default.Equals(builderType.OriginalDefinition, symbols.EntityTypeBuilderOfT))
                {
                    continue;
                }

                var entity = builderType.TypeArguments[0];
                string? name = null;
                IAnonymousFunctionOperation? lambda = null;
                foreach (var argument in invocation.Arguments)
                {
                    var value = TenantPredicate.Unwrap(argument.Value);
                    if (value.ConstantValue is { HasValue: true, Value: string key })
                    {
                        name = key;
                    }
                    else if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation target })
                    {
                        lambda = target;
                    }
                    else if (value is IAnonymousFunctionOperation direct)
                    {
                        lambda = direct;
                    }
                }

                var isTenantFilter = lambda is not null && predicate.IsTenantPredicate(lambda);
                if (name is null)
                {
                    lastUnnamed[entity] = isTenantFilter;
                }
                else if (isTenantFilter)
                {
                    Add(entity, new TenantFilter(name));
                }
            }

            foreach (var pair in lastUnnamed.Where(p => p.Value))
            {
                Add(pair.Key, new TenantFilter(null));
            }
        }
    }

    private void Add(ITypeSymbol entity, TenantFilter filter)
    {
        if (entity is ITypeParameterSymbol typeParameter)
        {
            if (!typeParameter.ConstraintTypes.IsEmpty)
            {
                _generic.Add((typeParameter.ConstraintTypes, filter));
            }

            return;
        }

        if (!_byEntity.TryGetValue(entity.OriginalDefinition, out var list))
        {
            list = new List<TenantFilter>();
            _byEntity.Add(entity.OriginalDefinition, list);
        }

        list.Add(filter);
    }

    private static bool Satisfies(ITypeSymbol type, ITypeSymbol constraint)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            return typeParameter.ConstraintTypes.Any(c => Satisfies(c, constraint));
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, constraint.OriginalDefinition))
            {
                return true;
            }
        }

        return type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, constraint.OriginalDefinition));
    }

    private static bool ConfiguresModel(INamedTypeSymbol type, EfCoreSymbols symbols)
    {
        if (symbols.IsDbContext(type)
            || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, symbols.EntityTypeConfigurationOfT)))
        {
            return true;
        }

        // Model-building helpers: static extension classes and the like that receive a builder.
        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol method && method.Parameters.Any(p => IsModelBuilderType(p.Type, symbols)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsModelBuilderType(ITypeSymbol type, EfCoreSymbols symbols) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, symbols.EntityTypeBuilderOfT)
        || type.ToDisplayString() == "Microsoft.EntityFrameworkCore.ModelBuilder";

    internal static string? InvokedName(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
        SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
        _ => null,
    };

    private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceSymbol root)
    {
        var stack = new Stack<INamespaceOrTypeSymbol>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current is INamedTypeSymbol type)
            {
                yield return type;
            }

            foreach (var member in current.GetMembers())
            {
                if (member is INamespaceOrTypeSymbol child)
                {
                    stack.Push(child);
                }
            }
        }
    }
}
