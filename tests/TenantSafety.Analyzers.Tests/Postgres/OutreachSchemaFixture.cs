using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Postgres;

/// <summary>The sample's create scripts before and after the index fixes, each built once (a build and two format runs take a while).</summary>
public sealed class OutreachSchemaFixture
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _before;
    private string? _after;

    internal async Task<string> ScriptAsync(bool afterIndexFixes, ITestOutputHelper output)
    {
        await _gate.WaitAsync();
        try
        {
            if (afterIndexFixes)
            {
                return _after ??= await SampleSchema.CreateScriptAsync(applyIndexFixes: true, output);
            }

            return _before ??= await SampleSchema.CreateScriptAsync(applyIndexFixes: false, output);
        }
        finally
        {
            _gate.Release();
        }
    }
}
