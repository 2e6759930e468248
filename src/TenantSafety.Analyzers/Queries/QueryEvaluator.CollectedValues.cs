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
/// Collections a method fills itself with loaded values: <c>var ids = new HashSet&lt;Guid&gt;();</c>, then in a loop
/// <c>ids.UnionWith(await db.BatchKeys.Where(k =&gt; k.OrganizationId == org …).Select(k =&gt; k.BatchId).ToListAsync())</c>,
/// then <c>ids.Single()</c>. The collection holds loaded values when it is created empty (or from loaded values) and every
/// use that can put an element in it puts a loaded one. A use the analysis cannot see through (the collection handed to a
/// method that may fill it, kept in another variable, captured by <c>?.</c>) leaves it unread: its elements may be anyone's.
/// </summary>
internal sealed partial class QueryEvaluator
{
    /// <summary>
    /// Instance methods of the generic collections that take an element, or a sequence of them, without adding it: an
    /// element's test or removal says nothing about what the collection holds.
    /// </summary>
    private static readonly HashSet<string> s_nonAddingCollectionMethods = new(StringComparer.Ordinal)
    {
        "Contains", "Remove", "IndexOf", "LastIndexOf", "BinarySearch", "Find", "FindLast",
        "ExceptWith", "IntersectWith", "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals",
    };

    /// <summary>
    /// Whether <paramref name="definition"/> of <paramref name="local"/> creates a generic collection from loaded values (or
    /// empty) and every use of the local in its member adds only loaded values to it.
    /// </summary>
    private bool IsFilledWithLoadedValues(ILocalSymbol local, Definition definition, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        if (definition.Value is not { } created || !IsGenericCollection(created.Type, out _)
            || local.DeclaringSyntaxReferences.Length != 1 || local.DeclaringSyntaxReferences[0].SyntaxTree != scope.Model.SyntaxTree)
        {
            return false;
        }

        var key = new DefinitionKey(local, definition);
        if (!scope.EnterDefinition(key))
        {
            // `ids.Add(ids.First())`: what the collection holds depends on itself; read as not loaded.
            return false;
        }

        try
        {
            return CreatesFromLoadedValues(created.Unwrap(), scope, depth, cancellationToken)
                && References(local, scope.Model, cancellationToken).All(r => AddsOnlyLoadedValues(r, scope, depth, cancellationToken));
        }
        finally
        {
            scope.LeaveDefinition(key);
        }
    }

    /// <summary>
    /// A generic collection of <c>System.Collections.Generic</c> with one element type (<c>List&lt;T&gt;</c>,
    /// <c>HashSet&lt;T&gt;</c>, <c>Queue&lt;T&gt;</c> …), whose members the analysis knows; not a dictionary or a type of the application.
    /// </summary>
    private static bool IsGenericCollection(ITypeSymbol? type, out ITypeParameterSymbol? elementParameter)
    {
        elementParameter = type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, TypeKind: TypeKind.Class } named
            && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
                ? named.OriginalDefinition.TypeParameters[0]
                : null;
        return elementParameter is not null;
    }

    /// <summary>
    /// <c>new HashSet&lt;Guid&gt;()</c>, <c>new List&lt;Guid&gt;(capacity)</c>, <c>[]</c>: empty; <c>new List&lt;Guid&gt;(loaded)</c>,
    /// <c>new List&lt;Guid&gt; { lead.Id }</c>, <c>[lead.Id]</c>: from loaded values.
    /// </summary>
    private bool CreatesFromLoadedValues(IOperation created, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        switch (created)
        {
            case IObjectCreationOperation creation:
                return ElementArguments(creation.Constructor, creation.Arguments).All(a => IsLoadedValue(a.Value, scope, position: null, depth + 1, cancellationToken))
                    && (creation.Initializer is null
                        || creation.Initializer.Initializers.All(i => i is IInvocationOperation add && AddsLoadedElements(add, scope, depth, cancellationToken)));

            // A collection expression's elements; a spread (`[.. loaded]`) is read as the sequence it spreads.
            case { Syntax: CollectionExpressionSyntax }:
                return created.ChildOperations.All(e => IsLoadedValue(SpreadOperand(e), scope, position: null, depth + 1, cancellationToken));

            default:
                return false;
        }
    }

    /// <summary>A collection expression's spread element stands for the sequence it spreads; any other element for itself.</summary>
    private static IOperation SpreadOperand(IOperation element) =>
        element.Syntax is SpreadElementSyntax && element.ChildOperations.FirstOrDefault() is { } operand ? operand : element;

    /// <summary>Every reference to <paramref name="local"/> in the member (or, for top-level statements, the file) that declares it.</summary>
    private static IEnumerable<ILocalReferenceOperation> References(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken)
    {
        var declaration = local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var member = declaration.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var searched = member is null or GlobalStatementSyntax ? declaration.SyntaxTree.GetRoot(cancellationToken) : member;
        foreach (var identifier in searched.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == local.Name
                && model.GetOperation(identifier, cancellationToken) is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }

    /// <summary>
    /// Whether one use of the collection adds nothing, or only loaded values: a read (<c>ids.Count</c>, <c>ids[0]</c>,
    /// <c>foreach</c>, a LINQ operator, a parameter typed as a read-only sequence), a definition of the local, its
    /// <c>return</c>, or an adding call whose elements are loaded.
    /// </summary>
    private bool AddsOnlyLoadedValues(ILocalReferenceOperation reference, EvaluationScope scope, int depth, CancellationToken cancellationToken)
    {
        var use = reference.Wrapped();

        switch (use.Parent)
        {
            case IInvocationOperation call when call.Instance == use:
                return AddsLoadedElements(call, scope, depth, cancellationToken);

            // `ids[i] = value` puts an element; `ids[0]`, `ids.Count` read.
            case IPropertyReferenceOperation property when property.Instance == use:
                return property.Parent is not IAssignmentOperation assignment || assignment.Target != property
                    || assignment is ISimpleAssignmentOperation && IsLoadedValue(assignment.Value, scope, position: null, depth + 1, cancellationToken);

            case IArgumentOperation { Parameter: { RefKind: RefKind.None } parameter }:
                return IsReadOnlySequence(parameter.Type);

            // What a lambda returns may be filled by whoever calls it.
            case IReturnOperation returned:
                return !IsInNestedFunction(returned, body: null);

            case IForEachLoopOperation loop when loop.Collection == use:
            case ISimpleAssignmentOperation assigned when assigned.Target == use:
                return true;

            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a call on the collection puts only loaded values in it: each argument typed by the element type, or as a
    /// sequence of it, is loaded; a call that takes an element without adding it (<c>Contains</c>, <c>Remove</c>) puts none.
    /// </summary>
    private bool AddsLoadedElements(IInvocationOperation call, EvaluationScope scope, int depth, CancellationToken cancellationToken) =>
        s_nonAddingCollectionMethods.Contains(call.TargetMethod.Name)
        || ElementArguments(call.TargetMethod, call.Arguments).All(a => IsLoadedValue(a.Value, scope, position: null, depth + 1, cancellationToken));

    /// <summary>
    /// The arguments a collection's member takes as an element or a sequence of elements (<c>Add(T)</c>, <c>UnionWith(IEnumerable&lt;T&gt;)</c>,
    /// <c>Insert(int, T)</c>'s second); not a capacity or a comparer.
    /// </summary>
    private static IEnumerable<IArgumentOperation> ElementArguments(IMethodSymbol? method, IEnumerable<IArgumentOperation> arguments)
    {
        if (method is null || !IsGenericCollection(method.ContainingType, out var element))
        {
            return arguments;
        }

        return arguments.Where(a => a.Parameter?.OriginalDefinition.Type is { } type
            && (SymbolEqualityComparer.Default.Equals(type, element)
                || type is INamedTypeSymbol { TypeKind: not TypeKind.Delegate } named && !IsComparer(named)
                    && named.TypeArguments.Contains(element, SymbolEqualityComparer.Default)));
    }

    /// <summary><c>IEqualityComparer&lt;T&gt;</c>, <c>IComparer&lt;T&gt;</c>: how elements compare, not elements.</summary>
    private static bool IsComparer(INamedTypeSymbol type) =>
        type.Name is "IEqualityComparer" or "IComparer" && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

    /// <summary>A parameter a method can only read elements through: a sequence, or a read-only collection.</summary>
    private static bool IsReadOnlySequence(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T
            or SpecialType.System_Collections_IEnumerable
            or SpecialType.System_Collections_Generic_IReadOnlyCollection_T
            or SpecialType.System_Collections_Generic_IReadOnlyList_T
        || type.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlySet<T>";
}
