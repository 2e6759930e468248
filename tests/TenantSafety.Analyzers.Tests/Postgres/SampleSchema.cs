using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TenantSafety.Analyzers.Tests.Packaging;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Postgres;

/// <summary>
/// The sample's database schema, as EF Core creates it from the model (<c>GenerateCreateScript</c>): built from a
/// copy of the sample, as it is or after <c>dotnet format analyzers</c> applied every TSA2001 and TSA2002 fix with
/// Fix All, and loaded in its own load context (EF Core and Npgsql come from the test host, same versions).
/// </summary>
internal static class SampleSchema
{
    public static async Task<string> CreateScriptAsync(bool applyIndexFixes, ITestOutputHelper output)
    {
        using var copy = SampleCopy.Create(applyIndexFixes ? "tenantsafety-schema-fixed-" : "tenantsafety-schema-");
        await RunAsync(copy, output, "build", SampleCopy.SampleProject);

        if (applyIndexFixes)
        {
            // One rule per run: each run analyzes the code the previous one wrote.
            foreach (var rule in new[] { "TSA2001", "TSA2002" })
            {
                await RunAsync(copy, output, "format", "analyzers", SampleCopy.SampleProject, "--diagnostics", rule, "--severity", "warn", "--no-restore");
            }

            await RunAsync(copy, output, "build", SampleCopy.SampleProject, "--no-restore");
            var remaining = await DotNetCli.RunAsync(copy.Root, ["build", SampleCopy.SampleProject, "--no-restore", "--no-incremental", "-nologo"], TimeSpan.FromMinutes(8));
            output.WriteLine(string.Join('\n', remaining.StandardOutput.Split('\n').Where(l => l.Contains("TSA2001", StringComparison.Ordinal) || l.Contains("TSA2002", StringComparison.Ordinal)).Distinct()));
        }

        var assembly = Path.Combine(copy.SampleDirectory, "bin", "Debug", "net10.0", "Outreach.dll");
        return GenerateCreateScript(assembly);
    }

    private static async Task RunAsync(SampleCopy copy, ITestOutputHelper output, params string[] arguments)
    {
        var result = await DotNetCli.RunAsync(copy.Root, arguments, TimeSpan.FromMinutes(8));
        output.WriteLine($"> {result.CommandLine}: exit code {result.ExitCode} after {result.Elapsed.TotalSeconds:F1} s");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe());
        }
    }

    private static string GenerateCreateScript(string assemblyPath)
    {
        var context = new SampleLoadContext();
        try
        {
            var sample = context.LoadFromAssemblyPath(assemblyPath);
            var factoryType = sample.GetTypes().Single(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)));
            var factory = Activator.CreateInstance(factoryType)!;
            var create = factoryType.GetMethod(nameof(IDesignTimeDbContextFactory<DbContext>.CreateDbContext))!;
            using var db = (DbContext)create.Invoke(factory, [Array.Empty<string>()])!;
            return db.Database.GenerateCreateScript();
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads the sample assembly apart (the fixed and unfixed copies share its name); everything else from the host.</summary>
    private sealed class SampleLoadContext() : AssemblyLoadContext("TenantSafety sample", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
