using System.IO;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace TenantSafety.Analyzers.Tests.Packaging;

/// <summary>
/// Fix All of every fixable rule through <c>dotnet format analyzers</c> on a solution the benchmark's generator writes
/// (see <see cref="FixAllProperty"/>): every mapping style (attributes, <c>Entity&lt;T&gt;</c> blocks and chains,
/// configuration classes), tenant filters, migrations. TSA1007, off by default, is switched on here: its fix is run too.
/// </summary>
public sealed class GeneratedFixAllPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fix_all_on_a_generated_solution_leaves_a_project_that_compiles_with_no_new_finding_and_nothing_left_to_fix()
    {
        using var workspace = FixAllWorkspace.Generated(entities: 24, querySites: 200, reportingLines: 300);
        File.AppendAllText(Path.Combine(workspace.ProjectDirectory, ".editorconfig"), "dotnet_diagnostic.TSA1007.severity = suggestion\n");

        await FixAllProperty.CheckAsync(workspace, output, FixAllProperty.TenantFilterPass, FixAllProperty.QueryAndMigrationPass, FixAllProperty.ModelPass);
    }
}
