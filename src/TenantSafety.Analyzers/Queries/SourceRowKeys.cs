using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The keys that place one source's row in a tenant, read through a lambda over the query's current row: the tenant
/// key of the source's row (or of a reference navigation from it), the principal's own key when the source is the
/// tenant principal (<c>t.Id</c> on <c>Teams</c>), and the principal's key through a navigation (<c>l.Team.Id</c>).
/// The source's row is found at its <see cref="RowPath"/> under the lambda's parameter (<c>x.l</c> after a join).
/// </summary>
internal sealed class SourceRowKeys : IRowKeys
{
    private readonly TenantPredicate _predicate;
    private readonly EntityRelationships _relationships;
    private readonly EfSymbols _symbols;
    private readonly ImmutableArray<IParameterSymbol> _row;
    private readonly RowPath _path;
    private readonly ITypeSymbol? _entity;

    public SourceRowKeys(TenantPredicate predicate, EntityRelationships relationships, EfSymbols symbols, ImmutableArray<IParameterSymbol> row, RowPath path, ITypeSymbol? entity)
    {
        _predicate = predicate;
        _relationships = relationships;
        _symbols = symbols;
        _row = row;
        _path = path;
        _entity = entity;
    }

    public bool IsScopingKey(IOperation operand)
    {
        if (!_path.IsReachable || MemberChain.Read(operand, _symbols) is not { } chain || !_row.Contains(chain.Parameter, SymbolEqualityComparer.Default))
        {
            return false;
        }

        var prefix = _path.Members;
        if (chain.Members.Length <= prefix.Length || !chain.Members.Take(prefix.Length).SequenceEqual(prefix))
        {
            return false;
        }

        if (_predicate.IsTenantKeyOfRow(operand, _row))
        {
            return true;
        }

        // The principal's key: on the principal's own row, or through a reference navigation to it.
        var key = chain.Members[chain.Members.Length - 1];
        var owner = chain.Members.Length - 1 == prefix.Length ? _entity : chain.Types[chain.Members.Length - 2];
        return owner is not null && _relationships.IsPrincipalKey(new SourceMember(operand.Syntax, owner, key));
    }

    public bool IsIndependent(IOperation value) => !TenantPredicate.DependsOnRow(value, _row);
}
