using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Sql;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA3001 and TSA3002, in classes deriving from EF Core's <c>Migration</c> when the Npgsql provider is referenced.
/// Each migration method is read in order: a table created earlier in the same method (<c>CreateTable</c>, or
/// <c>CREATE TABLE</c> in <c>Sql</c>) is new and empty, so a plain index on it is fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConcurrentIndexMigrationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        MigrationDescriptors.IndexWithoutConcurrently,
        MigrationDescriptors.ConcurrentlyInsideTransaction);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = NpgsqlMigrationSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !symbols.IsMigration(method.ContainingType))
                {
                    return;
                }

                var body = new MigrationBody(symbols);
                block.RegisterOperationAction(c => body.Add((IInvocationOperation)c.Operation), OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(body.Report);
            });
        });
    }

    /// <summary>The migration operations of one method, collected in any order and judged in source order at the end.</summary>
    private sealed class MigrationBody
    {
        private readonly NpgsqlMigrationSymbols _symbols;
        private readonly List<IInvocationOperation> _calls = new();

        public MigrationBody(NpgsqlMigrationSymbols symbols)
        {
            _symbols = symbols;
        }

        public void Add(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (_symbols.IsBuilderMethod(method, "CreateIndex") || _symbols.IsBuilderMethod(method, "CreateTable") || _symbols.IsBuilderMethod(method, "Sql"))
            {
                lock (_calls)
                {
                    _calls.Add(invocation);
                }
            }
        }

        public void Report(OperationBlockAnalysisContext context)
        {
            List<IInvocationOperation> calls;
            lock (_calls)
            {
                calls = _calls.OrderBy(c => c.Syntax.SpanStart).ToList();
            }

            var createdTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var call in calls)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                switch (call.TargetMethod.Name)
                {
                    case "CreateTable":
                        if (ConstantString(call, "name") is { } created)
                        {
                            createdTables.Add(created);
                        }

                        break;

                    case "CreateIndex":
                        var table = ConstantString(call, "table");
                        if ((table is null || !createdTables.Contains(table)) && !IsCreatedConcurrently(call))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                MigrationDescriptors.IndexWithoutConcurrently,
                                DiagnosticLocations.OperatorNameToEnd(call.Syntax),
                                table ?? "?"));
                        }

                        break;

                    case "Sql":
                        JudgeSql(context, call, createdTables);
                        break;
                }
            }
        }

        private static void JudgeSql(OperationBlockAnalysisContext context, IInvocationOperation call, HashSet<string> createdTables)
        {
            var text = ConstantSqlText.Read(ArgumentValue(call, "sql"), holesAreParameters: false);
            if (text is null)
            {
                return;
            }

            string? plainIndexTable = null;
            string? concurrentStatement = null;
            foreach (var statement in SqlStatements.Split(text))
            {
                if (SqlIndexStatement.CreatedTable(statement) is { } created)
                {
                    createdTables.Add(created);
                    continue;
                }

                var index = SqlIndexStatement.TryRead(statement);
                if (index is null)
                {
                    continue;
                }

                if (index.IsConcurrent)
                {
                    concurrentStatement ??= index.Description;
                }
                else if (index.IsCreateIndex && (index.Table is null || !createdTables.Contains(index.Table)))
                {
                    plainIndexTable ??= index.Table ?? "?";
                }
            }

            var location = DiagnosticLocations.OperatorNameToEnd(call.Syntax);
            if (plainIndexTable is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(MigrationDescriptors.IndexWithoutConcurrently, location, plainIndexTable));
            }

            // suppressTransaction we cannot read (a variable) may well be true: no finding.
            if (concurrentStatement is not null && ArgumentValue(call, "suppressTransaction") is { ConstantValue: { HasValue: true, Value: false } })
            {
                context.ReportDiagnostic(Diagnostic.Create(MigrationDescriptors.ConcurrentlyInsideTransaction, location, concurrentStatement));
            }
        }

        /// <summary>
        /// <c>.Annotation("Npgsql:CreatedConcurrently", true)</c> anywhere in the chain on the call. An annotation
        /// whose name or value we cannot read counts, so only a visibly plain index is reported.
        /// </summary>
        private bool IsCreatedConcurrently(IInvocationOperation createIndex)
        {
            IOperation current = createIndex;
            while (current.Parent is IInvocationOperation outer && outer.Instance == current && _symbols.IsAnnotation(outer.TargetMethod))
            {
                var name = ArgumentValue(outer, "name")?.ConstantValue;
                var value = Unwrap(ArgumentValue(outer, "value"))?.ConstantValue;
                var nameKnown = name is { HasValue: true, Value: string };
                if (!nameKnown || (name!.Value.Value is NpgsqlMigrationSymbols.CreatedConcurrentlyAnnotation && value is not { HasValue: true, Value: false }))
                {
                    return true;
                }

                current = outer;
            }

            return false;
        }

        private static string? ConstantString(IInvocationOperation call, string parameter) =>
            ArgumentValue(call, parameter)?.ConstantValue is { HasValue: true, Value: string value } ? value : null;

        private static IOperation? ArgumentValue(IInvocationOperation call, string parameter) =>
            call.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter)?.Value;

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
