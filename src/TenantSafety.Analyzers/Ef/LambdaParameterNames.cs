using System;
using System.Collections.Generic;

namespace TenantSafety.Analyzers.Ef;

/// <summary>The parameter name of a lambda a fix or the report writes (<c>x =&gt; x.TeamId == teamId</c>).</summary>
internal static class LambdaParameterNames
{
    /// <summary>The first of <paramref name="preferred"/> that is not taken; else the first one numbered (<c>x1</c>, <c>x2</c> …).</summary>
    public static string Choose(IReadOnlyList<string> preferred, Func<string, bool> isTaken)
    {
        foreach (var name in preferred)
        {
            if (!isTaken(name))
            {
                return name;
            }
        }

        for (var i = 1; ; i++)
        {
            var numbered = preferred[0] + i;
            if (!isTaken(numbered))
            {
                return numbered;
            }
        }
    }
}
