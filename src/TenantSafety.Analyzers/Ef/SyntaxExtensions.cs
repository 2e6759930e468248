using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace TenantSafety.Analyzers.Rules;

internal static class DiagnosticLocations
{
    /// <summary>From the operator's name to the end of the call: <c>ToList()</c> in <c>db.Leads.Where(…).ToList()</c>.</summary>
    public static Location OperatorNameToEnd(SyntaxNode call)
    {
        if (call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } invocation)
        {
            return Location.Create(call.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, invocation.Span.End));
        }

        return call.GetLocation();
    }
}
