using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// The bodies of the model-configuring types' members, found in their declarations' syntax: methods, constructors and
/// operators, accessors, and expression-bodied properties and indexers, in declaration order. Asking the types for
/// their members instead would complete every member on each compilation (in the IDE, after every keystroke, for a
/// DbContext with hundreds of DbSets); a body's symbol is needed only when the body is read, not when its reading is
/// reused.
/// </summary>
internal static class ConfigurationBodies
{
    public static List<SyntaxReference> Of(ImmutableArray<INamedTypeSymbol> configuringTypes, CancellationToken cancellationToken)
    {
        var bodies = new List<SyntaxReference>();
        foreach (var type in configuringTypes)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var member in declaration.Members)
                {
                    switch (member)
                    {
                        case BaseMethodDeclarationSyntax method when method.Body is not null || method.ExpressionBody is not null:
                            bodies.Add(method.GetReference());
                            break;
                        case BasePropertyDeclarationSyntax property:
                            AddAccessors(bodies, property);
                            break;
                    }
                }
            }
        }

        return bodies;
    }

    /// <summary>The symbol of a body <see cref="Of"/> found: the method, or the property's getter for an expression body.</summary>
    public static IMethodSymbol? MethodOf(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken) =>
        body is ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax property }
            ? (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod
            : model.GetDeclaredSymbol(body, cancellationToken) as IMethodSymbol;

    private static void AddAccessors(List<SyntaxReference> bodies, BasePropertyDeclarationSyntax property)
    {
        if (property is PropertyDeclarationSyntax { ExpressionBody: { } propertyArrow })
        {
            bodies.Add(propertyArrow.GetReference());
        }
        else if (property is IndexerDeclarationSyntax { ExpressionBody: { } indexerArrow })
        {
            bodies.Add(indexerArrow.GetReference());
        }

        foreach (var accessor in property.AccessorList?.Accessors ?? default)
        {
            if (accessor.Body is not null || accessor.ExpressionBody is not null)
            {
                bodies.Add(accessor.GetReference());
            }
        }
    }
}
