using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The entity types a statement of a generic helper never runs for, by the branches on its type parameter around it:
/// <c>if (typeof(T) == typeof(Role)) { … } else { b.Entity&lt;T&gt;().HasQueryFilter(…); }</c> filters every entity the
/// helper reaches but Role, as does the same call after <c>if (typeof(T) == typeof(Role)) { …; return; }</c> or inside
/// <c>if (typeof(T) != typeof(Role))</c>.
/// </summary>
internal static class TypeBranches
{
    /// <summary>The fully qualified names of the types <paramref name="node"/> is never reached for when <paramref name="parameter"/> is one of them.</summary>
    public static ImmutableArray<string> ExcludedAt(SyntaxNode node, ITypeParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
    {
        var excluded = ImmutableArray.CreateBuilder<string>();
        for (var current = node; current.Parent is { } parent && current is not MemberDeclarationSyntax; current = parent)
        {
            switch (parent)
            {
                case IfStatementSyntax branch when TypeTest(branch.Condition, parameter, model, cancellationToken) is { } test:
                    if ((current == branch.Else && test.IsEquality) || (current == branch.Statement && !test.IsEquality))
                    {
                        excluded.Add(test.TypeName);
                    }

                    break;

                case BlockSyntax block when current is StatementSyntax statement:
                    foreach (var before in block.Statements)
                    {
                        if (before == statement)
                        {
                            break;
                        }

                        if (before is IfStatementSyntax { Else: null } earlier && earlier.Statement.AlwaysLeaves()
                            && TypeTest(earlier.Condition, parameter, model, cancellationToken) is { IsEquality: true } left)
                        {
                            excluded.Add(left.TypeName);
                        }
                    }

                    break;
            }
        }

        return excluded.ToImmutable();
    }

    /// <summary>The name of a type in the form <see cref="ExcludedAt"/> gives.</summary>
    public static string NameOf(ITypeSymbol type) => type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary><c>typeof(T) == typeof(Role)</c> (either way round; <c>!=</c> is no equality), or null.</summary>
    private static (string TypeName, bool IsEquality)? TypeTest(ExpressionSyntax condition, ITypeParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(condition, cancellationToken)?.Unwrap() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
            || comparison.LeftOperand.Unwrap() is not ITypeOfOperation left
            || comparison.RightOperand.Unwrap() is not ITypeOfOperation right)
        {
            return null;
        }

        var other = IsParameter(left.TypeOperand, parameter) ? right.TypeOperand : IsParameter(right.TypeOperand, parameter) ? left.TypeOperand : null;
        return other is INamedTypeSymbol named ? (NameOf(named), comparison.OperatorKind == BinaryOperatorKind.Equals) : null;
    }

    private static bool IsParameter(ITypeSymbol type, ITypeParameterSymbol parameter) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, parameter.OriginalDefinition);
}
