using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model;

/// <summary>Relationships and columns: <c>HasOne</c>/<c>HasMany</c> … <c>HasForeignKey</c>, and <c>HasColumnName</c>.</summary>
internal sealed partial class FluentConfigurationReader
{
    /// <summary><c>HasForeignKey(…)</c> on a relationship builder: the dependent is the builder's dependent type or the lambda's parameter.</summary>
    private void ReadForeignKey(IInvocationOperation call, INamedTypeSymbol? builder)
    {
        if (builder is null || builder.TypeArguments.Length != 2)
        {
            return;
        }

        ITypeSymbol? dependent = null;
        ITypeSymbol? principal = null;
        if (builder.IsDefinitionOf(_symbols.ReferenceCollectionBuilder))
        {
            principal = builder.TypeArguments[0];
            dependent = builder.TypeArguments[1];
        }
        else if (builder.IsDefinitionOf(_symbols.ReferenceReferenceBuilder) && call.TargetMethod.IsGenericMethod)
        {
            dependent = call.TargetMethod.TypeArguments[0];
            principal = SymbolEqualityComparer.Default.Equals(dependent, builder.TypeArguments[0]) ? builder.TypeArguments[1] : builder.TypeArguments[0];
        }

        var columns = ModelExpressions.PropertyNames(call);
        if (dependent is not INamedTypeSymbol || columns.IsDefaultOrEmpty)
        {
            _facts.Entity(dependent);
            return;
        }

        var principalReference = _facts.Reference(principal);
        _facts.Entity(dependent, (entity, registry, types) =>
        {
            var resolvedPrincipal = types.Resolve(principalReference);
            if (resolvedPrincipal is not null)
            {
                registry.GetOrAdd(resolvedPrincipal);
            }

            entity.AddForeignKey(new ForeignKeyDefinition(columns, resolvedPrincipal));
        });
    }

    /// <summary>
    /// <c>HasOne(e =&gt; e.Team).WithMany()</c> / <c>HasMany(t =&gt; t.Leads).WithOne(l =&gt; l.Team)</c>: when no
    /// <c>HasForeignKey</c> follows, the FK is found by convention; when one does, the navigation's FK is the explicit one.
    /// </summary>
    private void ReadRelationship(IInvocationOperation call, INamedTypeSymbol? builder)
    {
        if (builder is null || builder.TypeArguments.Length != 2 || call.Receiver() is not IInvocationOperation navigationCall)
        {
            return;
        }

        ITypeSymbol dependent;
        ITypeSymbol principal;
        string? navigation;
        if (builder.IsDefinitionOf(_symbols.ReferenceNavigationBuilder) && call.TargetMethod.Name == "WithMany")
        {
            dependent = builder.TypeArguments[0];
            principal = builder.TypeArguments[1];
            navigation = ModelExpressions.NavigationName(navigationCall);
        }
        else if (builder.IsDefinitionOf(_symbols.CollectionNavigationBuilder) && call.TargetMethod.Name == "WithOne")
        {
            dependent = builder.TypeArguments[1];
            principal = builder.TypeArguments[0];
            navigation = ModelExpressions.NavigationName(call);
        }
        else
        {
            // One-to-one: which side is dependent is only known from HasForeignKey<TDependent>.
            return;
        }

        var dependentReference = _facts.Reference(dependent);
        var principalReference = _facts.Reference(principal);
        var hasExplicitKey = call.Syntax.ChainedAfter().Any(c => c.InvokedName() == "HasForeignKey");
        if (hasExplicitKey)
        {
            if (navigation is not null)
            {
                _facts.Add((registry, types) =>
                {
                    if (types.Resolve(dependentReference) is { } resolvedDependent)
                    {
                        registry.ConfiguredNavigations.Add((resolvedDependent, navigation));
                    }
                });
            }

            return;
        }

        // EF Core maps both ends of a relationship, whether or not a DbSet exposes them.
        _facts.Entity(principal);
        _facts.Entity(dependent);
        _facts.Add((registry, types) =>
        {
            if (types.Resolve(dependentReference) is { } resolvedDependent && types.Resolve(principalReference) is { } resolvedPrincipal)
            {
                registry.ConventionalRelationships.Add((resolvedDependent, resolvedPrincipal, navigation));
            }
        });
    }

    /// <summary><c>Property(e =&gt; e.TeamId).HasColumnName("team")</c>.</summary>
    private void ReadColumnName(IInvocationOperation call)
    {
        if (call.Receiver() is not IInvocationOperation { TargetMethod.Name: "Property" } property
            || property.Receiver()?.Type is not INamedTypeSymbol builder
            || !builder.IsDefinitionOf(_symbols.EntityTypeBuilderOfT))
        {
            return;
        }

        var names = ModelExpressions.PropertyNames(property);
        var column = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == (call.TargetMethod.IsExtensionMethod ? 1 : 0))?.Value.ConstantValue;
        _facts.Entity(builder.TypeArguments[0], (entity, _, _) =>
        {
            if (!names.IsDefault && names.Length == 1 && column is { HasValue: true, Value: string columnName })
            {
                entity.SetColumnName(names[0], columnName);
            }
        });
    }
}
