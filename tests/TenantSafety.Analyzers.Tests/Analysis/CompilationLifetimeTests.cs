using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Analyzers.Analysis;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Analysis;

/// <summary>
/// A compilation, and everything the analyzers built for it, can be collected once its host lets it go, although what
/// the host keeps lives on: one options provider for many compilations (the compiler server, the IDE, the benchmark),
/// the trees of unchanged files, the other open projects. The shared state was once kept in a table keyed by the options
/// provider, which kept every compilation's state, and through it the compilation, alive (a 2× benchmark build leaked
/// ~230 MB per run); a configuration record and the referenced-types cache each kept a compilation too.
/// </summary>
public sealed class CompilationLifetimeTests
{
    [Fact]
    public void A_compilation_analysed_with_options_that_outlive_it_can_be_collected()
    {
        var options = NewOptions();

        var compilation = AnalyseAndLetGo(options, out var state);

        Collect();
        Assert.False(state.IsAlive, "The analyzers' state of an analysed compilation was kept alive by its options provider.");
        Assert.False(compilation.IsAlive, "An analysed compilation was kept alive by its options provider.");
        GC.KeepAlive(options);
    }

    /// <summary>
    /// The IDE's edit cycle: the next compilation keeps the trees of unchanged files, and with them what was read from
    /// those files (the configuration's records, the findings of untouched bodies). None of it may hold the compilation
    /// it was read in.
    /// </summary>
    [Fact]
    public void A_compilation_an_edit_replaced_can_be_collected_while_its_unchanged_files_live_on()
    {
        var options = NewOptions();

        var (replaced, next) = AnalyseEditAndLetGo(options);

        Collect();
        Assert.False(replaced.IsAlive, "A compilation the IDE replaced was kept alive by what was read from its unchanged files.");
        GC.KeepAlive(next);
        GC.KeepAlive(options);
    }

    /// <summary>A project reference hands the analysed compilation the other project's compilation; neither may outlive the IDE's use of them.</summary>
    [Fact]
    public void A_referenced_project_s_compilation_can_be_collected_with_the_one_that_referenced_it()
    {
        var options = NewOptions();

        // Another project of the same references stays open, as in the IDE: it keeps the shared core library's symbol alive.
        var bystander = EfCoreReferences.Compile(EfCoreVersion.Ef10, "public class Bystander { }");
        Assert.NotNull(bystander.ObjectType.ContainingAssembly);
        var (domain, application) = AnalyseWithProjectReferenceAndLetGo(options);

        Collect();
        Assert.False(application.IsAlive, "An analysed compilation with a project reference was kept alive.");
        Assert.False(domain.IsAlive, "The compilation of a referenced project was kept alive after the one that referenced it was let go.");
        GC.KeepAlive(options);
        GC.KeepAlive(bystander);
    }

    [Fact]
    public void The_state_is_shared_per_compilation_and_options_provider()
    {
        var compilation = EfCoreReferences.Compile(EfCoreVersion.Ef10, TSA2002QueryBodiesTests.Source("public int All => db.Messages.Count();"));
        var first = NewOptions();
        var second = new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string> { ["tenant_safety.hot_entities"] = "messages" });

        var state = TenantCompilationState.For(compilation, Options(first));

        Assert.NotNull(state);
        Assert.Same(state, TenantCompilationState.For(compilation, Options(first)));
        Assert.NotSame(state, TenantCompilationState.For(compilation, Options(second)));
        Assert.Same(TenantCompilationState.For(compilation, Options(second)), TenantCompilationState.For(compilation, Options(second)));
    }

    // Not inlined, so that no local of the test method keeps the compilation or its state reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference AnalyseAndLetGo(AnalyzerConfigOptionsProvider options, out WeakReference state)
    {
        var compilation = EfCoreReferences.Compile(EfCoreVersion.Ef10, Model, Service("Count(m => m.Status == \"queued\")"));
        var analysed = Analyse(compilation, options);
        state = new WeakReference(TenantCompilationState.For(analysed, Options(options)) ?? throw new InvalidOperationException("The compilation was not analysed."));
        return new WeakReference(analysed);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Replaced, Compilation Next) AnalyseEditAndLetGo(AnalyzerConfigOptionsProvider options)
    {
        var first = EfCoreReferences.Compile(EfCoreVersion.Ef10, Model, Service("Count(m => m.Status == \"queued\")"));
        var replaced = Analyse(first, options);

        var service = first.SyntaxTrees.Single(t => t.ToString().Contains("class Inbox", StringComparison.Ordinal));
        var edited = service.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Service("Count(m => m.Status == \"sent\")")));
        var next = first.ReplaceSyntaxTree(service, edited);
        Analyse(next, options);
        return (new WeakReference(replaced), next);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Domain, WeakReference Application) AnalyseWithProjectReferenceAndLetGo(AnalyzerConfigOptionsProvider options)
    {
        var domain = EfCoreReferences.Compile(EfCoreVersion.Ef10, """
            namespace Shop.Domain;

            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
                public string Status { get; set; } = "";
            }
            """).WithAssemblyName("Shop.Domain");
        var application = EfCoreReferences.Compile(EfCoreVersion.Ef10, "using Shop.Domain;\n" + Model[Model.IndexOf("public class AppDbContext", StringComparison.Ordinal)..], "using Shop.Domain;\n" + Service("Count(m => m.Status == \"queued\")"))
            .AddReferences(domain.ToMetadataReference());
        var analysed = Analyse(application, options);
        return (new WeakReference(domain), new WeakReference(analysed));
    }

    /// <summary>
    /// Runs every analyzer on <paramref name="compilation"/>, requires a query finding (so the state, the model and the
    /// query evaluation were all built), and returns the compilation they saw: the driver analyses a copy of the one it is
    /// given, and that copy is what the analyzers' state is kept for.
    /// </summary>
    private static Compilation Analyse(Compilation compilation, AnalyzerConfigOptionsProvider options)
    {
        var probe = new CompilationProbe();
        var run = AnalyzerHarness.RunAsync(compilation, ShippedExtensions.CreateAnalyzers().Add(probe), options).GetAwaiter().GetResult();
        Assert.Empty(run.Failures);
        Assert.Contains(run.Diagnostics, d => d.Id.StartsWith("TSA100", StringComparison.Ordinal));
        return probe.Seen ?? throw new InvalidOperationException("The driver started no compilation.");
    }

    /// <summary>A provider of its own for each test, as a host's: the shared empty one would tie the tests to each other.</summary>
    private static TestAnalyzerConfigOptionsProvider NewOptions() => new(new Dictionary<string, string>());

    /// <summary>Remembers the compilation the driver hands the analyzers.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class CompilationProbe : DiagnosticAnalyzer
    {
        public Compilation? Seen { get; private set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(new DiagnosticDescriptor("PROBE01", "Probe", "Probe", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true));

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
#pragma warning disable RS1012 // The probe only looks at the compilation; it reports nothing.
            context.RegisterCompilationStartAction(start => Seen = start.Compilation);
#pragma warning restore RS1012
        }
    }

    private const string Model = """
        public class Message
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Message> Messages => Set<Message>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<Message>(message =>
                {
                    message.ToTable("messages");
                    message.HasIndex(m => m.TeamId);
                });
            }
        }
        """;

    private static string Service(string count) => $$"""
        public sealed class Inbox(AppDbContext db)
        {
            public int Queued() => db.Messages.{{count}};
        }
        """;

    private static AnalyzerOptions Options(AnalyzerConfigOptionsProvider provider) =>
        new(ImmutableArray<AdditionalText>.Empty, provider);

    private static void Collect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
    }
}
