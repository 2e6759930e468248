using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Queries kept in a member that only the type's construction writes: a <c>readonly</c> field or a get-only
/// auto-property of a query type (<c>private readonly IQueryable&lt;Lead&gt; _open = db.Leads.Where(…)</c>, or assigned in
/// a constructor). What it holds is what its initializer and every constructor's assignments to it evaluate to, joined:
/// any of them may be the one a query reads. A member written anywhere else, or by something this analysis cannot
/// read, is unknown (no finding).
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>The query a read of <paramref name="member"/> gives; null when the member is not one a construction alone writes.</summary>
    private QueryFacts? EvaluateConstructedMember(ISymbol member, ITypeSymbol? type, int depth, CancellationToken cancellationToken)
    {
        if (!IsConstructedQueryMember(member, type))
        {
            return null;
        }

        var values = ConstructionValues(member, cancellationToken).ToList();
        if (values.Count == 0)
        {
            return QueryFacts.Unknown;
        }

        QueryFacts? result = null;
        foreach (var (value, scope) in values)
        {
            var facts = Evaluate(value, scope, position: null, depth + 1, cancellationToken);
            result = result is null ? facts : QueryFacts.Join(result, facts);
        }

        return result;
    }

    /// <summary>A source-declared <c>readonly</c> instance field, or get-only auto-property, of a query type (not a DbSet, which is the whole table).</summary>
    private bool IsConstructedQueryMember(ISymbol member, ITypeSymbol? type)
    {
        if (member.IsStatic || !_symbols.IsQueryable(type) || _symbols.IsDbSet(type, out _) || member.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        return member switch
        {
            IFieldSymbol field => field.IsReadOnly && !field.IsImplicitlyDeclared,
            IPropertySymbol property => property.SetMethod is null && property.GetMethod is { } getter && IsAutoAccessor(getter),
            _ => false,
        };
    }

    /// <summary>A getter without a body of its own: an auto-property's, whose backing field only construction writes.</summary>
    private static bool IsAutoAccessor(IMethodSymbol getter) =>
        getter.DeclaringSyntaxReferences.Length == 1
        && getter.DeclaringSyntaxReferences[0].GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };

    /// <summary>The values construction writes to <paramref name="member"/>: its initializer, and each constructor's assignments, with the scope each is read in.</summary>
    private IEnumerable<(IOperation Value, EvaluationScope Scope)> ConstructionValues(ISymbol member, CancellationToken cancellationToken)
    {
        var definition = member.OriginalDefinition;
        foreach (var reference in definition.DeclaringSyntaxReferences)
        {
            if (InitializerOf(reference, cancellationToken) is var (root, model))
            {
                yield return (root.Value, new EvaluationScope(model, () => GraphOf(root, cancellationToken), summarizedMethod: null));
            }
        }

        foreach (var constructor in definition.ContainingType.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (ConstructorBodyOf(reference, cancellationToken) is not var (_, model, body))
                {
                    continue;
                }

                var scope = new EvaluationScope(model, () => GraphOf(body, cancellationToken), summarizedMethod: null, containingMethod: constructor);
                foreach (var assignment in body.Descendants().OfType<ISimpleAssignmentOperation>())
                {
                    if (IsWriteOf(assignment.Target, definition))
                    {
                        yield return (assignment.Value, scope);
                    }
                }
            }
        }
    }

    /// <summary>The initializer a field or property declaration gives its member (<c>= db.Leads.Where(…)</c>), with its file's model; noted as a body read.</summary>
    private (ISymbolInitializerOperation Root, SemanticModel Model)? InitializerOf(SyntaxReference declaration, CancellationToken cancellationToken)
    {
        NoteHelperBodyRead(declaration);
        var initializer = declaration.GetSyntax(cancellationToken) switch
        {
            VariableDeclaratorSyntax { Initializer: { } field } => field,
            PropertyDeclarationSyntax { Initializer: { } property } => property,
            _ => null,
        };
        return initializer is not null && _models.Get(initializer.SyntaxTree) is { } model
            && model.GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation { Value: not null } root
            ? (root, model)
            : null;
    }

    /// <summary>Whether <paramref name="target"/> is <c>this</c>'s <paramref name="member"/> (a field, or an auto-property, whose write in a constructor sets its backing field).</summary>
    private static bool IsWriteOf(IOperation target, ISymbol member) => target switch
    {
        IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field => SymbolEqualityComparer.Default.Equals(field.Field.OriginalDefinition, member),
        IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property => SymbolEqualityComparer.Default.Equals(property.Property.OriginalDefinition, member),
        _ => false,
    };
}
