using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// The IDE analyses the open file after every keystroke, on a new compilation that keeps every other file's tree. The
/// query findings of the bodies the keystroke did not touch are carried over (<see cref="KeptQueryFindings"/>); these
/// tests type in a service the way the IDE does and require, after every edit, exactly what a fresh compilation of the
/// same text reports, and that the findings were carried where nothing they depend on changed.
/// </summary>
public sealed class KeptQueryFindingsTests
{
    private const string Entities = """
        public class Lead
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid CampaignId { get; set; }
            public Campaign? Campaign { get; set; }
        }

        public class Campaign
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Name { get; set; } = "";
        }

        public static class LeadQueries
        {
            public static IQueryable<Lead> AllLeads(AppDbContext db) => db.Leads;

            public static IQueryable<Lead> FromSql(AppDbContext db) => db.Leads.FromSqlRaw("SELECT * FROM \"Leads\"");
        }
        """;

    private const string Context = """
        public class AppDbContext : DbContext
        {
            public Guid TenantId { get; set; }

            public DbSet<Lead> Leads => Set<Lead>();
            public DbSet<Campaign> Campaigns => Set<Campaign>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Lead>().HasIndex(l => l.TeamId);
                modelBuilder.Entity<Lead>().HasQueryFilter(l => l.CampaignId != Guid.Empty);
            }
        }
        """;

    private const string Service = """
        public class LeadService(AppDbContext db, Guid teamId)
        {
            public List<Lead> All()
            {
                return db.Leads.ToList();
            }

            public List<Lead> Mine() => db.Leads.Where(l => l.TeamId == teamId).ToList();

            public int CountScoped() => Scoped(db.Leads).Count();

            private IQueryable<Lead> Scoped(IQueryable<Lead> leads) => leads.Where(l => l.TeamId == teamId);

            public List<Campaign> Campaigns()
            {
                var query = db.Campaigns.AsQueryable();
                if (teamId != Guid.Empty)
                {
                    query = query.Where(c => c.Name != "");
                }

                return query.ToList();
            }

            public int Renamed() => db.Campaigns.Where(c => c.TeamId == teamId).Count();

            public Task<List<Lead>> PageAsync(int take = 20, CancellationToken ct = default) => db.Leads.Take(take).ToListAsync(ct);

            public List<Lead> ViaHelperInAnotherFile() => LeadQueries.AllLeads(db).ToList();

            public List<Lead> SqlInAnotherFile() => LeadQueries.FromSql(db).ToList();

            public List<Campaign> CampaignOf(Guid id)
            {
                var lead = db.Leads.First(l => l.Id == id && l.TeamId == teamId);
                return CampaignsById(lead.CampaignId);
            }

            private List<Campaign> CampaignsById(Guid campaignId) => db.Campaigns.Where(c => c.Id == campaignId).ToList();
        }
        """;

    private const int ServiceIndex = 2;

    [Fact]
    public async Task A_keystroke_carries_the_findings_of_the_bodies_it_did_not_touch()
    {
        var first = Compile();
        var baseline = await DocumentDiagnosticsAsync(first);
        Assert.Contains("'Lead'", baseline, System.StringComparison.Ordinal);
        Assert.Contains("'Campaign'", baseline, System.StringComparison.Ordinal);

        // The second compilation of the same declarations records (a build, one compilation, never does).
        var second = Edit(first, Service + "\n// typed\n");
        Assert.Equal(0, Carried(second));
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(second)), await DocumentDiagnosticsAsync(second));

        // A comment typed: every body's findings carried.
        var third = Edit(second, Service + "\n// typed more\n");
        Assert.Equal(BodiesWithOperations(third), Carried(third));
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(third)), await DocumentDiagnosticsAsync(third));

        // Typing in one body: that body is judged again, the others carried, and each finding lands at its new place.
        var unscoped = Edit(third, Service.Replace(
            "public List<Lead> Mine() => db.Leads.Where(l => l.TeamId == teamId).ToList();",
            "public List<Lead> Mine() => db.Leads.Where(l => l.CampaignId != Guid.Empty)\n        .ToList();"));
        Assert.Equal(BodiesWithOperations(unscoped) - 1, Carried(unscoped));
        var diagnostics = await DocumentDiagnosticsAsync(unscoped);
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(unscoped)), diagnostics);
        Assert.Equal(baseline.Split('\n').Length + 1, diagnostics.Split('\n').Length);
    }

    [Fact]
    public async Task Editing_a_helper_judges_its_callers_again()
    {
        var recorded = await RecordedAsync();
        var before = await DocumentDiagnosticsAsync(recorded);
        Assert.DoesNotContain("CountScoped", before, System.StringComparison.Ordinal);

        // The helper stops scoping: its caller, whose own text did not change, now leaks.
        var edited = Edit(recorded, Service.Replace("leads.Where(l => l.TeamId == teamId)", "leads.Where(l => l.CampaignId != Guid.Empty)"));
        Assert.Equal(0, Carried(edited));
        var diagnostics = await DocumentDiagnosticsAsync(edited);
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(edited)), diagnostics);
        Assert.Equal(before.Split('\n').Length + 1, diagnostics.Split('\n').Length);
    }

    /// <summary>
    /// A private helper's lookup is tied to the loaded row whose key every call passes; a keystroke in another body that
    /// changes or adds a call decides the helper's finding, though the helper's own text did not change.
    /// </summary>
    [Theory]
    [InlineData("return CampaignsById(lead.CampaignId);", "return CampaignsById(id);")]
    [InlineData("public int Renamed() => db.Campaigns.Where(c => c.TeamId == teamId).Count();", "public int Renamed() => CampaignsById(teamId).Count;")]
    public async Task Editing_a_call_of_a_private_helper_judges_the_helper_again(string call, string edited)
    {
        var recorded = await RecordedAsync();
        var before = await DocumentDiagnosticsAsync(recorded);
        Assert.DoesNotContain("(38,", before, System.StringComparison.Ordinal);

        var changed = Edit(recorded, Service.Replace(call, edited));
        Assert.Equal(0, Carried(changed));
        var diagnostics = await DocumentDiagnosticsAsync(changed);
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(changed)), diagnostics);
        Assert.Contains("(38,", diagnostics, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_another_file_judges_the_file_again()
    {
        var recorded = await RecordedAsync();
        var before = await DocumentDiagnosticsAsync(recorded);

        // The context's filter made a tenant filter, in its body only: every Lead query of the service is now scoped.
        var filtered = EditTree(recorded, 1, Context.Replace("HasQueryFilter(l => l.CampaignId != Guid.Empty)", "HasQueryFilter(l => l.TeamId == TenantId)"));
        var typed = Edit(filtered, Service + "\n// typed again\n");
        Assert.Equal(0, Carried(typed));
        var diagnostics = await DocumentDiagnosticsAsync(typed);
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(typed)), diagnostics);
        Assert.NotEqual(before, diagnostics);
    }

    [Fact]
    public async Task A_declaration_edit_judges_the_file_again()
    {
        var recorded = await RecordedAsync();

        var renamed = Edit(recorded, Service.Replace("public int Renamed()", "public int RenamedAgain()"));
        Assert.Equal(0, Carried(renamed));
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(renamed)), await DocumentDiagnosticsAsync(renamed));
    }

    [Fact]
    public async Task Carried_findings_keep_their_fix_properties_and_places_in_other_bodies()
    {
        var recorded = await RecordedAsync();

        // A body that grows above the others moves every later finding.
        var moved = Edit(recorded, Service.Replace("return db.Leads.ToList();", "// first\n        var leads = db.Leads;\n\n        return leads.ToList();"));
        Assert.Equal(BodiesWithOperations(moved) - 1, Carried(moved));
        var diagnostics = await DocumentDiagnosticsAsync(moved, detailed: true);
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(moved), detailed: true), diagnostics);
        Assert.Contains("TeamId", diagnostics, System.StringComparison.Ordinal);

        // Raw SQL written in a helper in another file is reported there: a place kept as it was, in a file not edited.
        var everywhere = await AnalyzerHarness.RunAsync(moved, [new UnscopedTenantQueryAnalyzer()]);
        Assert.Empty(everywhere.Failures);
        Assert.Contains(everywhere.Diagnostics, d => d.Id == "TSA1004" && d.Location.SourceTree!.FilePath == "/0/Test0.cs");

    }

    [Fact]
    public async Task Half_typed_code_is_judged_as_a_fresh_compilation_judges_it()
    {
        var recorded = await RecordedAsync();
        var statement = "var extra = db.Leads.Where(l => l.TeamId == teamId).ToList();";
        var anchor = "var query = db.Campaigns.AsQueryable();";

        // Typed one piece at a time, through states that do not parse (an open lambda, a missing brace).
        var typed = recorded;
        foreach (var length in new[] { 4, 13, 24, 33, 45, statement.Length })
        {
            typed = Edit(typed, Service.Replace(anchor, anchor + "\n        " + statement[..length]));
            Assert.Equal(await DocumentDiagnosticsAsync(Fresh(typed), detailed: true), await DocumentDiagnosticsAsync(typed, detailed: true));
        }

        var unbalanced = Edit(typed, Service.Replace(anchor, anchor + "\n        }"));
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(unbalanced), detailed: true), await DocumentDiagnosticsAsync(unbalanced, detailed: true));
        var balanced = Edit(unbalanced, Service + "\n// balanced again\n");
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(balanced), detailed: true), await DocumentDiagnosticsAsync(balanced, detailed: true));
    }

    [Fact]
    public async Task A_file_that_configures_the_model_is_judged_every_time()
    {
        var compilation = EfCoreReferences.Compile(EfCoreVersion.Ef10, Entities, Context + Service, "public class Other { }");
        await DocumentDiagnosticsAsync(compilation, tree: 1);
        var recorded = EditTree(compilation, 1, Context + Service + "\n// typed\n");
        await DocumentDiagnosticsAsync(recorded, tree: 1);
        var typed = EditTree(recorded, 1, Context + Service + "\n// typed again\n");
        Assert.Equal(await DocumentDiagnosticsAsync(Fresh(typed), tree: 1), await DocumentDiagnosticsAsync(typed, tree: 1));
        Assert.Equal(0, KeptQueryFindings.KeptBodies(typed, typed.SyntaxTrees.ElementAt(1).FilePath));
    }

    [Fact]
    public async Task A_build_keeps_nothing()
    {
        var compilation = Compile();
        var run = await AnalyzerHarness.RunAsync(compilation, [new UnscopedTenantQueryAnalyzer()]);
        Assert.NotEmpty(run.Diagnostics);
        Assert.Equal(0, KeptQueryFindings.KeptBodies(compilation, compilation.SyntaxTrees.ElementAt(ServiceIndex).FilePath));
    }

    /// <summary>
    /// The service after one keystroke, analysed: the first compilation of a version is never recorded (it may be a
    /// build), the second is. Every body of it is then kept, which a comment typed next would carry whole.
    /// </summary>
    private static async Task<Compilation> RecordedAsync()
    {
        var first = Compile();
        await DocumentDiagnosticsAsync(first);
        var recorded = Edit(first, Service + "\n// typed\n");
        await DocumentDiagnosticsAsync(recorded);
        Assert.Equal(BodiesWithOperations(recorded), Carried(Edit(recorded, Service + "\n// a comment\n")));
        return recorded;
    }

    private static CSharpCompilation Compile() => EfCoreReferences.Compile(EfCoreVersion.Ef10, Entities, Context, Service);

    private static Compilation Edit(Compilation compilation, string text) => IdeEdits.Edit(compilation, ServiceIndex, text);

    private static Compilation EditTree(Compilation compilation, int index, string text) => IdeEdits.Edit(compilation, index, text);

    private static Compilation Fresh(Compilation compilation) => IdeEdits.Fresh(compilation, EfCoreVersion.Ef10);

    /// <summary>How many bodies of the service had their findings carried into <paramref name="compilation"/>.</summary>
    private static int Carried(Compilation compilation) => IdeEdits.CarriedBodies(compilation, ServiceIndex);

    /// <summary>The service's bodies that hold an operation the rule judges (a body without one is never looked at).</summary>
    private static int BodiesWithOperations(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.ElementAt(ServiceIndex);
        return tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax>()
            .Count(member => member is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax);
    }

    /// <summary>The open file's findings, as the IDE asks for them (one tree).</summary>
    private static async Task<string> DocumentDiagnosticsAsync(Compilation compilation, bool detailed = false, int tree = ServiceIndex)
    {
        var run = await AnalyzerHarness.RunAsync(compilation, [new UnscopedTenantQueryAnalyzer()], document: compilation.SyntaxTrees.ElementAt(tree));
        Assert.Empty(run.Failures);
        return string.Join("\n", run.Diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"
                + (detailed
                    ? " | " + string.Join(";", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString())) + " | " + string.Join(";", d.Properties.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
                    : string.Empty))
            .OrderBy(d => d, System.StringComparer.Ordinal));
    }
}
