using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Ef;

/// <summary>
/// The types of Ardalis.Specification (and its EF Core package) that run a query: a repository of the library
/// (<c>IReadRepositoryBase&lt;T&gt;.ListAsync(spec)</c>), the EF Core extensions that apply a specification to a query
/// (<c>WithSpecification</c>), and the builder a specification's constructor fills (<c>Query.Where(…)</c>). Many Clean
/// Architecture templates query only through them, so without them a project's queries are invisible. Resolved once per
/// compilation by metadata name; all null in a project that does not reference the library.
/// </summary>
internal sealed class SpecificationSymbols
{
    private const string Library = "Ardalis.Specification.";
    private const string EfCorePackage = Library + "EntityFrameworkCore.";

    public SpecificationSymbols(Compilation compilation)
    {
        ReadRepository = EfSymbols.TypeNamed(compilation, Library + "IReadRepositoryBase`1");
        if (ReadRepository is null)
        {
            return;
        }

        Repository = EfSymbols.TypeNamed(compilation, Library + "IRepositoryBase`1");
        BuilderExtensions = EfSymbols.TypeNamed(compilation, Library + "SpecificationBuilderExtensions");
        SpecificationOfT = EfSymbols.TypeNamed(compilation, Library + "Specification`1");
        SpecificationInterface = EfSymbols.TypeNamed(compilation, Library + "ISpecification`1");
        Evaluator = EfSymbols.TypeNamed(compilation, Library + "ISpecificationEvaluator");
        DbSetExtensions = EfSymbols.TypeNamed(compilation, EfCorePackage + "DbSetExtensions");
        RepositoryBase = EfSymbols.TypeNamed(compilation, EfCorePackage + "RepositoryBase`1");
        ContextFactoryRepositoryBase = EfSymbols.TypeNamed(compilation, EfCorePackage + "ContextFactoryRepositoryBaseOfT`2");
    }

    /// <summary>Whether the compilation references Ardalis.Specification.</summary>
    public bool IsPresent => ReadRepository is not null;

    /// <summary><c>IReadRepositoryBase&lt;T&gt;</c>: the library's reads (<c>ListAsync</c>, <c>FirstOrDefaultAsync</c>, <c>CountAsync</c>, <c>GetByIdAsync</c> …).</summary>
    public INamedTypeSymbol? ReadRepository { get; }

    /// <summary><c>IRepositoryBase&lt;T&gt;</c>: adds the writes, among them <c>DeleteRangeAsync(spec)</c>.</summary>
    public INamedTypeSymbol? Repository { get; }

    /// <summary>Declares the builder's operators a specification's constructor calls on <c>Query</c> (<c>Where</c>, <c>IgnoreQueryFilters</c> …).</summary>
    private INamedTypeSymbol? BuilderExtensions { get; }

    /// <summary><c>Specification&lt;T&gt;</c>, the base of every specification (<c>Specification&lt;T, TResult&gt;</c> derives from it).</summary>
    private INamedTypeSymbol? SpecificationOfT { get; }

    /// <summary><c>ISpecification&lt;T&gt;</c>, what the repositories and query extensions take.</summary>
    private INamedTypeSymbol? SpecificationInterface { get; }

    /// <summary><c>ISpecificationEvaluator</c>: <c>GetQuery(query, spec)</c> applies a specification to a query.</summary>
    private INamedTypeSymbol? Evaluator { get; }

    /// <summary>The EF Core package's <c>RepositoryBase&lt;T&gt;</c>, which a project's repository derives from.</summary>
    private INamedTypeSymbol? RepositoryBase { get; }

    /// <summary>The EF Core package's repository over a context factory (<c>ContextFactoryRepositoryBaseOfT&lt;TEntity, TContext&gt;</c>).</summary>
    private INamedTypeSymbol? ContextFactoryRepositoryBase { get; }

    /// <summary>The EF Core package's <c>WithSpecification</c>, <c>ToListAsync(spec)</c> and <c>ToEnumerableAsync(spec)</c>.</summary>
    private INamedTypeSymbol? DbSetExtensions { get; }

    /// <summary>
    /// The entity whose rows <paramref name="method"/> reads when it is a method of the library's repositories, called
    /// through them, a repository interface of the project that extends them, or a class deriving from the EF Core
    /// package's <c>RepositoryBase&lt;T&gt;</c> (an override is the library's method too); null otherwise. A class of the
    /// project that implements the interfaces itself is read as any other store: its methods have bodies.
    /// </summary>
    public ITypeSymbol? RepositoryEntity(IMethodSymbol method)
    {
        if (ReadRepository is null || method.IsStatic || method.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (current.ContainingType is { } type && IsLibraryRepository(type))
            {
                return type.TypeArguments.IsEmpty ? null : type.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="type"/> is one of the library's repositories: its interfaces, or the EF Core package's base classes.</summary>
    private bool IsLibraryRepository(INamedTypeSymbol type)
    {
        var definition = type.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, ReadRepository)
            || SymbolEqualityComparer.Default.Equals(definition, Repository)
            || SymbolEqualityComparer.Default.Equals(definition, RepositoryBase)
            || SymbolEqualityComparer.Default.Equals(definition, ContextFactoryRepositoryBase);
    }

    /// <summary>
    /// Whether <paramref name="method"/> applies a specification to the query it is given and hands out a query:
    /// <c>query.WithSpecification(spec)</c> or <c>evaluator.GetQuery(query, spec)</c>.
    /// </summary>
    public bool AppliesSpecification(IMethodSymbol method) =>
        IsPresent
        && ((method.Name == "WithSpecification" && IsDeclaredBy(method, DbSetExtensions))
            || (method.Name == "GetQuery" && method.ContainingType is { } type
                && (SymbolEqualityComparer.Default.Equals(type, Evaluator) || type.ImplementsDefinition(Evaluator))));

    /// <summary>Whether <paramref name="method"/> runs a set's query through a specification: <c>set.ToListAsync(spec)</c>, <c>set.ToEnumerableAsync(spec)</c>.</summary>
    public bool RunsSpecification(IMethodSymbol method) =>
        IsPresent && method.Name is "ToListAsync" or "ToEnumerableAsync" && IsDeclaredBy(method, DbSetExtensions);

    /// <summary>
    /// Whether <paramref name="method"/> runs a query it does not take as its source: a read of the library's repositories
    /// (<c>repository.ListAsync(spec)</c>, <c>CountAsync()</c>) or <c>set.ToListAsync(spec)</c>, which runs the set filtered by the
    /// specification.
    /// </summary>
    public bool RunsQueryOfItsOwn(IMethodSymbol method) => IsPresent && (RunsSpecification(method) || RepositoryEntity(method) is not null);

    /// <summary>Whether <paramref name="method"/> is an operator of the builder a specification's constructor fills.</summary>
    public bool IsBuilderOperator(IMethodSymbol method) => IsDeclaredBy(method, BuilderExtensions);

    /// <summary>Whether <paramref name="type"/> is the library's own specification class (<c>Specification&lt;T&gt;</c>, <c>SingleResultSpecification&lt;T&gt;</c> …), which adds no predicate.</summary>
    public bool IsLibrarySpecification(INamedTypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, SpecificationOfT?.ContainingAssembly);

    /// <summary>Whether <paramref name="type"/> is a specification: <c>Specification&lt;T&gt;</c> or a class deriving from it.</summary>
    public bool IsSpecification(ITypeSymbol? type) => type.SelfOrBaseOfDefinition(SpecificationOfT) is not null;

    /// <summary>The argument of <paramref name="call"/> that hands over a specification (a parameter typed <c>ISpecification&lt;T&gt;</c> or one extending it); null when none.</summary>
    public IArgumentOperation? SpecificationArgument(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && IsSpecificationParameter(parameter))
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="parameter"/> takes a specification: typed <c>ISpecification&lt;T&gt;</c> or an interface extending it.</summary>
    public bool IsSpecificationParameter(IParameterSymbol parameter) =>
        parameter.Type.IsDefinitionOf(SpecificationInterface) || parameter.Type.ImplementsDefinition(SpecificationInterface);

    private static bool IsDeclaredBy(IMethodSymbol method, INamedTypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).ContainingType, type);
}
