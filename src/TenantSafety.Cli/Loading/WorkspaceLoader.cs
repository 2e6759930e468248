using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace TenantSafety.Cli.Loading;

/// <summary>The C# projects to audit, loaded by MSBuild from a project or solution file.</summary>
internal sealed class LoadedWorkspace(MSBuildWorkspace workspace, IReadOnlyList<Project> projects, IReadOnlyList<string> warnings) : IDisposable
{
    public IReadOnlyList<Project> Projects { get; } = projects;

    /// <summary>What MSBuild reported while loading: shown on stderr, since a half-loaded project audits badly.</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;

    public void Dispose() => workspace.Dispose();
}

/// <summary>
/// Loads a <c>.csproj</c>, <c>.sln</c> or <c>.slnx</c> with the SDK's MSBuild (found by Microsoft.Build.Locator), as the
/// IDE would: restored packages, the project's <c>.editorconfig</c> files, its compilation options.
/// </summary>
internal static class WorkspaceLoader
{
    private static readonly string[] s_solutionExtensions = [".sln", ".slnx"];

    public static async Task<LoadedWorkspace> LoadAsync(string path, bool restore, Progress progress, CancellationToken cancellationToken)
    {
        var fullPath = ValidatePath(path);
        var instance = RegisterMSBuild();

        if (restore)
        {
            progress.Report($"Restoring {path} …");
            await DotNetRestore.RunAsync(fullPath, instance.MSBuildPath, cancellationToken).ConfigureAwait(false);
        }

        progress.Report($"Loading {path} with MSBuild {instance.Version} …");
        var workspace = MSBuildWorkspace.Create();
        var failures = new List<WorkspaceDiagnostic>();
        workspace.WorkspaceFailed += (_, e) =>
        {
            lock (failures)
            {
                failures.Add(e.Diagnostic);
            }
        };

        try
        {
            IReadOnlyList<Project> projects;
            if (IsSolution(fullPath))
            {
                var solution = await workspace.OpenSolutionAsync(fullPath, cancellationToken: cancellationToken).ConfigureAwait(false);
                projects = solution.Projects.Where(p => p.Language == LanguageNames.CSharp).ToList();
            }
            else
            {
                var project = await workspace.OpenProjectAsync(fullPath, cancellationToken: cancellationToken).ConfigureAwait(false);

                // Referenced projects are loaded too; only the requested one (one per target framework) is audited.
                projects = project.Solution.Projects
                    .Where(p => p.Language == LanguageNames.CSharp && string.Equals(p.FilePath, fullPath, StringComparison.OrdinalIgnoreCase))
                    .ToList();
            }

            var errors = failures.Where(f => f.Kind == WorkspaceDiagnosticKind.Failure).Select(f => f.Message).ToList();
            if (projects.Count == 0 || projects.All(p => !p.Documents.Any()))
            {
                throw new ReportException(
                    $"MSBuild could not load {path}: it has no C# project with source files." + Describe(errors),
                    ExitCode.LoadFailed);
            }

            return new LoadedWorkspace(workspace, projects, failures.Select(f => f.Message).Distinct().ToList());
        }
        catch (Exception e) when (e is not ReportException and not OperationCanceledException)
        {
            workspace.Dispose();
            throw new ReportException($"MSBuild could not load {path}: {e.Message}" + Describe(failures.Select(f => f.Message)), ExitCode.LoadFailed);
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    private static string ValidatePath(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new ReportException($"{path} is a folder; give the path of a project (.csproj) or solution (.sln, .slnx).", ExitCode.InvalidInput);
        }

        if (!File.Exists(fullPath))
        {
            throw new ReportException($"{path} does not exist.", ExitCode.InvalidInput);
        }

        var extension = Path.GetExtension(fullPath);
        if (!string.Equals(extension, ".csproj", StringComparison.OrdinalIgnoreCase) && !IsSolution(fullPath))
        {
            throw new ReportException($"{path} is not a C# project (.csproj) or solution (.sln, .slnx).", ExitCode.InvalidInput);
        }

        return fullPath;
    }

    private static bool IsSolution(string path) =>
        s_solutionExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers the newest .NET SDK's MSBuild once per process; MSBuild assemblies must not be loaded before.</summary>
    private static VisualStudioInstance RegisterMSBuild()
    {
        lock (s_solutionExtensions)
        {
            if (s_registered is not null)
            {
                return s_registered;
            }

            var instance = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(i => i.Version).FirstOrDefault()
                ?? throw new ReportException("No .NET SDK was found to load the project with; install the .NET SDK the project targets.", ExitCode.LoadFailed);
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterInstance(instance);
            }

            s_registered = instance;
            return instance;
        }
    }

    private static VisualStudioInstance? s_registered;

    private static string Describe(IEnumerable<string> messages)
    {
        var list = messages.Distinct().Take(10).ToList();
        return list.Count == 0 ? string.Empty : Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", list);
    }
}
