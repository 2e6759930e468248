using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The relationships of the entity model as the query rules read them: primary keys, foreign keys and the tenant
/// principal, the entity whose primary key the tenant keys reference (<c>Team</c>, with <c>Id</c>, for <c>TeamId</c>).
/// Built from the model on first use, so a query that needs none of it never waits for the model.
/// </summary>
internal sealed class EntityRelationships
{
    private readonly Func<EntityModel> _model;
    private readonly TenantEntities _tenancy;
    private readonly EfSymbols _symbols;
    private readonly Lazy<ImmutableHashSet<ITypeSymbol>> _principals;
    private readonly Lazy<(ITypeSymbol? User, ITypeSymbol? Role)> _identityClasses;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _tenantBound = new(SymbolEqualityComparer.Default);

    public EntityRelationships(Func<EntityModel> model, TenantEntities tenancy, EfSymbols symbols)
    {
        _model = model;
        _tenancy = tenancy;
        _symbols = symbols;
        _principals = new Lazy<ImmutableHashSet<ITypeSymbol>>(FindPrincipals, LazyThreadSafetyMode.ExecutionAndPublication);
        _identityClasses = new Lazy<(ITypeSymbol?, ITypeSymbol?)>(FindIdentityClasses, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TenantEntities Tenancy => _tenancy;

    /// <summary>Whether <paramref name="type"/> (or a base class) is the tenant principal: a row of it <em>is</em> a tenant.</summary>
    public bool IsPrincipal(ITypeSymbol? type) =>
        type is not null && _tenancy.KeyOf(type) is null && type.SelfAndBaseClasses().Any(t => _principals.Value.Contains(t.OriginalDefinition) || IsNamedAsPrincipal(t));

    /// <summary>
    /// A class named like a configured tenant key without <c>Id</c> (<c>Business</c> for <c>BusinessId</c>) when no foreign key
    /// names the principal: in a project without a DbContext of its own (it queries another project's entity-set interface)
    /// the model holds neither the relationships nor the entity, only the types its queries name.
    /// </summary>
    private bool IsNamedAsPrincipal(ITypeSymbol type) =>
        _principals.Value.IsEmpty
        && type.TypeKind == TypeKind.Class
        && _tenancy.Options.TenantProperties.Any(name => name.Length == type.Name.Length + 2 && name.StartsWith(type.Name, StringComparison.OrdinalIgnoreCase) && name.EndsWith("Id", StringComparison.OrdinalIgnoreCase));

    /// <summary>The primary key's properties, in order: the model's, else EF Core's convention (<c>Id</c>, else <c>&lt;type&gt;Id</c>); empty when unknown.</summary>
    public ImmutableArray<string> PrimaryKeyOf(ITypeSymbol? type)
    {
        if (type is null)
        {
            return ImmutableArray<string>.Empty;
        }

        if (_model().Find(type) is { } entity && entity.Indexes.FirstOrDefault(i => i.Origin == IndexOrigin.PrimaryKey) is { } key)
        {
            return key.Properties;
        }

        // EF Core's convention: Id, else <type>Id, in any case (StationId of Station).
        return (type.FindInstancePropertyInAnyCase("Id") ?? type.FindInstancePropertyInAnyCase(type.Name + "Id")) is { } id
            ? ImmutableArray.Create(id.Name)
            : ImmutableArray<string>.Empty;
    }

    /// <summary>
    /// Whether two members tie their rows together, so that rows of one tenant only meet rows of the same tenant: a key
    /// and a foreign key to it, two tenant keys, two foreign keys to the same row of a tenant, or a row's key with itself.
    /// Two foreign keys to a row of no tenant (a user who belongs to several teams) tie nothing.
    /// </summary>
    public bool Ties(SourceMember first, SourceMember second)
    {
        // A row every tenant shares (a user, a plan) ties nothing: rows of several tenants reference it.
        if (!IsTenantBound(first.Entity) || !IsTenantBound(second.Entity))
        {
            return false;
        }

        if (IsTenantKey(first) && (IsTenantKey(second) || IsPrincipalKey(second)))
        {
            return true;
        }

        if (IsTenantKey(second) && IsPrincipalKey(first))
        {
            return true;
        }

        var firstIsKey = IsPrimaryKey(first);
        var secondIsKey = IsPrimaryKey(second);
        if (firstIsKey && secondIsKey)
        {
            return SameEntity(first.Entity, second.Entity);
        }

        var firstTarget = ReferencedBy(first.Entity, first.Member);
        var secondTarget = ReferencedBy(second.Entity, second.Member);
        if (firstIsKey)
        {
            return SameEntity(secondTarget, first.Entity);
        }

        if (secondIsKey)
        {
            return SameEntity(firstTarget, second.Entity);
        }

        return firstTarget is not null && SameEntity(firstTarget, secondTarget) && (_tenancy.KeyOf(firstTarget) is not null || IsPrincipal(firstTarget));
    }

    /// <summary>
    /// Whether a row of <paramref name="type"/> belongs to one tenant: it has the tenant key, is the tenant principal, or
    /// references a row that belongs to one (a join table between two tenant entities).
    /// </summary>
    public bool IsTenantBound(ITypeSymbol type) => _tenantBound.GetOrAdd(type, t => IsTenantOwnedOrPrincipal(t) || References(t).Any(IsTenantOwnedOrPrincipal));

    private bool IsTenantOwnedOrPrincipal(ITypeSymbol type) => _tenancy.KeyOf(type) is not null || IsPrincipal(type);

    /// <summary>The entities <paramref name="type"/>'s foreign keys reference.</summary>
    private IEnumerable<ITypeSymbol> References(ITypeSymbol type)
    {
        foreach (var property in type.SelfAndBaseClasses().SelectMany(t => t.GetMembers()).OfType<IPropertySymbol>())
        {
            if (ReferencedBy(type, property.Name) is { } target)
            {
                yield return target;
            }
        }
    }

    /// <summary>Whether <paramref name="member"/> is <paramref name="type"/>'s primary key or a foreign key to a row of one tenant.</summary>
    public bool IsKeyToTenantRow(ITypeSymbol type, string member) => TenantRowKeyedBy(type, member) is not null;

    /// <summary>
    /// The entity whose row <paramref name="member"/> of <paramref name="type"/> identifies, when that row belongs to one
    /// tenant: <paramref name="type"/> itself for its primary key, the principal for a foreign key; null otherwise.
    /// </summary>
    public ITypeSymbol? TenantRowKeyedBy(ITypeSymbol type, string member)
    {
        var key = PrimaryKeyOf(type);
        if (key.Length == 1 && key[0] == member)
        {
            return IsTenantBound(type) ? type : null;
        }

        return ReferencedBy(type, member) is { } target && IsTenantBound(target) ? target : null;
    }

    /// <summary>Whether <paramref name="member"/> is the primary key of the tenant principal (<c>Team.Id</c>).</summary>
    public bool IsPrincipalKey(SourceMember member) => IsPrincipal(member.Entity) && IsPrimaryKey(member);

    private bool IsTenantKey(SourceMember member) => _tenancy.KeyOf(member.Entity)?.Name == member.Member;

    private bool IsPrimaryKey(SourceMember member)
    {
        var key = PrimaryKeyOf(member.Entity);
        return key.Length == 1 && key[0] == member.Member;
    }

    /// <summary>
    /// The entity a foreign key references: the model's, else the entity named like the key without <c>Id</c>; for an
    /// entity of another project's model, whose configuration cannot be read, EF Core's convention as its class shows it:
    /// the navigation the key is named after (<c>Branch</c> beside <c>BranchId</c>), else the class so named in its namespace.
    /// </summary>
    private ITypeSymbol? ReferencedBy(ITypeSymbol type, string member)
    {
        var model = _model();
        var entity = model.Find(type);
        if (entity?.ForeignKeys.FirstOrDefault(fk => fk.Properties.Length == 1 && fk.Properties[0] == member) is { Principal: { } principal })
        {
            return principal;
        }

        if (member.Length <= 2 || !member.EndsWith("Id", StringComparison.Ordinal))
        {
            return null;
        }

        var named = member.Substring(0, member.Length - 2);
        if (model.FindByName(named).FirstOrDefault()?.Type is { } byName)
        {
            return byName;
        }

        // ASP.NET Core Identity keys its user and role UserId and RoleId whatever their classes are called (ApplicationUser):
        // its own link tables, whose keys its compiled IdentityDbContext configures, and the token tables beside them.
        if (named switch { "User" => _identityClasses.Value.User, "Role" => _identityClasses.Value.Role, _ => null } is { } identityClass)
        {
            return identityClass;
        }

        if (entity is not null)
        {
            return null;
        }

        if (type.FindInstanceProperty(named) is { Type: INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } navigation })
        {
            return navigation;
        }

        // Without a navigation, the one class named like the key in the entity's namespace (RoleId → Role): what the entity
        // named so is for an entity of this project's model (above), whose configuration is just as unread here.
        var siblings = type.ContainingNamespace?.GetTypeMembers(named).Where(t => t is { TypeKind: TypeKind.Class, IsStatic: false }).ToList();
        return siblings is { Count: 1 } ? siblings[0] : null;
    }

    /// <summary>The one ASP.NET Core Identity user class, and the one role class, the model maps; null where there is none or several.</summary>
    private (ITypeSymbol? User, ITypeSymbol? Role) FindIdentityClasses()
    {
        var users = _model().Entities.Where(e => _symbols.IsIdentityUser(e.Type)).Select(e => e.Type).Distinct(SymbolEqualityComparer.Default).Take(2).ToList();
        var roles = _model().Entities.Where(e => _symbols.IsIdentityRole(e.Type)).Select(e => e.Type).Distinct(SymbolEqualityComparer.Default).Take(2).ToList();
        return (users.Count == 1 ? (ITypeSymbol?)users[0] : null, roles.Count == 1 ? (ITypeSymbol?)roles[0] : null);
    }

    private static bool SameEntity(ITypeSymbol? first, ITypeSymbol? second)
    {
        if (first is null || second is null)
        {
            return false;
        }

        // A TPH or EF-model subclass (Bitwarden's EF Cipher derives from its Core Cipher) is the same table.
        return first.SelfAndBaseClasses().Any(f => second.SelfAndBaseClasses().Any(s => SymbolEqualityComparer.Default.Equals(f.OriginalDefinition, s.OriginalDefinition)));
    }

    /// <summary>The entities that the tenant keys' foreign keys reference; else the entity named like a tenant key without <c>Id</c>.</summary>
    private ImmutableHashSet<ITypeSymbol> FindPrincipals()
    {
        var model = _model();
        var principals = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var entity in model.Entities)
        {
            foreach (var foreignKey in entity.ForeignKeys)
            {
                if (foreignKey.Properties.Length == 1 && _tenancy.IsTenantKeyName(foreignKey.Properties[0]) && foreignKey.Principal is { } principal)
                {
                    principals.Add(principal.OriginalDefinition);
                }
            }
        }

        if (principals.Count == 0)
        {
            foreach (var name in _tenancy.Options.TenantProperties)
            {
                if (name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal))
                {
                    foreach (var named in model.FindByName(name.Substring(0, name.Length - 2)))
                    {
                        principals.Add(named.Type.OriginalDefinition);
                    }
                }
            }
        }

        return principals.ToImmutableHashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
    }
}
