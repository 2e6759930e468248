using System;
using System.Collections.Generic;

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
internal sealed class SqlTableReference
{
    public SqlTableReference(SqlQueryScope scope, SqlQualifiedName? name, string? alias, TenantTable? tenant, SqlDerivedSource? derived, SqlTableAccess access)
    {
        Scope = scope;
        Name = name;
        Alias = alias;
        Tenant = tenant;
        Derived = derived;
        Access = access;
    }

    public SqlQueryScope Scope { get; }

    /// <summary>The name as written; null for a subquery.</summary>
    public SqlQualifiedName? Name { get; }

    public string? Alias { get; }

    /// <summary>Set when the name is a tenant table (and not a CTE).</summary>
    public TenantTable? Tenant { get; }

    /// <summary>Set for a CTE reference or a subquery in FROM: constraints on it reach its body.</summary>
    public SqlDerivedSource? Derived { get; }

    public SqlTableAccess Access { get; }

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
internal sealed class SqlColumnReference
{
    public SqlColumnReference(SqlQueryScope scope, string? qualifier, string column, IReadOnlyList<SqlTableReference>? within = null)
    {
        Scope = scope;
        Qualifier = qualifier;
        Column = column;
        Within = within;
    }

    public SqlQueryScope Scope { get; }

    public string? Qualifier { get; }

    public string Column { get; }

    /// <summary>For <c>JOIN … USING (col)</c>: the references the column belongs to, instead of a lookup.</summary>
    public IReadOnlyList<SqlTableReference>? Within { get; }
}
