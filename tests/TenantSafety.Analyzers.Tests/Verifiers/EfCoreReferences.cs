using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>
/// The compile-time references of a test source, per EF Core version. Built once, from files already on
/// disk: the framework from Basic.Reference.Assemblies, EF Core 10 from the test project's own package
/// references, EF Core 8 from the NuGet cache where restore put its <c>PackageDownload</c>. Nothing is
/// downloaded while tests run.
/// </summary>
public static class EfCoreReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_ef10 = new(CreateEf10, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_ef8 = new(CreateEf8, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_npgsql10 = new(
        () => [.. NpgsqlAssemblyPaths(EfCoreVersion.Ef10).Select(path => MetadataReference.CreateFromFile(path))],
        LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_npgsql8 = new(
        () => [.. NpgsqlAssemblyPaths(EfCoreVersion.Ef8).Select(path => MetadataReference.CreateFromFile(path))],
        LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_net10Only = new(
        () => [.. Basic.Reference.Assemblies.Net100.References.All],
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Framework and EF Core references for <paramref name="ef"/>.</summary>
    public static ImmutableArray<MetadataReference> Get(EfCoreVersion ef) => ef switch
    {
        EfCoreVersion.Ef8 => s_ef8.Value,
        EfCoreVersion.Ef10 => s_ef10.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(ef), ef, null),
    };

    /// <summary>
    /// The Npgsql EF Core provider (and the Npgsql it is built on) of <paramref name="ef"/>'s generation, added to
    /// <see cref="Get(EfCoreVersion)"/> by tests that opt in (<see cref="DatabaseProvider.Npgsql"/>): the migration rules apply only
    /// where the provider is referenced.
    /// </summary>
    public static ImmutableArray<MetadataReference> Npgsql(EfCoreVersion ef) => ef switch
    {
        EfCoreVersion.Ef8 => s_npgsql8.Value,
        EfCoreVersion.Ef10 => s_npgsql10.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(ef), ef, null),
    };

    /// <summary>The references of <paramref name="ef"/> plus those of <paramref name="provider"/>.</summary>
    public static ImmutableArray<MetadataReference> Get(EfCoreVersion ef, DatabaseProvider provider) =>
        provider == DatabaseProvider.Npgsql ? Get(ef).AddRange(Npgsql(ef)) : Get(ef);

    /// <summary>The .NET 10 framework alone: for code that does not use EF Core at all.</summary>
    public static ImmutableArray<MetadataReference> FrameworkOnly => s_net10Only.Value;

    /// <summary>The target framework moniker matching <paramref name="ef"/>'s framework references.</summary>
    public static string TargetFramework(EfCoreVersion ef) => ef == EfCoreVersion.Ef8 ? "net8.0" : "net10.0";

    /// <summary>
    /// The language version a project on that framework gets by default: C# 12 on .NET 8; on .NET 10 the
    /// newest the test compiler supports (C# 14 needs Roslyn 5).
    /// </summary>
    public static LanguageVersion LanguageVersion(EfCoreVersion ef) =>
        ef == EfCoreVersion.Ef8 ? Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12 : Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest;

    /// <summary>Parse options for test sources compiled against <paramref name="ef"/>.</summary>
    public static CSharpParseOptions ParseOptions(EfCoreVersion ef) =>
        new(LanguageVersion(ef), DocumentationMode.Parse);

    /// <summary>Compilation options shared by every test compilation: a library with nullable enabled.</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>
    /// Compilation options for a project referencing <paramref name="provider"/>. A provider is built against an
    /// older patch of EF Core than the reference set holds; the SDK's default <c>NoWarn</c> (CS1701, CS1702) hides
    /// that unification notice in real projects, and so do these options.
    /// </summary>
    public static CSharpCompilationOptions CompilationOptionsFor(DatabaseProvider provider) =>
        provider == DatabaseProvider.None
            ? CompilationOptions
            : CompilationOptions.WithSpecificDiagnosticOptions([new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]);

    /// <summary>Compiles <paramref name="sources"/> (plus <see cref="TestModel.Usings"/>) against <paramref name="ef"/>.</summary>
    public static CSharpCompilation Compile(EfCoreVersion ef, params string[] sources) => Compile(ef, DatabaseProvider.None, sources);

    /// <summary>As <see cref="Compile(EfCoreVersion, string[])"/>, with the references of <paramref name="provider"/>.</summary>
    public static CSharpCompilation Compile(EfCoreVersion ef, DatabaseProvider provider, params string[] sources)
    {
        var parseOptions = ParseOptions(ef);
        var trees = sources
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"/0/Test{i}.cs"))
            .Append(CSharpSyntaxTree.ParseText(TestModel.Usings, parseOptions, path: TestModel.GlobalUsingsPath));
        return CSharpCompilation.Create("TestProject", trees, Get(ef, provider), CompilationOptionsFor(provider));
    }

    /// <summary>The assemblies that make up EF Core itself in a reference set (for version checks).</summary>
    internal static ImmutableArray<string> EfCoreAssemblyPaths(EfCoreVersion ef) => ef switch
    {
        EfCoreVersion.Ef8 => Ef8AssemblyPaths(),
        EfCoreVersion.Ef10 => Ef10AssemblyPaths(),
        _ => throw new ArgumentOutOfRangeException(nameof(ef), ef, null),
    };

    private static ImmutableArray<MetadataReference> CreateEf10() =>
        [
            .. Basic.Reference.Assemblies.Net100.References.All,
            .. Ef10AssemblyPaths().Select(path => MetadataReference.CreateFromFile(path)),
        ];

    private static ImmutableArray<MetadataReference> CreateEf8() =>
        [
            .. Basic.Reference.Assemblies.Net80.References.All,
            .. Ef8AssemblyPaths().Select(path => MetadataReference.CreateFromFile(path)),
        ];

    private static ImmutableArray<string> Ef10AssemblyPaths() =>
        [
            typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly.Location,
            typeof(Microsoft.EntityFrameworkCore.IndexAttribute).Assembly.Location,
            typeof(Microsoft.EntityFrameworkCore.RelationalQueryableExtensions).Assembly.Location,
        ];

    private static ImmutableArray<string> Ef8AssemblyPaths()
    {
        var packageRoot = GetAssemblyMetadata("NuGetPackageRoot");
        var version = GetAssemblyMetadata("EfCore8Version");
        string[] packageIds = ["Microsoft.EntityFrameworkCore", "Microsoft.EntityFrameworkCore.Abstractions", "Microsoft.EntityFrameworkCore.Relational"];
        return [.. packageIds.Select(id =>
        {
            // The global packages folder lays packages out as <lowercase id>/<version>/lib/<tfm>/<Id>.dll.
            var path = Path.Combine(packageRoot, id.ToLowerInvariant(), version, "lib", "net8.0", id + ".dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"EF Core {version} reference assembly not found at '{path}'. It is put there by the test project's " +
                    "PackageDownload at restore time: run 'dotnet restore' (tests never download packages themselves).",
                    path);
        })];
    }

    /// <summary>Npgsql 10 from the test project's own package reference; Npgsql 8 from the NuGet cache (PackageDownload).</summary>
    internal static ImmutableArray<string> NpgsqlAssemblyPaths(EfCoreVersion ef)
    {
        if (ef == EfCoreVersion.Ef10)
        {
            return
            [
                typeof(Microsoft.EntityFrameworkCore.NpgsqlMigrationBuilderExtensions).Assembly.Location,
                typeof(global::Npgsql.NpgsqlConnection).Assembly.Location,
            ];
        }

        var packageRoot = GetAssemblyMetadata("NuGetPackageRoot");
        (string Id, string Version)[] packages =
        [
            ("Npgsql.EntityFrameworkCore.PostgreSQL", GetAssemblyMetadata("NpgsqlEfCore8Version")),
            ("Npgsql", GetAssemblyMetadata("Npgsql8Version")),
        ];
        return [.. packages.Select(package =>
        {
            var path = Path.Combine(packageRoot, package.Id.ToLowerInvariant(), package.Version, "lib", "net8.0", package.Id + ".dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException(
                    $"{package.Id} {package.Version} not found at '{path}'. It is put there by the test project's PackageDownload at restore time: run 'dotnet restore'.",
                    path);
        })];
    }

    internal static string GetAssemblyMetadata(string key) =>
        typeof(EfCoreReferences).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no [AssemblyMetadata(\"{key}\", …)]; the test project file writes it.");
}
