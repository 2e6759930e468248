using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// A key the method proved to be a loaded row's before it queries with it: <c>n.LeadId == id</c> after
/// <c>var lead = await db.Leads.FirstAsync(l => l.Id == id &amp;&amp; l.TeamId == teamId)</c>, or after a <c>FirstOrDefault</c>
/// whose null result leaves the method, or after <c>if (!await db.Leads.AnyAsync(l => l.Id == id …)) return …;</c>.
/// Past that statement <c>id</c> is the key of a Lead the lookup reached, as <c>lead.Id</c> would be
/// (<see cref="IsLoadedValue"/>), for keys that identify a Lead (<see cref="SourceRowKeys.IsTiedToLoadedRow"/>); the lookup
/// carries any finding of its own.
/// </summary>
/// <remarks>
/// The proof holds only where the lookup always runs first and the variable cannot change after it: the lookup is a
/// statement before the query in the query's block or an enclosing one (not across a local function, which may be
/// called from anywhere), and the parameter or local (the root of a path such as <c>request.RoleId</c>, and the path's
/// properties) is never assigned in the member that declares it.
/// </remarks>
internal sealed partial class QueryEvaluator
{
    /// <summary>
    /// Whether <paramref name="value"/>, a parameter or local or a property read from one (<c>request.RoleId</c>, as a
    /// handler writes it), is the key of a row of <paramref name="keyed"/> that a lookup before matched (<c>l.Id == id</c>
    /// on Leads, or <c>n.LeadId == id</c>, for a key that identifies a Lead).
    /// </summary>
    private bool IsKeyOfGuardedLoad(IOperation value, ITypeSymbol keyed, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        var reference = value.Unwrap();
        if (KeyPath.Of(reference) is not { } variable || depth > MaxEvaluationDepth
            || variable.Root is IParameterSymbol { RefKind: not (RefKind.None or RefKind.In) }
            || variable.Root.ContainingSymbol?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not { } declaringMember
            || declaringMember.SyntaxTree != reference.Syntax.SyntaxTree
            || _models.Get(reference.Syntax.SyntaxTree) is not { } model
            || !IsNeverAssigned(variable, declaringMember, model, cancellationToken))
        {
            return false;
        }

        for (var node = reference.Syntax; node != declaringMember && node.Parent is { } parent; node = parent)
        {
            if (node is LocalFunctionStatementSyntax)
            {
                return false;
            }

            if (node is not StatementSyntax statement)
            {
                continue;
            }

            var siblings = parent switch
            {
                BlockSyntax block => block.Statements,
                SwitchSectionSyntax section => section.Statements,
                _ => default,
            };
            var index = siblings.IndexOf(statement);
            for (var i = index - 1; i >= 0; i--)
            {
                if (ProvesKey(siblings, i, index, variable, keyed, model, scope, depth, cancellationToken))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether statement <paramref name="at"/> of <paramref name="siblings"/>, with those up to <paramref name="before"/>, proves <paramref name="variable"/> a loaded row's key.</summary>
    private bool ProvesKey(SyntaxList<StatementSyntax> siblings, int at, int before, KeyPath variable, ITypeSymbol keyed, SemanticModel model, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        switch (siblings[at])
        {
            case LocalDeclarationStatementSyntax declaration:
                foreach (var declarator in declaration.Declaration.Variables)
                {
                    if (declarator.Initializer is { } initializer && model.GetOperation(initializer.Value, cancellationToken) is { } value
                        && LoadingLookup(value, out var mayBeNull) is { } lookup
                        && (!mayBeNull || IsNullCheckedBefore(declarator, siblings, at + 1, before, model, cancellationToken))
                        && LooksUpBy(lookup, variable, keyed, scope, depth, cancellationToken))
                    {
                        return true;
                    }
                }

                return false;

            // `await db.Leads.FirstAsync(l => l.Id == id …);`, `_ = db.Leads.Single(…);`: a lookup that throws when nothing matches.
            case ExpressionStatementSyntax expression:
                var operation = model.GetOperation(expression.Expression, cancellationToken)?.Unwrap();
                if (operation is ISimpleAssignmentOperation { Target: IDiscardOperation } discard)
                {
                    operation = discard.Value;
                }

                return operation is not null && LoadingLookup(operation, out var nullable) is { } thrown && !nullable
                    && LooksUpBy(thrown, variable, keyed, scope, depth, cancellationToken);

            // `if (!await db.Leads.AnyAsync(l => l.Id == id …)) return Forbid();`
            case IfStatementSyntax { Else: null } check when check.Statement.AlwaysLeaves():
                return model.GetOperation(check.Condition, cancellationToken)?.Unwrap() is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not
                    && WithoutAwait(FlagValue(not.Operand, model, cancellationToken)) is IInvocationOperation { TargetMethod.Name: "Any" or "AnyAsync" } any
                    && ExecutionPoints.Classify(any.TargetMethod, _symbols) == ExecutionKind.Aggregate
                    && LooksUpBy(any, variable, keyed, scope, depth, cancellationToken);

            default:
                return false;
        }
    }

    /// <summary>
    /// What a condition's operand holds: a bool local's only value (<c>var exists = await db.Leads.AnyAsync(…);</c> then
    /// <c>if (!exists) return;</c>), else the operand itself.
    /// </summary>
    private static IOperation FlagValue(IOperation operand, SemanticModel model, CancellationToken cancellationToken) =>
        operand.Unwrap() is ILocalReferenceOperation { Local: var flag } && SingleDefinition.ValueOf(flag, model, cancellationToken) is { } value
            ? value
            : operand;

    /// <summary>
    /// The lookup <paramref name="value"/> runs: <c>First</c>, <c>Single</c> and <c>Last</c>, which throw when no row matches,
    /// or their <c>OrDefault</c> forms and <c>Find</c>, which give null (<paramref name="mayBeNull"/>) unless a <c>?? throw</c>
    /// follows.
    /// </summary>
    private IInvocationOperation? LoadingLookup(IOperation value, out bool mayBeNull)
    {
        mayBeNull = false;
        var unwrapped = value.Unwrap();
        var orThrow = false;
        if (unwrapped is ICoalesceOperation { WhenNull: var whenNull } coalesce && whenNull.Unwrap() is IThrowOperation)
        {
            unwrapped = coalesce.Value.Unwrap();
            orThrow = true;
        }

        if (WithoutAwait(unwrapped) is not IInvocationOperation call)
        {
            return null;
        }

        var kind = ExecutionPoints.Classify(call.TargetMethod, _symbols);
        if (kind != ExecutionKind.Read)
        {
            // A helper that hands out one row (a repository's GetByIdAsync): whether it throws when none matches is its
            // body's to say, so the row may be null unless `?? throw` follows.
            mayBeNull = !orThrow;
            return kind == ExecutionKind.None && HandsOutOneTenantRow(call.TargetMethod) ? call : null;
        }

        var name = call.TargetMethod.Name;
        if (name.StartsWith("First", System.StringComparison.Ordinal) || name.StartsWith("Single", System.StringComparison.Ordinal)
            || name.StartsWith("Last", System.StringComparison.Ordinal) || name.StartsWith("Find", System.StringComparison.Ordinal))
        {
            mayBeNull = !orThrow && (name.Contains("OrDefault") || name.StartsWith("Find", System.StringComparison.Ordinal));
            return call;
        }

        return null;
    }

    /// <summary>
    /// Whether the lookup matches a row whose key for a row of <paramref name="keyed"/> (that row's own key, or a foreign key
    /// to it) equals <paramref name="variable"/>: a Note's id proves nothing of a Lead's.
    /// </summary>
    private bool LooksUpBy(IInvocationOperation lookup, KeyPath variable, ITypeSymbol keyed, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        if (lookup.TargetMethod.Name is "Find" or "FindAsync")
        {
            var keys = KeyValues(lookup);
            return keys.Length == 1 && IsReferenceTo(keys[0], variable)
                && LookedUpEntity(lookup) is { } found && _relationships.PrimaryKeyOf(found) is { Length: 1 } primary
                && IsSameEntity(_relationships.TenantRowKeyedBy(found, primary[0]), keyed)
                && LoadsRowsOfATenant(EvaluateExecution(lookup, scope, position: null, depth + 1, cancellationToken));
        }

        if (ExecutionPoints.Classify(lookup.TargetMethod, _symbols) == ExecutionKind.None)
        {
            // A helper's predicate argument (`repository.FirstOrDefaultAsync(b => b.Id == id && b.OrgId == orgId)`), and what
            // the helper's queries read at this call.
            foreach (var argument in lookup.Arguments)
            {
                if (argument.Value.AsLambda() is { Symbol.Parameters.Length: 1 } lambda && lambda.ReturnedValue() is { } condition
                    && ComparesKeyWith(condition, lambda.Symbol.Parameters[0], variable, keyed))
                {
                    var facts = QueryFacts.Unknown;
                    foreach (var execution in CallExecutions(lookup, scope, cancellationToken))
                    {
                        facts = QueryFacts.Join(facts, execution.Facts);
                    }

                    return LoadsRowsOfATenant(facts);
                }
            }

            return false;
        }

        for (IOperation? link = lookup; link?.Unwrap() is IInvocationOperation call; link = ExecutionPoints.Source(call))
        {
            if (!ExecutionPoints.IsPredicateOperator(call.TargetMethod.Name))
            {
                continue;
            }

            foreach (var argument in call.Arguments)
            {
                if (argument.Value.AsLambda() is { Symbol.Parameters.Length: 1 } lambda && lambda.ReturnedValue() is { } condition
                    && ComparesKeyWith(condition, lambda.Symbol.Parameters[0], variable, keyed))
                {
                    return LoadsRowsOfATenant(EvaluateExecution(lookup, scope, position: null, depth + 1, cancellationToken));
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="condition"/> requires, on its own or in a conjunct, <c>row.Key == variable</c> for a key of a <paramref name="keyed"/> row.</summary>
    private bool ComparesKeyWith(IOperation condition, IParameterSymbol row, KeyPath variable, ITypeSymbol keyed)
    {
        switch (condition.Unwrap())
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                return ComparesKeyWith(and.LeftOperand, row, variable, keyed) || ComparesKeyWith(and.RightOperand, row, variable, keyed);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                return (IsKeyOfRow(equals.LeftOperand, row, keyed) && IsReferenceTo(equals.RightOperand, variable))
                    || (IsKeyOfRow(equals.RightOperand, row, keyed) && IsReferenceTo(equals.LeftOperand, variable));

            default:
                return false;
        }
    }

    private bool IsKeyOfRow(IOperation operand, IParameterSymbol row, ITypeSymbol keyed) =>
        operand.Unwrap() is IPropertyReferenceOperation { Instance: var instance, Property.Name: var name }
        && instance?.Unwrap() is IParameterReferenceOperation { Parameter: var parameter }
        && SymbolEqualityComparer.Default.Equals(parameter, row)
        && IsSameEntity(_relationships.TenantRowKeyedBy(row.Type, name), keyed);

    private static bool IsSameEntity(ITypeSymbol? type, ITypeSymbol keyed) =>
        type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, keyed.OriginalDefinition);

    private static bool IsReferenceTo(IOperation operand, KeyPath variable) => KeyPath.Of(operand.Unwrap()) is { } path && path.Equals(variable);

    /// <summary>The entity a <c>Find</c> looks up, on a <c>DbSet</c> or a DbContext.</summary>
    private ITypeSymbol? LookedUpEntity(IInvocationOperation find) =>
        _symbols.IsDbSet(find.TargetMethod.ContainingType, out var entity) ? entity : FoundEntity(find);

    private static IOperation WithoutAwait(IOperation operation)
    {
        var current = operation.Unwrap();
        while (true)
        {
            switch (current)
            {
                case IAwaitOperation awaited:
                    current = awaited.Operation.Unwrap();
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable }:
                    current = awaitable.Unwrap();
                    continue;
                default:
                    return current;
            }
        }
    }

    /// <summary>
    /// Whether a statement from <paramref name="from"/> to before <paramref name="to"/> leaves the block when the local
    /// <paramref name="declarator"/> declares is null: <c>if (lead is null) return NotFound();</c>, <c>if (lead == null) throw …;</c>,
    /// <c>ArgumentNullException.ThrowIfNull(lead);</c>.
    /// </summary>
    private static bool IsNullCheckedBefore(VariableDeclaratorSyntax declarator, SyntaxList<StatementSyntax> siblings, int from, int to, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return false;
        }

        for (var i = from; i < to; i++)
        {
            var checkedValue = siblings[i] switch
            {
                IfStatementSyntax { Else: null } check when check.Statement.AlwaysLeaves() => NullTested(check.Condition),
                ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ThrowIfNull" }, ArgumentList.Arguments: { Count: > 0 } arguments } } => arguments[0].Expression,
                _ => null,
            };
            if (NamesLocal(checkedValue, local, model, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="expression"/> names <paramref name="local"/>.</summary>
    private static bool NamesLocal(ExpressionSyntax? expression, ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken) =>
        expression is not null && model.GetSymbolInfo(expression, cancellationToken).Symbol is ILocalSymbol named
        && SymbolEqualityComparer.Default.Equals(named, local);

    /// <summary>The expression <paramref name="condition"/> compares with null: <c>x is null</c>, <c>x == null</c>, <c>null == x</c>.</summary>
    private static ExpressionSyntax? NullTested(ExpressionSyntax condition) => condition switch
    {
        ParenthesizedExpressionSyntax parenthesized => NullTested(parenthesized.Expression),
        IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: var constant } } test when constant.IsKind(SyntaxKind.NullLiteralExpression) => test.Expression,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals when equals.Right.IsKind(SyntaxKind.NullLiteralExpression) => equals.Left,
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals when equals.Left.IsKind(SyntaxKind.NullLiteralExpression) => equals.Right,
        _ => null,
    };

    /// <summary>
    /// Whether nothing in <paramref name="member"/> assigns <paramref name="variable"/>'s root after its declaration (nor passes
    /// it by <c>ref</c> or <c>out</c>), nor, for a property path, any of the path's properties on any receiver (a
    /// <c>request.RoleId = …</c>, an initializer's <c>RoleId = …</c> of the request's type): what the lookup matched is what
    /// the query compares. A same-named property of another type (a DTO's <c>RoleId = role.Id</c>) is another property.
    /// </summary>
    private static bool IsNeverAssigned(KeyPath variable, SyntaxNode member, SemanticModel model, CancellationToken cancellationToken)
    {
        // The member's writes by name, read once per member and kept (LocalWrites): the root must be none of them.
        var writes = LocalWrites.In(member);
        var root = variable.Root;
        if (writes.Of(root.Name).Any(write => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(write, cancellationToken).Symbol, root)))
        {
            return false;
        }

        // A property of the path's names: written bare (an initializer's `RoleId = …`), or through any receiver.
        return variable.Members.IsEmpty
            || (variable.Members.All(property => !writes.Of(property.Name).Any(write => MayBe(write, property, model, cancellationToken)))
                && !member.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Any(access =>
                    variable.Members.Any(property => property.Name == access.Name.Identifier.ValueText && MayBe(access, property, model, cancellationToken))
                    && LocalWrites.IsWritePosition(access)));
    }

    /// <summary>
    /// Whether <paramref name="written"/> may name <paramref name="property"/>: its symbol cannot be told, or is a property of
    /// the same name on the same type, a base type or an interface of it, or a type derived from it (an override, an
    /// implementation).
    /// </summary>
    private static bool MayBe(ExpressionSyntax written, IPropertySymbol property, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(written, cancellationToken).Symbol is not IPropertySymbol { ContainingType: { } writtenType }
        || writtenType.Satisfies(property.ContainingType)
        || property.ContainingType.Satisfies(writtenType);

    /// <summary>A parameter or local, or a chain of properties read from one (<c>request.RoleId</c>, <c>command.Target.Id</c>).</summary>
    private sealed record KeyPath(ISymbol Root, ImmutableArray<IPropertySymbol> Members)
    {
        private const int MaxMembers = 3;

        public static KeyPath? Of(IOperation operation)
        {
            var members = ImmutableArray.CreateBuilder<IPropertySymbol>();
            var current = operation;
            while (current is IPropertyReferenceOperation { Instance: { } instance, Property: { Parameters.IsEmpty: true } property } && members.Count < MaxMembers)
            {
                members.Insert(0, property);
                current = instance.Unwrap();
            }

            ISymbol? root = current switch
            {
                IParameterReferenceOperation parameter => parameter.Parameter,
                ILocalReferenceOperation local => local.Local,
                _ => null,
            };
            return root is null ? null : new KeyPath(root, members.ToImmutable());
        }

        public bool Equals(KeyPath? other) =>
            other is not null && SymbolEqualityComparer.Default.Equals(Root, other.Root)
            && Members.SequenceEqual(other.Members, (a, b) => SymbolEqualityComparer.Default.Equals(a, b));

        public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Root);
    }
}
