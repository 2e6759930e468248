using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TenantSafety.Analyzers.Queries;

/// <summary>
/// The rows a lambda's parameters stand for, with the enclosing lambdas' rows still in view: a handful of entries, read by
/// a linear search. Made for every lambda a query operator is given, so it is an array, not a hash table.
/// </summary>
internal sealed class RowBindings : IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>>
{
    private readonly KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[] _entries;

    private RowBindings(KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[] entries) => _entries = entries;

    /// <summary><paramref name="outer"/>'s rows, then <paramref name="parameter"/>'s (which takes its new rows if it is already there).</summary>
    public static RowBindings Of(IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> outer, IParameterSymbol parameter, ImmutableArray<RowSource> rows)
    {
        var entries = WithRoomFor(outer, 1, out var count);
        Put(entries, ref count, parameter, rows);
        return new RowBindings(Trimmed(entries, count));
    }

    /// <summary><paramref name="outer"/>'s rows, then each parameter's (a parameter already there takes its new rows).</summary>
    public static RowBindings Of(
        IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> outer,
        params (IParameterSymbol Parameter, ImmutableArray<RowSource> Rows)[] parameters)
    {
        var entries = WithRoomFor(outer, parameters.Length, out var count);
        foreach (var (parameter, rows) in parameters)
        {
            Put(entries, ref count, parameter, rows);
        }

        return new RowBindings(Trimmed(entries, count));
    }

    private static KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[] WithRoomFor(
        IReadOnlyDictionary<IParameterSymbol, ImmutableArray<RowSource>> outer, int parameters, out int count)
    {
        var entries = new KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[outer.Count + parameters];
        count = 0;
        foreach (var entry in outer)
        {
            entries[count++] = entry;
        }

        return entries;
    }

    private static void Put(KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[] entries, ref int count, IParameterSymbol parameter, ImmutableArray<RowSource> rows)
    {
        var index = IndexOf(entries, count, parameter);
        entries[index < 0 ? count++ : index] = new KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>(parameter, rows);
    }

    private static KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[] Trimmed(KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[] entries, int count)
    {
        if (count < entries.Length)
        {
            System.Array.Resize(ref entries, count);
        }

        return entries;
    }

    private static int IndexOf(KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>[] entries, int count, IParameterSymbol parameter)
    {
        for (var i = 0; i < count; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(entries[i].Key, parameter))
            {
                return i;
            }
        }

        return -1;
    }

    public int Count => _entries.Length;

    public IEnumerable<IParameterSymbol> Keys => _entries.Select(e => e.Key);

    public IEnumerable<ImmutableArray<RowSource>> Values => _entries.Select(e => e.Value);

    public ImmutableArray<RowSource> this[IParameterSymbol key] =>
        TryGetValue(key, out var rows) ? rows : throw new KeyNotFoundException(key.Name);

    public bool ContainsKey(IParameterSymbol key) => TryGetValue(key, out _);

    public bool TryGetValue(IParameterSymbol key, out ImmutableArray<RowSource> value)
    {
        var index = IndexOf(_entries, _entries.Length, key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>> GetEnumerator() => ((IEnumerable<KeyValuePair<IParameterSymbol, ImmutableArray<RowSource>>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
