using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TenantSafety.Benchmarks.Generation;

namespace TenantSafety.Benchmarks.Measurement;

/// <summary>
/// What <c>dotnet build</c> hands the compiler for a net10.0 library with EF Core and Npgsql: parse and
/// compilation options, references, and the analyzer options (the SDK's AnalysisLevel 10 "default" global
/// config, the project's .editorconfig, and the build properties the SDK exposes to analyzers).
/// </summary>
internal sealed class ProjectSettings
{
    private ProjectSettings(
        CSharpParseOptions parseOptions,
        CSharpCompilationOptions compilationOptions,
        ImmutableArray<MetadataReference> references,
        AnalyzerOptions analyzerOptions)
    {
        ParseOptions = parseOptions;
        CompilationOptions = compilationOptions;
        References = references;
        AnalyzerOptions = analyzerOptions;
    }

    public CSharpParseOptions ParseOptions { get; }

    public CSharpCompilationOptions CompilationOptions { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public AnalyzerOptions AnalyzerOptions { get; }

    public static ProjectSettings Create(string sdkDirectory, string editorConfig)
    {
        // No <GenerateDocumentationFile>: csc gets no /doc, so doc comments are not parsed as structure.
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp14, DocumentationMode.None);

        var globalConfigPath = Path.Combine(sdkDirectory, "Sdks", "Microsoft.NET.Sdk", "analyzers", "build", "config", "analysislevel_10_default.globalconfig");
        var configs = ImmutableArray.Create(
            AnalyzerConfig.Parse(File.ReadAllText(globalConfigPath), globalConfigPath),
            AnalyzerConfig.Parse(BuildProperties, SolutionGenerator.Root + "obj/Acme.Outreach.GeneratedMSBuildEditorConfig.editorconfig"),
            AnalyzerConfig.Parse(editorConfig, SolutionGenerator.Root + ".editorconfig"));
        var set = AnalyzerConfigSet.Create(configs, out var configDiagnostics);
        if (configDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, configDiagnostics));
        }

        // Every generated file sits under the one .editorconfig section, so one result serves all trees.
        var fileOptions = set.GetOptionsForSourcePath(SolutionGenerator.Root + "Any.cs");
        var compilationOptions = new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Debug,
                deterministic: true,
                concurrentBuild: true)
            .WithSpecificDiagnosticOptions(fileOptions.TreeOptions);

        var provider = new FixedOptionsProvider(
            new DictionaryOptions(set.GlobalConfigOptions.AnalyzerOptions),
            new DictionaryOptions(fileOptions.AnalyzerOptions));
        return new ProjectSettings(parseOptions, compilationOptions, CreateReferences(), new AnalyzerOptions([], provider));
    }

    /// <summary>Part of what the SDK writes to GeneratedMSBuildEditorConfig.editorconfig for such a project.</summary>
    private const string BuildProperties = """
        is_global = true
        build_property.TargetFramework = net10.0
        build_property.TargetFrameworkIdentifier = .NETCoreApp
        build_property.TargetFrameworkVersion = v10.0
        build_property.TargetPlatformMinVersion =
        build_property.UsingMicrosoftNETSdkWeb =
        build_property.ProjectTypeGuids =
        build_property.InvariantGlobalization =
        build_property.PlatformNeutralAssembly =
        build_property.EnforceExtendedAnalyzerRules =
        build_property._SupportedPlatformList = Linux,macOS,Windows
        build_property.RootNamespace = Acme.Outreach
        build_property.ProjectDir = /bench/Acme.Outreach/
        build_property.EnableComHosting =
        build_property.EnableGeneratedComInterfaceComImportInterop =
        build_property.EffectiveAnalysisLevelStyle = 10.0
        build_property.EnableCodeStyleSeverity =
        """;

    /// <summary>net10.0 reference assemblies, plus EF Core 10, Npgsql's provider and their dependencies.</summary>
    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var packageAssemblies = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path =>
            {
                var name = Path.GetFileName(path);
                return name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                    || name.StartsWith("Npgsql", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);
            })
            .Order(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return [.. Basic.Reference.Assemblies.Net100.References.All, .. packageAssemblies];
    }

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys => values.Keys;
    }

    private sealed class FixedOptionsProvider(AnalyzerConfigOptions global, AnalyzerConfigOptions perFile) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions s_empty = new DictionaryOptions(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => perFile;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_empty;
    }
}
