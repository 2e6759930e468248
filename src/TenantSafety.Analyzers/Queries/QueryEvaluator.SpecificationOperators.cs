using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The operators of the specification's builder (<c>Query.Where(…)</c>, <c>OrderBy</c>, <c>ThenBy</c> …) a specification
/// applies, one list per path through its constructors, in the order they run: its base specifications' constructors
/// first, then its own statements and the methods of the specification they call. TSA2002 reads them as the filters and
/// ordering of the query the specification is run with, as it reads a LINQ operator chain (<see cref="QueryPaths"/>).
/// Branches that replace each other (<c>if</c>/<c>else</c>, <c>switch</c> sections) give a path each; an <c>if</c>
/// without <c>else</c> gives the path with its operators and the path without; after a branch that returns, the
/// statements that follow are on the other paths only. A builder operator with a condition
/// (<c>Where(p, condition)</c>) counts as applied, as a LINQ filter added under an <c>if</c> does.
/// </summary>
internal sealed partial class QueryEvaluator
{
    private readonly ConcurrentDictionary<HelperKey, List<List<IInvocationOperation>>?> _specificationOperators = new();

    /// <summary>
    /// The builder operators the specification <paramref name="specification"/> evaluates to applies, per path: the paths of
    /// every constructor it may be created with. New lists the caller may extend; null when the specification or one of its
    /// constructors cannot be read.
    /// </summary>
    public List<List<IInvocationOperation>>? SpecificationOperatorPaths(IOperation specification, EvaluationScope scope, CancellationToken cancellationToken)
    {
        if (SpecificationConstructors(specification, scope, position: null, depth: 0, cancellationToken) is not { } constructors)
        {
            return null;
        }

        var result = new List<List<IInvocationOperation>>();
        foreach (var constructor in constructors)
        {
            if (ConstructorOperators(constructor, cancellationToken) is not { } paths)
            {
                return null;
            }

            result = OperatorChains.Union(result, paths);
        }

        return OperatorChains.Copy(result);
    }

    /// <summary>The paths of the builder operators a constructor of a specification applies; read once per constructor.</summary>
    private List<List<IInvocationOperation>>? ConstructorOperators(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var specifications = _symbols.Specifications;
        var type = constructor.ContainingType;
        if (specifications.IsLibrarySpecification(type))
        {
            return OperatorChains.Empty();
        }

        return specifications.IsSpecification(type)
            ? PerHelper(constructor, _specificationOperators, whenCut: null, definition => ReadConstructorOperators(definition, cancellationToken))
            : null;
    }

    private List<List<IInvocationOperation>>? ReadConstructorOperators(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        if (constructor.DeclaringSyntaxReferences.IsEmpty)
        {
            // Without a constructor of its own, a class of the project runs its base's parameterless one.
            return constructor.IsImplicitlyDeclared && constructor.Locations.Any(l => l.IsInSource) && ParameterlessBase(constructor) is { } implicitBase
                ? ConstructorOperators(implicitBase, cancellationToken)
                : null;
        }

        if (ConstructorBodyOf(constructor.DeclaringSyntaxReferences[0], cancellationToken) is not var (_, _, body))
        {
            return null;
        }

        var initializer = RunsFirst(constructor, body);
        var first = initializer is null ? OperatorChains.Empty() : ConstructorOperators(initializer, cancellationToken);
        return first is null ? null : OperatorChains.Product(first, BodyOperators((IOperation?)body.BlockBody ?? body.ExpressionBody, methodDepth: 0, cancellationToken));
    }

    /// <summary>The paths of the builder operators a body of the specification (a constructor's, or a method's it calls) applies.</summary>
    private List<List<IInvocationOperation>> BodyOperators(IOperation? body, int methodDepth, CancellationToken cancellationToken) =>
        body switch
        {
            null => OperatorChains.Empty(),
            IBlockOperation block => SequenceOperators(block.Operations, 0, methodDepth, cancellationToken),
            _ => StatementOperators(body, methodDepth, cancellationToken),
        };

    /// <summary>The paths through the statements from <paramref name="index"/> on: each statement's paths followed by the rest's.</summary>
    private List<List<IInvocationOperation>> SequenceOperators(IReadOnlyList<IOperation> statements, int index, int methodDepth, CancellationToken cancellationToken)
    {
        if (index == statements.Count)
        {
            return OperatorChains.Empty();
        }

        var statement = statements[index];
        if (statement is IConditionalOperation conditional)
        {
            // An if: a branch that may return ends its path; the other goes on with the statements that follow.
            var rest = SequenceOperators(statements, index + 1, methodDepth, cancellationToken);
            return OperatorChains.Union(
                BranchOperators(conditional.WhenTrue, rest, methodDepth, cancellationToken),
                BranchOperators(conditional.WhenFalse, rest, methodDepth, cancellationToken));
        }

        var own = StatementOperators(statement, methodDepth, cancellationToken);
        return MayLeave(statement) ? own : OperatorChains.Product(own, SequenceOperators(statements, index + 1, methodDepth, cancellationToken));
    }

    private List<List<IInvocationOperation>> BranchOperators(IOperation? branch, List<List<IInvocationOperation>> rest, int methodDepth, CancellationToken cancellationToken)
    {
        if (branch is null)
        {
            return OperatorChains.Copy(rest);
        }

        var own = StatementOperators(branch, methodDepth, cancellationToken);
        return MayLeave(branch) ? own : OperatorChains.Product(own, rest);
    }

    /// <summary>The paths of the builder operators one statement applies.</summary>
    private List<List<IInvocationOperation>> StatementOperators(IOperation statement, int methodDepth, CancellationToken cancellationToken)
    {
        switch (statement)
        {
            case IBlockOperation block:
                return SequenceOperators(block.Operations, 0, methodDepth, cancellationToken);

            case IExpressionStatementOperation { Operation: IInvocationOperation call }:
                return CallOperators(call, methodDepth, cancellationToken);

            case IConditionalOperation conditional:
                return OperatorChains.Union(
                    StatementOperators(conditional.WhenTrue, methodDepth, cancellationToken),
                    conditional.WhenFalse is { } whenFalse ? StatementOperators(whenFalse, methodDepth, cancellationToken) : OperatorChains.Empty());

            case ISwitchOperation @switch:
                // Each section is a path; without a default section, so is the path through none of them.
                var sections = @switch.Cases.Any(c => c.Clauses.Any(clause => clause.CaseKind == CaseKind.Default)) ? new List<List<IInvocationOperation>>() : OperatorChains.Empty();
                foreach (var section in @switch.Cases)
                {
                    sections = OperatorChains.Union(sections, SequenceOperators(section.Body, 0, methodDepth, cancellationToken));
                }

                return sections;

            case IUsingOperation @using:
                return StatementOperators(@using.Body, methodDepth, cancellationToken);

            case ILockOperation @lock:
                return StatementOperators(@lock.Body, methodDepth, cancellationToken);

            case ITryOperation @try:
                return StatementOperators(@try.Body, methodDepth, cancellationToken);

            case ILoopOperation loop:
                // A loop's body may run or not; once read is enough for the columns it names.
                return OperatorChains.Union(StatementOperators(loop.Body, methodDepth, cancellationToken), OperatorChains.Empty());

            default:
                return OperatorChains.Empty();
        }
    }

    /// <summary>
    /// A statement's call: a chain of the builder's operators from the specification's own <c>Query</c>, in the order they
    /// run; or a method of the specification the constructor calls, read as its statements.
    /// </summary>
    private List<List<IInvocationOperation>> CallOperators(IInvocationOperation call, int methodDepth, CancellationToken cancellationToken)
    {
        if (IsSpecificationMethodCall(call, methodDepth))
        {
            return SpecificationMethodOperators(call.TargetMethod, methodDepth + 1, cancellationToken);
        }

        return BuilderChain(call) is { } chain ? new List<List<IInvocationOperation>> { chain } : OperatorChains.Empty();
    }

    /// <summary>The paths of a method of the specification that its constructor calls: one per declaration's paths.</summary>
    private List<List<IInvocationOperation>> SpecificationMethodOperators(IMethodSymbol method, int methodDepth, CancellationToken cancellationToken)
    {
        var result = new List<List<IInvocationOperation>>();
        foreach (var (body, _, _) in SpecificationMethodBodies(method, cancellationToken))
        {
            result = OperatorChains.Union(result, BodyOperators((IOperation?)body.BlockBody ?? body.ExpressionBody, methodDepth, cancellationToken));
        }

        return result.Count == 0 ? OperatorChains.Empty() : result;
    }
}
