using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// A condition a tenant filter's registration depends on that reads what the filter compares the key with:
/// <c>if (_tenantContext != null) b.HasQueryFilter(e =&gt; e.TenantId == _tenantContext.TenantId)</c>, or a guard
/// before it (<c>if (_tenantContext == null) return;</c>). EF Core runs the model building once per context type and
/// caches the model, so the condition is evaluated once, for the first DbContext: when that one had no tenant (a
/// startup migration or seeding scope, a background job), no later context has the filter.
/// </summary>
internal static class FilterCondition
{
    /// <summary>How many locals deep a read is followed (<c>var t = _tenant; var id = t.Id;</c>).</summary>
    private const int MaxLocalDepth = 3;

    /// <summary>
    /// The innermost condition <paramref name="registration"/> runs under, in its own body, that reads state
    /// <paramref name="filter"/> compares a tenant key with; null when there is none.
    /// </summary>
    /// <param name="registration">The <c>HasQueryFilter</c> call.</param>
    /// <param name="filter">Its predicate lambda.</param>
    /// <param name="compared">The tenant keys it reads, with the values it compares each with (<see cref="FilterKeys.ComparedWithTenantKeys"/>).</param>
    /// <param name="modelOf">The semantic model of a tree, to read a property's getter; null when none can be had.</param>
    /// <param name="cancellationToken">The analysis's cancellation.</param>
    public static (IOperation Condition, ImmutableHashSet<ISymbol> Shared)? Of(
        IInvocationOperation registration,
        IAnonymousFunctionOperation filter,
        ImmutableArray<(string Key, ImmutableArray<IOperation> Values)> compared,
        Func<SyntaxTree, SemanticModel?> modelOf,
        CancellationToken cancellationToken)
    {
        var tenantState = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var value in compared.SelectMany(c => c.Values))
        {
            tenantState.UnionWith(StateRead(value, filter.Syntax.Span, modelOf, cancellationToken));
        }

        if (tenantState.Count == 0)
        {
            return null;
        }

        foreach (var condition in ConditionsAbove(registration))
        {
            var shared = StateRead(condition, condition.Syntax.Span, modelOf, cancellationToken).Where(tenantState.Contains).ToImmutableHashSet(SymbolEqualityComparer.Default);
            if (!shared.IsEmpty)
            {
                return (condition, shared);
            }
        }

        return null;
    }

    /// <summary>
    /// The conditions <paramref name="operation"/> runs under, innermost first, within its body and the lambdas it is
    /// in: the <c>if</c>s it is a branch of, and the guards before it that leave its block (<c>if (x == null) return;</c>).
    /// </summary>
    private static IEnumerable<IOperation> ConditionsAbove(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, child):
                    yield return conditional.Condition;
                    break;
                case IBlockOperation block:
                    foreach (var statement in block.Operations.TakeWhile(s => !ReferenceEquals(s, child)).Reverse())
                    {
                        if (statement is IConditionalOperation { WhenFalse: null } guard && Leaves(guard.WhenTrue))
                        {
                            yield return guard.Condition;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Whether a guard's branch leaves the block: <c>return</c>, <c>throw</c>, <c>continue</c> or <c>break</c>, alone or last in braces.</summary>
    private static bool Leaves(IOperation branch) => branch switch
    {
        IReturnOperation or IBranchOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        IThrowOperation => true,
        IBlockOperation { Operations.Length: > 0 } block => Leaves(block.Operations[block.Operations.Length - 1]),
        _ => false,
    };

    /// <summary>
    /// The state <paramref name="value"/> reads that may differ between contexts: members of the instance it is declared
    /// in, locals and parameters declared outside <paramref name="ownSpan"/>, and static members of the project; through a
    /// property of the instance declared in source, also what its getter reads (<c>CurrentTenantId =&gt; _provider.TenantId</c>);
    /// through a local, also what its initializer reads (<c>var id = _tenant.Id;</c>).
    /// </summary>
    private static IEnumerable<ISymbol> StateRead(IOperation value, TextSpan ownSpan, Func<SyntaxTree, SemanticModel?> modelOf, CancellationToken cancellationToken, int depth = 0)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IMemberReferenceOperation { Instance: IInstanceReferenceOperation } member:
                    yield return member.Member.OriginalDefinition;
                    if (member.Member is IPropertySymbol property)
                    {
                        foreach (var read in GetterReads(property, modelOf, cancellationToken))
                        {
                            yield return read;
                        }
                    }

                    break;
                case IInvocationOperation { Instance: IInstanceReferenceOperation } call:
                    yield return call.TargetMethod.OriginalDefinition;
                    break;
                case ILocalReferenceOperation local when !local.Local.IsDeclaredWithin(ownSpan):
                    yield return local.Local;
                    if (depth < MaxLocalDepth)
                    {
                        foreach (var read in InitializerReads(local.Local, ownSpan, modelOf, depth, cancellationToken))
                        {
                            yield return read;
                        }
                    }

                    break;
                case IParameterReferenceOperation parameter when !parameter.Parameter.IsDeclaredWithin(ownSpan):
                    yield return parameter.Parameter;
                    break;
                case IMemberReferenceOperation { Member: { IsStatic: true, DeclaringSyntaxReferences.IsEmpty: false } } member when !member.ConstantValue.HasValue:
                    yield return member.Member.OriginalDefinition;
                    break;
            }
        }
    }

    /// <summary>What a local's initializer or tested expression reads (<c>_tenant</c> for <c>var id = _tenant.Id;</c> and <c>_tenant is { } t</c>); nothing for a local declared without one.</summary>
    private static IEnumerable<ISymbol> InitializerReads(ILocalSymbol local, TextSpan ownSpan, Func<SyntaxTree, SemanticModel?> modelOf, int depth, CancellationToken cancellationToken)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            // var id = _tenant.Id; or a pattern's variable: if (_tenant is { } tenant), whose value is the tested expression.
            var source = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } initializer } => initializer,
                SingleVariableDesignationSyntax designation => designation.FirstAncestorOrSelf<IsPatternExpressionSyntax>()?.Expression,
                _ => null,
            };
            if (source is not null && modelOf(source.SyntaxTree)?.GetOperation(source, cancellationToken) is { } value)
            {
                foreach (var read in StateRead(value, ownSpan, modelOf, cancellationToken, depth + 1))
                {
                    yield return read;
                }
            }
        }
    }

    /// <summary>The members of its own instance a source property's getter reads; none for an auto-property or one of metadata.</summary>
    public static IEnumerable<ISymbol> GetterReads(IPropertySymbol property, Func<SyntaxTree, SemanticModel?> modelOf, CancellationToken cancellationToken)
    {
        foreach (var reference in property.GetMethod?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (modelOf(syntax.SyntaxTree) is not { } model)
            {
                continue;
            }

            // The getter's expression body (CurrentTenantId => …) or accessor (get => … / get { … }).
            if (model.GetOperation(syntax, cancellationToken) is not { } getter)
            {
                continue;
            }

            foreach (var operation in getter.DescendantsAndSelf())
            {
                if (operation is IMemberReferenceOperation { Instance: IInstanceReferenceOperation } member
                    && !SymbolEqualityComparer.Default.Equals(member.Member.OriginalDefinition, property.OriginalDefinition))
                {
                    yield return member.Member.OriginalDefinition;
                }
            }
        }
    }
}
