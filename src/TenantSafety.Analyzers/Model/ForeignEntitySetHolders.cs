using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The DbContexts and entity-set interfaces of other projects that a project without a DbContext of its own names, and
/// where it names each first: a service's <c>ShopDb db</c> parameter, an <c>IDbContextFactory&lt;ShopDb&gt;</c> field, a
/// background job's <c>GetRequiredService&lt;ShopDb&gt;()</c>, when it reads the entity sets of that context or interface
/// (<see cref="ForeignModelQueries"/>). Such a project queries a model it cannot read: the key, the query filters and the
/// tables are configured in the other project's compiled code.
/// </summary>
/// <remarks>
/// Candidates are the concrete, non-generic DbContexts and the interfaces declaring <c>DbSet&lt;T&gt;</c> properties of the
/// referenced assemblies that reference EF Core. Their names are looked up token by token (the scan of a file is kept
/// with its tree), and only the first place of each name in path and position order that binds to the candidate counts:
/// not a base list (a context derived from it is this project's own), not generated code (a migration's attribute).
/// With key names (<see cref="Build"/>) the stores that read such a model's entities are candidates too, those of other
/// projects and this project's own store interfaces that another project implements (<see cref="OwnStoreInterfaces"/>):
/// a project that only declares such an interface (a Domain project) names none of them.
/// </remarks>
internal sealed class ForeignEntitySetHolders
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeScan> s_scans = new();

    private readonly ImmutableArray<ForeignModelUse> _firstUses;

    private ForeignEntitySetHolders(ImmutableArray<ForeignModelUse> firstUses) => _firstUses = firstUses;

    /// <summary>The holders and stores this project names first in <paramref name="tree"/>, each with that place.</summary>
    public IEnumerable<ForeignModelUse> FirstUsesIn(SyntaxTree tree) =>
        _firstUses.Where(use => use.Location.SourceTree == tree);

    /// <summary>
    /// Finds the first place this project names each candidate. <paramref name="isGenerated"/> says whether a location is
    /// in generated code, which the analysis layer knows how the project marks.
    /// </summary>
    /// <param name="compilation">The project's compilation.</param>
    /// <param name="symbols">EF Core's types in it.</param>
    /// <param name="models">The semantic models that bind the candidate names found.</param>
    /// <param name="isGenerated">Whether a location is in generated code.</param>
    /// <param name="keyNames">The property names that mark an entity of a project with no visible model as a tenant entity (<c>TenantId</c>, …).</param>
    /// <param name="ownStores">This project's store interfaces that another project implements, with their entities (<see cref="OwnStoreInterfaces"/>): candidates too.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    public static ForeignEntitySetHolders Build(
        Compilation compilation,
        EfSymbols symbols,
        SemanticModelCache models,
        Func<Location, CancellationToken, bool> isGenerated,
        ImmutableArray<string> keyNames,
        IReadOnlyDictionary<INamedTypeSymbol, ImmutableArray<ITypeSymbol>> ownStores,
        CancellationToken cancellationToken)
    {
        var all = Candidates(compilation, symbols, keyNames);
        foreach (var own in ownStores)
        {
            all[own.Key] = (own.Value, ForeignModelKind.OwnStore);
        }

        if (all.Count == 0)
        {
            return new ForeignEntitySetHolders(ImmutableArray<ForeignModelUse>.Empty);
        }

        var candidates = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
        foreach (var candidate in all.Keys)
        {
            if (!candidates.TryGetValue(candidate.Name, out var list))
            {
                candidates[candidate.Name] = list = [];
            }

            list.Add(candidate);
        }

        var names = string.Join(",", candidates.Keys.OrderBy(name => name, StringComparer.Ordinal));
        var first = new Dictionary<INamedTypeSymbol, Location>(SymbolEqualityComparer.Default);
        var total = candidates.Values.Sum(list => list.Count);
        foreach (var tree in compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal))
        {
            // Every candidate found: the files after this one cannot come first.
            if (first.Count == total)
            {
                break;
            }

            var root = tree.GetRoot(cancellationToken);
            foreach (var position in s_scans.GetValue(tree, _ => new TreeScan()).Positions(tree, names, candidates.Keys, cancellationToken))
            {
                if (root.FindToken(position).Parent is not SimpleNameSyntax name
                    || name.FirstAncestorOrSelf<BaseListSyntax>() is not null
                    || IsOnlyNamed(name)
                    || candidates[name.Identifier.ValueText].All(first.ContainsKey))
                {
                    continue;
                }

                var location = name.GetLocation();
                if (isGenerated(location, cancellationToken) || models.Get(tree) is not { } model)
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                if (IsOnlyRegistered(name, model, cancellationToken))
                {
                    continue;
                }

                var type = (symbol as INamedTypeSymbol ?? (symbol as IMethodSymbol)?.ContainingType)?.OriginalDefinition;
                if (type is not null && candidates[name.Identifier.ValueText].Contains(type, SymbolEqualityComparer.Default) && !first.ContainsKey(type)
                    && !(IsStore(all[type].Kind) && IsInInterface(name)))
                {
                    first[type] = location;
                }
            }
        }

        // Stores stand for the model whose entities they read: the first one named speaks for every store of that model
        // (one key to set), and none does when this project names that model's DbContext or interface too. `first` is in
        // path and position order; contexts and interfaces go first, this project's own store interfaces next.
        // An entity-set interface of this project (IAppDbContext) is reported at its declaration and speaks for the stores too.
        var spokenFor = new HashSet<ITypeSymbol>(
            compilation.Assembly.GlobalNamespace.AllTypes().Where(type => type.TypeKind == TypeKind.Interface).SelectMany(type => EntityTypesOf(type, symbols)),
            SymbolEqualityComparer.Default);
        // A context or interface whose entity sets this project never reads (a host that only migrates it) has no query
        // here to judge, and does not speak for the stores of its model either.
        var read = ForeignModelQueries.ReadIn(compilation, first.Keys.Where(type => !IsStore(all[type].Kind)).ToList(), symbols, models, cancellationToken);
        var uses = ImmutableArray.CreateBuilder<ForeignModelUse>();
        foreach (var named in first.OrderBy(kv => SpeakingOrder(all[kv.Key].Kind)))
        {
            var (entityTypes, kind) = all[named.Key];
            if ((SpeakingOrder(kind) > 0 && entityTypes.Any(spokenFor.Contains)) || (!IsStore(kind) && !read.Contains(named.Key)))
            {
                continue;
            }

            spokenFor.UnionWith(entityTypes);
            uses.Add(new ForeignModelUse(named.Key, named.Value, entityTypes, kind));
        }

        return new ForeignEntitySetHolders(uses.ToImmutable());
    }

    /// <summary>
    /// Whether <paramref name="name"/> only names the type, as a list of types does (<c>typeof(AuditDbContext)</c> for
    /// assembly scanning, <c>nameof(…)</c>): such a project neither holds nor queries the model.
    /// </summary>
    private static bool IsOnlyNamed(SyntaxNode name) =>
        name.FirstAncestorOrSelf<TypeOfExpressionSyntax>() is not null
        || name.Ancestors().Any(ancestor => ancestor.NameOfArgument() is not null);

    /// <summary>
    /// Whether <paramref name="name"/> is the type argument of a registration with the host's services
    /// (<c>services.AddDbContext&lt;ShopDb&gt;()</c>, <c>checks.AddDbContextCheck&lt;ShopDb&gt;()</c>): an extension method of
    /// <c>IServiceCollection</c> or <c>IHealthChecksBuilder</c>. A host registers the context for others to resolve; a
    /// resolution (<c>GetRequiredService&lt;ShopDb&gt;()</c>, an extension of <c>IServiceProvider</c>) hands it out and is a use.
    /// </summary>
    private static bool IsOnlyRegistered(SimpleNameSyntax name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (name.Parent is not TypeArgumentListSyntax { Parent: GenericNameSyntax generic })
        {
            return false;
        }

        var invoked = generic.Parent is MemberAccessExpressionSyntax access && access.Name == generic ? access.Parent : generic.Parent;
        return invoked is InvocationExpressionSyntax call
            && model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { IsExtensionMethod: true } method
            && (method.ReducedFrom ?? method).Parameters.FirstOrDefault()?.Type is INamedTypeSymbol receiver
            && receiver.ToDisplayString() is "Microsoft.Extensions.DependencyInjection.IServiceCollection" or "Microsoft.Extensions.DependencyInjection.IHealthChecksBuilder";
    }

    /// <summary>
    /// Whether <paramref name="name"/> is in an interface's declaration: a store named there (a Domain project's
    /// <c>IUnitOfWork.Orders</c>, of type <c>IRepository&lt;Order&gt;</c>, its own or a shared kernel's) composes stores for
    /// other projects, it does not query.
    /// </summary>
    private static bool IsInInterface(SyntaxNode name) => name.FirstAncestorOrSelf<TypeDeclarationSyntax>() is InterfaceDeclarationSyntax;

    /// <summary>Whether <paramref name="kind"/> is a store, this project's or another's, rather than a DbContext or an entity-set interface.</summary>
    private static bool IsStore(ForeignModelKind kind) => SpeakingOrder(kind) > 0;

    /// <summary>Which kinds speak first: a DbContext or an entity-set interface, then this project's own store interfaces, then the stores of other projects.</summary>
    private static int SpeakingOrder(ForeignModelKind kind) => kind switch
    {
        ForeignModelKind.OwnStore => 1,
        ForeignModelKind.Store or ForeignModelKind.UnmappedStore or ForeignModelKind.SpecificationRepository => 2,
        _ => 0,
    };

    /// <summary>The entity types whose sets <paramref name="holder"/> declares (its own and inherited <c>DbSet&lt;T&gt;</c> properties).</summary>
    public static ImmutableArray<ITypeSymbol> EntityTypesOf(INamedTypeSymbol holder, EfSymbols symbols)
    {
        var entityTypes = ImmutableArray.CreateBuilder<ITypeSymbol>();
        foreach (var (_, entityType) in EntitySetsOf(holder, symbols))
        {
            if (!entityTypes.Contains(entityType, SymbolEqualityComparer.Default))
            {
                entityTypes.Add(entityType);
            }
        }

        return entityTypes.ToImmutable();
    }

    /// <summary>Each <c>DbSet&lt;T&gt;</c> property <paramref name="holder"/> declares or inherits, with its T.</summary>
    public static IEnumerable<(IPropertySymbol Property, ITypeSymbol EntityType)> EntitySetsOf(INamedTypeSymbol holder, EfSymbols symbols)
    {
        foreach (var property in holder.SelfAndInheritedTypes().SelectMany(t => t.GetMembers()).OfType<IPropertySymbol>())
        {
            if (symbols.IsDbSet(property.Type, out var entityType))
            {
                yield return (property, entityType);
            }
        }
    }

    /// <summary>Every DbContext and entity-set interface of another project this one references (<see cref="IsHolderType"/> with entity sets), whether it names it or not.</summary>
    public static IEnumerable<INamedTypeSymbol> AllIn(Compilation compilation, EfSymbols symbols) =>
        Candidates(compilation, symbols, keyNames: null).Keys;

    /// <summary>
    /// The holders of entity sets declared in the referenced assemblies that reference EF Core, each with its entities;
    /// with <paramref name="keyNames"/>: also the stores (<see cref="ForeignStoreMethods.DeclaresStoreMethods"/>) of the
    /// assemblies of those holders and of the assemblies that declare their entities (a Domain or Core project's
    /// <c>IRepository&lt;T&gt;</c>), each with the entities of the models that map that assembly's entities, and the stores
    /// of projects whose entities no such model maps (<see cref="AddUnmappedStores"/>).
    /// </summary>
    private static Dictionary<INamedTypeSymbol, (ImmutableArray<ITypeSymbol> EntityTypes, ForeignModelKind Kind)> Candidates(Compilation compilation, EfSymbols symbols, ImmutableArray<string>? keyNames)
    {
        var candidates = new Dictionary<INamedTypeSymbol, (ImmutableArray<ITypeSymbol>, ForeignModelKind)>(SymbolEqualityComparer.Default);
        var storeEntities = new Dictionary<IAssemblySymbol, List<ITypeSymbol>>(SymbolEqualityComparer.Default);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!ForeignStoreMethods.UsesEfCore(assembly, symbols))
            {
                continue;
            }

            var modelEntities = new List<ITypeSymbol>();
            foreach (var type in TypesOf(assembly.GlobalNamespace))
            {
                var entityTypes = IsHolderType(type, symbols) ? EntityTypesOf(type, symbols) : ImmutableArray<ITypeSymbol>.Empty;
                if (!entityTypes.IsEmpty)
                {
                    candidates[type] = (entityTypes, type.TypeKind == TypeKind.Interface ? ForeignModelKind.EntitySetInterface : ForeignModelKind.Context);
                    AddNew(modelEntities, entityTypes);
                }
            }

            // The model's stores may be declared beside its DbContext or beside its entities.
            foreach (var storeAssembly in modelEntities.Select(entity => entity.ContainingAssembly).Append(assembly))
            {
                if (storeAssembly is not null && !SymbolEqualityComparer.Default.Equals(storeAssembly, compilation.Assembly))
                {
                    AddNew(storeEntities.TryGetValue(storeAssembly, out var list) ? list : storeEntities[storeAssembly] = [], modelEntities);
                }
            }
        }

        if (keyNames is not { } names)
        {
            return candidates;
        }

        foreach (var pair in storeEntities.Where(pair => pair.Value.Count > 0))
        {
            var entities = pair.Value.ToImmutableArray();
            var types = TypesOf(pair.Key.GlobalNamespace).Where(type => !candidates.ContainsKey(type) && !symbols.IsDbContext(type)).ToList();
            var stores = new HashSet<INamedTypeSymbol>(types.Where(type => ForeignStoreMethods.DeclaresStoreMethods(type, symbols)), SymbolEqualityComparer.Default);

            // A unit of work hands out the stores (`IUnitOfWork.Orders`): naming it names them.
            foreach (var type in types.Where(type => stores.Contains(type) || HandsOutStores(type, stores)))
            {
                candidates[type] = (entities, ForeignModelKind.Store);
            }
        }

        AddUnmappedStores(compilation, symbols, names, storeEntities, candidates);
        AddSpecificationRepositories(compilation, symbols, names, candidates);
        return candidates;
    }

    /// <summary>
    /// The repositories of Ardalis.Specification this project may query through: the library's own interfaces and this
    /// project's types that extend or implement them (an Application layer's <c>IReadRepository&lt;T&gt;</c>). Their
    /// entities are the classes of this project and of the unsigned assemblies it references that carry a property of
    /// <paramref name="keyNames"/>: a repository is generic, and a project without such a class says nothing about tenancy.
    /// </summary>
    private static void AddSpecificationRepositories(
        Compilation compilation,
        EfSymbols symbols,
        ImmutableArray<string> keyNames,
        Dictionary<INamedTypeSymbol, (ImmutableArray<ITypeSymbol>, ForeignModelKind)> candidates)
    {
        var specifications = symbols.Specifications;
        if (specifications.ReadRepository is not { } readRepository)
        {
            return;
        }

        var entities = KeyCarriers(compilation, keyNames).ToImmutableArray<ITypeSymbol>();
        if (entities.IsEmpty)
        {
            return;
        }

        var repositories = compilation.Assembly.GlobalNamespace.AllTypes()
            .Where(type => type.ImplementsDefinition(readRepository))
            .Append(readRepository);
        if (specifications.Repository is { } repository)
        {
            repositories = repositories.Append(repository);
        }

        foreach (var type in repositories)
        {
            if (!candidates.ContainsKey(type))
            {
                candidates[type] = (entities, ForeignModelKind.SpecificationRepository);
            }
        }
    }

    /// <summary>
    /// The stores of a Domain or Core project whose entities no model this project can see maps (an Application layer
    /// that references only Domain), each over that project's entities that carry a property of <paramref name="keyNames"/>: without
    /// such an entity the stores say nothing about tenancy. Strong-named assemblies (the framework's, most packages) are
    /// not read: a project's own layers are not signed.
    /// </summary>
    private static void AddUnmappedStores(
        Compilation compilation,
        EfSymbols symbols,
        ImmutableArray<string> keyNames,
        Dictionary<IAssemblySymbol, List<ITypeSymbol>> storeEntities,
        Dictionary<INamedTypeSymbol, (ImmutableArray<ITypeSymbol>, ForeignModelKind)> candidates)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Identity.HasPublicKey
                || SymbolEqualityComparer.Default.Equals(assembly, symbols.DbContext?.ContainingAssembly)
                || storeEntities.TryGetValue(assembly, out var mapped) && mapped.Count > 0)
            {
                continue;
            }

            var types = TypesOf(assembly.GlobalNamespace).Where(type => !candidates.ContainsKey(type)).ToList();
            var keyCarriers = types.Where(type => CarriesKey(type, keyNames)).ToImmutableArray<ITypeSymbol>();
            var stores = new HashSet<INamedTypeSymbol>(types.Where(type => ForeignStoreMethods.DeclaresStoreMethods(type, symbols)), SymbolEqualityComparer.Default);
            foreach (var type in types.Where(type => stores.Contains(type) || HandsOutStores(type, stores)))
            {
                // A store constrained to an entity base (`IRepository<T> where T : BaseEntity`) holds only what satisfies it:
                // the entities a visible model maps, if any do (an Application layer's store over the Domain's entities), else
                // this project's classes that carry a key; a DTO with an `OrganizationId` is neither.
                var constraints = StoredTypeConstraints(type);
                if (constraints.IsEmpty)
                {
                    if (!keyCarriers.IsEmpty)
                    {
                        candidates[type] = (keyCarriers, ForeignModelKind.UnmappedStore);
                    }

                    continue;
                }

                var mappedEntities = new List<ITypeSymbol>();
                AddNew(mappedEntities, storeEntities.Values.SelectMany(list => list).Where(entity => constraints.All(entity.Satisfies)));
                var carried = keyCarriers.Where(entity => constraints.All(entity.Satisfies)).ToImmutableArray();
                if (mappedEntities.Count > 0)
                {
                    candidates[type] = (mappedEntities.ToImmutableArray(), ForeignModelKind.Store);
                }
                else if (!carried.IsEmpty)
                {
                    candidates[type] = (carried, ForeignModelKind.UnmappedStore);
                }
            }
        }
    }

    /// <summary>The constraint types of a generic store's type parameters (<c>BaseEntity</c> of <c>IRepository&lt;T&gt; where T : BaseEntity</c>); empty for none.</summary>
    private static ImmutableArray<ITypeSymbol> StoredTypeConstraints(INamedTypeSymbol store) =>
        store.TypeParameters.Length == 1 ? store.TypeParameters[0].ConstraintTypes : ImmutableArray<ITypeSymbol>.Empty;

    /// <summary>The classes of this project and the public ones of the solution's other projects (unsigned assemblies) that carry a key name.</summary>
    internal static List<INamedTypeSymbol> KeyCarriers(Compilation compilation, ImmutableArray<string> keyNames)
    {
        var assemblies = compilation.SourceModule.ReferencedAssemblySymbols.Where(assembly => !assembly.Identity.HasPublicKey);
        return compilation.Assembly.GlobalNamespace.AllTypes()
            .Concat(assemblies.SelectMany(assembly => TypesOf(assembly.GlobalNamespace)))
            .Where(type => CarriesKey(type, keyNames))
            .ToList();
    }

    /// <summary>A class that can be an entity and declares or inherits a property of <paramref name="keyNames"/>.</summary>
    internal static bool CarriesKey(INamedTypeSymbol type, ImmutableArray<string> keyNames) =>
        type is { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false }
        && keyNames.Any(name => type.FindInstancePropertyInAnyCase(name) is not null);

    /// <summary>Whether <paramref name="type"/> hands out one of <paramref name="stores"/> (<see cref="StoresHandedOut"/>).</summary>
    private static bool HandsOutStores(INamedTypeSymbol type, HashSet<INamedTypeSymbol> stores) => StoresHandedOut(type, stores).Any();

    /// <summary>
    /// The ones of <paramref name="stores"/> that <paramref name="type"/> hands out: the type of a public property
    /// (<c>IUnitOfWork.Orders</c>), or what a public method without parameters returns (<c>IUnitOfWork.Repository&lt;T&gt;()</c>).
    /// </summary>
    internal static IEnumerable<INamedTypeSymbol> StoresHandedOut(INamedTypeSymbol type, HashSet<INamedTypeSymbol> stores)
    {
        foreach (var member in type.SelfAndInheritedTypes().SelectMany(t => t.GetMembers()))
        {
            var handedOut = member.DeclaredAccessibility != Accessibility.Public ? null : member switch
            {
                IPropertySymbol property => property.Type,
                IMethodSymbol { MethodKind: MethodKind.Ordinary, Parameters.IsEmpty: true } method => method.ReturnType,
                _ => null,
            };
            if (handedOut is INamedTypeSymbol returned && stores.Contains(returned.OriginalDefinition))
            {
                yield return returned.OriginalDefinition;
            }
        }
    }

    /// <summary>Adds to <paramref name="into"/> the ones of <paramref name="entityTypes"/> it does not hold yet, in order.</summary>
    internal static void AddNew(List<ITypeSymbol> into, IEnumerable<ITypeSymbol> entityTypes) =>
        into.AddRange(entityTypes.Where(entityType => !into.Contains(entityType, SymbolEqualityComparer.Default)).ToList());

    /// <summary>The public types of <paramref name="ns"/> and the namespaces in it.</summary>
    private static IEnumerable<INamedTypeSymbol> TypesOf(INamespaceSymbol ns) =>
        ns.AllTypes().Where(type => type.DeclaredAccessibility == Accessibility.Public);

    /// <summary>
    /// A concrete, non-generic DbContext (not Finbuckle's tenant store), or an interface, with at least one entity set.
    /// An abstract or generic context is a base for a project's own, which TSA0001 judges itself.
    /// </summary>
    private static bool IsHolderType(INamedTypeSymbol type, EfSymbols symbols)
    {
        if (type.IsGenericType)
        {
            return false;
        }

        var isContext = type is { TypeKind: TypeKind.Class, IsAbstract: false } && type.DerivesFrom(symbols.DbContext) && !TenancyLibraries.IsFinbuckleTenantStore(type);
        return isContext || type.TypeKind == TypeKind.Interface;
    }

    /// <summary>Where one file has identifiers named like a candidate: kept with the tree, so an IDE keystroke scans only the file it edits.</summary>
    private sealed class TreeScan
    {
        // One reference, swapped whole: two compilations sharing the tree may ask at once.
        private Tuple<string, ImmutableArray<int>>? _last;

        public ImmutableArray<int> Positions(SyntaxTree tree, string names, ICollection<string> candidates, CancellationToken cancellationToken)
        {
            if (_last is { } last && last.Item1 == names)
            {
                return last.Item2;
            }

            var positions = ImmutableArray.CreateBuilder<int>();
            foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && candidates.Contains(token.ValueText))
                {
                    positions.Add(token.SpanStart);
                }
            }

            var result = positions.ToImmutable();
            _last = Tuple.Create(names, result);
            return result;
        }
    }
}
