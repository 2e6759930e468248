using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>How the tested project sees another project of the solution.</summary>
public enum Reference
{
    /// <summary>As the command-line build does: a built assembly, whose types are metadata.</summary>
    BuiltAssembly,

    /// <summary>As the IDE does: a project of the solution, whose types have source in another compilation.</summary>
    SolutionProject,
}

/// <summary>Adds another project (a Domain project of entities) to a test, referenced either way the compiler sees one.</summary>
internal static class ForeignProject
{
    public static TheoryData<Reference, EfCoreVersion> References()
    {
        var data = new TheoryData<Reference, EfCoreVersion>();
        foreach (var reference in new[] { Reference.BuiltAssembly, Reference.SolutionProject })
        {
            foreach (var ef in new[] { EfCoreVersion.Ef8, EfCoreVersion.Ef10 })
            {
                data.Add(reference, ef);
            }
        }

        return data;
    }

    /// <summary>Adds <paramref name="source"/> as the project <paramref name="name"/>, referenced by the test's project.</summary>
    public static void Add(SolutionState state, Reference reference, EfCoreVersion ef, string name, string source) =>
        Add(state, reference, ef, [(name, source)]);

    /// <summary>
    /// Adds <paramref name="projects"/>, each referencing the ones before it (a Domain project, then a Data project over
    /// it), all referenced by the test's project.
    /// </summary>
    public static void Add(SolutionState state, Reference reference, EfCoreVersion ef, (string Name, string Source)[] projects)
    {
        var built = new List<MetadataReference>();
        var names = new List<string>();
        foreach (var (name, source) in projects)
        {
            if (reference == Reference.BuiltAssembly)
            {
                var assembly = Built(ef, name, source, built.ToArray());
                built.Add(assembly);
                state.AdditionalReferences.Add(assembly);
                continue;
            }

            var project = new ProjectState(name, LanguageNames.CSharp, $"/{name}/Test", "cs");
            project.Sources.Add(($"/{name}/Entities.cs", "using System;\nusing System.Collections.Generic;\n" + source));
            project.AdditionalReferences.AddRange(EfCoreReferences.Get(ef));
            project.AdditionalProjectReferences.AddRange(names);
            state.AdditionalProjects.Add(name, project);
            state.AdditionalProjectReferences.Add(name);
            names.Add(name);
        }
    }

    /// <summary><paramref name="source"/> compiled as the assembly <paramref name="name"/>, as a build references a project.</summary>
    public static MetadataReference Built(EfCoreVersion ef, string name, string source, params MetadataReference[] dependencies)
    {
        var compilation = EfCoreReferences.Compile(ef, source).WithAssemblyName(name).AddReferences(dependencies);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
