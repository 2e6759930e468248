namespace TenantSafety.Benchmarks.Measurement;

/// <summary>What the developer types before each IDE request.</summary>
internal enum Keystroke
{
    /// <summary>A comment line at the end of the file: the measure of issue 16's three documents.</summary>
    Comment,

    /// <summary>A statement inside a method body in the middle of the file: the edit most typing is (context).</summary>
    Body,

    /// <summary>A property added to the file's last class: a declaration edit, which changes the model (context).</summary>
    Declaration,
}
