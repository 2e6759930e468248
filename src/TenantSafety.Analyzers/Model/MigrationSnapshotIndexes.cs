using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The leading columns of the indexes and keys that the project's EF Core model snapshots declare (the
/// <c>ModelSnapshot.BuildModel</c> that <c>dotnet ef migrations add</c> generates), by DbContext and entity. A snapshot is
/// the whole model as EF Core built it at the last migration, helpers of other projects included, so it tells what a
/// method this compilation cannot read added (<see cref="EntityInfo.UnreadModelHelpers"/>). It is read only for that: an
/// index that exists only in the snapshot of a model whose configuration is all readable is one the model has dropped.
/// </summary>
/// <remarks>
/// Read from syntax alone: the snapshot is generated code of one fixed shape
/// (<c>modelBuilder.Entity("Ns.Ticket", b =&gt; { …; b.HasIndex("TenantId"); … })</c>), and binding it, often the largest
/// file of the project, would cost more than the rest of the model.
/// </remarks>
internal sealed class MigrationSnapshotIndexes
{
    private static readonly HashSet<string> s_indexMethods = new(StringComparer.Ordinal) { "HasIndex", "HasKey", "HasAlternateKey" };

    /// <summary>Per snapshot's DbContext: entity → the leading columns of its indexes and keys.</summary>
    private readonly Dictionary<INamedTypeSymbol, Dictionary<ITypeSymbol, HashSet<string>>> _byContext;

    private MigrationSnapshotIndexes(Dictionary<INamedTypeSymbol, Dictionary<ITypeSymbol, HashSet<string>>> byContext) => _byContext = byContext;

    public static MigrationSnapshotIndexes Read(Compilation compilation, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var byContext = new Dictionary<INamedTypeSymbol, Dictionary<ITypeSymbol, HashSet<string>>>(SymbolEqualityComparer.Default);
        if (symbols.ModelSnapshot is null)
        {
            return new MigrationSnapshotIndexes(byContext);
        }

        foreach (var snapshot in SourceTypes.Of(compilation))
        {
            if (!snapshot.DerivesFrom(symbols.ModelSnapshot) || ContextOf(snapshot) is not { } context)
            {
                continue;
            }

            if (!byContext.TryGetValue(context, out var entities))
            {
                byContext.Add(context, entities = new Dictionary<ITypeSymbol, HashSet<string>>(SymbolEqualityComparer.Default));
            }

            foreach (var reference in snapshot.DeclaringSyntaxReferences)
            {
                foreach (var method in reference.GetSyntax(cancellationToken).ChildNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (method.Identifier.ValueText == "BuildModel")
                    {
                        ReadBuildModel(method, compilation, entities);
                    }
                }
            }
        }

        return new MigrationSnapshotIndexes(byContext);
    }

    /// <summary>
    /// Whether a snapshot of one of <paramref name="entity"/>'s DbContexts (or of any, when its contexts are not known)
    /// declares an index or key on it led by <paramref name="property"/>.
    /// </summary>
    public bool HasIndexLedBy(EntityInfo entity, string property)
    {
        foreach (var leading in LeadingColumnsOf(entity))
        {
            if (leading.Contains(property))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a snapshot of one of <paramref name="entity"/>'s DbContexts (or of any, when they are not known) records it at all.</summary>
    public bool Records(EntityInfo entity) => LeadingColumnsOf(entity).Any();

    private IEnumerable<HashSet<string>> LeadingColumnsOf(EntityInfo entity)
    {
        foreach (var pair in _byContext)
        {
            if ((entity.Contexts.Count == 0 || entity.Contexts.Any(c => c.SelfOrBaseOfDefinition(pair.Key) is not null))
                && pair.Value.TryGetValue(entity.Type, out var leading))
            {
                yield return leading;
            }
        }
    }

    /// <summary>The context of <c>[DbContext(typeof(AppDbContext))]</c> on the snapshot class.</summary>
    private static INamedTypeSymbol? ContextOf(INamedTypeSymbol snapshot) =>
        snapshot.GetAttributes()
            .Where(a => a.AttributeClass?.Name == "DbContextAttribute" && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value as INamedTypeSymbol)
            .FirstOrDefault(type => type is not null);

    /// <summary>
    /// Each <c>modelBuilder.Entity("Ns.Ticket", b =&gt; …)</c>, and the indexes and keys its builder declares; the entity
    /// found by its metadata name, as the model's own string-named <c>Entity</c> calls are.
    /// </summary>
    private static void ReadBuildModel(MethodDeclarationSyntax method, Compilation compilation, Dictionary<ITypeSymbol, HashSet<string>> entities)
    {
        foreach (var call in method.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            var arguments = call.ArgumentList.Arguments;
            if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Entity" }
                || arguments.Count != 2
                || arguments[0].Expression is not LiteralExpressionSyntax entityName
                || arguments[1].Expression is not SimpleLambdaExpressionSyntax lambda
                || !entityName.IsKind(SyntaxKind.StringLiteralExpression))
            {
                continue;
            }

            // An entity with no index is recorded too: the snapshot then says the model has none.
            if (EfSymbols.TypeNamed(compilation, entityName.Token.ValueText) is not { } entityType)
            {
                continue;
            }

            var columns = BuilderCalls(lambda.Body, lambda.Parameter.Identifier.ValueText).Select(LeadingColumn).OfType<string>();
            if (!entities.TryGetValue(entityType, out var leading))
            {
                entities.Add(entityType, leading = new HashSet<string>(StringComparer.Ordinal));
            }

            leading.UnionWith(columns);
        }
    }

    /// <summary>The <c>HasIndex</c>, <c>HasKey</c> and <c>HasAlternateKey</c> calls on the entity's own builder, not on an owned type's nested one.</summary>
    private static IEnumerable<InvocationExpressionSyntax> BuilderCalls(CSharpSyntaxNode body, string builder) =>
        body.DescendantNodesAndSelf(node => node == body || node is not LambdaExpressionSyntax)
            .OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: var name }
                && receiver.Identifier.ValueText == builder
                && s_indexMethods.Contains(name));

    /// <summary>The first column: <c>"TenantId"</c> of <c>HasIndex("TenantId", "Name")</c> or of <c>HasIndex(new[] { "TenantId", "Name" }, "IX")</c>.</summary>
    private static string? LeadingColumn(InvocationExpressionSyntax call)
    {
        var first = call.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        var elements = first switch
        {
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
            _ => default(SeparatedSyntaxList<ExpressionSyntax>?),
        };
        if (elements is { } array)
        {
            first = array.FirstOrDefault();
        }

        return first is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
    }
}
