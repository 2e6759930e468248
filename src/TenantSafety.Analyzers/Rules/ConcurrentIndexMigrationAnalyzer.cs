using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Sql;

namespace TenantSafety.Analyzers.Rules;

/// <summary>
/// TSA3001 and TSA3002, in classes deriving from EF Core's <c>Migration</c> when the Npgsql provider is referenced.
/// Each migration method is read in order: a table created earlier in the same method (<c>CreateTable</c>, or
/// <c>CREATE TABLE</c> in <c>Sql</c>) is new and empty, so a plain index on it is fine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConcurrentIndexMigrationAnalyzer() : TenantSafetyAnalyzer(RuleDescriptors.IndexWithoutConcurrently, RuleDescriptors.ConcurrentlyInsideTransaction)
{
    private protected override void Register(CompilationStartAnalysisContext start, TenantCompilationState state)
    {
        var symbols = state.Symbols;
        if (!symbols.HasNpgsqlMigrations)
        {
            return;
        }

        // A block action that walks a migration's body itself: a block-start action would make the driver build a
        // start context for every body of the compilation, to find the few that belong to a migration.
        start.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is not IMethodSymbol method || !symbols.IsMigration(method.ContainingType)
                || block.OperationBlocks.IsEmpty || state.GeneratedCode.SkipsAnalysisOf(block.OperationBlocks[0].Syntax.SyntaxTree))
            {
                return;
            }

            var body = new MigrationBody(state);
            foreach (var root in block.OperationBlocks)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation)
                    {
                        body.Add(invocation);
                    }
                }
            }

            body.Report(block);
        });
    }

    /// <summary>The migration operations of one method, collected as its operations are walked and judged in source order at the end.</summary>
    private sealed class MigrationBody
    {
        private readonly TenantCompilationState _state;
        private readonly EfSymbols _symbols;
        private readonly List<IInvocationOperation> _calls = new();

        public MigrationBody(TenantCompilationState state)
        {
            _state = state;
            _symbols = state.Symbols;
        }

        public void Add(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (_symbols.IsMigrationBuilderMethod(method, "CreateIndex") || _symbols.IsMigrationBuilderMethod(method, "CreateTable") || _symbols.IsMigrationBuilderMethod(method, "Sql"))
            {
                _calls.Add(invocation);
            }
        }

        public void Report(OperationBlockAnalysisContext context)
        {
            // A walk of the operations does not follow source order everywhere (an argument's operation sits where the
            // parameter is, not where it is written), so the calls are sorted.
            var calls = _calls.OrderBy(c => c.Syntax.SpanStart).ToList();

            var createdTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var call in calls)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                switch (call.TargetMethod.Name)
                {
                    case "CreateTable":
                        if (call.ConstantStringArgument("name") is { } created)
                        {
                            createdTables.Add(created);
                        }

                        break;

                    case "CreateIndex":
                        var table = call.ConstantStringArgument("table");
                        if ((table is null || !createdTables.Contains(table)) && !IsCreatedConcurrently(call))
                        {
                            context.Report(_state, Diagnostic.Create(
                                RuleDescriptors.IndexWithoutConcurrently,
                                call.Syntax.OperatorNameToEnd(),
                                table ?? "?"));
                        }

                        break;

                    case "Sql":
                        JudgeSql(context, _state, call, createdTables);
                        break;
                }
            }
        }

        private static void JudgeSql(OperationBlockAnalysisContext context, TenantCompilationState state, IInvocationOperation call, HashSet<string> createdTables)
        {
            var text = ConstantSqlText.Read(call.ArgumentValue("sql"), holesAreParameters: false);
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

            var location = call.Syntax.OperatorNameToEnd();
            if (plainIndexTable is not null)
            {
                context.Report(state, Diagnostic.Create(RuleDescriptors.IndexWithoutConcurrently, location, plainIndexTable));
            }

            // suppressTransaction we cannot read (a variable) may well be true: no finding.
            if (concurrentStatement is not null && call.ArgumentValue("suppressTransaction") is { ConstantValue: { HasValue: true, Value: false } })
            {
                context.Report(state, Diagnostic.Create(RuleDescriptors.ConcurrentlyInsideTransaction, location, concurrentStatement));
            }
        }

        /// <summary>
        /// <c>.Annotation("Npgsql:CreatedConcurrently", true)</c> anywhere in the chain on the call. An annotation
        /// whose name or value we cannot read counts, so only a visibly plain index is reported.
        /// </summary>
        private bool IsCreatedConcurrently(IInvocationOperation createIndex)
        {
            IOperation current = createIndex;
            while (current.Parent is IInvocationOperation outer && outer.Instance == current && _symbols.IsOperationAnnotation(outer.TargetMethod))
            {
                var name = outer.ArgumentValue("name")?.ConstantValue;
                var value = outer.ArgumentValue("value")?.Unwrap().ConstantValue;
                var nameKnown = name is { HasValue: true, Value: string };
                if (!nameKnown || (name!.Value.Value is EfSymbols.CreatedConcurrentlyAnnotation && value is not { HasValue: true, Value: false }))
                {
                    return true;
                }

                current = outer;
            }

            return false;
        }
    }
}
