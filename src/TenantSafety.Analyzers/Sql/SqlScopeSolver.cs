using System;
using System.Collections.Generic;
using System.Linq;

namespace TenantSafety.Analyzers.Sql;

/// <summary>
/// Finds which (table reference, column) pairs a statement constrains on every row it touches: the columns its facts
/// tie to a value, closed over the equalities between columns, and pushed into the body of a CTE or subquery when
/// every reference to it is constrained (to a fixed point).
/// </summary>
internal sealed class SqlScopeSolver
{
    private readonly List<SqlScopeFact> _facts;
    private readonly List<SqlDerivedSource> _derived;

    private SqlScopeSolver(List<SqlScopeFact> facts, List<SqlDerivedSource> derived)
    {
        _facts = facts;
        _derived = derived;
    }

    /// <summary>Solves a statement's facts; pushing into CTE and subquery bodies adds facts to <paramref name="facts"/>.</summary>
    public static Func<SqlTableReference, string, bool> Solve(List<SqlScopeFact> facts, List<SqlDerivedSource> derived)
    {
        var anchored = new SqlScopeSolver(facts, derived).Anchored();
        return (reference, column) => anchored.Contains(new Node(reference, column.ToLowerInvariant()));
    }

    /// <summary>The (reference, column) pairs constrained on every row the statement touches.</summary>
    private HashSet<Node> Anchored()
    {
        HashSet<Node> anchored = new();
        for (var round = 0; round < 8; round++)
        {
            anchored = Closure();
            var pushed = false;
            foreach (var source in _derived)
            {
                if (source.References.Count == 0)
                {
                    continue;
                }

                var columns = anchored.Where(n => n.Reference == source.References[0]).Select(n => n.Column).ToList();
                foreach (var column in columns)
                {
                    if (source.References.All(r => anchored.Contains(new Node(r, column))) && source.PushedColumns.Add(column))
                    {
                        foreach (var body in source.Bodies)
                        {
                            _facts.Add(SqlScopeFact.Anchor(body, new SqlColumnReference(body, null, column), nullable: null));
                        }

                        pushed = true;
                    }
                }
            }

            if (!pushed)
            {
                break;
            }
        }

        return anchored;
    }

    private HashSet<Node> Closure()
    {
        var anchored = new HashSet<Node>();
        var edges = new Dictionary<Node, List<Node>>();
        var queue = new Queue<Node>();
        foreach (var fact in _facts)
        {
            if (fact.Right is null)
            {
                foreach (var node in Resolve(fact.Left).Where(node => fact.MayConstrain(node.Reference)))
                {
                    if (anchored.Add(node))
                    {
                        queue.Enqueue(node);
                    }
                }

                continue;
            }

            var right = Resolve(fact.Right).ToList();
            foreach (var a in Resolve(fact.Left))
            {
                foreach (var b in right)
                {
                    if (fact.MayConstrain(b.Reference))
                    {
                        AddEdge(edges, a, b);
                    }

                    if (fact.MayConstrain(a.Reference))
                    {
                        AddEdge(edges, b, a);
                    }
                }
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (edges.TryGetValue(node, out var targets))
            {
                foreach (var target in targets)
                {
                    if (anchored.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
        }

        return anchored;
    }

    private static void AddEdge(Dictionary<Node, List<Node>> edges, Node from, Node to)
    {
        if (!edges.TryGetValue(from, out var list))
        {
            edges[from] = list = new List<Node>();
        }

        list.Add(to);
    }

    /// <summary>The references a column may belong to: by qualifier, else the tenant tables and derived sources that have it, innermost scope first.</summary>
    private static IEnumerable<Node> Resolve(SqlColumnReference column)
    {
        var key = column.Column.ToLowerInvariant();
        if (column.Within is not null)
        {
            return column.Within.Select(r => new Node(r, key));
        }

        for (var scope = column.Scope; scope is not null; scope = scope.Parent)
        {
            var candidates = column.Qualifier is { } qualifier
                ? scope.Tables.Where(r => r.IsNamedBy(qualifier)).Take(1).ToList()
                : scope.Tables.Where(r => r.Derived is not null || (r.Tenant is not null && r.Tenant.IsTenantColumn(column.Column))).ToList();
            if (candidates.Count > 0)
            {
                return candidates.Select(r => new Node(r, key));
            }
        }

        return Enumerable.Empty<Node>();
    }

    /// <summary>A column of one table reference; references compare by identity (<see cref="SqlTableReference.Equals(SqlTableReference?)"/>).</summary>
    private readonly record struct Node(SqlTableReference Reference, string Column);
}
