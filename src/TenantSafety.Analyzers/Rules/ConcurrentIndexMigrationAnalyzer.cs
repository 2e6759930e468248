using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

        start.RegisterSemanticModelAction(context => Analyze(context, state));
    }

    /// <summary>
    /// The migration methods of a file: only a file that declares a class deriving from <c>Migration</c> is read, and in it
    /// only the migration operations a search of its text names (<see cref="RuleCalls"/>), grouped by the method that
    /// holds them.
    /// </summary>
    private static void Analyze(SemanticModelAnalysisContext context, TenantCompilationState state)
    {
        var model = context.SemanticModel;
        var tree = model.SyntaxTree;
        var cancellationToken = context.CancellationToken;
        var root = tree.GetRoot(cancellationToken);
        if (state.GeneratedCode.SkipsAnalysisOf(tree) || !DeclaresMigration(root, model, state.Symbols, cancellationToken))
        {
            return;
        }

        var operations = new[] { RuleCalls.CreateIndex, RuleCalls.CreateTable, RuleCalls.Sql }.SelectMany(name => state.RuleCalls.Invocations(model, name, cancellationToken));
        foreach (var method in operations.GroupBy(o => o.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>()))
        {
            // A migration written for another provider (a SQL Server set beside the PostgreSQL one) has no CONCURRENTLY.
            if (method.Key is null || model.GetDeclaredSymbol(method.Key, cancellationToken) is not IMethodSymbol { ContainingType: var type } || !state.Symbols.IsMigration(type)
                || MigrationProviders.IsForAnotherProvider(type, cancellationToken))
            {
                continue;
            }

            var body = new MigrationBody(state.Symbols);
            foreach (var invocation in method)
            {
                body.Add(invocation);
            }

            body.Report(finding => context.Report(state, finding), cancellationToken);
        }
    }

    /// <summary>Whether the file declares a class deriving from <c>Migration</c>: only such a file is searched.</summary>
    private static bool DeclaresMigration(SyntaxNode root, SemanticModel model, EfSymbols symbols, CancellationToken cancellationToken) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or ClassDeclarationSyntax)
            .OfType<ClassDeclarationSyntax>()
            .Any(declaration => declaration.BaseList is not null && symbols.IsMigration(model.GetDeclaredSymbol(declaration, cancellationToken) as INamedTypeSymbol));

    /// <summary>The migration operations of one method, collected as its operations are walked and judged in source order at the end.</summary>
    private sealed class MigrationBody
    {
        private readonly EfSymbols _symbols;
        private readonly List<IInvocationOperation> _calls = new();

        public MigrationBody(EfSymbols symbols) => _symbols = symbols;

        public void Add(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (_symbols.IsMigrationBuilderMethod(method, "CreateIndex") || _symbols.IsMigrationBuilderMethod(method, "CreateTable") || _symbols.IsMigrationBuilderMethod(method, "Sql"))
            {
                _calls.Add(invocation);
            }
        }

        public void Report(Action<Diagnostic> report, CancellationToken cancellationToken)
        {
            // A walk of the operations does not follow source order everywhere (an argument's operation sits where the
            // parameter is, not where it is written), so the calls are sorted.
            var calls = _calls.OrderBy(c => c.Syntax.SpanStart).ToList();

            var createdTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var call in calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
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
                            report(Diagnostic.Create(
                                RuleDescriptors.IndexWithoutConcurrently,
                                call.Syntax.OperatorNameToEnd(),
                                table ?? TableWrittenAs(call)));
                        }

                        break;

                    case "Sql":
                        JudgeSql(report, call, createdTables);
                        break;
                }
            }
        }

        private static void JudgeSql(Action<Diagnostic> report, IInvocationOperation call, HashSet<string> createdTables)
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
                report(Diagnostic.Create(RuleDescriptors.IndexWithoutConcurrently, location, plainIndexTable));
            }

            // suppressTransaction we cannot read (a variable) may well be true: no finding.
            if (concurrentStatement is not null && call.ArgumentValue("suppressTransaction") is { ConstantValue: { HasValue: true, Value: false } })
            {
                report(Diagnostic.Create(RuleDescriptors.ConcurrentlyInsideTransaction, location, concurrentStatement));
            }
        }

        /// <summary>
        /// <c>.Annotation("Npgsql:CreatedConcurrently", true)</c> anywhere in the chain on the call. An annotation
        /// whose name or value we cannot read counts, so only a visibly plain index is reported.
        /// </summary>
        /// <summary>
        /// The table argument as written, when it is no constant (<c>table</c>, a loop's variable over table names): the
        /// message names what the reader sees in the code rather than a question mark.
        /// </summary>
        private static string TableWrittenAs(IInvocationOperation call)
        {
            var written = call.ArgumentValue("table")?.Syntax.ToString() ?? "?";
            return written.Length <= 40 ? written : written.Substring(0, 39) + "…";
        }

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
