namespace TenantSafety.Benchmarks.Measurement;

/// <summary>
/// The page faults the process has taken so far (minor and major), from Linux's <c>/proc/self/stat</c>; 0 where there is
/// none. A fault is memory touched for the first time, which the host maps and zeroes: on this project's virtual machine
/// it was nearly half of the CPU a TenantSafety build added (thirty-third session), and, unlike time, its count does not
/// stretch with the host's other load.
/// </summary>
internal static class ProcessPageFaults
{
    private const string StatPath = "/proc/self/stat";

    public static long Read()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(StatPath))
        {
            return 0;
        }

        // "pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt …"; comm may hold spaces.
        var stat = File.ReadAllText(StatPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[9], System.Globalization.CultureInfo.InvariantCulture);
    }
}
