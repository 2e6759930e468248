namespace TenantSafety.Cli;

/// <summary>What <c>tenant-safety report</c> was asked to do.</summary>
internal sealed record ReportOptions(string Path, string Format, string? Output, string FailOn, bool Restore);
