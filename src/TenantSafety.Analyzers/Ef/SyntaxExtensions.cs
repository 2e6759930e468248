using System.Collections.Generic;
using Microsoft.CodeAnalysis;
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
}
