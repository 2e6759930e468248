using System.Collections.Generic;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>What is read of one type's declaration and kept for later compilations by <see cref="DeclarationFactCache{TFacts}"/>.</summary>
internal interface IDeclarationFacts
{
    /// <summary>False when the declaration did not bind cleanly or names a type a <see cref="TypeReference"/> cannot hold: read again next time.</summary>
    bool IsReusable { get; }

    /// <summary>Every type the reading depended on, with its shape at the time: the facts hold while all shapes do.</summary>
    IReadOnlyDictionary<TypeReference, DeclarationShape> Dependencies { get; }
}
