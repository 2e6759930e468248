namespace TenantSafety.Cli;

/// <summary>The process exit codes of <c>tenant-safety</c>, documented in docs/report.md; the process returns them as numbers.</summary>
internal enum ExitCode
{
    /// <summary>The report was written and no finding reached the <c>--fail-on</c> severity.</summary>
    Success = 0,

    /// <summary>
    /// The report was written and at least one finding is at or above the <c>--fail-on</c> severity, or a loaded
    /// project does not compile or an analyzer failed on it (each an error for <c>--fail-on</c>).
    /// </summary>
    FindingsAtFailOnSeverity = 1,

    /// <summary>The command line is invalid, the path does not exist or is not a project or solution, or <c>--output</c> cannot be written.</summary>
    InvalidInput = 2,

    /// <summary>MSBuild or restore could not load the project or solution.</summary>
    LoadFailed = 3,

    /// <summary>The project loaded but none of its projects references EF Core: there is no model to audit.</summary>
    NoEfCore = 4,

    /// <summary><c>--database</c>: the server cannot be reached, refused the login, or has no such database.</summary>
    DatabaseUnreachable = 5,

    /// <summary><c>--database</c>: connected, but the role may not connect to the database or read a catalog or statistics view.</summary>
    DatabasePermissionDenied = 6,
}
