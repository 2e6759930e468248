using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Values read from rows the method loaded from the database before: <c>lead.Id</c> after
/// <c>var lead = await db.Leads.FirstAsync(…)</c>, <c>pp.Id</c> after <c>FindAsync</c>, ids selected from a loaded list.
/// A relationship key compared with such a value reaches only rows tied to the loaded row; the lookup that loaded it
/// carries any finding (a key lookup by a parameter is still reported there).
/// </summary>
internal sealed partial class QueryEvaluator
{
    private bool IsLoadedValue(IOperation value, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxEvaluationDepth)
        {
            scope.NoteDepthLimit();
            return false;
        }

        switch (value.Unwrap())
        {
            // `order.Id` of a row this method creates, whose key is generated (QueryEvaluator.CreatedRows.cs).
            case IPropertyReferenceOperation { Instance: { } instance } property:
                return IsLoadedValue(instance, scope, position, depth + 1, cancellationToken) || IsGeneratedKeyOfCreatedRow(property, scope, position, depth, cancellationToken);

            case IFieldReferenceOperation { Instance: { } instance }:
                return IsLoadedValue(instance, scope, position, depth + 1, cancellationToken);

            case IAwaitOperation awaited:
                return IsLoadedValue(awaited.Operation, scope, position, depth + 1, cancellationToken);

            // `foreach (var board in boards)`: each row of the collection, which is what decides.
            case ILocalReferenceOperation local when IterationCollection(local.Local, scope.Model, cancellationToken) is { } collection:
                return IsLoadedValue(collection, scope, position: null, depth + 1, cancellationToken);

            case ILocalReferenceOperation local:
                var definitions = Definitions(local.Local, local.Syntax, scope, position, cancellationToken);
                return definitions.Count > 0
                    && definitions.All(d => d.Value is not null
                        && (IsLoadedValue(d.Value, scope, d.Position, depth + 1, cancellationToken)
                            || IsFilledWithLoadedValues(local.Local, d, scope, depth + 1, cancellationToken)));

            case IFlowCaptureReferenceOperation capture when (position ?? scope.Graph?.Locate(capture.Syntax)) is { } at:
                var captures = at.Graph.CaptureDefinitions(capture.Id).ToList();
                return captures.Count > 0 && captures.All(c => IsLoadedValue(c.Capture.Value, scope, c.Position, depth + 1, cancellationToken));

            case IInvocationOperation call:
                return IsLoadingCall(call, scope, position, depth, cancellationToken);

            // A private helper's parameter that every call fills with a loaded value (QueryEvaluator.CallerArguments.cs).
            case IParameterReferenceOperation parameter:
                return IsLoadedByEveryCall(parameter.Parameter, keyed: null, cancellationToken);

            // `note?.LeadId`: a member of the loaded row, or null, which matches no row.
            case IConditionalAccessOperation conditional:
                return IsLoadedValue(conditional.WhenNotNull, scope, position, depth + 1, cancellationToken);

            case IConditionalAccessInstanceOperation instance when ConditionalAccessOf(instance) is { } access:
                return IsLoadedValue(access.Operation, scope, position, depth + 1, cancellationToken);

            // `await db.Leads.FirstOrDefaultAsync(…) ?? throw …`: the value is the loaded row or nothing at all; a fallback
            // value must be a loaded row too.
            case ICoalesceOperation coalesce:
                return IsLoadedValue(coalesce.Value, scope, position, depth + 1, cancellationToken)
                    && (coalesce.WhenNull.Unwrap() is IThrowOperation || IsLoadedValue(coalesce.WhenNull, scope, position, depth + 1, cancellationToken));

            // `ids[0]` of an array of loaded values.
            case IArrayElementReferenceOperation element:
                return IsLoadedValue(element.ArrayReference, scope, position, depth + 1, cancellationToken);

            // `ids.Length == 1 ? ids[0] : null`, `ids.Count switch { 1 => ids.Single(), _ => null }`: each branch a loaded
            // value, or nothing (null matches no row, a throw hands out no value).
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return IsLoadedOrNothing(conditional.WhenTrue, scope, position, depth, cancellationToken)
                    && IsLoadedOrNothing(whenFalse, scope, position, depth, cancellationToken);

            case ISwitchExpressionOperation { Arms.Length: > 0 } switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    if (!IsLoadedOrNothing(arm.Value, scope, position, depth, cancellationToken))
                    {
                        return false;
                    }
                }

                return true;

            default:
                return false;
        }
    }

    private bool IsLoadedOrNothing(IOperation value, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken) =>
        value.Unwrap() switch
        {
            ILiteralOperation { ConstantValue: { HasValue: true, Value: null } } or IThrowOperation => true,
            _ => IsLoadedValue(value, scope, position, depth + 1, cancellationToken),
        };

    /// <summary>The <c>?.</c> whose receiver <paramref name="instance"/> stands for: the nearest one whose <c>WhenNotNull</c> holds it.</summary>
    private static IConditionalAccessOperation? ConditionalAccessOf(IConditionalAccessInstanceOperation instance)
    {
        for (IOperation? child = instance, parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
            {
                return access;
            }
        }

        return null;
    }

    /// <summary>A call that hands out rows from the database: a query run, in-memory LINQ over loaded rows, or a helper returning an entity.</summary>
    private bool IsLoadingCall(IInvocationOperation call, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var method = call.TargetMethod;
        var isInMemory = _symbols.IsEnumerable(method.ContainingType);
        if (ExecutionPoints.Classify(method, _symbols) == ExecutionKind.Read)
        {
            // A query run (db.Leads.First(…), db.Leads.AsEnumerable().First(…)). In-memory LINQ over rows loaded before
            // (loaded.FirstOrDefault(x => x.Hash == hash)) runs none, and is read below.
            if (LoadsRowsOfATenant(EvaluateExecution(call, scope, position, depth + 1, cancellationToken)))
            {
                return true;
            }

            if (!isInMemory)
            {
                return false;
            }
        }

        if (isInMemory || method.Name == "ConfigureAwait")
        {
            // `loaded.Select(x => x.Id)`, `loaded.FirstOrDefault(x => x.Hash == hash)`, `(await …).ConfigureAwait(false)`:
            // still the loaded rows.
            return ExecutionPoints.Source(call) is { } source && IsLoadedValue(source, scope, position, depth + 1, cancellationToken);
        }

        // `users.FindByIdAsync(token.UserId.ToString())`: Identity's lookup of the user a loaded row names, which is tied to
        // that row as `db.Users.Find(token.UserId)` would be.
        if (_symbols.IsIdentityFindById(method))
        {
            var id = call.Arguments[0].Value.Unwrap();
            if (id is IInvocationOperation { TargetMethod: { Name: "ToString", Parameters.IsEmpty: true }, Instance: { } formatted })
            {
                id = formatted;
            }

            return IsLoadedValue(id, scope, position, depth + 1, cancellationToken);
        }

        // A helper of the compilation that loads an entity (LoadInvoiceAsync) or a list of them (MyBoardsAsync), or a store
        // of another project (GetSingleAsync); or a helper that hands out a value read from rows it loads (FindBatchIdAsync).
        return HandsOutOneTenantRow(method) || HandsOutTenantRowList(method) || ReturnsLoadedValue(method, cancellationToken);
    }

    /// <summary>The collection a <c>foreach</c> iteration variable takes its values from; null for any other local.</summary>
    private static IOperation? IterationCollection(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.Length == 1
        && local.DeclaringSyntaxReferences[0] is { } reference && reference.SyntaxTree == model.SyntaxTree
        && reference.GetSyntax(cancellationToken) is Microsoft.CodeAnalysis.CSharp.Syntax.ForEachStatementSyntax loop
        && model.GetOperation(loop, cancellationToken) is IForEachLoopOperation operation
            ? operation.Collection.Unwrap()
            : null;

    /// <summary>
    /// Whether <paramref name="method"/> is a helper of the compilation (or a store of another project) that hands out rows of a
    /// tenant entity already loaded: a list, an array or a read-only list of them, or any sequence an awaited task hands
    /// out; not a query or a lazy sequence, which runs later.
    /// </summary>
    private bool HandsOutTenantRowList(IMethodSymbol method)
    {
        var element = method.AwaitedResult(out var awaited) switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } list when IsLoadedList(list) => list.TypeArguments[0],

            // `Task<IEnumerable<T>> GetAllAsync(…)`: what an async method hands out has run (its ToListAsync); a plain
            // IEnumerable<T> may be a query that runs later.
            INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } sequence when awaited => sequence.TypeArguments[0],
            _ => null,
        };
        return element is not null && _relationships.Tenancy.Find(element, TenantEntityScope.Queried) is not null && HandsOutRowsItRead(method);
    }

    private static bool IsLoadedList(INamedTypeSymbol type) =>
        type.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IList_T or SpecialType.System_Collections_Generic_ICollection_T
            or SpecialType.System_Collections_Generic_IReadOnlyList_T or SpecialType.System_Collections_Generic_IReadOnlyCollection_T
        || type.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>";

    /// <summary>
    /// Whether <paramref name="method"/> is a helper of the compilation (or a store of another project) that hands out one
    /// row of a tenant entity (<c>Task&lt;Lead?&gt; GetByIdAsync(Guid id)</c>, a repository's <c>FirstOrDefaultAsync(predicate)</c>).
    /// </summary>
    private bool HandsOutOneTenantRow(IMethodSymbol method) =>
        _relationships.Tenancy.Find(method.AwaitedResult(out _), TenantEntityScope.Queried) is not null && HandsOutRowsItRead(method);

    /// <summary>
    /// Whether what <paramref name="method"/> hands out comes from a body the analysis reads, or from a store of another
    /// project; not from a factory or a mapper that builds the row in memory (<see cref="BuildsRowsInMemory"/>).
    /// </summary>
    private bool HandsOutRowsItRead(IMethodSymbol method) =>
        (BodyOf(method) is { } body && !IsRowFactory(body.OriginalDefinition))
        || _foreignStores.IsStoreMethod(method);

    /// <summary>Whether <paramref name="method"/> builds the rows it hands out (<see cref="BuildsRowsInMemory"/>), read once per method.</summary>
    private bool IsRowFactory(IMethodSymbol method) =>
        _rowFactories.TryGetValue(method, out var known) ? known : _rowFactories.GetOrAdd(method, BuildsRowsInMemory(method, CancellationToken.None));

    /// <summary>
    /// Whether every value <paramref name="method"/>'s body returns is a row it creates (<c>NewNote() =&gt; new()</c>,
    /// <c>ToNote(this NoteDto dto) =&gt; new() { Id = dto.Id }</c>, or a local initialized so and never assigned again): a row
    /// no query loaded, whose key is whatever the caller or the mapper put there, so a lookup by it is a lookup by that value.
    /// </summary>
    private bool BuildsRowsInMemory(IMethodSymbol method, CancellationToken cancellationToken) =>
        EveryOwnReturn(method, static (value, helper) => IsCreatedRow(value.Unwrap(), helper.Body), cancellationToken);

    /// <summary>
    /// Whether <paramref name="method"/>'s body returns at least once and every value it returns itself (not its lambdas'
    /// or local functions') satisfies <paramref name="holds"/>; false when a body cannot be read.
    /// </summary>
    private bool EveryOwnReturn(IMethodSymbol method, Func<IOperation, HelperBody, bool> holds, CancellationToken cancellationToken)
    {
        var returnsAny = false;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            NoteHelperBodyRead(reference);
            var syntax = reference.GetSyntax(cancellationToken);
            if (_models.Get(syntax.SyntaxTree) is not { } model || BodyOperation(model, syntax, cancellationToken) is not { } body)
            {
                return false;
            }

            var helper = new HelperBody(model, syntax, body);
            foreach (var returned in OwnReturns(body))
            {
                if (returned.ReturnedValue is not { } value || !holds(value, helper))
                {
                    return false;
                }

                returnsAny = true;
            }
        }

        return returnsAny;
    }

    /// <summary>One declaration of a helper whose returns are read: its model, its syntax and its body's operation.</summary>
    private readonly record struct HelperBody(SemanticModel Model, SyntaxNode Declaration, IOperation Body);

    /// <summary>The <c>return</c>s of a body itself (an expression body is one), not of the lambdas and local functions in it.</summary>
    private static IEnumerable<IReturnOperation> OwnReturns(IOperation body) =>
        body.Descendants().OfType<IReturnOperation>().Where(r => r.Kind == OperationKind.Return && !IsInNestedFunction(r, body));

    /// <summary>Whether <paramref name="operation"/> is in a lambda or local function inside <paramref name="body"/> (anywhere above it, when null).</summary>
    private static bool IsInNestedFunction(IOperation operation, IOperation? body)
    {
        for (var parent = operation.Parent; parent is not null && !ReferenceEquals(parent, body); parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsCreatedRow(IOperation value, IOperation body) => value switch
    {
        IObjectCreationOperation => true,
        ILocalReferenceOperation local => local.Local.DeclaringSyntaxReferences.Length == 1
            && body.Descendants().OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local)) is { } declarator
            && declarator.GetVariableInitializer()?.Value.Unwrap() is IObjectCreationOperation
            && !body.Descendants().OfType<IAssignmentOperation>().Any(a => a.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local.Local)),
        _ => false,
    };

    /// <summary>
    /// Whether a lookup's rows may stand for a tenant's: a query scoped to one tenant, or any lookup of a tenant entity (an
    /// unscoped one carries its own finding), of the tenant principal, or of an entity a filter on a tenant key scopes; not
    /// one that reads shared rows (<c>x.TeamId == null</c>, or a tenant's and the shared ones): rows tied to a shared row
    /// (every team's members holding a system badge) belong to every team. Nor an unscoped lookup of an entity no rule
    /// judges (a card with no key of its own, found by a caller's id): nothing reports it, and the board its key leads to
    /// is any team's.
    /// </summary>
    private bool LoadsRowsOfATenant(QueryFacts lookup) =>
        lookup.IsEntityQuery
        && lookup.Scope != TenantScope.OwnOrShared
        && (lookup.Scope == TenantScope.Own || lookup.EntityType is not { } entity || IsJudgedWhenUnscoped(entity));

    /// <summary>Whether an unscoped lookup of <paramref name="entity"/> is reported, or scoped by the model: a tenant entity, the tenant principal, or an entity a tenant filter reaches.</summary>
    private bool IsJudgedWhenUnscoped(ITypeSymbol entity) =>
        _relationships.Tenancy.Find(entity, TenantEntityScope.Queried) is not null
        || _relationships.IsPrincipal(entity)
        || _relationships.Tenancy.HasFilterOnTenantKey(entity);

    /// <summary>
    /// Whether every key value a <c>Find</c> passes was read from a row loaded before (<c>Find(checkout.InvoiceId)</c>), or
    /// its one key value is a key matched for <paramref name="found"/> as a predicate's would be (<see cref="IsMatchedKey"/>:
    /// <c>Users.Find(_currentUser.UserId)</c>, as <c>u =&gt; u.Id == _currentUser.UserId</c>).
    /// </summary>
    private bool FindsLoadedKey(IInvocationOperation find, ITypeSymbol? found, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        var values = KeyValues(find);
        return values.Length > 0
            && values.All(v => IsLoadedValue(v, scope, position, depth + 1, cancellationToken)
                || (values.Length == 1 && found is not null && IsMatchedKey(v, found, scope, depth + 1, cancellationToken)));
    }
}
