using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Queries;

namespace TenantSafety.Analyzers.Model.Entities;

/// <summary>
/// Reads the fluent model configuration in one method body (<c>OnModelCreating</c>, an
/// <c>IEntityTypeConfiguration&lt;T&gt;.Configure</c>, a model-building helper): entities, tables, keys, indexes,
/// relationships, column names, owned and keyless types, and where each entity is configured.
/// </summary>
internal sealed class FluentConfigurationReader
{
    private readonly ModelSymbols _symbols;
    private readonly ModelRegistry _registry;

    public FluentConfigurationReader(ModelSymbols symbols, ModelRegistry registry)
    {
        _symbols = symbols;
        _registry = registry;
    }

    public void ReadBody(IMethodSymbol method, SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(declaration, cancellationToken) is not { } body)
        {
            return;
        }

        var owner = method.ContainingType;
        var context = owner is not null && _symbols.Ef.IsDbContext(owner) ? owner : null;
        var isConventionSetup = method.Name == "ConfigureConventions";
        foreach (var operation in body.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (isConventionSetup && IsForeignKeyIndexConventionMention(operation))
            {
                _registry.ForeignKeyIndexConventionRemoved = true;
            }

            if (operation is IInvocationOperation call)
            {
                Read(call, context, owner);
            }
        }
    }

    private void Read(IInvocationOperation call, INamedTypeSymbol? context, INamedTypeSymbol? owner)
    {
        var method = call.TargetMethod;
        if (method.Name == "UseSnakeCaseNamingConvention")
        {
            _registry.UsesSnakeCaseNaming = true;
            return;
        }

        var receiverType = ModelExpressions.Receiver(call)?.Type;
        if (ModelSymbols.Is(receiverType, _symbols.Ef.ModelBuilder))
        {
            ReadModelBuilderCall(call, context, owner);
            return;
        }

        if (receiverType is INamedTypeSymbol builder && ModelSymbols.Is(builder, _symbols.Ef.EntityTypeBuilderOfT))
        {
            ReadEntityCall(call, builder.TypeArguments[0]);
            return;
        }

        if (ModelSymbols.Is(receiverType, _symbols.EntityTypeBuilder))
        {
            ReadUntypedEntityCall(call);
            return;
        }

        switch (method.Name)
        {
            case "HasForeignKey":
                ReadForeignKey(call, receiverType as INamedTypeSymbol);
                break;
            case "WithMany" or "WithOne":
                ReadRelationship(call, receiverType as INamedTypeSymbol);
                break;
            case "HasColumnName":
                ReadColumnName(call);
                break;
        }
    }

    private void ReadModelBuilderCall(IInvocationOperation call, INamedTypeSymbol? context, INamedTypeSymbol? owner)
    {
        var method = call.TargetMethod;
        if (!method.IsGenericMethod || method.TypeArguments[0] is not INamedTypeSymbol type)
        {
            return;
        }

        switch (method.Name)
        {
            case "Entity":
                var entity = _registry.GetOrAdd(type);
                if (context is not null)
                {
                    entity.AddContext(context);
                }

                var lambda = call.Arguments.Select(a => TenantPredicate.AsLambda(a.Value)).FirstOrDefault(l => l is not null);
                if (lambda is not null)
                {
                    entity.AddSite(new ConfigurationSite(ConfigurationSiteKind.EntityLambda, lambda.Syntax.GetReference(), owner));
                }
                else if (call.Syntax.FirstAncestorOrSelf<StatementSyntax>() is { } statement && statement.Parent is BlockSyntax)
                {
                    entity.AddSite(new ConfigurationSite(ConfigurationSiteKind.ModelStatement, statement.GetReference(), owner));
                }

                break;
            case "Owned":
                _registry.Owned.Add(type.OriginalDefinition);
                break;
            case "Ignore":
                _registry.Ignored.Add(type.OriginalDefinition);
                break;
        }
    }

    private void ReadEntityCall(IInvocationOperation call, ITypeSymbol entityType)
    {
        var method = call.TargetMethod;
        if (entityType is ITypeParameterSymbol typeParameter)
        {
            if (method.Name == "HasIndex" && !typeParameter.ConstraintTypes.IsEmpty && ReadIndex(call) is { } shared)
            {
                _registry.SharedIndexes.Add((typeParameter.ConstraintTypes, shared));
            }

            return;
        }

        var entity = _registry.Entity(entityType);
        if (entity is null)
        {
            return;
        }

        switch (method.Name)
        {
            case "HasIndex":
                if (ReadIndex(call) is { } index)
                {
                    entity.AddIndex(index);
                }

                break;
            case "HasKey":
                var key = ModelExpressions.PropertyNames(call);
                if (!key.IsDefault)
                {
                    entity.ClearPrimaryKey();
                    entity.AddIndex(new IndexDefinition(key, IndexOrigin.PrimaryKey, call.Syntax.GetReference()));
                    _registry.ExplicitPrimaryKeys.Add(entity.Type);
                }

                break;
            case "HasAlternateKey":
                var alternate = ModelExpressions.PropertyNames(call);
                if (!alternate.IsDefault)
                {
                    entity.AddIndex(new IndexDefinition(alternate, IndexOrigin.AlternateKey, call.Syntax.GetReference()));
                }

                break;
            case "HasNoKey":
                entity.IsKeyless = true;
                break;
            case "ToTable":
                if (ModelExpressions.StringArgument(call, "name") is { } table)
                {
                    entity.TableName = table;
                }

                break;
            case "ToView" or "ToSqlQuery" or "ToFunction":
                entity.IsView = true;
                break;
            case "OwnsOne" or "OwnsMany" or "ComplexProperty" or "ComplexCollection":
                if (method.IsGenericMethod && method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol owned)
                {
                    _registry.Owned.Add(owned.OriginalDefinition);
                }

                break;
        }
    }

    /// <summary><c>modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId")</c> in a loop over the model: applies to every entity with those properties.</summary>
    private void ReadUntypedEntityCall(IInvocationOperation call)
    {
        if (call.TargetMethod.Name != "HasIndex" || ReadIndex(call) is not { } index)
        {
            return;
        }

        if (ModelExpressions.Receiver(call) is IInvocationOperation { TargetMethod.Name: "Entity" } entityCall
            && entityCall.Arguments.FirstOrDefault()?.Value is ITypeOfOperation { TypeOperand: INamedTypeSymbol known })
        {
            _registry.GetOrAdd(known).AddIndex(index);
            return;
        }

        _registry.SharedIndexes.Add((ImmutableArray<ITypeSymbol>.Empty, index));
    }

    private static IndexDefinition? ReadIndex(IInvocationOperation call)
    {
        var columns = ModelExpressions.PropertyNames(call);
        if (columns.IsDefaultOrEmpty)
        {
            return null;
        }

        string? databaseName = null;
        bool? isUnique = null;
        ImmutableArray<bool>? descending = null;
        var isSpecialized = false;
        foreach (var chained in ModelExpressions.ChainedAfter(call.Syntax))
        {
            var arguments = chained.ArgumentList.Arguments;
            switch (ModelExpressions.InvokedName(chained))
            {
                case "IsUnique":
                    isUnique = arguments.Count == 0 || arguments[0].Expression.ToString() != "false";
                    break;
                case "HasDatabaseName" or "HasName":
                    databaseName = arguments.Count > 0 && arguments[0].Expression is LiteralExpressionSyntax literal ? literal.Token.ValueText : databaseName;
                    break;
                case "IsDescending":
                    descending = arguments.Count == 0
                        ? columns.Select(_ => true).ToImmutableArray()
                        : arguments.Select(a => a.Expression.ToString() == "true").ToImmutableArray();
                    break;
                case "HasFilter" or "IncludeProperties" or "HasOperators":
                    isSpecialized |= !(arguments.Count == 1 && arguments[0].Expression.ToString() == "null");
                    break;
                case "HasMethod":
                    isSpecialized |= !(arguments.Count == 1 && arguments[0].Expression is LiteralExpressionSyntax method && string.Equals(method.Token.ValueText, "btree", System.StringComparison.OrdinalIgnoreCase));
                    break;
            }
        }

        return IndexDefinition.Declared(new IndexDeclaration(
            columns,
            call.Syntax.GetReference(),
            isAttribute: false,
            indexName: ModelExpressions.StringArgument(call, "name"),
            databaseName,
            isUnique,
            descending,
            isSpecialized));
    }

    /// <summary><c>HasForeignKey(…)</c> on a relationship builder: the dependent is the builder's dependent type or the lambda's parameter.</summary>
    private void ReadForeignKey(IInvocationOperation call, INamedTypeSymbol? builder)
    {
        if (builder is null || builder.TypeArguments.Length != 2)
        {
            return;
        }

        ITypeSymbol? dependent = null;
        ITypeSymbol? principal = null;
        if (ModelSymbols.Is(builder, _symbols.ReferenceCollectionBuilder))
        {
            principal = builder.TypeArguments[0];
            dependent = builder.TypeArguments[1];
        }
        else if (ModelSymbols.Is(builder, _symbols.ReferenceReferenceBuilder) && call.TargetMethod.IsGenericMethod)
        {
            dependent = call.TargetMethod.TypeArguments[0];
            principal = SymbolEqualityComparer.Default.Equals(dependent, builder.TypeArguments[0]) ? builder.TypeArguments[1] : builder.TypeArguments[0];
        }

        var columns = ModelExpressions.PropertyNames(call);
        if (_registry.Entity(dependent) is not { } entity || columns.IsDefaultOrEmpty)
        {
            return;
        }

        _registry.Entity(principal);
        entity.AddForeignKey(new ForeignKeyDefinition(columns, principal));
    }

    /// <summary>
    /// <c>HasOne(e =&gt; e.Team).WithMany()</c> / <c>HasMany(t =&gt; t.Leads).WithOne(l =&gt; l.Team)</c>: when no
    /// <c>HasForeignKey</c> follows, the FK is found by convention; when one does, the navigation's FK is the explicit one.
    /// </summary>
    private void ReadRelationship(IInvocationOperation call, INamedTypeSymbol? builder)
    {
        if (builder is null || builder.TypeArguments.Length != 2 || ModelExpressions.Receiver(call) is not IInvocationOperation navigationCall)
        {
            return;
        }

        ITypeSymbol dependent;
        ITypeSymbol principal;
        string? navigation;
        if (ModelSymbols.Is(builder, _symbols.ReferenceNavigationBuilder) && call.TargetMethod.Name == "WithMany")
        {
            dependent = builder.TypeArguments[0];
            principal = builder.TypeArguments[1];
            navigation = ModelExpressions.NavigationName(navigationCall);
        }
        else if (ModelSymbols.Is(builder, _symbols.CollectionNavigationBuilder) && call.TargetMethod.Name == "WithOne")
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

        var hasExplicitKey = ModelExpressions.ChainedAfter(call.Syntax).Any(c => ModelExpressions.InvokedName(c) == "HasForeignKey");
        if (hasExplicitKey)
        {
            if (navigation is not null)
            {
                _registry.ConfiguredNavigations.Add((dependent.OriginalDefinition, navigation));
            }

            return;
        }

        // EF Core maps both ends of a relationship, whether or not a DbSet exposes them.
        _registry.Entity(principal);
        _registry.Entity(dependent);
        _registry.ConventionalRelationships.Add((dependent.OriginalDefinition, principal.OriginalDefinition, navigation));
    }

    /// <summary><c>Property(e =&gt; e.TeamId).HasColumnName("team")</c>.</summary>
    private void ReadColumnName(IInvocationOperation call)
    {
        if (ModelExpressions.Receiver(call) is not IInvocationOperation { TargetMethod.Name: "Property" } property
            || ModelExpressions.Receiver(property)?.Type is not INamedTypeSymbol builder
            || !ModelSymbols.Is(builder, _symbols.Ef.EntityTypeBuilderOfT)
            || _registry.Entity(builder.TypeArguments[0]) is not { } entity)
        {
            return;
        }

        var names = ModelExpressions.PropertyNames(property);
        var column = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == (call.TargetMethod.IsExtensionMethod ? 1 : 0))?.Value.ConstantValue;
        if (!names.IsDefault && names.Length == 1 && column is { HasValue: true, Value: string columnName })
        {
            entity.SetColumnName(names[0], columnName);
        }
    }

    private bool IsForeignKeyIndexConventionMention(IOperation operation) => operation switch
    {
        ITypeOfOperation typeOf => ModelSymbols.Is(typeOf.TypeOperand, _symbols.ForeignKeyIndexConvention),
        IInvocationOperation { TargetMethod: { Name: "Remove", IsGenericMethod: true } remove } =>
            remove.TypeArguments.Any(t => ModelSymbols.Is(t, _symbols.ForeignKeyIndexConvention)),
        _ => false,
    };
}
