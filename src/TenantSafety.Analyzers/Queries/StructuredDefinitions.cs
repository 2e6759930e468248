using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The reaching definitions of a local assigned more than once, read from its statements in order instead of a
/// control-flow graph, when every write is a plain assignment statement (<c>query = query.Where(…);</c>) that only
/// blocks, <c>if</c>s and <c>switch</c> sections separate from the block declaring the local: the shape of a query
/// refined by optional filters. Anything the walk cannot decide exactly (a write in a loop, a <c>try</c> or an
/// expression, a label, a branch that may end in a statement it cannot see through) leaves the local to the graph.
/// </summary>
/// <remarks>
/// Building a body's graph was most of the cost of following such a local; the answer is the same, as
/// <c>StructuredDefinitionsTests</c> checks against the graph for every reference of each shape.
/// </remarks>
internal static class StructuredDefinitions
{
    /// <summary>
    /// The definitions of <paramref name="local"/> that reach <paramref name="reference"/>, in the order first met: the
    /// declarator (its initializer) or the assignment expression of each. Null when the graph has to decide.
    /// </summary>
    public static List<Definition>? Find(ILocalSymbol local, SyntaxNode reference, SemanticModel model, CancellationToken cancellationToken)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var declaration = local.DeclaringSyntaxReferences[0];
        if (declaration.SyntaxTree != model.SyntaxTree || reference.SyntaxTree != model.SyntaxTree
            || declaration.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
            || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax block } declarationStatement
            || !block.Span.Contains(reference.Span)
            || IsPlacedByTheGraph(reference, block))
        {
            return null;
        }

        var writes = LocalWrites.Around(declarator);
        if (writes.HasLabelsOrJumps || WriteStatements(writes.Of(declarator.Identifier.ValueText), block) is not { } writeStatements)
        {
            return null;
        }

        var walker = new Walker(reference, declarationStatement, declarator, writeStatements, model, cancellationToken);
        walker.VisitList(block.Statements, Reach.Unassigned, inBranch: false);
        return walker.Reaching is { } reaching ? ValuesOf(reaching.Sites, model, cancellationToken) : null;
    }

    /// <summary>The statements that write the local; null when a write is not a plain assignment statement the walk reaches.</summary>
    private static HashSet<ExpressionStatementSyntax>? WriteStatements(IReadOnlyList<IdentifierNameSyntax> writes, BlockSyntax block)
    {
        var statements = new HashSet<ExpressionStatementSyntax>();
        foreach (var write in writes)
        {
            // A write outside the declaring block names something else: the local is not in scope there.
            if (!block.Span.Contains(write.Span))
            {
                continue;
            }

            if (write.Parent is not AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assignment
                || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                || assignment.Left != write
                || !IsReachedByTheWalk(statement, block))
            {
                return null;
            }

            statements.Add(statement);
        }

        return statements;
    }

    /// <summary>Whether only blocks, <c>if</c>s and <c>switch</c> sections lie between the statement and the declaring block.</summary>
    private static bool IsReachedByTheWalk(StatementSyntax statement, BlockSyntax block)
    {
        for (var node = statement.Parent; node != block; node = node.Parent)
        {
            if (node is not (BlockSyntax or IfStatementSyntax or ElseClauseSyntax or SwitchSectionSyntax or SwitchStatementSyntax))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads whose place only the graph can say: in a local function, which may run anywhere after its declaration or
    /// before; in a <c>catch</c> or <c>finally</c>, which the graph enters from no statement (it reads them as unassigned).
    /// </summary>
    private static bool IsPlacedByTheGraph(SyntaxNode reference, BlockSyntax block)
    {
        for (var node = reference.Parent; node is not null && node != block; node = node.Parent)
        {
            if (node is LocalFunctionStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static List<Definition>? ValuesOf(IReadOnlyList<SyntaxNode> reaching, SemanticModel model, CancellationToken cancellationToken)
    {
        var definitions = new List<Definition>(reaching.Count);
        foreach (var site in reaching)
        {
            var value = site switch
            {
                VariableDeclaratorSyntax declarator => (model.GetOperation(declarator, cancellationToken) as IVariableDeclaratorOperation)?.GetVariableInitializer()?.Value,
                _ => (model.GetOperation(site, cancellationToken) as ISimpleAssignmentOperation)?.Value,
            };
            if (value is null)
            {
                return null;
            }

            definitions.Add(new Definition(value, position: null));
        }

        return definitions;
    }

    /// <summary>
    /// Walks the declaring block's statements in order, carrying the definitions that reach each point (null where no
    /// path does), until the statement holding the reference.
    /// </summary>
    private sealed class Walker
    {

        private readonly SyntaxNode _reference;
        private readonly LocalDeclarationStatementSyntax _declarationStatement;
        private readonly VariableDeclaratorSyntax _declarator;
        private readonly HashSet<ExpressionStatementSyntax> _writes;
        private readonly SemanticModel _model;
        private readonly CancellationToken _cancellationToken;
        private readonly Stack<Reach?> _switchExits = new();
        private bool _done;

        public Walker(
            SyntaxNode reference,
            LocalDeclarationStatementSyntax declarationStatement,
            VariableDeclaratorSyntax declarator,
            HashSet<ExpressionStatementSyntax> writes,
            SemanticModel model,
            CancellationToken cancellationToken)
        {
            _reference = reference;
            _declarationStatement = declarationStatement;
            _declarator = declarator;
            _writes = writes;
            _model = model;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The definitions reaching the reference; null until it is found, or when the graph has to decide.</summary>
        public Reach? Reaching { get; private set; }

        /// <summary>The definitions after the statements (null: their end is not reached).</summary>
        /// <param name="statements">A block's statements, or a switch section's.</param>
        /// <param name="reaching">The definitions before them (null: no path gets there).</param>
        /// <param name="inBranch">Inside an <c>if</c> branch or a <c>switch</c> section, whose end joins other paths.</param>
        public Reach? VisitList(SyntaxList<StatementSyntax> statements, Reach? reaching, bool inBranch)
        {
            foreach (var statement in statements)
            {
                reaching = Visit(statement, reaching, inBranch);
                if (_done)
                {
                    return null;
                }
            }

            return reaching;
        }

        private Reach? Visit(StatementSyntax statement, Reach? reaching, bool inBranch)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var holdsReference = statement.Span.Contains(_reference.Span);
            if (reaching is null)
            {
                // Code no path reaches: what the graph says of it is not ours to guess.
                if (holdsReference || HoldsWrite(statement))
                {
                    GiveUp();
                }

                return null;
            }

            switch (statement)
            {
                case BlockSyntax block:
                    return VisitList(block.Statements, reaching, inBranch);

                case IfStatementSyntax conditional:
                    return VisitIf(conditional, reaching, holdsReference);

                case SwitchStatementSyntax switchStatement:
                    return VisitSwitch(switchStatement, reaching, holdsReference, inBranch);

                case ExpressionStatementSyntax expression when _writes.Contains(expression):
                    // A read on the right of the assignment sees what reached the statement.
                    return holdsReference ? Found(reaching) : new Reach(expression.Expression);

                case LocalDeclarationStatementSyntax declaration when declaration == _declarationStatement:
                    return holdsReference ? Found(reaching) : _declarator.Initializer is null ? Reach.Unassigned : new Reach(_declarator);

                case ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement }:
                    return holdsReference ? Found(reaching) : null;

                case BreakStatementSyntax:
                    // Inside a switch the walk reads, the break ends its section; otherwise it leaves the local's block.
                    if (_switchExits.Count > 0)
                    {
                        _switchExits.Push(Reach.Join(_switchExits.Pop(), reaching));
                    }

                    return null;

                case ContinueStatementSyntax:
                    return null;

                case LocalFunctionStatementSyntax:
                    return reaching;

                default:
                    // Any other statement holds no write (they are all under blocks, ifs and switch sections).
                    return PassThrough(statement, reaching, holdsReference, inBranch);
            }
        }

        /// <summary>A statement the walk does not enter, which holds no write: a read in it sees what reached it.</summary>
        private Reach? PassThrough(StatementSyntax statement, Reach reaching, bool holdsReference, bool inBranch)
        {
            if (holdsReference)
            {
                return Found(reaching);
            }

            // A branch's end joins the paths after it: one that may never get there must not add its definitions.
            return inBranch && MayNotComplete(statement) ? GiveUp() : reaching;
        }

        private Reach? VisitIf(IfStatementSyntax conditional, Reach reaching, bool holdsReference)
        {
            if (holdsReference && conditional.Condition.Span.Contains(_reference.Span))
            {
                return Found(reaching);
            }

            // A constant condition leaves a branch no path takes; the graph knows which.
            if (_model.GetConstantValue(conditional.Condition, _cancellationToken).HasValue)
            {
                return GiveUp();
            }

            var whenTrue = Visit(conditional.Statement, reaching, inBranch: true);
            if (_done)
            {
                return null;
            }

            var whenFalse = conditional.Else is { } otherwise ? Visit(otherwise.Statement, reaching, inBranch: true) : reaching;
            return _done ? null : Reach.Join(whenTrue, whenFalse);
        }

        private Reach? VisitSwitch(SwitchStatementSyntax switchStatement, Reach reaching, bool holdsReference, bool inBranch)
        {
            if (!HoldsWrite(switchStatement))
            {
                return PassThrough(switchStatement, reaching, holdsReference, inBranch);
            }

            if (holdsReference && switchStatement.Expression.Span.Contains(_reference.Span))
            {
                return Found(reaching);
            }

            // Without a default section, whether the cases cover every value is the compiler's to say.
            if (!switchStatement.Sections.Any(s => s.Labels.Any(l => l is DefaultSwitchLabelSyntax)))
            {
                return GiveUp();
            }

            _switchExits.Push(null);
            foreach (var section in switchStatement.Sections)
            {
                if (section.Labels.Any(l => l.Span.Contains(_reference.Span)))
                {
                    return Found(reaching);
                }

                // The end of a section is never reached in code that compiles: the walk cannot say where it goes.
                if (VisitList(section.Statements, reaching, inBranch: true) is not null)
                {
                    return GiveUp();
                }

                if (_done)
                {
                    return null;
                }
            }

            return _switchExits.Pop();
        }

        private Reach? Found(Reach reaching)
        {
            _done = true;
            Reaching = reaching.MayBeUnassigned ? null : reaching;
            return null;
        }

        private Reach? GiveUp()
        {
            _done = true;
            Reaching = null;
            return null;
        }

        private bool HoldsWrite(SyntaxNode node)
        {
            foreach (var write in _writes)
            {
                if (node.Span.Contains(write.Span))
                {
                    return true;
                }
            }

            return node.Span.Contains(_declarator.Span);
        }

        /// <summary>
        /// Whether a statement the walk does not enter may end without reaching the statement after it: it returns,
        /// throws or jumps out, or loops with a condition that is always true. Jumps to a loop or switch inside it do not count.
        /// </summary>
        private bool MayNotComplete(StatementSyntax statement)
        {
            foreach (var node in statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                switch (node)
                {
                    case ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement } or GotoStatementSyntax:
                        return true;
                    case BreakStatementSyntax when !HasTargetInside(node, statement, breaks: true):
                    case ContinueStatementSyntax when !HasTargetInside(node, statement, breaks: false):
                        return true;
                    case WhileStatementSyntax loop when IsAlwaysTrue(loop.Condition):
                    case DoStatementSyntax doLoop when IsAlwaysTrue(doLoop.Condition):
                    case ForStatementSyntax forLoop when forLoop.Condition is null || IsAlwaysTrue(forLoop.Condition):
                        return true;
                }
            }

            return false;
        }

        private bool IsAlwaysTrue(ExpressionSyntax condition) =>
            _model.GetConstantValue(condition, _cancellationToken) is { HasValue: true, Value: true };

        /// <summary>Whether the loop (or, for a break, the switch) a jump leaves lies inside <paramref name="statement"/>.</summary>
        private static bool HasTargetInside(SyntaxNode jump, StatementSyntax statement, bool breaks)
        {
            for (var node = jump.Parent; node is not null; node = node.Parent)
            {
                if (node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
                    || breaks && node is SwitchStatementSyntax)
                {
                    return statement.Span.Contains(node.Span);
                }

                if (node == statement)
                {
                    return false;
                }
            }

            return false;
        }
    }

    /// <summary>The definitions that reach a point: assignments (or the declarator), and whether some path assigned nothing.</summary>
    private sealed class Reach
    {
        /// <summary>Before any assignment: before the declaration, or a declaration without an initializer.</summary>
        public static readonly Reach Unassigned = new(new List<SyntaxNode>(), mayBeUnassigned: true);

        private Reach(List<SyntaxNode> sites, bool mayBeUnassigned)
        {
            Sites = sites;
            MayBeUnassigned = mayBeUnassigned;
        }

        public Reach(SyntaxNode site)
            : this(new List<SyntaxNode> { site }, mayBeUnassigned: false)
        {
        }

        public IReadOnlyList<SyntaxNode> Sites { get; }

        /// <summary>A path on which nothing assigned the local: the graph places such a reference (code that does not compile, or is not reached).</summary>
        public bool MayBeUnassigned { get; }

        /// <summary>Where two paths meet; null stands for a path that does not get there.</summary>
        public static Reach? Join(Reach? first, Reach? second)
        {
            if (first is null || ReferenceEquals(first, second))
            {
                return second;
            }

            if (second is null)
            {
                return first;
            }

            var sites = new List<SyntaxNode>(first.Sites);
            foreach (var site in second.Sites)
            {
                if (!sites.Contains(site))
                {
                    sites.Add(site);
                }
            }

            return new Reach(sites, first.MayBeUnassigned || second.MayBeUnassigned);
        }
    }
}
