using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The key of a row the method creates itself, which EF Core (or the method) generates: <c>var order = new Order { Ref = r };
/// db.Orders.Add(order); await db.SaveChangesAsync();</c> then <c>db.Orders.First(o =&gt; o.Id == order.Id)</c> reads back the
/// row just written, which no caller chose, so the lookup reaches that row only, like a lookup by a loaded row's key.
/// A key the caller may have put there (<c>new Note { Id = dto.Id }</c>, <c>note.Id = request.Id</c>, a constructor or a
/// mapper that may copy it, a row built by a helper) is the caller's value, and the lookup stays reported.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>The EF Core calls that track a new row without changing its key: the row handed to them keeps its generated key.</summary>
    private static readonly HashSet<string> s_addingMethods = new(StringComparer.Ordinal) { "Add", "AddAsync", "AddRange", "AddRangeAsync" };

    /// <summary>
    /// Whether <paramref name="key"/> reads the primary key of a local that holds, where it is read, a row created in this
    /// member with a parameterless constructor, whose key nothing in the member sets (or sets to <c>Guid.NewGuid()</c>), and
    /// which is only read, handed to EF Core to be added, returned or replaced; or, on other paths, a row loaded before.
    /// </summary>
    private bool IsGeneratedKeyOfCreatedRow(IPropertyReferenceOperation key, EvaluationScope scope, FlowPosition? position, int depth, CancellationToken cancellationToken)
    {
        if (key.Instance?.Unwrap() is not ILocalReferenceOperation { Local: { IsRef: false } local } row
            || local.DeclaringSyntaxReferences.Length != 1 || local.DeclaringSyntaxReferences[0].SyntaxTree != scope.Model.SyntaxTree
            || _relationships.PrimaryKeyOf(local.Type) is not { Length: 1 } primaryKey || primaryKey[0] != key.Property.Name)
        {
            return false;
        }

        // Every value the local may hold where the key is read (`ticket = await db.Tickets.First(t => t.Id == ticket.Id)`
        // reads the created row's key before the reload replaces it) is a row created here with its key left to be generated,
        // or a row loaded before (`project = exists ? await db.Projects.First(…) : new Project { … }`).
        var definitions = Definitions(local, row.Syntax, scope, position, cancellationToken);
        var createdRows = definitions.Where(d => IsCreatedWithGeneratedKey(d.Value, primaryKey[0])).ToList();
        if (createdRows.Count == 0
            || !definitions.Except(createdRows).All(d => d.Value is { } value && IsLoadedValue(value, scope, d.Position, depth + 1, cancellationToken)))
        {
            return false;
        }

        // Only the uses the created row reaches matter: the reloaded row handed to a mapper afterwards is another row. And
        // only those that may run before the key is read: the created user handed to a mapper once the lookup ran cannot
        // change the key it read.
        var created = new HashSet<SyntaxNode>(createdRows.Select(d => d.Value!.Syntax));
        var read = RunsWhereWritten(key) ? scope.Graph?.Locate(key.Syntax) : null;
        return References(local, scope.Model, cancellationToken)
            .All(r => KeepsKeyGenerated(r, primaryKey[0])
                || !MayRunBeforeRead(r, read, scope)
                || !Definitions(local, r.Syntax, scope, position: null, cancellationToken).Any(d => d.Value is { } value && created.Contains(value.Syntax)));
    }

    /// <summary>
    /// Whether the key is read where it is written: outside a lambda, or in the lambda of a call that runs the query
    /// (<c>FirstAsync(u =&gt; u.Id == user.Id)</c>). EF Core reads a captured row's key when the query runs, which for a
    /// <c>Where</c> may be anywhere later.
    /// </summary>
    private bool RunsWhereWritten(IOperation key)
    {
        for (var current = key.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
            {
                var handedTo = current.Parent;
                while (handedTo is IDelegateCreationOperation or IConversionOperation)
                {
                    handedTo = handedTo.Parent;
                }

                return handedTo is IArgumentOperation { Parent: IInvocationOperation call }
                    && ExecutionPoints.Classify(call.TargetMethod, _symbols) != ExecutionKind.None;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="use"/> may run before the key's <paramref name="read"/>; always when the read's place is not known.</summary>
    private static bool MayRunBeforeRead(ILocalReferenceOperation use, FlowPosition? read, EvaluationScope scope) =>
        read is not { } at || scope.Graph?.Locate(use.Syntax) is not { } usedAt || FlowGraphIndex.MayRunBefore(usedAt, at);

    /// <summary>A row created with a parameterless constructor whose initializer leaves its key to be generated.</summary>
    private static bool IsCreatedWithGeneratedKey(IOperation? value, string keyName) =>
        value?.Unwrap() is IObjectCreationOperation { Constructor.Parameters.IsEmpty: true } creation
        && (creation.Initializer is not { } initializer || initializer.Initializers.All(i => LeavesKeyGenerated(i, keyName)));

    /// <summary>An initializer's assignment that leaves the key to be generated: of another member, or of the key to a new <c>Guid</c>.</summary>
    private static bool LeavesKeyGenerated(IOperation initializer, string keyName) =>
        initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment
        && (target.Property.Name != keyName || IsNewGuid(assignment.Value));

    private static bool IsNewGuid(IOperation value) =>
        value.Unwrap() is IInvocationOperation { TargetMethod: { Name: "NewGuid" or "CreateVersion7", IsStatic: true, ContainingType.Name: "Guid" } };

    /// <summary>A member of the row read, or another member than the key set.</summary>
    private static bool ReadsOrSetsOtherMember(IPropertyReferenceOperation member, string keyName) =>
        member.Property.Name != keyName || member.Syntax is not ExpressionSyntax written || !LocalWrites.IsWritePosition(written);

    /// <summary>
    /// Whether one use of the created row leaves its key as generated: a member read (<c>order.Id</c>, <c>order.Lines</c>,
    /// <c>order?.Id</c>), an assignment of another member, or the row handed to <c>Add</c>/<c>AddAsync</c> of a DbSet or DbContext
    /// or to a method of Identity's user or role manager.
    /// </summary>
    private bool KeepsKeyGenerated(ILocalReferenceOperation reference, string keyName)
    {
        var use = reference.Wrapped();

        switch (use.Parent)
        {
            case IPropertyReferenceOperation property when property.Instance == use:
                return ReadsOrSetsOtherMember(property, keyName);

            // `project?.Id`, `project?.Name`: a member read behind a null test, like `project.Id`.
            case IConditionalAccessOperation conditional when conditional.Operation == use:
                return conditional.WhenNotNull.DescendantsAndSelf().OfType<IConditionalAccessInstanceOperation>().FirstOrDefault(i => ConditionalAccessOf(i) == conditional)
                    is { Parent: IPropertyReferenceOperation member } instance
                    && member.Instance == instance
                    && ReadsOrSetsOtherMember(member, keyName);

            // `db.Users.Add(user)`; Identity's `userManager.CreateAsync(user, password)`, which adds it through EF Core, and the
            // manager's other methods (`AddToRoleAsync(user, "Admin")`), which never set its key.
            case IArgumentOperation { Parent: IInvocationOperation call }:
                return (s_addingMethods.Contains(call.TargetMethod.Name)
                        && (_symbols.IsDbSet(call.TargetMethod.ContainingType, out _) || _symbols.IsDbContext(call.TargetMethod.ContainingType)))
                    || _symbols.IsIdentityManagerMethod(call.TargetMethod);

            // `return order;` hands the row out once the method is done with it; a new value of the local is a definition,
            // which counts only where it reaches the key's read.
            case IReturnOperation:
            case ISimpleAssignmentOperation assigned when assigned.Target == use:
                return true;

            // `project is not null`, `project == null`: a test changes nothing.
            case IIsPatternOperation { Pattern: IConstantPatternOperation or INegatedPatternOperation { Pattern: IConstantPatternOperation } }:
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when (comparison.LeftOperand == use ? comparison.RightOperand : comparison.LeftOperand).Unwrap() is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                return true;

            default:
                return false;
        }
    }
}
