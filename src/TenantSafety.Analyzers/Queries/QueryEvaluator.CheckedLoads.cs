using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A row looked up without a tenant condition and then let through only when its key is the tenant's:
/// <c>var lead = await db.Leads.FirstOrDefaultAsync(l =&gt; l.Id == id);</c> followed by
/// <c>if (lead is null || lead.TeamId != teamId) return NotFound();</c>. Nothing past the guard sees another tenant's
/// row, as if the lookup had compared the key itself; the lookup counts as scoped as the guard confines it.
/// </summary>
/// <remarks>
/// The guard must be an <c>if</c> without <c>else</c> that always leaves, in the block that declares the local, before
/// any other statement names it; null checks of the local may come first. A guard whose condition
/// <see cref="TenantPredicate.ScopeUnless"/> cannot read as the key's comparison (<c>lead.OwnerId != userId</c>) proves nothing.
/// </remarks>
internal sealed partial class QueryEvaluator
{
    /// <summary>How far the guards after the local that <paramref name="lookup"/> initialises confine its row; none when there is no such guard.</summary>
    private TenantScope ScopeOfGuardAfter(IInvocationOperation lookup, SemanticModel model, CancellationToken cancellationToken)
    {
        if (lookup.Syntax.FirstAncestorOrSelf<EqualsValueClauseSyntax>() is not { Parent: VariableDeclaratorSyntax declarator } initializer
            || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax block } declaration
            || initializer.SyntaxTree != model.SyntaxTree
            || model.GetOperation(initializer.Value, cancellationToken) is not { } value
            || LoadingLookup(value, out _)?.Syntax != lookup.Syntax
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol row)
        {
            return TenantScope.None;
        }

        var statements = block.Statements;
        for (var i = statements.IndexOf(declaration) + 1; i < statements.Count; i++)
        {
            if (statements[i] is IfStatementSyntax { Else: null } guard && guard.Statement.AlwaysLeaves()
                && model.GetOperation(guard.Condition, cancellationToken) is { } condition)
            {
                var scope = Predicate.ScopeUnless(condition, Predicate.LoadedRow(row));
                if (scope != TenantScope.None)
                {
                    return scope;
                }

                if (NamesLocal(NullTested(guard.Condition), row, model, cancellationToken))
                {
                    continue;
                }
            }

            if (Names(statements[i], row))
            {
                return TenantScope.None;
            }
        }

        return TenantScope.None;
    }

    private static bool Names(SyntaxNode statement, ILocalSymbol local)
    {
        foreach (var node in statement.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local.Name)
            {
                return true;
            }
        }

        return false;
    }
}
