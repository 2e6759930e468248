using System.Globalization;

namespace TenantSafety.Cli.Text;

/// <summary>Byte counts and row counts as the report prints them: <c>149 MiB</c>, <c>5,000,000</c>.</summary>
internal static class Sizes
{
    private static readonly string[] s_units = ["bytes", "KiB", "MiB", "GiB", "TiB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < s_units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes" : $"{value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture)} {s_units[unit]}";
    }

    public static string Rows(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);

    public static string Milliseconds(double value) => value.ToString(value < 10 ? "0.##" : "N0", CultureInfo.InvariantCulture) + " ms";

    public static string Percent(double ratio) => (ratio * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
