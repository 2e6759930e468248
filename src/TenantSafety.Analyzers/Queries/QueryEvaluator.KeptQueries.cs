using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// Queries handed to an object that keeps them and runs them later (<c>new PageBuilder&lt;Lead&gt;().WithSource(q).Page(2).RunAsync()</c>,
/// <c>new LeadRunner(q).Run()</c>): a method or constructor that stores its query parameter in a member of its type, and a
/// primary constructor whose query parameter the type's methods read, leave to their callers every run of that member in
/// the type's methods, read with the member standing for the parameter (<see cref="KeptQuery"/>). The query is then
/// judged where it is handed over, as a query handed to a method that runs it at once is.
/// </summary>
/// <remarks>
/// Only a member no other type can write is followed (a private field, a readonly one its constructors store into, an
/// auto-property with a private setter or none, a captured primary-constructor parameter), and only when its own type
/// writes it by storing what a method is handed (<c>_source = source</c>, <c>Source = source ?? throw …</c>) or by
/// narrowing it with no condition on the tenant (<c>_source = _source.Where(l =&gt; !l.Closed)</c>, <c>_source =
/// ApplySort(_source, …)</c>): at a run it then holds the handed query, narrowed by nothing that scopes it. A keeper that
/// scopes what it keeps itself (<c>_source = _source.Where(x =&gt; x.TeamId == teamId)</c>), applies a predicate its caller
/// hands in, or resets the member holds at a run something a store alone does not say.
/// </remarks>
internal sealed partial class QueryEvaluator
{
    /// <summary>
    /// The parameter ordinal a kept member stands for while a refinement of it is read: out of any method's range, so
    /// that a refinement rooted in a parameter of the refining method is never taken for one rooted in the member.
    /// </summary>
    private const int RefinedMemberOrdinal = int.MaxValue;

    /// <summary>What <paramref name="store"/> of <paramref name="parameter"/> (<see cref="StoredParameter"/>) in <paramref name="writer"/> leaves to its callers: each run of the kept member in its type.</summary>
    private IEnumerable<QueryObligation> KeptQueryObligations(ISimpleAssignmentOperation store, IParameterSymbol parameter, IMethodSymbol writer, CancellationToken cancellationToken)
    {
        if (KeptMember(store.Target, writer) is not { } member)
        {
            return Enumerable.Empty<QueryObligation>();
        }

        var kept = new KeptQuery(member, parameter.Ordinal);
        return IsWrittenOnlyByStores(kept, cancellationToken) ? RunsOfKeptMember(kept, cancellationToken) : Enumerable.Empty<QueryObligation>();
    }

    /// <summary>Whether <paramref name="creation"/> may hand a query to a constructor of the compilation: asked for every object creation, so it allocates nothing.</summary>
    private bool MayKeepQueries(IObjectCreationOperation creation)
    {
        if (creation.Constructor is not { DeclaringSyntaxReferences.IsEmpty: false })
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            if (_symbols.IsQueryable(argument.Value.Unwrap().Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The queries a constructor of the compilation is handed and its type runs later (<c>new LeadRunner(q).Run()</c>), judged at the creation.</summary>
    private IEnumerable<QueryExecution> CreationExecutions(IObjectCreationOperation creation, EvaluationScope scope, CancellationToken cancellationToken)
    {
        if (creation.Constructor is not { } constructor || !MayKeepQueries(creation))
        {
            return Enumerable.Empty<QueryExecution>();
        }

        var obligations = PerHelper(constructor, _obligations, ImmutableArray<QueryObligation>.Empty, definition => ComputeConstructorObligations(definition, cancellationToken));
        return ExecutionsAtCall(obligations, constructor, creation, scope, cancellationToken);
    }

    /// <summary>What a constructor leaves to its callers: what its body stores and runs, and what its type reads of its primary parameters.</summary>
    private ImmutableArray<QueryObligation> ComputeConstructorObligations(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var obligations = ImmutableArray.CreateBuilder<QueryObligation>();
        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax or StructDeclarationSyntax)
            {
                obligations.AddRange(PrimaryConstructorObligations(constructor, cancellationToken));
            }
        }

        obligations.AddRange(ComputeObligations(constructor, ArgumentNullness.None, cancellationToken));
        return obligations.ToImmutable();
    }

    /// <summary>
    /// A primary constructor's query parameters its type keeps: read by its methods (<c>class LeadRunner(IQueryable&lt;Lead&gt;
    /// leads) { public List&lt;Lead&gt; Run() =&gt; leads.ToList(); }</c>), or stored by an initializer
    /// (<c>private readonly IQueryable&lt;Lead&gt; _leads = leads;</c>).
    /// </summary>
    private IEnumerable<QueryObligation> PrimaryConstructorObligations(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var captured = constructor.Parameters.Where(IsKeptQueryParameter).Select(parameter => new KeptQuery(parameter, parameter.Ordinal));
        var initialized = constructor.ContainingType.GetMembers()
            .Select(member => (Member: member, Parameter: member.IsStatic ? null : InitializingParameter(member, constructor, cancellationToken)))
            .Where(m => m.Parameter is not null)
            .Select(m => new KeptQuery(m.Member, m.Parameter!.Ordinal));
        return captured.Concat(initialized)
            .Where(kept => IsWrittenOnlyByStores(kept, cancellationToken))
            .SelectMany(kept => RunsOfKeptMember(kept, cancellationToken));
    }

    /// <summary>The query parameter of a primary constructor that initializes <paramref name="member"/> (<c>private readonly IQueryable&lt;Lead&gt; _leads = leads;</c>).</summary>
    private IParameterSymbol? InitializingParameter(ISymbol member, IMethodSymbol constructor, CancellationToken cancellationToken) =>
        member is IFieldSymbol { IsImplicitlyDeclared: false } or IPropertySymbol
        && member.DeclaringSyntaxReferences.Length == 1
        && IsOwnTypeOnly(member)
        && InitializerOf(member.DeclaringSyntaxReferences[0], cancellationToken) is var (root, _)
        && root.Value.Unwrap() is IParameterReferenceOperation { Parameter: var parameter }
        && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, constructor)
        && IsKeptQueryParameter(parameter)
            ? parameter
            : null;

    /// <summary>A parameter whose value a keeper may keep: a query passed by value that is not a DbSet (a whole table is judged where it is read).</summary>
    private bool IsKeptQueryParameter(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && _symbols.IsQueryable(parameter.Type) && !_symbols.IsDbSet(parameter.Type, out _);

    /// <summary>Every run of <paramref name="kept"/>'s member in its type's methods, rooted in the member, left to whoever handed it over.</summary>
    private IEnumerable<QueryObligation> RunsOfKeptMember(KeptQuery kept, CancellationToken cancellationToken)
    {
        foreach (var runner in kept.Member.ContainingType.GetMembers().OfType<IMethodSymbol>())
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

        return value is IParameterReferenceOperation { Parameter: var parameter }
            && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method.OriginalDefinition)
            && IsKeptQueryParameter(parameter)
            ? parameter
            : null;
    }

    /// <summary>
    /// The member of <c>this</c> that <paramref name="target"/> writes in <paramref name="writer"/>, when only its own type
    /// can write it: a private field, or an auto-property whose setter is private; in a constructor also a readonly field
    /// or a get-only auto-property, which only construction writes.
    /// </summary>
    private ISymbol? KeptMember(IOperation target, IMethodSymbol writer)
    {
        ISymbol? member = target switch
        {
            IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: { IsStatic: false, IsImplicitlyDeclared: false } field } when _symbols.IsQueryable(field.Type) => field.OriginalDefinition,
            IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: { IsStatic: false } property } when _symbols.IsQueryable(property.Type) => property.OriginalDefinition,
            _ => null,
        };
        if (member is null || !IsOwnTypeOnly(member))
        {
            return null;
        }

        var constructs = writer.MethodKind == MethodKind.Constructor;
        return member switch
        {
            IFieldSymbol { IsReadOnly: true } => constructs ? member : null,
            IPropertySymbol { SetMethod: null } => constructs ? member : null,
            _ => member,
        };
    }

    /// <summary>Whether no other type can write <paramref name="member"/>: a private or readonly field, an auto-property with a private setter or none.</summary>
    private static bool IsOwnTypeOnly(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private,
        IPropertySymbol { GetMethod: { } getter } property => IsAutoAccessor(getter)
            && (property.SetMethod is null || property.DeclaredAccessibility == Accessibility.Private || property.SetMethod.DeclaredAccessibility == Accessibility.Private),
        _ => false,
    };

    /// <summary>
    /// Whether every write of <paramref name="kept"/>'s member in its type's declarations stores a parameter of the method
    /// it is in, or narrows the member with no condition on the tenant (<see cref="NarrowsWithoutScoping"/>).
    /// </summary>
    private bool IsWrittenOnlyByStores(KeptQuery kept, CancellationToken cancellationToken)
    {
        var member = kept.Member;
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
                    || model.GetOperation(assignment, cancellationToken) is not ISimpleAssignmentOperation write
                    || !kept.IsReferencedBy(write.Target.Unwrap())
                    || model.GetEnclosingSymbol(assignment.SpanStart, cancellationToken) is not IMethodSymbol writer)
                {
                    return false;
                }

                var isStore = member is not IParameterSymbol && KeptMember(write.Target, writer) is not null && StoredParameter(write, writer) is not null;
                if (!isStore && !NarrowsWithoutScoping(write, kept.Member, writer, model, cancellationToken))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="write"/> narrows the kept member itself and adds no condition on the tenant, no second
    /// source and no predicate its own caller hands in (<c>_source = _source.Where(l =&gt; !l.Closed)</c>, <c>_source =
    /// ApplySort(_source, sort)</c>): every run of the member then reads what was handed over, narrowed by nothing that
    /// scopes it.
    /// </summary>
    private bool NarrowsWithoutScoping(ISimpleAssignmentOperation write, ISymbol member, IMethodSymbol writer, SemanticModel model, CancellationToken cancellationToken)
    {
        if (writer.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.PropertySet) || writer.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var declaration = writer.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var scope = new EvaluationScope(model, () => CreateGraph(model, declaration, cancellationToken), summarizedMethod: writer, keptQuery: new KeptQuery(member, RefinedMemberOrdinal));
        var facts = Evaluate(write.Value, scope, cancellationToken);
        return facts.Kind == QueryRootKind.Parameter && facts.ParameterOrdinal == RefinedMemberOrdinal
            && facts.Scope == TenantScope.None && !facts.GroupedByTenant
            && facts.PredicateParameters.IsEmpty && facts.Sources.IsEmpty;
    }
}
