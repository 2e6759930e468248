using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Cli.Analysis.Code;

/// <summary>
/// The PostgreSQL schema each entity's table lives in, as the model maps it: <c>ToTable("name", "schema")</c> for one
/// entity, <c>modelBuilder.HasDefaultSchema("schema")</c> for the rest. <c>[Table(Schema = …)]</c> is read with the
/// entity's other attributes (<see cref="TableFactsReader"/>). Live mode matches tables by schema and name.
/// </summary>
internal sealed record ModelSchemas(IReadOnlyDictionary<ITypeSymbol, string> ByEntity, string? DefaultSchema)
{
    public string? For(ITypeSymbol entity) => ByEntity.TryGetValue(entity, out var schema) ? schema : DefaultSchema;
}

internal static class SchemaReader
{
    public static ModelSchemas Read(SourceOperations source)
    {
        var symbols = source.Symbols;
        var byEntity = new Dictionary<ITypeSymbol, string>(SymbolEqualityComparer.Default);
        var defaults = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invocation in source.Invocations)
        {
            var method = invocation.TargetMethod;
            if (method.Name == "HasDefaultSchema" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Report.RelationalModelBuilderExtensions)
                && SourceOperations.Argument(invocation, "schema")?.ConstantValue is { HasValue: true, Value: string schema })
            {
                defaults.Add(schema);
            }
            else if (method.Name == "ToTable" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Report.RelationalEntityTypeBuilderExtensions)
                && SourceOperations.Argument(invocation, "schema")?.ConstantValue is { HasValue: true, Value: string tableSchema }
                && EntityOf(invocation, symbols) is { } entity)
            {
                byEntity[entity] = tableSchema;
            }
        }

        // Contexts with different default schemas would need the context of each entity; the report then lets the
        // database's current schema decide rather than guess.
        return new ModelSchemas(byEntity, defaults.Count == 1 ? defaults.First() : null);
    }

    /// <summary>The entity of <c>builder.ToTable(…)</c>: the type argument of the <c>EntityTypeBuilder&lt;T&gt;</c> it extends.</summary>
    private static ITypeSymbol? EntityOf(IInvocationOperation invocation, EfSymbols symbols)
    {
        var receiver = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value.Type;
        return receiver.SelfOrBaseOfDefinition(symbols.EntityTypeBuilderOfT)?.TypeArguments[0].OriginalDefinition;
    }
}
