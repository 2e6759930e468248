using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.MissingCompositeIndexAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// TSA2002 reads the queries of every kind of body a file holds, and picks the first query of each missing shape in
/// the file's source order, whichever body holds it and however the call's arguments are written.
/// </summary>
public sealed class TSA2002QueryBodiesTests
{
    /// <summary>A hot <c>Message</c> indexed on its tenant key only, and the DbContext that maps it.</summary>
    private const string HotMessageModel = """
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
            public string Channel { get; set; } = "";
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Message> Messages => Set<Message>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Message>().HasIndex(m => m.TeamId);
            }
        }
        """;

    /// <summary><see cref="HotMessageModel"/>, and a class <c>Inbox</c> whose members are <paramref name="members"/>.</summary>
    internal static string Source(string members) => $$"""
        {{HotMessageModel}}

        public sealed class Inbox(AppDbContext db, Guid teamId)
        {
        {{members}}
        }

        """;

    public static TheoryData<string, EfCoreVersion> EveryBody => RuleSources.WithEachEf(
        Source("    public int Queued => db.Messages.Where(m => m.TeamId == teamId && m.Status == \"queued\").{|TSA2002:Count()|};"),
        Source("    public int Queued { get { return db.Messages.Where(m => m.TeamId == teamId && m.Status == \"queued\").{|TSA2002:Count()|}; } }"),
        Source("    public int Queued { get => db.Messages.Where(m => m.TeamId == teamId && m.Status == \"queued\").{|TSA2002:Count()|}; }"),
        Source("    public event EventHandler Changed { add { _ = db.Messages.Where(m => m.TeamId == teamId && m.Status == \"queued\").{|TSA2002:Count()|}; } remove { } }"),
        Source("    public Inbox(AppDbContext context, Guid team, int skip) : this(context, team) { Queued = context.Messages.Where(m => m.TeamId == team && m.Status == \"queued\").Skip(skip).{|TSA2002:Count()|}; }\n    public int Queued { get; }"),
        Source("    public static int operator +(Inbox inbox, AppDbContext context) => context.Messages.Where(m => m.TeamId == inbox.Team && m.Status == \"queued\").{|TSA2002:Count()|};\n    public Guid Team => teamId;"),
        Source("    public int Run()\n    {\n        return Local();\n        int Local() => db.Messages.Where(m => m.TeamId == teamId && m.Status == \"queued\").{|TSA2002:Count()|};\n    }"),
        Source("    public Func<int> Run() => () => db.Messages.Where(m => m.TeamId == teamId && m.Status == \"queued\").{|TSA2002:Count()|};"),
        Source("    private sealed class Nested(AppDbContext db, Guid teamId)\n    {\n        public int Run() => db.Messages.Where(m => m.TeamId == teamId && m.Status == \"queued\").{|TSA2002:Count()|};\n    }"));

    [Theory]
    [MemberData(nameof(EveryBody))]
    public async Task A_query_is_read_in_every_kind_of_body(string source, EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync([source], ef, TSA2002MissingCompositeIndexTests.HotMessages);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_first_query_of_the_file_is_first_in_source_order_across_bodies(EfCoreVersion ef)
    {
        var source = Source("""
                public int Queued => db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").{|#0:Count()|};

                public List<Message> Failed() => db.Messages.Where(m => m.TeamId == teamId && m.Status == "failed").ToList();

                public int Sms { get { return db.Messages.Where(m => m.TeamId == teamId && m.Channel == "sms").{|#1:Count()|}; } }

                public int Email() => db.Messages.Where(m => m.Channel == "email" && m.TeamId == teamId).Count();
            """);
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            TSA2002MissingCompositeIndexTests.HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic("TSA2002").WithLocation(1).WithArguments("Message", "TeamId, Channel", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Named_arguments_out_of_order_keep_the_order_they_are_written_in(EfCoreVersion ef)
    {
        // Bound to the parameters first, second; written second, first: the written order decides.
        var source = Source("""
                public int Run() => Pair(
                    second: db.Messages.Where(m => m.TeamId == teamId && m.Status == "failed").{|#0:Count()|},
                    first: db.Messages.Where(m => m.Status == "queued" && m.TeamId == teamId).Count());

                private static int Pair(int first, int second) => first + second;
            """);
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            TSA2002MissingCompositeIndexTests.HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_query_inside_another_comes_after_the_query_that_holds_it(EfCoreVersion ef)
    {
        // Both ask for (TeamId, Status); the outer Any is written first.
        var source = Source("""
                public bool Run() => db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued")
                    .{|#0:Any(m => db.Messages.Where(o => o.TeamId == teamId && o.Status == m.Channel).Count() > 1)|};
            """);
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            TSA2002MissingCompositeIndexTests.HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Top_level_statements_are_a_body_of_their_own_beside_the_types_of_their_file(EfCoreVersion ef)
    {
        // The statements' query asks for (TeamId, Status), the class's for (TeamId, Channel): each is read in its own body.
        var source = $$"""
            using var db = new AppDbContext();
            var teamId = Guid.NewGuid();
            var queued = db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").{|#0:Count()|};
            Console.WriteLine(queued + new Inbox(db, teamId).Sms());

            {{HotMessageModel}}

            public sealed class Inbox(AppDbContext db, Guid teamId)
            {
                public int Sms() => db.Messages.Where(m => m.TeamId == teamId && m.Channel == "sms").{|#1:Count()|};
            }
            """;
        var test = new Verify.Test(ef);
        VerifierConfiguration.AddSources(test.TestState, [source], TSA2002MissingCompositeIndexTests.HotMessages);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA2002").WithLocation(1).WithArguments("Message", "TeamId, Channel", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
        await test.RunAsync();
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_method_of_the_project_named_like_an_execution_point_runs_no_query(EfCoreVersion ef)
    {
        // Tally.Count takes the query and runs nothing the rule can read; the name alone decides nothing.
        var source = Source("""
                public int Queued() => Tally.Count(db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued"));
            }

            public static class Tally
            {
                public static int Count<T>(IQueryable<T> query) => 0;
            """);
        await Verify.VerifyAnalyzerAsync([source], ef, TSA2002MissingCompositeIndexTests.HotMessages);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task What_comments_strings_and_disabled_code_spell_takes_no_query_s_place(EfCoreVersion ef)
    {
        // The rule finds execution points by a search of the file's text: only the calls count, escaped or not.
        var source = Source("""
                // db.Messages.Where(m => m.TeamId == teamId && m.Channel == "sms").Count() is the next query.
                private const string Spelled = "db.Messages.Where(m => m.TeamId == teamId && m.Channel == \"sms\").Count()";
            #if NEVER
                public int Disabled() => db.Messages.Where(m => m.TeamId == teamId && m.Channel == "sms").Count();
            #endif
                public int Sms() => db.Messages.Where(m => m.TeamId == teamId && m.Channel == "sms").{|#0:@Count()|};

                public int Queued() => db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").{|#1:Count/* Count() */()|};
            """);
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            TSA2002MissingCompositeIndexTests.HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Channel", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
            Verify.Diagnostic("TSA2002").WithLocation(1).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_name_spelled_with_a_Unicode_escape_is_an_execution_point_too(EfCoreVersion ef)
    {
        // No search of the text finds "Count" in \u0043ount: the file's bodies are walked instead.
        var source = Source("""
                public int Queued() => db.Messages.Where(m => m.TeamId == teamId && m.Status == "queued").{|#0:\u0043ount()|};
            """);
        await Verify.VerifyAnalyzerAsync(
            [source],
            ef,
            TSA2002MissingCompositeIndexTests.HotMessages,
            Verify.Diagnostic("TSA2002").WithLocation(0).WithArguments("Message", "TeamId, Status", "Messages").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }
}
