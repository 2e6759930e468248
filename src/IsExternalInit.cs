namespace System.Runtime.CompilerServices;

/// <summary>
/// The marker the compiler needs for <c>init</c> accessors, and so for records, which netstandard2.0 lacks. Linked
/// into the analyzer project only; the code-fix project sees it through InternalsVisibleTo.
/// </summary>
internal static class IsExternalInit
{
}
