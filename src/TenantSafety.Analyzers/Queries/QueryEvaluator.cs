using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Computes <see cref="QueryFacts"/> for a query value: follows the operator chain back to its root through
/// method and query syntax, locals (on every path, with the control-flow graph), flow captures of
/// <c>?:</c>/<c>??</c>, and helpers in the same compilation, which are summarised once per method.
/// One instance per compilation and tenant-key configuration; thread-safe.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>How deep helpers may call helpers before we stop looking: keeps the cost linear.</summary>
    private const int MaxHelperDepth = 4;

    private const int MaxEvaluationDepth = 64;

    private readonly EfSymbols _symbols;
    private readonly SemanticModelCache _models;
    private readonly EntityRelationships _relationships;
    private readonly ConcurrentDictionary<HelperKey, QueryFacts> _summaries = new();
    private readonly ConcurrentDictionary<HelperKey, TenantScope> _predicateHelpers = new();

    /// <summary>Helpers that hand out rows they build in memory (<see cref="BuildsRowsInMemory"/>), by definition.</summary>
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _rowFactories = new(SymbolEqualityComparer.Default);
    private readonly SourceImplementations _implementations;
    private readonly ForeignStoreMethods _foreignStores;
    private readonly ThreadLocal<HelperStack> _summariesInProgress = new(() => new HelperStack());

    /// <summary>Every helper declaration whose body was read, by tree: what a finding kept for the next compilation depends on.</summary>
    private readonly ConcurrentDictionary<SyntaxTree, ConcurrentDictionary<TextSpan, byte>> _helperBodiesRead = new();

    /// <summary>Every private method whose calls were read (<see cref="MethodsWhoseCallsWereRead"/>), by name, per tree of its type's declarations.</summary>
    private readonly ConcurrentDictionary<SyntaxTree, ConcurrentDictionary<string, byte>> _callsRead = new();

    public QueryEvaluator(EfSymbols symbols, EntityRelationships relationships, SemanticModelCache models, SourceImplementations implementations, ForeignStoreMethods foreignStores)
    {
        _implementations = implementations;
        _foreignStores = foreignStores;
        _symbols = symbols;
        _models = models;
        _relationships = relationships;
        Predicate = relationships.Tenancy.Predicate;
    }

    public TenantPredicate Predicate { get; }

    /// <summary>The spans of the helper declarations in <paramref name="tree"/> whose bodies this evaluator has read so far.</summary>
    public IEnumerable<TextSpan> HelperDeclarationsRead(SyntaxTree tree) =>
        _helperBodiesRead.TryGetValue(tree, out var spans) ? spans.Keys : Enumerable.Empty<TextSpan>();

    /// <summary>
    /// The names of the private methods in <paramref name="tree"/> whose calls were read to judge their parameters: a
    /// finding kept for the next compilation depends on every call of them, and an edit to a body that writes one may
    /// add or change a call.
    /// </summary>
    public IEnumerable<string> MethodsWhoseCallsWereRead(SyntaxTree tree) =>
        _callsRead.TryGetValue(tree, out var names) ? names.Keys : Enumerable.Empty<string>();

    private void NoteCallsRead(SyntaxTree tree, string methodName) =>
        _callsRead.GetOrAdd(tree, _ => new ConcurrentDictionary<string, byte>(System.StringComparer.Ordinal)).TryAdd(methodName, 0);

    private void NoteHelperBodyRead(SyntaxReference declaration) =>
        _helperBodiesRead.GetOrAdd(declaration.SyntaxTree, _ => new ConcurrentDictionary<TextSpan, byte>()).TryAdd(declaration.Span, 0);

    /// <summary>The primary key's properties of <paramref name="entityType"/> (<see cref="EntityRelationships.PrimaryKeyOf"/>).</summary>
    public ImmutableArray<string> PrimaryKeyOf(ITypeSymbol? entityType) => _relationships.PrimaryKeyOf(entityType);

    public QueryFacts Evaluate(IOperation operation, EvaluationScope scope, CancellationToken cancellationToken) =>
        Evaluate(operation, scope, position: null, depth: 0, cancellationToken);

    private QueryFacts Evaluate(IOperation? operation, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxEvaluationDepth)
        {
            scope.NoteDepthLimit();
            return QueryFacts.Unknown;
        }

        if (operation is null)
        {
            return QueryFacts.Unknown;
        }

        cancellationToken.ThrowIfCancellationRequested();
        operation = operation.Unwrap();
        if (scope.KeptQuery is { } kept && kept.IsReferencedBy(operation))
        {
            return QueryFacts.ForParameter(kept.Ordinal);
        }

        switch (operation)
        {
            case IInvocationOperation invocation:
                return EvaluateInvocation(invocation, scope, position, depth, cancellationToken);

            case IPropertyReferenceOperation property:
                if (_symbols.IsDbSet(property.Type, out var propertyEntity) || _symbols.IsIdentityTable(property.Property, out propertyEntity))
                {
                    return QueryFacts.ForEntitySet(propertyEntity, property.Syntax, ContextOf(property.Instance));
                }

                if (EvaluateConstructedMember(property.Property, property.Type, depth, cancellationToken) is { } constructedProperty)
                {
                    return constructedProperty;
                }

                return property.Property.GetMethod is { } getter && _symbols.IsQueryable(property.Type)
                    ? FromSummary(getter, invocation: null, property.Syntax, scope, position, depth, cancellationToken)
                    : QueryFacts.Unknown;

            case IFieldReferenceOperation field:
                return EvaluateConstructedMember(field.Field, field.Type, depth, cancellationToken) ?? WholeTableOrUnknown(field);

            case ILocalReferenceOperation local:
                return EvaluateLocal(local, scope, position, depth, cancellationToken);

            case IParameterReferenceOperation parameter:
                return EvaluateReassignedParameter(parameter, scope, position, depth, cancellationToken) ?? ParameterValue(parameter, scope);

            case IFlowCaptureReferenceOperation captureReference:
                return EvaluateCapture(captureReference, scope, position, depth, cancellationToken);

            case IConditionalOperation conditional when scope.Assumed?.Decide(conditional.Condition) is { } taken:
                return Evaluate(taken ? conditional.WhenTrue : conditional.WhenFalse, scope, position, depth + 1, cancellationToken);

            case IConditionalOperation conditional:
                return QueryFacts.Join(
                    Evaluate(conditional.WhenTrue, scope, position, depth + 1, cancellationToken),
                    Evaluate(conditional.WhenFalse, scope, position, depth + 1, cancellationToken));

            case ICoalesceOperation coalesce:
                return QueryFacts.Join(
                    Evaluate(coalesce.Value, scope, position, depth + 1, cancellationToken),
                    Evaluate(coalesce.WhenNull, scope, position, depth + 1, cancellationToken));

            // `query = (sortBy, desc) switch { ("name", false) => query.OrderBy(…), … }`: a list endpoint's sort, each arm a path.
            case ISwitchExpressionOperation { Arms.Length: > 0 } switchExpression:
                var arms = Evaluate(switchExpression.Arms[0].Value, scope, position, depth + 1, cancellationToken);
                for (var i = 1; i < switchExpression.Arms.Length; i++)
                {
                    arms = QueryFacts.Join(arms, Evaluate(switchExpression.Arms[i].Value, scope, position, depth + 1, cancellationToken));
                }

                return arms;

            case ITranslatedQueryOperation query:
                return Evaluate(query.Operation, scope, position, depth + 1, cancellationToken);

            case IAwaitOperation:
            default:
                return QueryFacts.Unknown;
        }
    }

    /// <summary>The DbContext type (or interface of one) a set is read from; null for anything else (<c>UserManager.Users</c>).</summary>
    private ITypeSymbol? ContextOf(IOperation? instance) =>
        instance?.Type is { } type && (_symbols.IsDbContext(type) || type.TypeKind == TypeKind.Interface) ? type : null;

    /// <summary>A DbSet field, parameter or local is the whole table, wherever it came from.</summary>
    private QueryFacts WholeTableOrUnknown(IOperation value) =>
        _symbols.IsDbSet(value.Type, out var entity) ? QueryFacts.ForEntitySet(entity, value.Syntax) : QueryFacts.Unknown;

    private QueryFacts EvaluateInvocation(IInvocationOperation invocation, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        var containingType = method.ContainingType;

        // context.Set<T>() and any other call that hands out a DbSet.
        if (_symbols.IsDbSet(invocation.Type, out var setEntity) && !IsSourceMethodWithBody(method))
        {
            return QueryFacts.ForEntitySet(setEntity, invocation.Syntax, ContextOf(invocation.Instance));
        }

        // DbSet<T>.AsQueryable() is an instance method of DbSet: the same rows.
        if (method.Name == "AsQueryable" && !method.IsStatic && _symbols.IsDbSet(containingType, out _))
        {
            return Evaluate(invocation.Instance, scope, position, depth + 1, cancellationToken);
        }

        if (_symbols.IsQueryOperatorClass(containingType) || _symbols.IsEnumerable(containingType))
        {
            return EvaluateOperator(invocation, scope, position, depth, cancellationToken);
        }

        // query.WithSpecification(spec) (Ardalis.Specification): the query, filtered by the specification.
        if (EvaluateSpecificationApplied(invocation, scope, position, depth, cancellationToken) is { } withSpecification)
        {
            return withSpecification;
        }

        if ((_symbols.IsQueryable(method.ReturnType) || _symbols.IsDbSet(method.ReturnType, out _)) && BodyOf(method) is { } body)
        {
            return FromSummary(body, invocation, invocation.Syntax, scope, position, depth, cancellationToken);
        }

        // A delegate the caller handed over that reshapes the query (orderBy(query), include(query) in a generic store): the
        // same rows, ordered or with more loaded. Read as unknown, the path through it would vanish from the join.
        if (method.MethodKind == MethodKind.DelegateInvoke && invocation.Arguments.Length == 1
            && _symbols.IsQueryable(method.ReturnType) && _symbols.IsQueryable(invocation.Arguments[0].Value.Type))
        {
            return Evaluate(invocation.Arguments[0].Value, scope, position, depth + 1, cancellationToken);
        }

        // A store of another project (IGenericRepository<Department>.AsQueryable()): its signature says what it hands out.
        if (_foreignStores.IsStoreMethod(method) && _foreignStores.QueryReturned(method) is { } returnedEntity)
        {
            return ForeignStoreQueryReturned(invocation, returnedEntity, scope, position, depth, cancellationToken);
        }

        return QueryFacts.Unknown;
    }

    private QueryFacts EvaluateOperator(IInvocationOperation invocation, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var name = invocation.TargetMethod.Name;
        if (ExecutionPoints.Classify(name) != ExecutionKind.None)
        {
            // The query has run; what comes out is data, not a query.
            return QueryFacts.Unknown;
        }

        var sourceOperation = ExecutionPoints.Source(invocation);
        if (name is "FromSqlRaw" or "FromSql" or "FromSqlInterpolated")
        {
            var rawEntity = invocation.TargetMethod.TypeArguments.FirstOrDefault();
            return rawEntity is null || sourceOperation is null
                ? QueryFacts.Unknown
                : QueryFacts.ForRawSql(rawEntity, sourceOperation.Unwrap().Syntax, invocation.Syntax);
        }

        var source = Evaluate(sourceOperation, scope, position, depth + 1, cancellationToken);
        if (source.Kind == QueryRootKind.Unknown && !_symbols.IsQueryOperatorClass(invocation.TargetMethod.ContainingType))
        {
            // In-memory LINQ over values we do not know: no database query.
            return source;
        }

        switch (name)
        {
            case "IgnoreQueryFilters":
                return source.WithIgnoredFilters(invocation.Syntax, ReadFilterKeys(invocation));

            case "GroupBy":
                var keySelector = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "keySelector");
                var keyLambda = keySelector is null ? null : AsLambda(keySelector.Value, scope);
                if (keyLambda is not null && Predicate.SelectsTenantKey(keyLambda))
                {
                    return source.WithGroupedByTenant();
                }

                return source.WithCrossTenantGroupBy(invocation.Syntax);

            case var _ when ExecutionPoints.IsPredicateOperator(name):
                return PredicateArgument(invocation) is { } predicate ? ApplyPredicate(source, predicate, scope, position, depth + 1, cancellationToken) : source;

            default:
                return EvaluateShape(invocation, name, source, scope, depth, cancellationToken);
        }
    }

    /// <summary>
    /// The query an execution point runs, its own predicate included (<c>First(l => l.TeamId == teamId)</c>): its source
    /// for an operator, the table and key values for <c>Find</c>, the item's correlation for <c>Contains(l.Id)</c>.
    /// </summary>
    public QueryFacts EvaluateExecution(IInvocationOperation execution, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var method = execution.TargetMethod;
        if (EvaluateSpecificationExecution(execution, scope, position, depth, cancellationToken) is { } throughSpecification)
        {
            return throughSpecification;
        }

        if (method.Name is "Find" or "FindAsync" && !method.IsStatic)
        {
            return EvaluateFind(execution, scope, position, depth, cancellationToken);
        }

        var facts = SourceOf(execution, scope, position, depth, cancellationToken);
        if (PredicateArgument(execution) is { } predicate)
        {
            facts = ApplyPredicate(facts, predicate, scope, position, depth + 1, cancellationToken);
        }

        // `!managed.Contains(l.Id)` where managed selects `n.LeadId`: correlated to the outer row.
        if (method.Name is "Contains" && facts.SelectedKey is { } selected && execution.ArgumentAt(1) is { } item
            && RowSource.Resolve(item.Value, scope.OuterRows, _symbols) is { } outer && _relationships.Ties(selected, outer))
        {
            facts = facts.WithLink(selected.Origin, outer.Origin);
        }

        return facts;
    }

    /// <summary>
    /// <c>DbSet.Find(keys)</c>, or <c>DbContext.Find&lt;T&gt;(keys)</c>: a key lookup. Scoped when the key values include
    /// the tenant key (a composite primary key that holds it, <c>Find(userId, teamId)</c>).
    /// </summary>
    private QueryFacts EvaluateFind(IInvocationOperation find, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var method = find.TargetMethod;
        QueryFacts facts;
        if (_symbols.IsDbSet(method.ContainingType, out _))
        {
            facts = Evaluate(find.Instance, scope, position, depth + 1, cancellationToken);
        }
        else if (_symbols.IsDbContext(method.ContainingType) && FoundEntity(find) is { } entity)
        {
            facts = QueryFacts.ForEntitySet(entity, find.Syntax).WithRootSyntax(null);
        }
        else
        {
            return QueryFacts.Unknown;
        }

        var key = _relationships.PrimaryKeyOf(facts.EntityType);
        var tenantKey = _relationships.Tenancy.KeyOf(facts.EntityType);
        var values = KeyValues(find).Length;
        var scoped = (key.Length > 1 && values == key.Length && tenantKey is not null && key.Contains(tenantKey.Name))
            || FindsLoadedKey(find, facts.EntityType, scope, position, depth, cancellationToken);
        return scoped ? facts.WithTenantPredicate(TenantScope.Own) : facts;
    }

    /// <summary>The entity <c>DbContext.Find</c> looks up: <c>Find&lt;Lead&gt;(…)</c> or <c>Find(typeof(Lead), …)</c>.</summary>
    private static ITypeSymbol? FoundEntity(IInvocationOperation find)
    {
        if (find.TargetMethod.IsGenericMethod)
        {
            return find.TargetMethod.TypeArguments[0];
        }

        return find.Arguments.FirstOrDefault()?.Value.Unwrap() is ITypeOfOperation typeOf ? typeOf.TypeOperand : null;
    }

    /// <summary>The key values a <c>Find</c> passes, when written out (<c>Find(a, b)</c>, <c>Find(new object[] { a, b })</c>, <c>Find([a])</c>).</summary>
    private static ImmutableArray<IOperation> KeyValues(IInvocationOperation find)
    {
        var keyValues = find.Arguments.FirstOrDefault(a => a.Parameter?.Type is IArrayTypeSymbol)?.Value.Unwrap();
        return keyValues switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            { Syntax: CollectionExpressionSyntax } collection => collection.ChildOperations.ToImmutableArray(),
            _ => ImmutableArray<IOperation>.Empty,
        };
    }

    /// <summary>The predicate of a predicate operator (<c>Where</c>, <c>First(…)</c>, <c>Any(…)</c>); null for the other overloads.</summary>
    private IOperation? PredicateArgument(IInvocationOperation invocation) =>
        ExecutionPoints.IsPredicateOperator(invocation.TargetMethod.Name)
        && (_symbols.IsQueryOperatorClass(invocation.TargetMethod.ContainingType) || _symbols.IsEnumerable(invocation.TargetMethod.ContainingType))
        && invocation.ArgumentAt(1) is { } argument
        && (_symbols.IsExpressionOfDelegate(argument.Parameter?.Type) || argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
            ? argument.Value
            : null;

    /// <summary>Whether a predicate operator (<c>Where</c>, or <c>First</c>, <c>Any</c>, <c>Count</c> … with a predicate) is given a tenant predicate.</summary>
    public bool HasTenantPredicateArgument(IInvocationOperation invocation, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken) =>
        ScopeOfPredicateArgument(invocation, scope, position, depth, cancellationToken) != TenantScope.None;

    /// <summary>How far the predicate given to a predicate operator confines the rows to a tenant.</summary>
    public TenantScope ScopeOfPredicateArgument(IInvocationOperation invocation, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        if (!ExecutionPoints.IsPredicateOperator(invocation.TargetMethod.Name)
            || !(_symbols.IsQueryOperatorClass(invocation.TargetMethod.ContainingType) || _symbols.IsEnumerable(invocation.TargetMethod.ContainingType)))
        {
            return TenantScope.None;
        }

        var result = TenantScope.None;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal > 0)
            {
                var argumentScope = ScopeOfPredicate(argument.Value, scope, position, depth, cancellationToken);
                result = argumentScope > result ? argumentScope : result;
            }
        }

        return result;
    }

    /// <summary>Whether a predicate argument is a tenant predicate: a lambda, an Expression local holding one, or a helper returning one.</summary>
    public bool IsTenantPredicate(IOperation argument, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken) =>
        ScopeOfPredicate(argument, scope, position, depth, cancellationToken) != TenantScope.None;

    /// <summary>How far a predicate argument confines rows: a lambda, an Expression local holding one, or a helper returning one; the weakest path counts.</summary>
    public TenantScope ScopeOfPredicate(IOperation argument, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxEvaluationDepth)
        {
            scope.NoteDepthLimit();
            return TenantScope.None;
        }

        var value = argument.Unwrap();
        var lambda = AsLambda(value, scope);
        if (lambda is not null)
        {
            return Predicate.ScopeOf(lambda);
        }

        switch (value)
        {
            case ILocalReferenceOperation local:
                var definitions = Definitions(local.Local, local.Syntax, scope, position, cancellationToken);
                return Weakest(definitions.Select(d => d.Value is null ? TenantScope.None : ScopeOfPredicate(d.Value, scope, d.Position, depth + 1, cancellationToken)));

            case IFlowCaptureReferenceOperation capture when position is { } at:
                var captures = at.Graph.CaptureDefinitions(capture.Id).Where(c => scope.CanReach(c.Position)).ToList();
                return Weakest(captures.Select(c => c.Capture.Value is null ? TenantScope.None : ScopeOfPredicate(c.Capture.Value, scope, c.Position, depth + 1, cancellationToken)));

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional when scope.Assumed?.Decide(conditional.Condition) is { } taken:
                return ScopeOfPredicate(taken ? conditional.WhenTrue : whenFalse, scope, position, depth + 1, cancellationToken);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Weakest(new[]
                {
                    ScopeOfPredicate(conditional.WhenTrue, scope, position, depth + 1, cancellationToken),
                    ScopeOfPredicate(whenFalse, scope, position, depth + 1, cancellationToken),
                });

            case IInvocationOperation call when _symbols.IsExpressionOfDelegate(call.Type) && BodyOf(call.TargetMethod) is { } body:
                return PredicateHelperScope(body, cancellationToken);

            default:
                return TenantScope.None;
        }
    }

    /// <summary>The weakest of several paths' scopes; none when there is no path.</summary>
    private static TenantScope Weakest(IEnumerable<TenantScope> scopes)
    {
        var any = false;
        var weakest = TenantScope.Own;
        foreach (var scope in scopes)
        {
            any = true;
            weakest = scope < weakest ? scope : weakest;
        }

        return any ? weakest : TenantScope.None;
    }

    private static IAnonymousFunctionOperation? AsLambda(IOperation value, EvaluationScope scope)
    {
        // Inside a control-flow graph a lambda is only a reference (bare when converted to Expression<T>);
        // its body is in the original tree.
        var unwrapped = value.Unwrap();
        var target = unwrapped is IDelegateCreationOperation delegateCreation ? delegateCreation.Target : unwrapped;
        return target is IFlowAnonymousFunctionOperation flowLambda
            ? LambdaAt(flowLambda.Syntax, scope.Model)
            : value.AsLambda();
    }

    /// <summary>
    /// The lambda written at <paramref name="syntax"/>. A query clause's lambda has the clause's expression as its syntax
    /// (<c>l.TeamId == teamId</c> in <c>where l.TeamId == teamId</c>), and the model hands out the expression for it;
    /// a join's result selector has the join clause, for which the model hands out nothing. The lambda is found in the
    /// operation of the nearest enclosing syntax the model has one for.
    /// </summary>
    private static IAnonymousFunctionOperation? LambdaAt(SyntaxNode syntax, SemanticModel model)
    {
        for (var node = syntax; node is not null; node = node.Parent)
        {
            if (model.GetOperation(node) is not { } operation)
            {
                continue;
            }

            for (var ancestor = operation; ancestor is not null; ancestor = ancestor.Parent)
            {
                if (ancestor is IAnonymousFunctionOperation enclosing && enclosing.Syntax == syntax)
                {
                    return enclosing;
                }
            }

            return operation.DescendantsAndSelf().OfType<IAnonymousFunctionOperation>().FirstOrDefault(l => l.Syntax == syntax);
        }

        return null;
    }

    /// <summary>What a parameter holds as the call passed it: the caller's argument in a summary, else a DbSet's whole table.</summary>
    private QueryFacts ParameterValue(IParameterReferenceOperation parameter, EvaluationScope scope)
    {
        if (scope.SummarizedMethod is not null
            && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, scope.SummarizedMethod))
        {
            return QueryFacts.ForParameter(parameter.Parameter.Ordinal);
        }

        // A DbSet handed in is still the whole table.
        return WholeTableOrUnknown(parameter);
    }

    /// <summary>
    /// A parameter the body assigns (<c>query = query.Where(x =&gt; x.TenantId == tenantId);</c> in a filter helper): what
    /// each assignment reaching the reference holds, and, on a path without one, what the call passed. Null when the
    /// body never writes the parameter's name (most parameters: one look at the member's writes) or the reference is
    /// outside the body's graph.
    /// </summary>
    private QueryFacts? EvaluateReassignedParameter(IParameterReferenceOperation reference, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var parameter = reference.Parameter;
        if (parameter.RefKind != RefKind.None
            || LocalWrites.In(reference.Syntax).Of(parameter.Name).Count == 0
            || (position ?? scope.Graph?.Locate(reference.Syntax)) is not { } at)
        {
            return null;
        }

        var result = QueryFacts.Unknown;
        foreach (var definition in ReachingDefinitions.Find(parameter, at, scope.Assumed))
        {
            var facts = definition.IsParameterValue
                ? ParameterValue(reference, scope)
                : definition.Value is null ? null : EvaluateDefinition(new DefinitionKey(parameter, definition), definition, scope, depth, cancellationToken);
            if (facts is not null)
            {
                result = QueryFacts.Join(result, facts);
            }
        }

        return result;
    }

    private QueryFacts EvaluateLocal(ILocalReferenceOperation reference, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        var result = QueryFacts.Unknown;
        foreach (var definition in Definitions(local, reference.Syntax, scope, position, cancellationToken))
        {
            if (definition.Value is not null && EvaluateDefinition(new DefinitionKey(local, definition), definition, scope, depth, cancellationToken) is { } facts)
            {
                result = QueryFacts.Join(result, facts);
            }
        }

        // A DbSet local we could not follow is still the whole table.
        return result.Kind == QueryRootKind.Unknown ? WholeTableOrUnknown(reference) : result;
    }

    /// <summary>The facts of one definition of a local, read once per scope (<see cref="EvaluationScope.KnownDefinitionFacts"/>); null when it is already being read (a loop).</summary>
    private QueryFacts? EvaluateDefinition(DefinitionKey key, Definition definition, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        if (scope.KnownDefinitionFacts(key) is { } known)
        {
            return known;
        }

        if (!scope.EnterDefinition(key))
        {
            return null;
        }

        var cutsBefore = scope.Cuts;
        QueryFacts facts;
        try
        {
            facts = Evaluate(definition.Value, scope, definition.Position, depth + 1, cancellationToken);
        }
        finally
        {
            scope.LeaveDefinition(key);
        }

        scope.KeepDefinitionFacts(key, facts, cutsBefore);
        return facts;
    }

    private QueryFacts EvaluateCapture(IFlowCaptureReferenceOperation reference, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var graph = position?.Graph ?? scope.Graph?.Locate(reference.Syntax)?.Graph;
        if (graph is null)
        {
            return QueryFacts.Unknown;
        }

        var result = QueryFacts.Unknown;
        foreach (var (capture, capturePosition) in graph.CaptureDefinitions(reference.Id))
        {
            if (!scope.CanReach(capturePosition))
            {
                continue;
            }

            result = QueryFacts.Join(result, Evaluate(capture.Value, scope, capturePosition, depth + 1, cancellationToken));
        }

        return result;
    }

    private static List<Definition> Definitions(ILocalSymbol local, SyntaxNode referenceSyntax, EvaluationScope scope, FlowPosition? position, CancellationToken cancellationToken)
    {
        if (SingleDefinition.ValueOf(local, scope.Model, cancellationToken) is { } only)
        {
            return new List<Definition> { new(only, position: null) };
        }

        // The statement walk follows every branch; a helper read for one call's nullness asks the graph, which knows which it takes.
        if (scope.Assumed is null && StructuredDefinitions.Find(local, referenceSyntax, scope.Model, cancellationToken) is { } reaching)
        {
            return reaching;
        }

        var at = position ?? scope.Graph?.Locate(referenceSyntax);
        return at is { } found ? ReachingDefinitions.Find(local, found, scope.Assumed) : new List<Definition>();
    }

    /// <summary>EF Core 10 <c>IgnoreQueryFilters(["SoftDelete"])</c>: the keys it switches off; null when all filters are.</summary>
    private static ImmutableArray<string>? ReadFilterKeys(IInvocationOperation invocation)
    {
        var keysArgument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 1);
        if (keysArgument is null || keysArgument.IsImplicit && keysArgument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return null;
        }

        var keys = keysArgument.Value.DescendantsAndSelf()
            .Select(o => o.ConstantValue)
            .Where(c => c.HasValue && c.Value is string)
            .Select(c => (string)c.Value!)
            .ToImmutableArray();

        // Keys we cannot read (built at run time) may include the tenant filter: assume they do.
        return keys.IsEmpty ? null : keys;
    }
}
