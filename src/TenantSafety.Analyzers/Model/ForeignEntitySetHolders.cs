using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The DbContexts and entity-set interfaces of other projects that this project's declarations name (a service's
/// <c>AppDbContext db</c> parameter, an <c>IDbContextFactory&lt;AppDbContext&gt;</c> field), and where each is named first.
/// Such a project queries a model it cannot read: the key, the query filters and the tables are configured in the other
/// project's compiled code. Only declarations are read (fields, properties, parameters), never bodies, so it stays cheap.
/// </summary>
internal sealed class ForeignEntitySetHolders
{
    private readonly ImmutableDictionary<INamedTypeSymbol, Location> _firstUses;

    private ForeignEntitySetHolders(ImmutableDictionary<INamedTypeSymbol, Location> firstUses) => _firstUses = firstUses;

    /// <summary>
    /// Where this project first names each holder of another project's entity sets, in the order of file paths and then
    /// positions: the same place in every compilation, whichever type the analyzer driver visits first.
    /// </summary>
    public static ForeignEntitySetHolders Build(Compilation compilation, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var first = new Dictionary<INamedTypeSymbol, Location>(SymbolEqualityComparer.Default);
        foreach (var type in compilation.GetSymbolsWithName(static _ => true, SymbolFilter.Type, cancellationToken).OfType<INamedTypeSymbol>())
        {
            foreach (var (holder, location) in NamedBy(type, compilation, symbols))
            {
                if (!first.TryGetValue(holder, out var known) || ComesBefore(location, known))
                {
                    first[holder] = location;
                }
            }
        }

        return new ForeignEntitySetHolders(first.ToImmutableDictionary(SymbolEqualityComparer.Default));
    }

    /// <summary>Whether <paramref name="location"/> is where this project names <paramref name="holder"/> first.</summary>
    public bool IsFirstUse(INamedTypeSymbol holder, Location location) =>
        _firstUses.TryGetValue(holder, out var first) && first.SourceTree == location.SourceTree && first.SourceSpan == location.SourceSpan;

    /// <summary>
    /// The holders of another project's entity sets that <paramref name="type"/>'s own declarations name, each at the
    /// type written in the declaration: its fields, properties, and the parameters of its methods and constructors
    /// (a primary constructor's too), directly or as a type argument (<c>IDbContextFactory&lt;AppDbContext&gt;</c>).
    /// </summary>
    public static IEnumerable<(INamedTypeSymbol Holder, Location Location)> NamedBy(INamedTypeSymbol type, Compilation compilation, EfSymbols symbols)
    {
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { IsImplicitlyDeclared: false } field:
                    foreach (var use in Uses(field.Type, field, compilation, symbols))
                    {
                        yield return use;
                    }

                    break;
                case IPropertySymbol { IsImplicitlyDeclared: false } property:
                    foreach (var use in Uses(property.Type, property, compilation, symbols))
                    {
                        yield return use;
                    }

                    break;
                case IMethodSymbol method:
                    foreach (var parameter in method.Parameters)
                    {
                        foreach (var use in Uses(parameter.Type, parameter, compilation, symbols))
                        {
                            yield return use;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The entity types whose sets <paramref name="holder"/> declares (its own and inherited <c>DbSet&lt;T&gt;</c> properties).
    /// </summary>
    public static ImmutableArray<ITypeSymbol> EntityTypesOf(INamedTypeSymbol holder, EfSymbols symbols)
    {
        var types = holder.TypeKind == TypeKind.Interface
            ? new[] { holder }.Concat(holder.AllInterfaces)
            : holder.SelfAndBaseClasses();
        var entityTypes = ImmutableArray.CreateBuilder<ITypeSymbol>();
        foreach (var property in types.SelectMany(t => t.GetMembers()).OfType<IPropertySymbol>())
        {
            if (symbols.IsDbSet(property.Type, out var entityType) && !entityTypes.Contains(entityType, SymbolEqualityComparer.Default))
            {
                entityTypes.Add(entityType);
            }
        }

        return entityTypes.ToImmutable();
    }

    private static IEnumerable<(INamedTypeSymbol Holder, Location Location)> Uses(ITypeSymbol type, ISymbol declaredBy, Compilation compilation, EfSymbols symbols)
    {
        if (!NamesHolder(type, compilation, symbols, depth: 0, out var holder))
        {
            yield break;
        }

        foreach (var reference in declaredBy.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            var typeSyntax = syntax switch
            {
                ParameterSyntax parameter => parameter.Type,
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
                BasePropertyDeclarationSyntax property => property.Type,
                _ => null,
            };
            if (typeSyntax is not null)
            {
                yield return (holder!, typeSyntax.GetLocation());
            }
        }
    }

    /// <summary>Whether <paramref name="type"/> is a holder of another project's entity sets, or has one among its type arguments.</summary>
    private static bool NamesHolder(ITypeSymbol type, Compilation compilation, EfSymbols symbols, int depth, out INamedTypeSymbol? holder)
    {
        holder = null;
        if (type is not INamedTypeSymbol named || depth > 2)
        {
            return false;
        }

        if (IsForeignHolder(named, compilation, symbols))
        {
            holder = named;
            return true;
        }

        foreach (var argument in named.TypeArguments)
        {
            if (NamesHolder(argument, compilation, symbols, depth + 1, out holder))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A concrete DbContext, or an interface of entity sets, declared in another assembly: not a generic or abstract
    /// context (a base for this project's own), not Finbuckle's tenant store, and with at least one entity set.
    /// </summary>
    private static bool IsForeignHolder(INamedTypeSymbol type, Compilation compilation, EfSymbols symbols)
    {
        if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly) || type.IsGenericType)
        {
            return false;
        }

        var isContext = type is { TypeKind: TypeKind.Class, IsAbstract: false } && type.DerivesFrom(symbols.DbContext) && !TenancyLibraries.IsFinbuckleTenantStore(type);
        var isEntitySetInterface = type.TypeKind == TypeKind.Interface;
        return (isContext || isEntitySetInterface) && !EntityTypesOf(type, symbols).IsEmpty;
    }

    private static bool ComesBefore(Location location, Location other)
    {
        var byPath = string.CompareOrdinal(location.SourceTree?.FilePath, other.SourceTree?.FilePath);
        return byPath != 0 ? byPath < 0 : location.SourceSpan.Start < other.SourceSpan.Start;
    }
}
