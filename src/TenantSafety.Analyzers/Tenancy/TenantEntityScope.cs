namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Which types <see cref="TenantEntities.Find"/> counts as tenant entities. Every scope asks for a tenant key first,
/// read from the type alone, so a type without one never waits for the entity model; the scopes differ in what the
/// model must also say, because the rules that ask judge different things.
/// </summary>
internal enum TenantEntityScope
{
    /// <summary>
    /// Any type with a tenant key, mapped or not, a generic helper's type parameter included; the model is not asked.
    /// The query rules (TSA1001–TSA1005): what a <c>DbSet&lt;T&gt;</c> or <c>Set&lt;T&gt;()</c> reads is mapped by the
    /// time the query runs, and a query must never wait for the model to be judged.
    /// </summary>
    Queried,

    /// <summary>
    /// An entity the model maps, whatever its table: owned and keyless types, views and derived TPH types included.
    /// TSA2002, which looks for the index on the table of the entity's TPH root.
    /// </summary>
    Mapped,

    /// <summary>
    /// A mapped entity that SQL text can name: not owned (an owned type lives in its owner's table), nor a child entity,
    /// whose table has no tenant column (<see cref="ChildEntities"/>). TSA1004's tenant tables.
    /// </summary>
    NamedInSql,

    /// <summary>
    /// A mapped entity with a table of its own to index or filter: not keyless, a view, owned or a derived TPH type, nor
    /// a child entity (<see cref="ChildEntities"/>). TSA1007, TSA2001 and the report's tenant tables.
    /// </summary>
    OwnTable,
}
