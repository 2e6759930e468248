using System;
using System.Collections.Generic;
using System.Linq;

namespace TenantSafety.Analyzers.Model.Fixes;

/// <summary>
/// An enum value's name, read once per enum type. <c>Enum.ToString()</c> reads it through the runtime's reflection
/// cache, which the runtime holds weakly: under a build's GC pressure it is dropped and rebuilt again and again
/// (about a tenth of a millisecond each time the fix properties of a finding are written).
/// </summary>
internal static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> s_names = Enum.GetValues(typeof(TEnum)).Cast<TEnum>().Distinct().ToDictionary(value => value, value => value.ToString());

    public static string Of(TEnum value) => s_names.TryGetValue(value, out var name) ? name : value.ToString();
}
