using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Queries handed to an object that keeps them and runs them later (<c>new PageBuilder&lt;Lead&gt;().WithSource(q).Page(2).RunAsync()</c>):
/// a method that stores its query parameter in a member of its type leaves to its callers every run of that member in
/// the type's methods, read with the member standing for the parameter (<see cref="KeptQuery"/>). The query is then
/// judged where it is handed over, as a query handed to a method that runs it at once is.
/// </summary>
/// <remarks>
/// Only a member no other type can write, and that its own type writes only by storing what a method is handed
/// (<c>_source = source</c>, <c>Source = source ?? throw …</c>), is followed: a keeper that narrows what it keeps itself
/// (<c>_source = _source.Where(…)</c>) or resets it holds, at a run, something a store alone does not say.
/// </remarks>
internal sealed partial class QueryEvaluator
{
    /// <summary>What <paramref name="store"/> of <paramref name="parameter"/> (<see cref="StoredParameter"/>) leaves to its method's callers: each run of the kept member in its type.</summary>
    private IEnumerable<QueryObligation> KeptQueryObligations(ISimpleAssignmentOperation store, IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        if (KeptMember(store.Target) is not { } member
            || !IsWrittenOnlyByStores(member, cancellationToken))
        {
            yield break;
        }

        var kept = new KeptQuery(member, parameter.Ordinal);
        foreach (var runner in member.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            if (runner.IsStatic || runner.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet) || !IsSourceMethodWithBody(runner))
            {
                continue;
            }

            foreach (var reference in runner.DeclaringSyntaxReferences)
            {
                NoteHelperBodyRead(reference);
                var declaration = reference.GetSyntax(cancellationToken);
                var model = _models.Get(declaration.SyntaxTree);
                if (model is null || BodyOperation(model, declaration, cancellationToken) is not { } body)
                {
                    continue;
                }

                var scope = new EvaluationScope(model, () => CreateGraph(model, declaration, cancellationToken), summarizedMethod: null, containingMethod: runner, keptQuery: kept);
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (!MayRunQueries(operation))
                    {
                        continue;
                    }

                    foreach (var execution in ExecutionsOf(operation, scope, cancellationToken))
                    {
                        // Rooted in the kept member; a predicate the runner's own caller hands in is that caller's to judge.
                        if (execution.Facts.Kind == QueryRootKind.Parameter && execution.Facts.PredicateParameters.IsEmpty && LeftToCallers(execution.Facts, execution.Kind))
                        {
                            yield return new QueryObligation(execution.Facts, execution.Kind, execution.OperatorName);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The query parameter of <paramref name="method"/> that <paramref name="store"/> writes (<c>_source = source</c>, or <c>source ?? throw …</c>).</summary>
    private IParameterSymbol? StoredParameter(ISimpleAssignmentOperation store, IMethodSymbol method)
    {
        var value = store.Value.Unwrap();
        if (value is ICoalesceOperation coalesce && coalesce.WhenNull.Unwrap() is IThrowOperation)
        {
            value = coalesce.Value.Unwrap();
        }

        return value is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method.OriginalDefinition)
            && _symbols.IsQueryable(parameter.Type) && !_symbols.IsDbSet(parameter.Type, out _)
            ? parameter
            : null;
    }

    /// <summary>
    /// The member of <c>this</c> that <paramref name="target"/> writes, when only its own type can write it: a private
    /// field (not readonly: a readonly one is read as construction left it), or an auto-property whose setter is private.
    /// </summary>
    private ISymbol? KeptMember(IOperation target) => target switch
    {
        IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: { IsStatic: false, IsReadOnly: false, DeclaredAccessibility: Accessibility.Private, IsImplicitlyDeclared: false } field }
            when _symbols.IsQueryable(field.Type) => field.OriginalDefinition,
        IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: { IsStatic: false, SetMethod: { } setter, GetMethod: { } getter } property }
            when _symbols.IsQueryable(property.Type) && IsAutoAccessor(getter)
                && (property.DeclaredAccessibility == Accessibility.Private || setter.DeclaredAccessibility == Accessibility.Private) => property.OriginalDefinition,
        _ => null,
    };

    /// <summary>Whether every write of <paramref name="member"/> in its type's declarations stores a parameter of the method it is in.</summary>
    private bool IsWrittenOnlyByStores(ISymbol member, CancellationToken cancellationToken)
    {
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            NoteHelperBodyRead(reference);
            var type = reference.GetSyntax(cancellationToken);
            var model = _models.Get(type.SyntaxTree);
            if (model is null)
            {
                return false;
            }

            foreach (var name in type.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != member.Name || !LocalWrites.IsWritePosition(name)
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, member))
                {
                    continue;
                }

                var assignment = name.FirstAncestorOrSelf<AssignmentExpressionSyntax>();
                if (assignment is null
                    || model.GetOperation(assignment, cancellationToken) is not ISimpleAssignmentOperation store
                    || KeptMember(store.Target) is null
                    || model.GetEnclosingSymbol(assignment.SpanStart, cancellationToken) is not IMethodSymbol writer
                    || StoredParameter(store, writer) is null)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
