using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Queries run through specifications (Ardalis.Specification): <c>repository.ListAsync(new OrdersOfTenantSpec(tenantId))</c>,
/// <c>db.Orders.WithSpecification(spec)</c>. A specification's predicates are written in its constructors
/// (<c>Query.Where(o =&gt; o.TenantId == tenantId)</c>), so the query a call runs is the entity's rows filtered by what the
/// constructor the call creates it with applies on every path, its base specifications' constructors included. A
/// specification whose constructor cannot be read (compiled in another assembly, handed in as a parameter) is unknown:
/// no finding, as for any query the analysis cannot see.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>How many methods of a specification its constructor's statements may call before the rest is not read.</summary>
    private const int MaxSpecificationMethodDepth = 3;

    private readonly ConcurrentDictionary<HelperKey, SpecificationFacts?> _specifications = new();

    /// <summary>
    /// The query a call of the library's repositories (<c>ListAsync(spec)</c>, <c>CountAsync()</c>, <c>GetByIdAsync(id)</c>) or of
    /// its EF Core extensions (<c>set.ToListAsync(spec)</c>) runs; null for any other call.
    /// </summary>
    private QueryFacts? EvaluateSpecificationExecution(IInvocationOperation execution, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var specifications = _symbols.Specifications;
        var method = execution.TargetMethod;
        if (specifications.RunsSpecification(method))
        {
            var source = Evaluate(ExecutionPoints.Source(execution), scope, position, depth + 1, cancellationToken);
            return ApplySpecification(source, specifications.SpecificationArgument(execution)?.Value, scope, position, depth, cancellationToken);
        }

        if (specifications.RepositoryEntity(method) is not { } entity)
        {
            return null;
        }

        // The repository reads the entity's rows: all of them (ListAsync(), CountAsync()), or those the specification selects.
        var rows = QueryFacts.ForEntitySet(entity, execution.Syntax).WithRootSyntax(null);
        if (method.Name == "GetByIdAsync")
        {
            // A key lookup, as Find: scoped when the key was read from a row loaded before.
            var key = execution.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
            return key is not null && IsLoadedValue(key, scope, position, depth + 1, cancellationToken) ? rows.WithTenantPredicate(TenantScope.Own) : rows;
        }

        return specifications.SpecificationArgument(execution) is { } specification
            ? ApplySpecification(rows, specification.Value, scope, position, depth, cancellationToken)
            : rows;
    }

    /// <summary>
    /// <c>query.WithSpecification(spec)</c> or <c>evaluator.GetQuery(query, spec)</c>: the query it is given, filtered by the
    /// specification; null for any other call.
    /// </summary>
    private QueryFacts? EvaluateSpecificationApplied(IInvocationOperation invocation, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var specifications = _symbols.Specifications;
        if (!specifications.AppliesSpecification(invocation.TargetMethod))
        {
            return null;
        }

        var source = Evaluate(SpecifiedQuery(invocation), scope, position, depth + 1, cancellationToken);
        return ApplySpecification(source, specifications.SpecificationArgument(invocation)?.Value, scope, position, depth, cancellationToken);
    }

    /// <summary>The query a call that applies a specification is given: <c>query</c> in <c>query.WithSpecification(spec)</c> and <c>evaluator.GetQuery(query, spec)</c>.</summary>
    internal IOperation? SpecifiedQuery(IInvocationOperation invocation) =>
        invocation.Arguments.FirstOrDefault(a => _symbols.IsQueryable(a.Parameter?.Type) || _symbols.IsDbSet(a.Parameter?.Type, out _))?.Value;

    private QueryFacts ApplySpecification(QueryFacts rows, IOperation? specification, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        if (rows.Kind == QueryRootKind.Unknown || specification is null
            || SpecificationOf(specification, scope, position, depth + 1, cancellationToken) is not { } facts)
        {
            return QueryFacts.Unknown;
        }

        var result = rows.WithTenantPredicate(facts.Scope);
        return facts.IgnoreQueryFiltersCall is { } ignore ? result.WithIgnoredFilters(ignore, names: null) : result;
    }

    /// <summary>
    /// What the specification <paramref name="value"/> evaluates to applies: the weakest of what each constructor it may be
    /// created with applies (<see cref="SpecificationConstructors"/>). Null when it cannot be read.
    /// </summary>
    private SpecificationFacts? SpecificationOf(IOperation value, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken) =>
        SpecificationConstructors(value, scope, position, depth, cancellationToken) is { } constructors
            ? Weakest(constructors.Select(constructor => ConstructorSpecification(constructor, cancellationToken)))
            : null;

    /// <summary>
    /// The constructors the specification <paramref name="value"/> may be created with: one created here
    /// (<c>new OrdersSpec(id)</c>), kept in a local (every definition counts), chosen by <c>?:</c>, or returned by a method
    /// of the compilation. Null when one of them cannot be told (a parameter, a field, a method of another assembly).
    /// </summary>
    private List<IMethodSymbol>? SpecificationConstructors(IOperation value, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxEvaluationDepth)
        {
            scope.NoteDepthLimit();
            return null;
        }

        switch (value.Unwrap())
        {
            case IObjectCreationOperation { Constructor: { } constructor }:
                return new List<IMethodSymbol> { constructor };

            case ILocalReferenceOperation local:
                var definitions = Definitions(local.Local, local.Syntax, scope, position, cancellationToken);
                return AllConstructors(definitions.Select(d => d.Value is null ? null : SpecificationConstructors(d.Value, scope, d.Position, depth + 1, cancellationToken)));

            case IFlowCaptureReferenceOperation capture when (position ?? scope.Graph?.Locate(capture.Syntax)) is { } at:
                var captures = at.Graph.CaptureDefinitions(capture.Id).ToList();
                return AllConstructors(captures.Select(c => SpecificationConstructors(c.Capture.Value, scope, c.Position, depth + 1, cancellationToken)));

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return AllConstructors(new[]
                {
                    SpecificationConstructors(conditional.WhenTrue, scope, position, depth + 1, cancellationToken),
                    SpecificationConstructors(whenFalse, scope, position, depth + 1, cancellationToken),
                });

            case IInvocationOperation call when _symbols.Specifications.IsSpecification(call.Type) && BodyOf(call.TargetMethod) is { } body:
                return AllConstructors(ReturnedValues(body, ArgumentNullness.None, cancellationToken).Select(r => SpecificationConstructors(r.Value, r.Scope, r.Position, depth + 1, cancellationToken)));

            default:
                return null;
        }
    }

    /// <summary>The constructors of every candidate; null when there is none or one cannot be told.</summary>
    private static List<IMethodSymbol>? AllConstructors(IEnumerable<List<IMethodSymbol>?> candidates)
    {
        List<IMethodSymbol>? result = null;
        foreach (var candidate in candidates)
        {
            if (candidate is null)
            {
                return null;
            }

            result ??= new List<IMethodSymbol>();
            result.AddRange(candidate);
        }

        return result;
    }

    /// <summary>The weakest of several possible specifications; null when there is none or one cannot be read.</summary>
    private static SpecificationFacts? Weakest(IEnumerable<SpecificationFacts?> candidates)
    {
        SpecificationFacts? result = null;
        foreach (var candidate in candidates)
        {
            if (candidate is null)
            {
                return null;
            }

            result = result is null ? candidate : result.Or(candidate);
        }

        return result;
    }

    /// <summary>
    /// What a specification created with <paramref name="constructor"/> applies: its base specifications' constructors
    /// (<c>: base(tenantId)</c>, or the implicit parameterless one), then its own statements. Read once per constructor.
    /// </summary>
    private SpecificationFacts? ConstructorSpecification(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var specifications = _symbols.Specifications;
        var type = constructor.ContainingType;
        if (specifications.IsLibrarySpecification(type))
        {
            return SpecificationFacts.None;
        }

        return specifications.IsSpecification(type)
            ? PerHelper(constructor, _specifications, whenCut: null, definition => ReadConstructor(definition, cancellationToken))
            : null;
    }

    private SpecificationFacts? ReadConstructor(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        if (constructor.DeclaringSyntaxReferences.IsEmpty)
        {
            // A class of the project without a constructor of its own runs its base's parameterless one; one of another
            // assembly cannot be read.
            return constructor.IsImplicitlyDeclared && constructor.Locations.Any(l => l.IsInSource) && ParameterlessBase(constructor) is { } implicitBase
                ? ConstructorSpecification(implicitBase, cancellationToken)
                : null;
        }

        SpecificationFacts? result = null;
        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            if (ConstructorBodyOf(reference, cancellationToken) is not var (declaration, model, body))
            {
                return null;
            }

            var initializer = RunsFirst(constructor, body);
            var first = initializer is null ? SpecificationFacts.None : ConstructorSpecification(initializer, cancellationToken);
            if (first is null)
            {
                return null;
            }

            var scope = new EvaluationScope(model, () => CreateGraph(model, declaration, cancellationToken), constructor);
            var own = ReadSpecificationBody((IOperation?)body.BlockBody ?? body.ExpressionBody, scope, methodDepth: 0, cancellationToken);
            result = first.Then(own);
        }

        return result;
    }

    /// <summary>A constructor's declaration, its file's model and its body as bound; null when it cannot be read. Noted as a body read.</summary>
    private (ConstructorDeclarationSyntax Declaration, SemanticModel Model, IConstructorBodyOperation Body)? ConstructorBodyOf(SyntaxReference reference, CancellationToken cancellationToken)
    {
        NoteHelperBodyRead(reference);
        return reference.GetSyntax(cancellationToken) is ConstructorDeclarationSyntax declaration
            && _models.Get(declaration.SyntaxTree) is { } model
            && model.GetOperation(declaration, cancellationToken) is IConstructorBodyOperation body
                ? (declaration, model, body)
                : null;
    }

    /// <summary>The specification constructor that runs before <paramref name="body"/>: <c>: base(tenantId)</c>, <c>: this(…)</c>, or the base's parameterless one.</summary>
    private IMethodSymbol? RunsFirst(IMethodSymbol constructor, IConstructorBodyOperation body) =>
        body.Initializer?.DescendantsAndSelf().OfType<IInvocationOperation>().FirstOrDefault()?.TargetMethod ?? ParameterlessBase(constructor);

    /// <summary>The base type's constructor a constructor without an initializer runs; null when the base is not a specification.</summary>
    private IMethodSymbol? ParameterlessBase(IMethodSymbol constructor) =>
        _symbols.Specifications.IsSpecification(constructor.ContainingType.BaseType)
            ? constructor.ContainingType.BaseType!.InstanceConstructors.FirstOrDefault(c => c.Parameters.All(p => p.IsOptional || p.IsParams))
            : null;

    /// <summary>What the statements of a specification's constructor (or a method of it that the constructor calls) apply.</summary>
    private SpecificationFacts ReadSpecificationBody(IOperation? body, EvaluationScope scope, int methodDepth, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return SpecificationFacts.None;
        }

        // Filters switched off on any path may be off: the first IgnoreQueryFilters the body may run counts.
        var ignore = body.DescendantsAndSelf().OfType<IInvocationOperation>()
            .FirstOrDefault(call => call.TargetMethod.Name == "IgnoreQueryFilters" && _symbols.Specifications.IsBuilderOperator(call.TargetMethod) && !IsSwitchedOffByConstant(call));
        var tenantScope = StatementScope(body, scope, methodDepth, cancellationToken);
        return new SpecificationFacts(tenantScope, ignore?.Syntax);
    }

    /// <summary>How far the predicates <paramref name="statement"/> adds on every path through it confine the rows.</summary>
    private TenantScope StatementScope(IOperation statement, EvaluationScope scope, int methodDepth, CancellationToken cancellationToken)
    {
        switch (statement)
        {
            case IBlockOperation block:
                var result = TenantScope.None;
                foreach (var inner in block.Operations)
                {
                    var innerScope = StatementScope(inner, scope, methodDepth, cancellationToken);
                    result = innerScope > result ? innerScope : result;

                    // After a statement that may return, what follows may not run.
                    if (MayLeave(inner))
                    {
                        break;
                    }
                }

                return result;

            case IExpressionStatementOperation { Operation: IInvocationOperation call }:
                return CallScope(call, scope, methodDepth, cancellationToken);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                var whenTrueScope = StatementScope(conditional.WhenTrue, scope, methodDepth, cancellationToken);
                var whenFalseScope = StatementScope(whenFalse, scope, methodDepth, cancellationToken);
                return whenTrueScope < whenFalseScope ? whenTrueScope : whenFalseScope;

            case IUsingOperation @using:
                return StatementScope(@using.Body, scope, methodDepth, cancellationToken);

            case ILockOperation @lock:
                return StatementScope(@lock.Body, scope, methodDepth, cancellationToken);

            default:
                // An `if` without `else`, a loop, a switch, a try: a predicate inside may not be applied.
                return TenantScope.None;
        }
    }

    /// <summary>
    /// A statement's call: a chain of the builder's operators from the specification's own <c>Query</c>
    /// (<c>Query.Where(…).OrderBy(…)</c>), whose unconditional <c>Where</c>s count; or a method of the specification the
    /// constructor calls (<c>ForTenant(tenantId)</c>), read as its statements.
    /// </summary>
    private TenantScope CallScope(IInvocationOperation call, EvaluationScope scope, int methodDepth, CancellationToken cancellationToken)
    {
        if (IsSpecificationMethodCall(call, methodDepth))
        {
            return SpecificationMethodScope(call.TargetMethod, methodDepth + 1, cancellationToken);
        }

        var result = TenantScope.None;
        foreach (var link in BuilderChain(call) ?? Enumerable.Empty<IInvocationOperation>())
        {
            if (link.TargetMethod.Name == "Where" && !HasRunTimeCondition(link) && link.ArgumentAt(1) is { } predicate)
            {
                var linkScope = ScopeOfPredicate(predicate.Value, scope, position: null, depth: 0, cancellationToken);
                result = linkScope > result ? linkScope : result;
            }
        }

        return result;
    }

    /// <summary>
    /// The builder operators of a statement's call, in the order they run (<c>Query.Where(…).OrderBy(…)</c>); null unless
    /// every link is one and the chain starts at this specification's own <c>Query</c>, not at another specification's.
    /// </summary>
    private List<IInvocationOperation>? BuilderChain(IInvocationOperation call)
    {
        var specifications = _symbols.Specifications;
        var chain = new List<IInvocationOperation>();
        IOperation? current = call;
        while (current is IInvocationOperation link)
        {
            if (!specifications.IsBuilderOperator(link.TargetMethod))
            {
                return null;
            }

            chain.Add(link);
            current = ExecutionPoints.Source(link)?.Unwrap();
        }

        if (current is not IPropertyReferenceOperation { Property.Name: "Query", Instance: IInstanceReferenceOperation } query
            || !specifications.IsLibrarySpecification(query.Property.ContainingType))
        {
            return null;
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>A call of a method of the specification itself (<c>ForTenant(tenantId)</c>), read as its statements up to <see cref="MaxSpecificationMethodDepth"/> deep.</summary>
    private bool IsSpecificationMethodCall(IInvocationOperation call, int methodDepth) =>
        !_symbols.Specifications.IsBuilderOperator(call.TargetMethod)
        && call.Instance is IInstanceReferenceOperation
        && methodDepth < MaxSpecificationMethodDepth
        && IsSourceMethodWithBody(call.TargetMethod);

    /// <summary>The bodies of a method of the specification that its constructor calls, each with its file's model and declaration.</summary>
    private IEnumerable<(IMethodBodyOperation Body, SemanticModel Model, SyntaxNode Declaration)> SpecificationMethodBodies(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            NoteHelperBodyRead(reference);
            var declaration = reference.GetSyntax(cancellationToken);
            if (_models.Get(declaration.SyntaxTree) is { } model && BodyOperation(model, declaration, cancellationToken) is IMethodBodyOperation body)
            {
                yield return (body, model, declaration);
            }
        }
    }

    /// <summary>The statements of a method of the specification that its constructor calls.</summary>
    private TenantScope SpecificationMethodScope(IMethodSymbol method, int methodDepth, CancellationToken cancellationToken)
    {
        var definition = method.OriginalDefinition;
        var result = TenantScope.None;
        foreach (var (body, model, declaration) in SpecificationMethodBodies(definition, cancellationToken))
        {
            var scope = new EvaluationScope(model, () => CreateGraph(model, declaration, cancellationToken), definition);
            var bodyScope = StatementScope((IOperation?)body.BlockBody ?? body.ExpressionBody!, scope, methodDepth, cancellationToken);
            result = bodyScope > result ? bodyScope : result;
        }

        return result;
    }

    /// <summary><c>Where(predicate, condition)</c> with a condition other than the constant <c>true</c>: applied only when it holds.</summary>
    private static bool HasRunTimeCondition(IInvocationOperation where) =>
        ConditionOf(where) is { } condition && condition.Value.ConstantValue is not { HasValue: true, Value: true };

    /// <summary><c>IgnoreQueryFilters(false)</c>: never switches the filters off.</summary>
    private static bool IsSwitchedOffByConstant(IInvocationOperation ignore) =>
        ConditionOf(ignore)?.Value.ConstantValue is { HasValue: true, Value: false };

    /// <summary>The <c>condition</c> argument the builder's operators take (<c>Where(p, condition)</c>, <c>IgnoreQueryFilters(condition)</c>); null when none.</summary>
    private static IArgumentOperation? ConditionOf(IInvocationOperation call) =>
        call.Arguments.FirstOrDefault(a => a.Parameter is { Name: "condition", Type.SpecialType: SpecialType.System_Boolean });

    /// <summary>Whether <paramref name="statement"/> may leave the body early (a <c>return</c> or <c>goto</c> outside its lambdas).</summary>
    private static bool MayLeave(IOperation statement)
    {
        foreach (var operation in statement.DescendantsAndSelf())
        {
            if (operation is IReturnOperation or IBranchOperation { BranchKind: BranchKind.GoTo } && !IsInsideFunction(operation, statement))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInsideFunction(IOperation operation, IOperation statement)
    {
        for (var current = operation.Parent; current is not null && current != statement; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
