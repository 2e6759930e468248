using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Analysis.Code;

/// <summary>
/// The calls, object creations and assignments of a compilation's source, as operations (bound symbols, not text):
/// what the report's own code readers (registrations, connection strings, schemas) look at, with the analyzers' symbols
/// to recognise EF Core and Npgsql types by. Read once per project.
/// </summary>
internal sealed class SourceOperations(Compilation compilation, EfSymbols symbols, IReadOnlyList<IOperation> operations)
{
    public Compilation Compilation { get; } = compilation;

    public EfSymbols Symbols { get; } = symbols;

    /// <summary><see cref="IInvocationOperation"/>, <see cref="IObjectCreationOperation"/> and <see cref="ISimpleAssignmentOperation"/>s, in source order.</summary>
    public IReadOnlyList<IOperation> Operations { get; } = operations;

    public IEnumerable<IInvocationOperation> Invocations => Operations.OfType<IInvocationOperation>();

    public static SourceOperations Read(Compilation compilation, EfSymbols symbols, CancellationToken cancellationToken)
    {
        var operations = new List<IOperation>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax
                    && model.GetOperation(node, cancellationToken) is { } operation
                    && operation is IInvocationOperation or IObjectCreationOperation or ISimpleAssignmentOperation)
                {
                    operations.Add(operation);
                }
            }
        }

        return new SourceOperations(compilation, symbols, operations);
    }

    /// <summary>The value of the argument bound to the parameter named <paramref name="parameter"/>, or null.</summary>
    public static IOperation? Argument(IInvocationOperation invocation, string parameter) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter && a.ArgumentKind != ArgumentKind.DefaultValue)?.Value;

    /// <summary>The file and 1-based line of an operation, as the report prints paths.</summary>
    public static SourceSpot SpotOf(IOperation operation)
    {
        var span = operation.Syntax.GetLocation().GetMappedLineSpan();
        return new SourceSpot(DisplayPaths.Of(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }
}
