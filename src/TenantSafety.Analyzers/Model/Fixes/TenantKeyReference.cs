namespace TenantSafety.Analyzers.Model.Fixes;

/// <summary>How the tenant key is declared, which decides how a fix writes it.</summary>
internal enum TenantKeyForm
{
    /// <summary>A CLR property: <c>e.TeamId</c>, <c>nameof(TeamId)</c>.</summary>
    Property,

    /// <summary>A shadow property of the model (<c>builder.Property&lt;Guid&gt;("TenantId")</c>): <c>EF.Property&lt;Guid&gt;(e, "TenantId")</c>, <c>"TenantId"</c>.</summary>
    Shadow,
}

/// <summary>The tenant key a fix writes: its name, its form and, for a shadow property, its CLR type as C# spells it.</summary>
/// <param name="Name">The property's name.</param>
/// <param name="Form">A CLR or a shadow property.</param>
/// <param name="ClrType">The shadow property's CLR type (<c>Guid</c>, <c>int</c>); null for a CLR property.</param>
internal sealed record TenantKeyReference(string Name, TenantKeyForm Form, string? ClrType)
{
    public bool IsShadow => Form == TenantKeyForm.Shadow;

    public static TenantKeyReference Property(string name) => new(name, TenantKeyForm.Property, null);

    public static TenantKeyReference Shadow(string name, string clrType) => new(name, TenantKeyForm.Shadow, clrType);

    public override string ToString() => IsShadow ? $"{Name} (shadow {ClrType})" : Name;
}
