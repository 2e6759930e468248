using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// One level of a statement where table names are visible: a SELECT core (one branch of a UNION), the target
/// and FROM/USING items of an UPDATE/DELETE/MERGE, a subquery, or the holder of a WITH list.
/// </summary>
internal sealed class SqlQueryScope
{
    private Dictionary<string, SqlDerivedSource>? _ctes;

    public SqlQueryScope(SqlQueryScope? parent)
    {
        Parent = parent;
    }

    public SqlQueryScope? Parent { get; }

    public List<SqlTableReference> Tables { get; } = new();

    public void AddCte(string name, SqlDerivedSource source)
    {
        _ctes ??= new Dictionary<string, SqlDerivedSource>(StringComparer.OrdinalIgnoreCase);
        _ctes[name] = source;
    }

    /// <summary>The CTE <paramref name="name"/> visible here, declared in this scope or an enclosing one.</summary>
    public SqlDerivedSource? FindCte(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._ctes is not null && scope._ctes.TryGetValue(name, out var source))
            {
                return source;
            }
        }

        return null;
    }
}

/// <summary>A table, CTE or subquery named in a FROM list, a JOIN, or as the target of UPDATE/DELETE/MERGE/TRUNCATE.</summary>
internal sealed record SqlTableReference(SqlQueryScope Scope, SqlQualifiedName? Name, string? Alias, TenantTable? Tenant, SqlDerivedSource? Derived, SqlTableAccess Access)
{
    // Each reference is one place in the statement: two FROM items naming the same table are two references, which
    // the scope solver tells apart, so equality stays identity.
    public bool Equals(SqlTableReference? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    /// <summary>Whether a column qualifier (<c>m</c> in <c>m.team_id</c>) names this reference.</summary>
    public bool IsNamedBy(string qualifier)
    {
        if (Alias is not null)
        {
            return string.Equals(Alias, qualifier, StringComparison.OrdinalIgnoreCase);
        }

        return Name is not null && string.Equals(Name.Name, qualifier, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The body of a CTE or of a subquery in FROM, and every place that reads it.</summary>
internal sealed class SqlDerivedSource
{
    public List<SqlQueryScope> Bodies { get; } = new();

    public List<SqlTableReference> References { get; } = new();

    /// <summary>Columns already pushed into the bodies as constrained.</summary>
    public HashSet<string> PushedColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A column as written in a condition: <c>team_id</c>, <c>m.team_id</c>, <c>public.messages.team_id</c>.</summary>
/// <param name="Scope">The query level that names it.</param>
/// <param name="Qualifier">The table or alias before the column, if written.</param>
/// <param name="Column">The column's name.</param>
/// <param name="Within">For <c>JOIN … USING (col)</c>: the references the column belongs to, instead of a lookup.</param>
internal sealed record SqlColumnReference(SqlQueryScope Scope, string? Qualifier, string Column, IReadOnlyList<SqlTableReference>? Within = null);
