using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>What every analyzer and code-fix test project looks like, whichever verifier runs it.</summary>
internal static class VerifierConfiguration
{
    /// <summary>Path of the <c>.editorconfig</c> a test can supply; every source lives below it.</summary>
    public const string EditorConfigPath = "/.editorconfig";

    /// <summary>
    /// Points <paramref name="test"/> at the offline reference set of <paramref name="ef"/> and sets the
    /// language version and nullable context of a real project on that framework.
    /// </summary>
    public static void Configure(AnalyzerTest<DefaultVerifier> test, EfCoreVersion ef, DatabaseProvider provider = DatabaseProvider.None)
    {
        // An empty ReferenceAssemblies (no reference-assembly package, no packages) resolves to nothing and
        // never touches a package source; the framework and EF Core come from AdditionalReferences instead.
        // Any of the library's ReferenceAssemblies.Net.* or AddPackages would download at test time.
        test.ReferenceAssemblies = new ReferenceAssemblies(EfCoreReferences.TargetFramework(ef));
        test.TestState.AdditionalReferences.AddRange(EfCoreReferences.Get(ef, provider));

        // The [|…|] markup means the analyzer's first descriptor (the library's default throws when an
        // analyzer supports several); other IDs are written {|TSA1002:…|}.
        test.MarkupOptions |= MarkupOptions.UseFirstDescriptor;

        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            // DocumentationMode.Parse, as in the IDE: the library's default (Diagnose) adds CS1591 to every public member.
            var parseOptions = ((CSharpParseOptions)project.ParseOptions!)
                .WithLanguageVersion(EfCoreReferences.LanguageVersion(ef))
                .WithDocumentationMode(DocumentationMode.Parse);
            var compilationOptions = ((CSharpCompilationOptions)project.CompilationOptions!)
                .WithNullableContextOptions(NullableContextOptions.Enable);
            return solution
                .WithProjectParseOptions(projectId, parseOptions)
                .WithProjectCompilationOptions(projectId, compilationOptions);
        });
    }

    /// <summary>
    /// Makes <paramref name="state"/> a project that does not reference EF Core (a Clean Architecture Application layer):
    /// the .NET 10 framework alone, and the implicit usings without EF Core's namespace. Call it after adding the sources.
    /// </summary>
    public static void WithoutEfCore(SolutionState state)
    {
        state.AdditionalReferences.Clear();
        state.AdditionalReferences.AddRange(EfCoreReferences.FrameworkOnly);
        state.Sources.Add((TestModel.GlobalUsingsPath, TestModel.UsingsWithoutEfCore));
    }

    /// <summary>Adds the test's sources (default names <c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>, …) and its <c>.editorconfig</c>.</summary>
    public static void AddSources(SolutionState state, IEnumerable<string> sources, string? editorConfig)
    {
        foreach (var source in sources)
        {
            state.Sources.Add(source);
        }

        if (editorConfig is not null)
        {
            state.AnalyzerConfigFiles.Add((EditorConfigPath, editorConfig));
        }
    }

    /// <summary>
    /// Appends <see cref="TestModel.Usings"/> as <see cref="TestModel.GlobalUsingsPath"/> to every state that
    /// lists its own sources (a fixed state without sources inherits the test state's). Called just before the
    /// test runs, so the test's own sources keep the default names and the indexes of their markup.
    /// </summary>
    public static void AddGlobalUsings(params SolutionState[] states)
    {
        foreach (var state in states)
        {
            if (state.Sources.Count > 0 && !state.Sources.Any(s => s.filename == TestModel.GlobalUsingsPath))
            {
                state.Sources.Add((TestModel.GlobalUsingsPath, TestModel.Usings));
            }
        }
    }

    public static string[] RequireSources(string[] sources, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(sources, parameterName);
        if (sources.Length == 0)
        {
            throw new ArgumentException("At least one source is needed.", parameterName);
        }

        return sources;
    }
}
