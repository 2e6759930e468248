using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Ef;

/// <summary>What a call looks like as written: its name, the calls chained after it, where a finding about it goes.</summary>
internal static class SyntaxExtensions
{
    /// <summary>The name a call invokes as written (<c>HasIndex</c> in <c>b.HasIndex(…)</c>, <c>x?.Where(…)</c>, <c>Where(…)</c>); null otherwise.</summary>
    public static string? InvokedName(this InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax memberBinding => memberBinding.Name.Identifier.ValueText,
        SimpleNameSyntax simpleName => simpleName.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// The expression <c>nameof(x)</c> names, when <paramref name="node"/> is such a call: the operator as written (a method
    /// called <c>nameof</c> would be named the same way, and no code base in sight declares one); null otherwise.
    /// </summary>
    public static ExpressionSyntax? NameOfArgument(this SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" }, ArgumentList.Arguments: { Count: 1 } arguments }
            ? arguments[0].Expression
            : null;

    /// <summary>
    /// The member name a string literal or <c>nameof(…)</c> gives, as reflection looks a member up by it: <c>"Apply"</c>,
    /// <c>nameof(Apply)</c>, <c>nameof(Filters.Apply)</c> give <c>Apply</c>; null for any other node.
    /// </summary>
    public static string? ReflectedName(this SyntaxNode node) => node switch
    {
        LiteralExpressionSyntax { Token.Value: string text } => text,
        InvocationExpressionSyntax call when call.NameOfArgument() is { } named => named.ToString().Split('.').Last(),
        _ => null,
    };

    /// <summary>
    /// The simple names (<c>Name</c>, <c>Name&lt;T&gt;</c>, <c>@Name</c>) within <paramref name="span"/> whose identifier is
    /// <paramref name="name"/>, found from each place the text spells it: a mention in a comment, a string or a longer name
    /// is passed over. Far cheaper than walking every token of a file; an identifier written with a Unicode escape is missed.
    /// </summary>
    public static IEnumerable<SimpleNameSyntax> SimpleNamesSpelled(this SyntaxTree tree, string name, TextSpan span)
    {
        // The text of a parsed file is a string already: ToString() copies nothing.
        var text = tree.GetText().ToString();
        SyntaxNode? root = null;
        for (var at = text.IndexOf(name, span.Start, span.Length, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, span.End - at - name.Length, StringComparison.Ordinal))
        {
            root ??= tree.GetRoot();
            var token = root.FindToken(at);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token.Parent is SimpleNameSyntax simple)
            {
                yield return simple;
            }
        }
    }

    /// <summary>
    /// The invocations of a method named <paramref name="name"/> (<c>x.Name(…)</c>, <c>x.Name&lt;T&gt;(…)</c> or
    /// <c>Name(…)</c>) in the file, found from each place its text spells the name.
    /// </summary>
    public static IEnumerable<InvocationExpressionSyntax> CallsNamed(this SyntaxTree tree, string name)
    {
        foreach (var simple in tree.SimpleNamesSpelled(name, new TextSpan(0, tree.Length)))
        {
            ExpressionSyntax callee = simple.Parent is MemberAccessExpressionSyntax access && access.Name == simple ? access : simple;
            if (callee.Parent is InvocationExpressionSyntax call && call.Expression == callee)
            {
                yield return call;
            }
        }
    }

    /// <summary>The expression a local is declared with (<c>var types = model.GetEntityTypes();</c>); null when it has none, or is not declared by a declarator (a pattern, an <c>out var</c>).</summary>
    public static ExpressionSyntax? DeclaredInitializer(this ILocalSymbol local, CancellationToken cancellationToken) =>
        local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value } ? value : null;

    /// <summary>The calls chained after <paramref name="call"/> (<c>HasIndex(…).IsUnique().HasDatabaseName(…)</c>), nearest first.</summary>
    public static IEnumerable<InvocationExpressionSyntax> ChainedAfter(this SyntaxNode call)
    {
        var current = call;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current && access.Parent is InvocationExpressionSyntax next)
        {
            yield return next;
            current = next;
        }
    }

    /// <summary>From the operator's name to the end of the call: <c>ToList()</c> in <c>db.Leads.Where(…).ToList()</c>.</summary>
    public static Location OperatorNameToEnd(this SyntaxNode call)
    {
        if (call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } invocation)
        {
            return Location.Create(call.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, invocation.Span.End));
        }

        return call.GetLocation();
    }

    /// <summary>Whether <paramref name="statement"/> always leaves the statements after it: a return, throw, break or continue, or a block that ends in one.</summary>
    public static bool AlwaysLeaves(this StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax => true,
        YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement } => true,
        ExpressionStatementSyntax { Expression: ThrowExpressionSyntax } => true,
        BlockSyntax { Statements: { Count: > 0 } statements } => statements[statements.Count - 1].AlwaysLeaves(),
        _ => false,
    };

    /// <summary>
    /// Whether the method or local function holding <paramref name="node"/> assigns a variable named <paramref name="name"/>
    /// anywhere, or passes one by <c>ref</c> or <c>out</c>: a local read from its declaration holds its initializer only
    /// when not. By name, so a shadowing variable of that name counts too (the answer errs towards "assigned").
    /// </summary>
    public static bool IsAssignedInItsMethod(this SyntaxNode node, string name)
    {
        var method = node.Ancestors().FirstOrDefault(n => n is MemberDeclarationSyntax or LocalFunctionStatementSyntax);
        return method is null || method.DescendantNodes().Any(n => n switch
        {
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } => assigned.Identifier.ValueText == name,
            ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax passed } => passed.Identifier.ValueText == name,
            _ => false,
        });
    }
}
