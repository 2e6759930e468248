using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The keys that place one source's row in a tenant, read through a lambda over the query's current row: the tenant
/// key of the source's row (or of a reference navigation from it), the principal's own key when the source is the
/// tenant principal (<c>t.Id</c> on <c>Teams</c>), the principal's key through a navigation (<c>l.Team.Id</c>), and
/// the member a projection copied the key into (<c>d.OrganizationId</c> of <c>new Dto { OrganizationId = ou.OrganizationId }</c>).
/// The source's row is found at its <see cref="RowPath"/> under the lambda's parameter (<c>x.l</c> after a join).
/// A value compared with them must be the same for every row, the enclosing lambdas' rows included: <c>l.TeamId ==
/// t.Id</c> in a subquery correlates it to the outer row <c>t</c>, it does not scope it.
/// </summary>
/// <param name="predicate">What the tenant key of a row is.</param>
/// <param name="relationships">What the principal and its key are.</param>
/// <param name="symbols">The compilation's EF Core symbols.</param>
/// <param name="row">The lambda's parameters.</param>
/// <param name="path">Where the source's row sits under them.</param>
/// <param name="keyPath">Where a projection put the source's scoping key, if it did.</param>
/// <param name="entity">The source's entity.</param>
/// <param name="outerRows">The enclosing lambdas' rows: a value read from them differs from row to row, so it scopes nothing.</param>
/// <param name="isLoaded">Whether a value was read from a row the method loaded before, or is the key of a row of the given entity that a lookup before matched.</param>
internal sealed class SourceRowKeys(
    TenantPredicate predicate,
    EntityRelationships relationships,
    EfSymbols symbols,
    ImmutableArray<IParameterSymbol> row,
    RowPath path,
    RowPath keyPath,
    ITypeSymbol? entity,
    IEnumerable<IParameterSymbol> outerRows,
    Func<IOperation, ITypeSymbol, bool> isLoaded) : IRowKeys
{
    private readonly ImmutableArray<IParameterSymbol> _row = row;
    private readonly ImmutableArray<IParameterSymbol> _rows = row.AddRange(outerRows);

    public bool IsScopingKey(IOperation operand)
    {
        if (MemberChain.Read(operand, symbols) is not { } chain || !_row.ContainsSymbol(chain.Parameter))
        {
            return false;
        }

        if (keyPath.IsReachable && chain.Members.SequenceEqual(keyPath.Members))
        {
            return true;
        }

        if (!path.IsReachable)
        {
            return false;
        }

        var prefix = path.Members;
        if (chain.Members.Length <= prefix.Length || !chain.Members.Take(prefix.Length).SequenceEqual(prefix))
        {
            return false;
        }

        if (predicate.IsTenantKeyOfRow(operand, _row))
        {
            return true;
        }

        // The principal's key: on the principal's own row, or through a reference navigation to it.
        var key = chain.Members[chain.Members.Length - 1];
        var owner = chain.Members.Length - 1 == prefix.Length ? entity : chain.Types[chain.Members.Length - 2];
        return owner is not null && relationships.IsPrincipalKey(new SourceMember(operand.Syntax, owner, key));
    }

    public bool IsIndependent(IOperation value) => !TenantPredicate.DependsOnRow(value, _rows);

    /// <summary>
    /// <c>n.LeadId == lead.Id</c> after <c>var lead = db.Leads.First(…)</c>: the source's own key, or its foreign key to a
    /// _row of a tenant, compared with a value read from a _row loaded before; also a key of a row a reference navigation
    /// leads to (<c>l.Return.OrderId == order.Id</c>: the lines of the order's returns). Those rows belong to the loaded
    /// _row's tenant; the query that loaded it carries any finding. A nullable key compared with a value that may be null
    /// also matches the rows of no parent, of every tenant (<see cref="NullMatchingKeys"/>).
    /// </summary>
    public bool IsTiedToLoadedRow(IOperation key, IOperation value)
    {
        if (!path.IsReachable || entity is null || MemberChain.Read(key, symbols) is not { } chain
            || !_row.ContainsSymbol(chain.Parameter)
            || chain.Members.Length < path.Members.Length + 1 || !chain.Members.Take(path.Members.Length).SequenceEqual(path.Members))
        {
            return false;
        }

        var owner = chain.Members.Length == path.Members.Length + 1 ? entity : chain.Types[chain.Members.Length - 2];

        // The value first: most compared values come from no loaded row, and the key's relationships need the model.
        return IsIndependent(value) && owner is not null
            && relationships.TenantRowKeyedBy(owner, chain.Members[chain.Members.Length - 1]) is { } keyed && isLoaded(value, keyed)
            && !NullMatchingKeys.MayMatchNull(key, value);
    }
}
