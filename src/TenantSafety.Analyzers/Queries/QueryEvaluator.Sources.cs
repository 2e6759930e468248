using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A query is a tree of sources: the operators that bring in another source (<c>Join</c>, <c>GroupJoin</c>,
/// <c>SelectMany</c>, set operators) and the lambdas that hold subqueries add it to <see cref="QueryFacts.Sources"/>;
/// the operators that reshape the row (<c>Select</c>, result selectors, query syntax's transparent identifiers) move
/// each source's <see cref="RowPath"/>; keys that tie two sources' rows add a <see cref="SourceLink"/>.
/// </summary>
internal sealed partial class QueryEvaluator
{
    private QueryFacts EvaluateShape(IInvocationOperation invocation, string name, QueryFacts source, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        switch (name)
        {
            case "Join":
            case "GroupJoin":
                return EvaluateJoin(invocation, source, scope, depth, cancellationToken);

            case "SelectMany":
                return EvaluateSelectMany(invocation, source, scope, depth, cancellationToken);

            case "Select":
                return EvaluateSelect(invocation, source, scope, depth, cancellationToken);

            case "Include":
                return EvaluateInclude(invocation, WithSubqueriesOfLambdas(invocation, source, scope, depth, cancellationToken), scope);

            case "Union" or "Concat" or "Intersect" or "Except" or "UnionBy" or "IntersectBy" or "ExceptBy" or "Zip":
                // The second source's rows become rows of the query (Zip pairs them: neither is a row any more).
                var secondArgument = invocation.ArgumentAt(1);
                var result = secondArgument is null ? source : WithSecondSource(source, secondArgument.Value, scope, depth, cancellationToken);
                return name == "Zip" ? result.MapSources(s => s.WithPath(RowPath.Unreachable)) : result;

            default:
                // OrderBy, Include, Skip, Take, Distinct, TagWith …: the rows stay the same; their lambdas may hold subqueries.
                return WithSubqueriesOfLambdas(invocation, source, scope, depth, cancellationToken);
        }
    }

    /// <summary>A predicate over the current row: scopes each source it constrains, ties the sources it equates, brings its subqueries.</summary>
    private QueryFacts ApplyPredicate(QueryFacts facts, IOperation argument, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var lambda = AsLambda(argument, scope);
        if (lambda is null || lambda.Symbol.Parameters.IsEmpty || lambda.ReturnedValue() is not { } body)
        {
            // An Expression local, a helper, or a predicate the caller passes in: over the query's own row.
            if (CallerPredicate(argument, scope) is { } ordinal)
            {
                facts = facts.WithPredicateParameter(ordinal);
            }

            var predicateScope = ScopeOfPredicate(argument, scope, position, depth, cancellationToken);
            return facts.MapSources(s => s.Path.Equals(RowPath.Self) ? s.WithTenantPredicate(predicateScope) : s);
        }

        var row = lambda.Symbol.Parameters;
        var result = facts.MapSources(s => s.WithTenantPredicate(
            facts.Sources.IsEmpty && !s.Path.IsReachable && !s.KeyPath.IsReachable
                // A projection we cannot see into (new LeadDto(l.TeamId)) of a query with one source: its key by name.
                ? Predicate.ScopeOf(lambda)
                : Predicate.ScopeOf(body, new SourceRowKeys(
                    Predicate, _relationships, _symbols, row, s.Path, s.KeyPath, s.EntityType, scope.OuterRows.Keys, (v, keyed) => IsLoadedValue(v, scope, position, depth + 1, cancellationToken) || IsMatchedKey(v, keyed, scope, depth + 1, cancellationToken)))));
        var bindings = Bind(scope, row[0], RowsOf(facts));
        result = WithLinks(result, body, bindings);
        return WithSubqueries(result, body, scope, bindings, depth, cancellationToken);
    }

    /// <summary>The parameter of the method being read that <paramref name="argument"/> is, when it is a predicate: its callers judge it.</summary>
    private int? CallerPredicate(IOperation argument, EvaluationScope scope) =>
        argument.Unwrap() is IParameterReferenceOperation { Parameter: var parameter }
            && scope.ContainingMethod is { } method
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method.OriginalDefinition)
            && _symbols.IsExpressionOfDelegate(parameter.Type)
            ? parameter.Ordinal
            : null;

    private QueryFacts EvaluateJoin(IInvocationOperation invocation, QueryFacts outer, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        var innerArgument = invocation.ArgumentAt(1);
        var outerKey = LambdaArgument(invocation, 2, scope);
        var innerKey = LambdaArgument(invocation, 3, scope);
        var resultSelector = LambdaArgument(invocation, 4, scope);
        if (innerArgument is null)
        {
            return outer;
        }

        var innerFacts = Evaluate(innerArgument.Value, scope, position: null, depth + 1, cancellationToken);
        var result = WithSecondSource(outer, innerArgument.Value, scope, depth, cancellationToken, innerFacts);
        var innerRows = RowsOf(innerFacts);
        if (outerKey?.ReturnedValue() is { } outerBody && innerKey?.ReturnedValue() is { } innerBody
            && !outerKey.Symbol.Parameters.IsEmpty && !innerKey.Symbol.Parameters.IsEmpty)
        {
            var bindings = Bind(scope, (outerKey.Symbol.Parameters[0], RowsOf(outer)), (innerKey.Symbol.Parameters[0], innerRows));
            foreach (var (outerPart, innerPart) in KeyParts(outerBody, innerBody))
            {
                result = WithLinkBetween(result, outerPart, innerPart, bindings);
            }
        }

        var innerOrigins = new HashSet<SyntaxNode>(innerRows.Select(r => r.Origin));
        return Reproject(result, resultSelector, s => s.Origin is { } origin && innerOrigins.Contains(origin) ? 1 : 0);
    }

    /// <summary>
    /// <c>SelectMany</c>: the collection is a navigation of one of the row's sources (<c>t.Leads</c>, tied to it), the group
    /// of a <c>GroupJoin</c> (<c>g.DefaultIfEmpty()</c>), or a subquery of its own (<c>db.Notes.Where(…)</c>).
    /// </summary>
    private QueryFacts EvaluateSelectMany(IInvocationOperation invocation, QueryFacts source, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        var collectionSelector = LambdaArgument(invocation, 1, scope);
        var resultSelector = LambdaArgument(invocation, 2, scope);
        if (collectionSelector?.ReturnedValue() is not { } returned || collectionSelector.Symbol.Parameters.IsEmpty)
        {
            return source.MapSources(s => s.WithPath(RowPath.Unreachable));
        }

        var parameter = collectionSelector.Symbol.Parameters[0];
        var rows = RowsOf(source);
        var collection = WithoutElementOperators(returned);
        var result = source;

        // Where each source of the element sits, seen from the element's row.
        var elementPaths = new Dictionary<SyntaxNode, RowPath>();
        if (MemberChain.Read(collection, _symbols) is { } chain && SymbolEqualityComparer.Default.Equals(chain.Parameter, parameter))
        {
            var group = rows.Where(r => r.Path.IsReachable && r.Path.Members.SequenceEqual(chain.Members)).ToList();
            foreach (var member in group)
            {
                elementPaths[member.Origin] = RowPath.Self;
            }

            if (group.Count == 0 && chain.Members.Length > 0 && ElementType(chain.Types[chain.Types.Length - 1]) is { } elementType)
            {
                var ownerPath = chain.Members.RemoveAt(chain.Members.Length - 1);
                var owner = rows.FirstOrDefault(r => r.Path.IsReachable && r.Path.Members.SequenceEqual(ownerPath));
                if (owner.Origin is not null)
                {
                    var navigation = collection.Syntax;
                    result = result.WithSource(new QuerySource(QueryFacts.ForEntitySet(elementType, navigation), navigation, Kind: null, OperatorName: null))
                        .WithLink(owner.Origin, navigation);
                    elementPaths[navigation] = RowPath.Self;
                }
            }
        }
        else
        {
            var bindings = Bind(scope, parameter, rows);
            var subquery = WithOuterRows(scope, bindings, () => Evaluate(collection, scope, position: null, depth + 1, cancellationToken));
            if (subquery.IsEntityQuery)
            {
                result = result.WithSource(new QuerySource(subquery, collection.Syntax, Kind: null, OperatorName: null));
                foreach (var row in RowsOf(subquery))
                {
                    elementPaths[row.Origin] = row.Path;
                }
            }
        }

        return result.MapSources(s =>
        {
            var isElement = s.Origin is { } origin && elementPaths.ContainsKey(origin);
            var path = isElement ? elementPaths[s.Origin!] : s.Path;
            var keyPath = isElement ? RowPath.Unreachable : KeyPathOf(s);
            if (resultSelector?.ReturnedValue() is not { } body || resultSelector.Symbol.Parameters.Length < 2)
            {
                return s.WithPath(isElement ? path : RowPath.Unreachable).WithKeyPath(RowPath.Unreachable);
            }

            var parameter = resultSelector.Symbol.Parameters[isElement ? 1 : 0];
            return s.WithPath(Reproject(path, parameter, body))
                .WithKeyPath(keyPath.IsReachable ? Reproject(keyPath, parameter, body) : RowPath.Unreachable);
        });
    }

    /// <summary>
    /// <c>Include(w =&gt; w.Boards)</c> on rows that are not a tenant entity's (the tenant principal, a child with no key of its
    /// own): the navigation's tenant rows are loaded with them, a source of the query tied to the row they hang from, as
    /// with <c>SelectMany(w =&gt; w.Boards)</c>, reported at the navigation. Under a tenant entity's rows their own scope
    /// decides (an unscoped one carries the finding); a filtered include (<c>w.Boards.Where(…)</c>) is not followed.
    /// </summary>
    private QueryFacts EvaluateInclude(IInvocationOperation invocation, QueryFacts facts, EvaluationScope scope)
    {
        var selector = LambdaArgument(invocation, 1, scope);
        if (selector?.ReturnedValue() is not { } returned || selector.Symbol.Parameters.IsEmpty
            || MemberChain.Read(returned, _symbols) is not { Members.Length: 1 } chain
            || !SymbolEqualityComparer.Default.Equals(chain.Parameter, selector.Symbol.Parameters[0])
            || chain.Types[0] is not { } navigationType)
        {
            return facts;
        }

        var owner = RowsOf(facts).FirstOrDefault(r => r.Path.IsReachable && r.Path.Members.IsEmpty);
        var included = ElementType(navigationType) ?? navigationType;
        if (owner.Origin is null
            || _relationships.Tenancy.Find(owner.Entity, TenantEntityScope.Queried) is not null
            || _relationships.Tenancy.Find(included, TenantEntityScope.Queried) is null)
        {
            return facts;
        }

        var navigation = returned.Syntax;
        return facts.WithSource(new QuerySource(QueryFacts.ForEntitySet(included, navigation).WithPath(RowPath.Unreachable), navigation, Kind: null, OperatorName: null))
            .WithLink(owner.Origin, navigation);
    }

    /// <summary>
    /// The collection navigations a projection reads from rows that are not a tenant entity's (<c>Companies.Select(c =&gt;
    /// c.Members.Count)</c>, <c>new { c.Name, c.Members }</c>): their tenant rows are read with them, a source tied to the
    /// row they hang from, as <see cref="EvaluateInclude"/> reads an <c>Include</c>; a count or an existence check over one
    /// counts or checks them (TSA1002). Under a tenant entity's rows their own scope decides.
    /// </summary>
    private QueryFacts WithProjectedNavigations(QueryFacts facts, IOperation body, IParameterSymbol row)
    {
        var owner = RowsOf(facts).FirstOrDefault(r => r.Path.IsReachable && r.Path.Members.IsEmpty);
        if (owner.Origin is null || _relationships.Tenancy.Find(owner.Entity, TenantEntityScope.Queried) is not null)
        {
            return facts;
        }

        foreach (var reference in body.DescendantsAndSelf().OfType<IPropertyReferenceOperation>())
        {
            if (reference.Instance?.Unwrap() is not IParameterReferenceOperation { Parameter: var parameter }
                || !SymbolEqualityComparer.Default.Equals(parameter, row)
                || ElementType(reference.Property.Type) is not { } included
                || _relationships.Tenancy.Find(included, TenantEntityScope.Queried) is null
                || IsFiltered(reference))
            {
                continue;
            }

            var aggregate = AggregateOver(reference);
            var navigation = reference.Syntax;
            facts = facts.WithSource(new QuerySource(
                    QueryFacts.ForEntitySet(included, navigation).WithPath(RowPath.Unreachable),
                    navigation,
                    aggregate is null ? null : ExecutionKind.Aggregate,
                    aggregate))
                .WithLink(owner.Origin, navigation);
        }

        return facts;
    }

    /// <summary>Whether a predicate filters the navigation's rows (<c>c.Members.Count(m =&gt; …)</c>): not followed, as a filtered include is not.</summary>
    private static bool IsFiltered(IPropertyReferenceOperation navigation) =>
        Consumer(navigation) is IInvocationOperation call && ExecutionPoints.IsPredicateOperator(call.TargetMethod.Name)
        && call.Arguments.Any(a => a.Value.Unwrap() is IAnonymousFunctionOperation or IDelegateCreationOperation);

    /// <summary>The operation that reads a navigation, past its conversions and the argument it is passed as.</summary>
    private static IOperation? Consumer(IOperation navigation)
    {
        var parent = navigation.Wrapped().Parent;
        return parent is IArgumentOperation argument ? argument.Parent : parent;
    }

    /// <summary>The aggregate a projection takes of a navigation (<c>c.Members.Count</c>, <c>c.Members.Any(…)</c>); null when it reads the rows.</summary>
    private static string? AggregateOver(IPropertyReferenceOperation navigation) =>
        Consumer(navigation) switch
        {
            IPropertyReferenceOperation { Property.Name: "Count" or "LongCount" } count => count.Property.Name,
            IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" or "Any" or "All" or "Sum" or "Average" or "Min" or "Max" } call => call.TargetMethod.Name,
            _ => null,
        };

    private QueryFacts EvaluateSelect(IInvocationOperation invocation, QueryFacts source, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        var selector = LambdaArgument(invocation, 1, scope);
        if (selector?.ReturnedValue() is not { } body || selector.Symbol.Parameters.IsEmpty)
        {
            return source.MapSources(s => s.WithPath(RowPath.Unreachable)).WithSelectedKey(null);
        }

        var parameter = selector.Symbol.Parameters[0];
        var bindings = Bind(scope, parameter, RowsOf(source));
        var result = WithProjectedNavigations(WithSubqueries(source, body, scope, bindings, depth, cancellationToken), body, parameter);
        var selected = RowSource.Resolve(body, bindings, _symbols);
        // A projection of rows already projected to a navigation still yields that navigation's rows.
        var projectedNavigation = source.Path.Equals(RowPath.Self) ? OnlyNavigationRead(body, parameter)
            : source.Path.IsReachable ? null
            : source.ProjectedNavigation;
        return Reproject(result, selector, _ => 0).WithSelectedKey(selected).WithProjectedNavigation(projectedNavigation);
    }

    /// <summary>
    /// The one reference navigation <paramref name="body"/> reads <paramref name="row"/> through (<c>c.Board</c>,
    /// <c>c.Board.Name</c>) when it reads nothing else of it; null when it reads a column of the row itself, the row whole,
    /// two navigations, or the navigation's key (<c>c.Board.Id</c>, which EF Core may read from the foreign key without the
    /// join that applies the navigation's filter).
    /// </summary>
    private string? OnlyNavigationRead(IOperation body, IParameterSymbol row)
    {
        string? navigation = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            if (operation is not IParameterReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Parameter, row))
            {
                continue;
            }

            if (reference.Parent is not IPropertyReferenceOperation { Property: var property } access
                || access.Instance != reference
                || property.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None }
                || (navigation is not null && navigation != property.Name)
                || (access.Parent is IPropertyReferenceOperation { Property.Name: var member } && _relationships.PrimaryKeyOf(property.Type).Contains(member)))
            {
                return null;
            }

            navigation = property.Name;
        }

        return navigation;
    }

    /// <summary>Adds <paramref name="argument"/>'s query as a source of <paramref name="facts"/>, reported where the argument is written.</summary>
    private QueryFacts WithSecondSource(QueryFacts facts, IOperation argument, EvaluationScope scope, int depth, CancellationToken cancellationToken, QueryFacts? evaluated = null)
    {
        var second = evaluated ?? Evaluate(argument, scope, position: null, depth + 1, cancellationToken);
        return second.IsEntityQuery ? facts.WithSource(new QuerySource(second, argument.Unwrap().Syntax, Kind: null, OperatorName: null)) : facts;
    }

    /// <summary>Moves every source's path through a result selector; <paramref name="parameterOf"/> says which of its parameters holds the source.</summary>
    private QueryFacts Reproject(QueryFacts facts, IAnonymousFunctionOperation? selector, System.Func<QueryFacts, int> parameterOf)
    {
        if (selector?.ReturnedValue() is not { } body)
        {
            return facts.MapSources(s => s.WithPath(RowPath.Unreachable));
        }

        var parameters = selector.Symbol.Parameters;
        return facts.MapSources(s =>
        {
            var ordinal = parameterOf(s);
            if (ordinal >= parameters.Length)
            {
                return s.WithPath(RowPath.Unreachable).WithKeyPath(RowPath.Unreachable);
            }

            var keyPath = KeyPathOf(s);
            return s.WithPath(Reproject(s.Path, parameters[ordinal], body))
                .WithKeyPath(keyPath.IsReachable ? Reproject(keyPath, parameters[ordinal], body) : RowPath.Unreachable);
        });
    }

    /// <summary>Where the current row carries a source's scoping key: under its row, or where a projection put it.</summary>
    private RowPath KeyPathOf(QueryFacts source)
    {
        if (source.KeyPath.IsReachable || !source.Path.IsReachable)
        {
            return source.KeyPath;
        }

        return ScopingKeyName(source.EntityType) is { } key ? RowPath.Self.Under(key).Prefixed(source.Path) : RowPath.Unreachable;
    }

    /// <summary>The key that places a row of <paramref name="entity"/> in a tenant: its tenant key, or the principal's own key.</summary>
    private string? ScopingKeyName(ITypeSymbol? entity) =>
        _relationships.Tenancy.KeyOf(entity)?.Name
        ?? (_relationships.IsPrincipal(entity) && _relationships.PrimaryKeyOf(entity) is { Length: 1 } principalKey ? principalKey[0] : null);

    private ImmutableArray<RowSource> RowsOf(QueryFacts facts) => RowSource.Of(facts, _scopingKeyName ??= ScopingKeyName);

    /// <summary><see cref="ScopingKeyName"/> as a delegate, made once: rows are read for every lambda of every query.</summary>
    private System.Func<ITypeSymbol, string?>? _scopingKeyName;

    /// <summary>
    /// Where a source at <paramref name="path"/> under <paramref name="parameter"/> sits in the row <paramref name="body"/>
    /// builds: <c>x.l</c> takes it out of <c>l</c>, <c>new { l, t }</c> puts it under <c>l</c>; anything else drops it.
    /// </summary>
    private RowPath Reproject(RowPath path, IParameterSymbol parameter, IOperation body)
    {
        body = body.Unwrap();
        if (MemberChain.Read(body, _symbols) is { } chain && SymbolEqualityComparer.Default.Equals(chain.Parameter, parameter))
        {
            return path.After(chain.Members);
        }

        var initializers = body switch
        {
            IAnonymousObjectCreationOperation anonymous => anonymous.Initializers,
            IObjectCreationOperation { Initializer: { } initializer } => initializer.Initializers,
            _ => ImmutableArray<IOperation>.Empty,
        };
        foreach (var initializer in initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target, Value: var value }
                && Reproject(path, parameter, value) is { IsReachable: true } inner)
            {
                return inner.Under(target.Member.Name);
            }
        }

        return RowPath.Unreachable;
    }

    /// <summary>The keys a join compares, part by part: <c>new { a.X, a.Y } equals new { b.X, b.Y }</c> pairs X with X and Y with Y.</summary>
    private static IEnumerable<(IOperation Outer, IOperation Inner)> KeyParts(IOperation outer, IOperation inner)
    {
        if (outer.Unwrap() is IAnonymousObjectCreationOperation outerParts && inner.Unwrap() is IAnonymousObjectCreationOperation innerParts
            && outerParts.Initializers.Length == innerParts.Initializers.Length)
        {
            for (var i = 0; i < outerParts.Initializers.Length; i++)
            {
                if (outerParts.Initializers[i] is ISimpleAssignmentOperation o && innerParts.Initializers[i] is ISimpleAssignmentOperation n)
                {
                    yield return (o.Value, n.Value);
                }
            }

            yield break;
        }

        yield return (outer, inner);
    }

    /// <summary>Ties the sources two equated operands read, when the members they read are a relationship.</summary>
    private QueryFacts WithLinkBetween(QueryFacts facts, IOperation first, IOperation second, IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> bindings) =>
        RowSource.Resolve(first, bindings, _symbols) is { } left
            && RowSource.Resolve(second, bindings, _symbols) is { } right
            && left.Origin != right.Origin
            && _relationships.Ties(left, right)
            ? facts.WithLink(left.Origin, right.Origin)
            : facts;

    /// <summary>The equalities a predicate requires (its top-level <c>&amp;&amp;</c> operands) that tie two sources.</summary>
    private QueryFacts WithLinks(QueryFacts facts, IOperation condition, IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> bindings)
    {
        switch (condition.Unwrap())
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and:
                return WithLinks(WithLinks(facts, and.LeftOperand, bindings), and.RightOperand, bindings);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return WithLinkBetween(facts, equals.LeftOperand, equals.RightOperand, bindings);
            case IInvocationOperation { TargetMethod.Name: "Equals", Instance: { } instance, Arguments.Length: 1 } call:
                return WithLinkBetween(facts, instance, call.Arguments[0].Value, bindings);
            default:
                return facts;
        }
    }

    /// <summary>The subqueries of every lambda an operator is given (<c>OrderBy(l => db.Notes.Count(…))</c>), over the current row.</summary>
    private QueryFacts WithSubqueriesOfLambdas(IInvocationOperation invocation, QueryFacts facts, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal > 0 && AsLambda(argument.Value, scope) is { Symbol.Parameters.IsEmpty: false } lambda && lambda.ReturnedValue() is { } body)
            {
                facts = WithSubqueries(facts, body, scope, Bind(scope, lambda.Symbol.Parameters[0], RowsOf(facts)), depth, cancellationToken);
            }
        }

        return facts;
    }

    /// <summary>
    /// The subqueries written in a lambda body (<c>db.Notes.Any(…)</c>, <c>db.Notes.Where(…).First()</c>): each is a source of
    /// the query, not an execution of its own, and is tied to the outer row's sources when it is correlated to them.
    /// </summary>
    private QueryFacts WithSubqueries(QueryFacts facts, IOperation body, EvaluationScope scope, RowBindings bindings, int depth, CancellationToken cancellationToken)
    {
        if (facts.Kind == QueryRootKind.Unknown)
        {
            return facts;
        }

        var added = AddOuterRows(scope, bindings);
        try
        {
            return AddSubqueries(facts, body, scope, depth, cancellationToken);
        }
        finally
        {
            RemoveOuterRows(scope, added);
        }
    }

    /// <summary>The subqueries in <paramref name="operation"/> and the operations under it, outside the subqueries themselves.</summary>
    private QueryFacts AddSubqueries(QueryFacts facts, IOperation operation, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        if (operation is IInvocationOperation call && Subquery(call, scope, depth, cancellationToken) is { } subquery)
        {
            return facts.WithSource(subquery);
        }

        // Last child first: the order in which sources were added before, when the walk kept a stack.
        foreach (var child in operation.ChildOperations.Reverse())
        {
            facts = AddSubqueries(facts, child, scope, depth, cancellationToken);
        }

        return facts;
    }

    /// <summary>A call that is a whole subquery over an entity: one ending in its own operator (<c>Any</c>, <c>First</c>), or a query value.</summary>
    private QuerySource? Subquery(IInvocationOperation call, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        var kind = ExecutionPoints.Classify(call.TargetMethod, _symbols);
        if (kind != ExecutionKind.None)
        {
            var executed = EvaluateExecution(call, scope, position: null, depth + 1, cancellationToken);
            return executed.IsEntityQuery ? new QuerySource(executed, call.Syntax, kind, call.TargetMethod.Name) : null;
        }

        if (!_symbols.IsQueryable(call.Type))
        {
            return null;
        }

        var query = Evaluate(call, scope, position: null, depth + 1, cancellationToken);
        return query.IsEntityQuery ? new QuerySource(query, call.Syntax, Kind: null, OperatorName: null) : null;
    }

    private static T WithOuterRows<T>(EvaluationScope scope, RowBindings bindings, System.Func<T> read)
    {
        var added = AddOuterRows(scope, bindings);
        try
        {
            return read();
        }
        finally
        {
            RemoveOuterRows(scope, added);
        }
    }

    /// <summary>Puts the bindings the scope does not have yet in its outer rows; returns the parameters it added.</summary>
    private static List<IParameterSymbol>? AddOuterRows(EvaluationScope scope, RowBindings bindings)
    {
        List<IParameterSymbol>? added = null;
        foreach (var binding in bindings)
        {
            if (scope.AddOuterRows(binding.Key, binding.Value))
            {
                (added ??= new List<IParameterSymbol>()).Add(binding.Key);
            }
        }

        return added;
    }

    private static void RemoveOuterRows(EvaluationScope scope, List<IParameterSymbol>? added)
    {
        if (added is null)
        {
            return;
        }

        foreach (var parameter in added)
        {
            scope.RemoveOuterRows(parameter);
        }
    }

    /// <summary>The rows lambda parameters stand for, with the enclosing lambdas' rows still in view.</summary>
    private static RowBindings Bind(EvaluationScope scope, params (IParameterSymbol Parameter, ImmutableArray<RowSource> Rows)[] parameters) =>
        RowBindings.Of(scope.OuterRows, parameters);

    /// <summary>The rows one lambda parameter stands for (most lambdas have one), with the enclosing lambdas' rows still in view.</summary>
    private static RowBindings Bind(EvaluationScope scope, IParameterSymbol parameter, ImmutableArray<RowSource> rows) =>
        RowBindings.Of(scope.OuterRows, parameter, rows);

    private IAnonymousFunctionOperation? LambdaArgument(IInvocationOperation invocation, int ordinal, EvaluationScope scope) =>
        invocation.ArgumentAt(ordinal) is { } argument ? AsLambda(argument.Value, scope) : null;

    /// <summary>The collection under <c>DefaultIfEmpty()</c>, <c>AsQueryable()</c> or <c>AsEnumerable()</c>: the same rows.</summary>
    private IOperation WithoutElementOperators(IOperation collection)
    {
        var current = collection.Unwrap();
        while (current is IInvocationOperation { TargetMethod.Name: "DefaultIfEmpty" or "AsQueryable" or "AsEnumerable" } call
            && (_symbols.IsQueryOperatorClass(call.TargetMethod.ContainingType) || _symbols.IsEnumerable(call.TargetMethod.ContainingType))
            && ExecutionPoints.Source(call) is { } inner)
        {
            current = inner.Unwrap();
        }

        return current;
    }

    /// <summary>The <c>T</c> of a collection navigation's <c>IEnumerable&lt;T&gt;</c>.</summary>
    private ITypeSymbol? ElementType(ITypeSymbol? collection)
    {
        if (collection is null || collection.SpecialType == SpecialType.System_String)
        {
            return null;
        }

        var enumerable = collection.IsDefinitionOf(_symbols.EnumerableOfT) ? collection as INamedTypeSymbol
            : collection.AllInterfaces.FirstOrDefault(i => i.IsDefinitionOf(_symbols.EnumerableOfT));
        return enumerable?.TypeArguments[0];
    }
}
