using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Rules;

namespace TenantSafety.Analyzers.CodeFixes.Model;

/// <summary>
/// One builder call to add to the model configuration of one entity, at the place the analyzer found it
/// configured (<see cref="ModelFixProperties"/>). <see cref="BuilderCall"/> uses <c>$p</c> for the lambda
/// parameter and <c>$value</c> for the current tenant; the editor fills both in.
/// </summary>
internal sealed class ModelEdit
{
    private ModelEdit(DocumentId document, TextSpan siteSpan, ConfigurationSiteKind kind, string entity, string builderCall, string? tenantKey)
    {
        Document = document;
        SiteSpan = siteSpan;
        Kind = kind;
        Entity = entity;
        BuilderCall = builderCall;
        TenantKey = tenantKey;
    }

    public DocumentId Document { get; }

    public TextSpan SiteSpan { get; }

    public ConfigurationSiteKind Kind { get; }

    public string Entity { get; }

    public string BuilderCall { get; }

    public string? TenantKey { get; }

    /// <summary>The edit a diagnostic asks for; null when it names no configuration site in this solution.</summary>
    public static ModelEdit? From(Diagnostic diagnostic, Solution solution, string callProperty = ModelFixProperties.BuilderCall)
    {
        var properties = diagnostic.Properties;
        if (diagnostic.AdditionalLocations.Count == 0
            || !properties.TryGetValue(ModelFixProperties.SiteKind, out var kindName)
            || !Enum.TryParse<ConfigurationSiteKind>(kindName, out var kind)
            || !properties.TryGetValue(ModelFixProperties.Entity, out var entity) || entity is null
            || !properties.TryGetValue(callProperty, out var call) || call is null)
        {
            return null;
        }

        var site = diagnostic.AdditionalLocations[0];
        var document = solution.GetDocument(site.SourceTree);
        if (document is null)
        {
            return null;
        }

        properties.TryGetValue(ModelFixProperties.TenantKey, out var tenantKey);
        return new ModelEdit(document.Id, site.SourceSpan, kind, entity, call, tenantKey);
    }

    /// <summary>Every edit a diagnostic offers: the main builder call and, for TSA2003, the relationship.</summary>
    public static IEnumerable<ModelEdit> AllFrom(Diagnostic diagnostic, Solution solution)
    {
        foreach (var property in new[] { ModelFixProperties.BuilderCall, UnindexedReferenceAnalyzer.RelationshipCall })
        {
            if (From(diagnostic, solution, property) is { } edit)
            {
                yield return edit;
            }
        }
    }
}
