using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Reuse;


namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Every query filter the compilation configures that can scope by a key, read once per compilation whatever the
/// tenant key is: <c>HasQueryFilter</c> calls and Finbuckle's <c>IsMultiTenant()</c> in DbContext classes,
/// <c>IEntityTypeConfiguration&lt;T&gt;</c> classes and model-building helpers (any method taking a <c>ModelBuilder</c> or
/// <c>EntityTypeBuilder&lt;T&gt;</c>). Each filter records the property names it scopes by (<see cref="TenantFilter.Keys"/>):
/// <see cref="TenantEntities"/> keeps those that scope by the entity's key, and infers the key from them when none is configured.
/// </summary>
internal sealed class TenantFilterIndex
{
    /// <summary>Separates this index's records from other readings of the same body in <see cref="ConfigurationFactCache{TTarget}"/>.</summary>
    internal const string CacheVariant = "filters";

    private static readonly ImmutableArray<string> s_finbuckleKey = ImmutableArray.Create(TenancyLibraries.FinbuckleKey);

    private readonly Dictionary<ITypeSymbol, List<TenantFilter>> _byEntity = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Filters applied through reflection (<c>MakeGenericMethod</c>): every entity that satisfies T's constraints and, when
    /// the helper is invoked in a loop over the model, that the loop's guards let through.
    /// </summary>
    private readonly List<(ImmutableArray<ITypeSymbol> Constraints, EntityTypeLoop? Loop, TenantFilter Filter)> _generic = new();

    /// <summary>
    /// Filters declared on a type parameter (<c>ApplyTenantFilter&lt;T&gt;</c>, <c>TenantConfiguration&lt;T&gt;</c>): they
    /// apply to the entities the helper is applied to, found in a second pass.
    /// </summary>
    private readonly Dictionary<ITypeParameterSymbol, List<TenantFilter>> _byTypeParameter = new(SymbolEqualityComparer.Default);

    private readonly List<FinbuckleLoop> _loops = new();

    /// <summary>Loops over the model that set an unnamed filter built at run time (<see cref="FilterLoop"/>).</summary>
    private readonly List<FilterLoop> _filterLoops = new();

    /// <summary>Where each unnamed <c>HasQueryFilter</c> is set (each body's last one per entity or type parameter), by the filter.</summary>
    private readonly Dictionary<TenantFilter, FilterOrigin> _originOf = new();

    /// <summary>Per entity, the unnamed filters another one set later replaces (<see cref="DropReplaced"/>), decided once.</summary>
    private readonly ConcurrentDictionary<ITypeSymbol, Replacement> _replaced = new(SymbolEqualityComparer.Default);

    /// <summary>The order in which the bodies run, read only for an entity that two bodies give an unnamed filter.</summary>
    private Lazy<ConfigurationRunOrder>? _runOrder;

    /// <summary>Entities taken out of Finbuckle's isolation with <c>IsNotMultiTenant()</c>.</summary>
    private readonly HashSet<ITypeSymbol> _notMultiTenant = new(SymbolEqualityComparer.Default);

    private TenantFilterIndex()
    {
    }

    /// <summary>
    /// Whether the compilation calls Finbuckle's <c>IsMultiTenant()</c> on a builder of an entity it cannot name: a loop
    /// over <c>modelBuilder.Model.GetEntityTypes()</c> ("isolation by default"), which <c>tenant_safety.tenant_types</c> describes.
    /// </summary>
    public bool AppliesFinbuckleInLoop { get; private set; }

    /// <summary>The loops that apply Finbuckle to every entity they reach (<see cref="FinbuckleLoop"/>).</summary>
    public IReadOnlyList<FinbuckleLoop> FinbuckleLoops => _loops;

    public static TenantFilterIndex Build(
        ImmutableArray<INamedTypeSymbol> configuringTypes,
        EfSymbols symbols,
        SemanticModelCache models,
        TypeResolver types,
        CancellationToken cancellationToken)
    {
        var index = new TenantFilterIndex();
        var bodies = ConfigurationBodies.Of(configuringTypes, cancellationToken);
        foreach (var body in bodies)
        {
            index.ReadBody(body, symbols, models, types, cancellationToken);
        }

        if (index._byTypeParameter.Count > 0)
        {
            foreach (var body in bodies)
            {
                index.ApplyGenericHelpers(body, models, cancellationToken);
            }

            index.ApplyDerivedConfigurations(configuringTypes);
        }

        index._runOrder = new Lazy<ConfigurationRunOrder>(() => new ConfigurationRunOrder(configuringTypes, symbols, models, types, cancellationToken));
        return index;
    }

    /// <summary>The filters that apply to queries over <paramref name="entityType"/>, whatever they scope by; empty when none.</summary>
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

        foreach (var (constraints, loop, filter) in _generic)
        {
            if (constraints.All(entityType.Satisfies) && (loop is null || loop.Reaches(entityType)) && filter.AppliesTo(entityType))
            {
                result.Add(filter);
            }
        }

        if (_notMultiTenant.Contains(entityType.OriginalDefinition))
        {
            result.RemoveAll(f => f.DeclaredBy == TenantDeclaration.Finbuckle);
        }

        if (entityType is not ITypeParameterSymbol)
        {
            DropReplaced(entityType.OriginalDefinition, result);
            AddBuiltByLoops(entityType.OriginalDefinition, result);
        }

        return result.ToImmutable();
    }

    /// <summary>Whether Finbuckle's <c>IsMultiTenant()</c> configures the entity (directly or through a helper on its type parameter).</summary>
    public bool IsFinbuckleEntity(ITypeSymbol? entityType) =>
        FiltersFor(entityType).Any(f => f.DeclaredBy == TenantDeclaration.Finbuckle);

    private void ReadBody(SyntaxReference body, EfSymbols symbols, SemanticModelCache models, TypeResolver types, CancellationToken cancellationToken)
    {
        // Read once per syntax tree, looking for the calls included; replayed while the tree is unchanged (the IDE).
        var facts = ConfigurationFactCache<TenantFilterIndex>.GetOrRead(
            body,
            CacheVariant,
            types,
            () => ReadDeclaration(body, models, symbols, types, cancellationToken));
        facts.ReplayInto(this, types);
    }

    private static ConfigurationFacts<TenantFilterIndex> ReadDeclaration(
        SyntaxReference reference,
        SemanticModelCache models,
        EfSymbols symbols,
        TypeResolver types,
        CancellationToken cancellationToken)
    {
        var declaration = reference.GetSyntax(cancellationToken);
        var calls = new List<InvocationExpressionSyntax>();
        var iteratesModel = false;
        foreach (var call in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            switch (call.InvokedName())
            {
                case "HasQueryFilter" or "SetQueryFilter" or "IsMultiTenant" or "IsNotMultiTenant":
                    calls.Add(call);
                    break;
                case "GetEntityTypes":
                    iteratesModel = true;
                    break;
            }
        }

        // entityType.AddSoftDeleteFilter() in a loop over the model: the helper may set the filter (ReadBody decides).
        if (iteratesModel)
        {
            calls.AddRange(EntityTypeLoop.CallsHandingOverTheEntityType(declaration).Where(call => !calls.Contains(call)));
        }

        if (calls.Count == 0)
        {
            return new ConfigurationFacts<TenantFilterIndex>(types);
        }

        if (models.ForConfiguration(declaration.SyntaxTree) is not { } model)
        {
            var unread = new ConfigurationFacts<TenantFilterIndex>(types);
            unread.MarkNotReusable();
            return unread;
        }

        return ReadBody(declaration, calls, model, models, symbols, types, cancellationToken);
    }

    private static ConfigurationFacts<TenantFilterIndex> ReadBody(
        SyntaxNode declaration,
        List<InvocationExpressionSyntax> calls,
        SemanticModel model,
        SemanticModelCache models,
        EfSymbols symbols,
        TypeResolver types,
        CancellationToken cancellationToken)
    {
        var facts = new ConfigurationFacts<TenantFilterIndex>(types);
        var bodyMethod = ConfigurationBodies.MethodOf(declaration, model, cancellationToken);
        ConfigurationMember? member = bodyMethod is { ContainingType: { } owner }
            && facts.Reference(owner) is { } ownerReference
                ? new ConfigurationMember(ownerReference, bodyMethod.Name)
                : null;

        // A filter a DbContext's own OnModelCreating sets filters that context (and those derived from it) only.
        var setInContext = bodyMethod is { Name: "OnModelCreating", ContainingType: { } context } && symbols.IsDbContext(context) ? context : null;

        // Unnamed filters replace each other: within one body the last one per entity wins; across bodies, the one
        // that runs last (DropReplaced).
        var lastUnnamed = new Dictionary<ITypeSymbol, (TenantFilter Filter, int Position)>(SymbolEqualityComparer.Default);
        foreach (var call in calls.OrderBy(c => c.ArgumentList.SpanStart))
        {
            if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation)
            {
                continue;
            }

            if (invocation.Descendants().Any(o => o.Kind == OperationKind.Invalid || o.Type is { TypeKind: TypeKind.Error }))
            {
                facts.MarkNotReusable();
            }

            if (TenancyLibraries.IsFinbuckleIsMultiTenant(invocation.TargetMethod) || TenancyLibraries.IsFinbuckleIsNotMultiTenant(invocation.TargetMethod))
            {
                ReadFinbuckleCall(facts, invocation, model, cancellationToken);
                continue;
            }

            if (symbols.IsUnnamedFilterSetter(invocation.TargetMethod))
            {
                // A filter a generic method returns, made generic for each entity of a loop: its type parameter's filter,
                // which the loop naming the method gives to the entities it reaches (ApplyGenericHelpers).
                if (FilterFactory.Read(invocation, model, models, cancellationToken) is { } factory)
                {
                    // Read from the method's body, which may be in another file.
                    facts.MarkNotReusable();
                    var (factoryKeys, factoryDeclared, factoryOpened) = FilterKeys.Read(factory.Lambda, symbols);
                    if (!factoryKeys.IsEmpty)
                    {
                        RecordFilter(facts, factory.TypeParameter, new TenantFilter(null, factoryKeys, factoryDeclared, TenantDeclaration.QueryFilter) { OpenedKeys = factoryOpened }.InContext(setInContext));
                    }
                }

                // modelBuilder.Entity(t.ClrType).HasQueryFilter(CreateTenantFilter(t.ClrType)): built from expression trees,
                // read only once the setter is known to be in a loop over the model.
                TenantFilter? ReadBuilt()
                {
                    var keys = invocation.Arguments.LastOrDefault() is { } argument ? ExpressionTreeFilter.KeysOf(argument.Value, models, cancellationToken) : ImmutableArray<string>.Empty;
                    return keys.IsEmpty ? null : new TenantFilter(null, keys, keys, TenantDeclaration.QueryFilter).InContext(setInContext);
                }

                ReadFilterLoop(facts, invocation, member, declaration, ReadBuilt, model, cancellationToken);
                continue;
            }

            if (call.InvokedName() is not ("HasQueryFilter" or "SetQueryFilter"))
            {
                // A method of this compilation a loop over the model hands the entity type: what it does is read from its
                // body, so this reading depends on another body and is kept for this compilation only.
                if (!(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).DeclaringSyntaxReferences.IsEmpty)
                {
                    facts.MarkNotReusable();
                    if (FilterLoop.SetsUnnamedFilter(invocation.TargetMethod, symbols, models, cancellationToken))
                    {
                        ReadFilterLoop(facts, invocation, member, declaration, readBuilt: null, model, cancellationToken);
                    }
                }

                continue;
            }

            if (invocation.TargetMethod.ContainingType is not { } builderType
                || !builderType.IsDefinitionOf(symbols.EntityTypeBuilderOfT))
            {
                continue;
            }

            // A helper's type parameter with no constraint type (`where T : class`) holds its filter too: the entities it
            // reaches are those its closed calls name and those the guards of a loop invoking it let through.
            var entity = builderType.TypeArguments[0];

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
                    lambda ??= FilterLambda.Of(argument.Value, model, cancellationToken);
                }
            }

            var (keys, declared, opened) = lambda is null ? (ImmutableArray<string>.Empty, ImmutableArray<string>.Empty, ImmutableArray<string>.Empty) : FilterKeys.Read(lambda, symbols);
            var filter = new TenantFilter(name, keys, declared, TenantDeclaration.QueryFilter) { OpenedKeys = opened }.InContext(setInContext);
            if (entity is ITypeParameterSymbol typeParameter)
            {
                filter = filter.ExceptFor(TypeBranches.ExcludedAt(call, typeParameter, model, cancellationToken));
            }

            if (name is null)
            {
                lastUnnamed[entity] = (filter, ConfigurationRunOrder.PositionOf(call));
            }
            else if (!keys.IsEmpty)
            {
                RecordFilter(facts, entity, filter);
            }
        }

        foreach (var pair in lastUnnamed)
        {
            var origin = member is { } body ? new FilterOrigin(body, pair.Value.Position, FilterOrigin.DeclarationOf(declaration)) : null;
            RecordFilter(facts, pair.Key, pair.Value.Filter, origin);
        }

        return facts;
    }

    /// <summary>
    /// <c>b.IsMultiTenant()</c> on <c>EntityTypeBuilder&lt;Lead&gt;</c>, or on <c>modelBuilder.Entity(typeof(Lead))</c>: Lead gets
    /// Finbuckle's filter on <c>TenantId</c>. On the builder of an entity the code cannot name (a loop), only the fact is kept.
    /// </summary>
    private static void ReadFinbuckleCall(ConfigurationFacts<TenantFilterIndex> facts, IInvocationOperation invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var receiverType = invocation.Receiver()?.Type as INamedTypeSymbol;
        var entity = receiverType is { IsGenericType: true } ? receiverType.TypeArguments[0] : null;
        if (entity is null
            && invocation.Receiver()?.Unwrap() is IInvocationOperation { TargetMethod.Name: "Entity" } entityCall
            && entityCall.Arguments.FirstOrDefault()?.Value is ITypeOfOperation { TypeOperand: INamedTypeSymbol known })
        {
            entity = known;
        }

        var isMultiTenant = invocation.TargetMethod.Name == "IsMultiTenant";
        if (entity is null || entity is ITypeParameterSymbol { ConstraintTypes.IsEmpty: true })
        {
            if (isMultiTenant)
            {
                // The loop holds symbols of this compilation (the method, the guards' types): used here only.
                var loop = FinbuckleLoop.Read(invocation, model, cancellationToken);
                facts.MarkNotReusable();
                facts.Add((index, _) =>
                {
                    index.AppliesFinbuckleInLoop = true;
                    if (loop is not null)
                    {
                        index._loops.Add(loop);
                    }
                });
            }

            return;
        }

        if (isMultiTenant)
        {
            var filter = new TenantFilter(TenancyLibraries.FilterNameOf(invocation.TargetMethod), s_finbuckleKey, s_finbuckleKey, TenantDeclaration.Finbuckle);
            RecordFilter(facts, entity, filter);
        }
        else if (facts.Reference(entity) is { } excluded)
        {
            facts.Add((index, types) =>
            {
                if (types.Resolve(excluded) is { } type)
                {
                    index._notMultiTenant.Add(type);
                }
            });
        }
    }

    /// <summary>
    /// <c>entityType.SetQueryFilter(…)</c> in a loop over the model: it replaces the unnamed filter of every entity it
    /// reaches, set before it. Kept for this compilation only: the loop's guards are symbols.
    /// </summary>
    private static void ReadFilterLoop(
        ConfigurationFacts<TenantFilterIndex> facts,
        IInvocationOperation setter,
        ConfigurationMember? member,
        SyntaxNode declaration,
        Func<TenantFilter?>? readBuilt,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        if (member is not { } body || FilterLoop.Read(setter, new FilterOrigin(body, ConfigurationRunOrder.PositionOf(setter.Syntax), FilterOrigin.DeclarationOf(declaration)), readBuilt, model, cancellationToken) is not { } loop)
        {
            return;
        }

        facts.MarkNotReusable();
        facts.Add((index, _) => index._filterLoops.Add(loop));
    }

    private static void RecordFilter(ConfigurationFacts<TenantFilterIndex> facts, ITypeSymbol entity, TenantFilter filter, FilterOrigin? origin = null)
    {
        if (entity is ITypeParameterSymbol typeParameter)
        {
            // A helper's type parameter is applied to entities in a second pass over this compilation's symbols: such
            // a record holds a symbol, so it is used in this compilation only.
            facts.MarkNotReusable();
            facts.Add((index, _) =>
            {
                index.Add(typeParameter, filter);
                index.RecordOrigin(filter, origin);
            });
            return;
        }

        var reference = facts.Reference(entity);
        facts.Add((index, types) =>
        {
            if (types.Resolve(reference) is { } type)
            {
                index.Add(type, filter);
                index.RecordOrigin(filter, origin);
            }
        });
    }

    private void RecordOrigin(TenantFilter filter, FilterOrigin? origin)
    {
        if (origin is not null)
        {
            _originOf[filter] = origin;
        }
    }

    /// <summary>
    /// Two bodies set an unnamed filter on one entity (a tenant filter in <c>OnModelCreating</c>, soft delete in the
    /// entity's <c>IEntityTypeConfiguration</c>, or two generic helpers a loop applies one after the other): EF Core keeps
    /// the one that runs last, so the others are taken out of <paramref name="filters"/>. When the order is not known
    /// (<see cref="ConfigurationRunOrder.LastOf"/>), all of them are kept.
    /// </summary>
    private void DropReplaced(ITypeSymbol entity, ImmutableArray<TenantFilter>.Builder filters)
    {
        var unnamed = 0;
        foreach (var filter in filters)
        {
            if (filter is { Name: null, DeclaredBy: TenantDeclaration.QueryFilter })
            {
                unnamed++;
            }
        }

        if (unnamed == 0 || (unnamed < 2 && !_filterLoops.Exists(l => l.Replaces(entity))))
        {
            return;
        }

        var replacement = _replaced.GetOrAdd(entity, _ => ReplacedAmong(
            filters.Where(f => f is { Name: null, DeclaredBy: TenantDeclaration.QueryFilter }).Distinct().ToList(),
            _filterLoops.Where(l => l.Replaces(entity)).ToList()));
        if (!replacement.Replaced.IsEmpty)
        {
            filters.RemoveAll(replacement.Replaced.Contains);
        }
    }

    /// <summary>
    /// The filters loops over the model build from expression trees and set on <paramref name="entity"/>
    /// (<see cref="FilterLoop.Built"/>), when their guards were read and let it through. Not when another unnamed filter
    /// of no tenant key is left beside them (a soft-delete filter set after the loop would replace it).
    /// </summary>
    private void AddBuiltByLoops(ITypeSymbol entity, ImmutableArray<TenantFilter>.Builder filters)
    {
        if (_filterLoops.Count == 0 || filters.Any(f => f is { Name: null, DeclaredBy: TenantDeclaration.QueryFilter, Keys.IsEmpty: true }))
        {
            return;
        }

        foreach (var loop in _filterLoops)
        {
            if (loop.Built is { } built && loop.Replaces(entity) && !filters.Contains(built))
            {
                filters.Add(built);
            }
        }
    }

    /// <summary>
    /// Whether a loop over the model may set <paramref name="entityType"/>'s unnamed filter at run time
    /// (<see cref="FilterLoop"/>): a filter added for it in <c>OnModelCreating</c> may be replaced, or replace that one.
    /// </summary>
    public bool MayBeSetByLoop(ITypeSymbol entityType) =>
        _filterLoops.Exists(l => l.MaySet(entityType.OriginalDefinition));

    /// <summary>The types the guards of the loops that may set <paramref name="entityType"/>'s unnamed filter require (<c>typeof(IOwnedByUnit).IsAssignableFrom(…)</c>).</summary>
    public IEnumerable<ITypeSymbol> FilterLoopGuards(ITypeSymbol entityType) =>
        _filterLoops.Where(l => l.MaySet(entityType.OriginalDefinition)).SelectMany(l => l.Loop.Required);

    /// <summary>Every name the loops that may set <paramref name="entityType"/>'s unnamed filter write (<see cref="FilterLoop.Names"/>).</summary>
    public IEnumerable<string> FilterLoopNames(ITypeSymbol entityType) =>
        _filterLoops.Where(l => l.MaySet(entityType.OriginalDefinition)).SelectMany(l => l.Names);

    /// <summary>
    /// Where a filter on <paramref name="key"/> was set for <paramref name="entityType"/> and which later unnamed filter
    /// replaced it (<see cref="DropReplaced"/>), and whether that one is a loop's (<see cref="FilterLoop"/>); null when none
    /// was. For messages: "no tenant filter" next to one in sight.
    /// </summary>
    public (ConfigurationMember SetIn, ConfigurationMember ReplacedIn, bool ByLoop)? ReplacedFilterOn(ITypeSymbol entityType, string key)
    {
        _ = FiltersFor(entityType);
        if (!_replaced.TryGetValue(entityType.OriginalDefinition, out var replacement) || replacement.Last is not { } last)
        {
            return null;
        }

        foreach (var filter in replacement.Replaced)
        {
            if (filter.Scopes(key) && _originOf.TryGetValue(filter, out var origin))
            {
                return (origin.Body, last.Body, _filterLoops.Exists(l => ReferenceEquals(l.Origin, last)));
            }
        }

        return null;
    }

    private Replacement ReplacedAmong(List<TenantFilter> unnamed, List<FilterLoop> loops)
    {
        var origins = new List<FilterOrigin>(unnamed.Count + loops.Count);
        foreach (var filter in unnamed)
        {
            if (!_originOf.TryGetValue(filter, out var origin) || origins.Exists(o => o.Body.Equals(origin.Body)))
            {
                return Replacement.None;
            }

            origins.Add(origin);
        }

        // A loop may share its body with a filter (both in OnModelCreating): their positions in it tell the order.
        foreach (var loop in loops)
        {
            if (origins.Exists(o => o.Body.Equals(loop.Origin.Body) && !o.IsInSameDeclaration(loop.Origin)))
            {
                return Replacement.None;
            }

            origins.Add(loop.Origin);
        }

        if (origins.Count < 2 || _runOrder is null)
        {
            return Replacement.None;
        }

        FilterOrigin? last;
        var order = _runOrder.Value;
        lock (order)
        {
            last = order.LastOf(origins);
        }

        if (last is null)
        {
            return Replacement.None;
        }

        // A loop that names a filter's key may build that filter again: the filter is not known to be gone.
        var lastLoop = loops.Find(l => ReferenceEquals(l.Origin, last));
        var replaced = unnamed.Where(f => !ReferenceEquals(_originOf[f], last) && (lastLoop is null || !lastLoop.MayRebuild(f))).ToImmutableArray();
        return new Replacement(replaced, last);
    }

    /// <summary>The unnamed filters of one entity that a later one replaces, and where that last one is set.</summary>
    private sealed class Replacement
    {
        public static readonly Replacement None = new(ImmutableArray<TenantFilter>.Empty, null);

        public Replacement(ImmutableArray<TenantFilter> replaced, FilterOrigin? last)
        {
            Replaced = replaced;
            Last = last;
        }

        public ImmutableArray<TenantFilter> Replaced { get; }

        public FilterOrigin? Last { get; }
    }

    /// <summary>
    /// Second pass: <c>ApplyTenantFilter&lt;Lead&gt;(…)</c> and <c>new TenantConfiguration&lt;Lead&gt;()</c> give Lead the
    /// helper's filter; naming the helper in a string or <c>nameof</c> (reflection) gives it to every entity
    /// that satisfies the type parameter's constraints, as does making generic a <c>MethodInfo</c> field or property
    /// whose declaration names it (<see cref="KeptMethodInfo"/>).
    /// </summary>
    private void ApplyGenericHelpers(SyntaxReference reference, SemanticModelCache models, CancellationToken cancellationToken)
    {
        var helperNames = new HashSet<string>(_byTypeParameter.Keys.Select(p => p.TypeParameterKind == TypeParameterKind.Method ? p.DeclaringMethod!.Name : p.DeclaringType!.Name));
        var declaration = reference.GetSyntax(cancellationToken);
        var candidates = declaration.DescendantNodes()
            .Where(node => node is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or LiteralExpressionSyntax)
            .ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        var model = models.ForConfiguration(declaration.SyntaxTree);
        if (model is null)
        {
            return;
        }

        foreach (var node in candidates)
        {
            if (node is LiteralExpressionSyntax || node.NameOfArgument() is not null)
            {
                if (HelperNamedBy(node, helperNames) is { } named)
                {
                    ApplyToConstraints(named, EntityTypeLoop.Around(node, model, cancellationToken));
                }

                continue;
            }

            switch (model.GetOperation(node, cancellationToken))
            {
                case IInvocationOperation makeGeneric when KeptMethodInfo.MadeGeneric(makeGeneric) is { } kept:
                    foreach (var value in KeptMethodInfo.ValuesOf(kept, cancellationToken))
                    {
                        foreach (var named in value.DescendantNodes().Select(n => HelperNamedBy(n, helperNames)).OfType<string>())
                        {
                            ApplyToConstraints(named, EntityTypeLoop.Around(node, model, cancellationToken));
                        }
                    }

                    break;
                case IInvocationOperation { TargetMethod: { IsGenericMethod: true } target }:
                    ApplyTypeArguments(target.OriginalDefinition.TypeParameters, target.TypeArguments);
                    break;
                case IObjectCreationOperation { Type: INamedTypeSymbol { IsGenericType: true } created }:
                    ApplyTypeArguments(created.OriginalDefinition.TypeParameters, created.TypeArguments);
                    break;
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

        // The entities that reach the helper: those its type parameter's constraints admit, and that the guards of the loop
        // invoking it let through (`if (typeof(ITenantEntity).IsAssignableFrom(t.ClrType))` around a helper constrained
        // only to `class`). A loop with a condition that is not a guard may skip any entity: it does not count alone.
        void ApplyToConstraints(string helperName, EntityTypeLoop? loop)
        {
            var guardsAlone = loop is { GuardsRead: true } && (!loop.Required.IsEmpty || !loop.RequiredProperties.IsEmpty);
            foreach (var pair in _byTypeParameter)
            {
                var owner = pair.Key.TypeParameterKind == TypeParameterKind.Method ? pair.Key.DeclaringMethod!.Name : pair.Key.DeclaringType!.Name;
                if (owner == helperName && (!pair.Key.ConstraintTypes.IsEmpty || guardsAlone))
                {
                    foreach (var filter in pair.Value)
                    {
                        _generic.Add((pair.Key.ConstraintTypes, loop, filter));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Third pass: <c>InvoiceConfig : TenantConfig&lt;Invoice&gt;</c> gives Invoice the filters <c>TenantConfig&lt;T&gt;</c>'s
    /// <c>Configure</c> sets on <c>T</c> (<see cref="ClosedConfigurations"/>).
    /// </summary>
    private void ApplyDerivedConfigurations(ImmutableArray<INamedTypeSymbol> configuringTypes)
    {
        foreach (var type in configuringTypes)
        {
            foreach (var (parameter, argument) in ClosedConfigurations.BaseTypeArguments(type))
            {
                if (_byTypeParameter.TryGetValue(parameter, out var filters))
                {
                    foreach (var filter in filters)
                    {
                        Add(argument, filter);
                    }
                }
            }
        }
    }

    /// <summary>The helper a string literal or <c>nameof(…)</c> names, if it names one of <paramref name="helperNames"/>.</summary>
    private static string? HelperNamedBy(SyntaxNode node, HashSet<string> helperNames)
    {
        var named = node.ReflectedName();
        return named is not null && helperNames.Contains(named) ? named : null;
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

        if (!filter.AppliesTo(entity))
        {
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
