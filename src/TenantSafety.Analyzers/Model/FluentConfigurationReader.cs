using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Model;

/// <summary>
/// Reads the fluent model configuration in one method body (<c>OnModelCreating</c>, an
/// <c>IEntityTypeConfiguration&lt;T&gt;.Configure</c>, a model-building helper): entities, tables, keys, indexes,
/// relationships, column names, owned and keyless types, and where each entity is configured.
/// </summary>
internal sealed partial class FluentConfigurationReader
{
    private readonly EfSymbols _symbols;
    private readonly TypeResolver _types;
    private ConfigurationFacts<ModelRegistry> _facts;
    private CancellationToken _cancellationToken;

    public FluentConfigurationReader(EfSymbols symbols, TypeResolver types)
    {
        _symbols = symbols;
        _types = types;
        _facts = new ConfigurationFacts<ModelRegistry>(types);
    }

    /// <summary>Binds one body and records what it configures; the record holds no symbol of this compilation.</summary>
    public ConfigurationFacts<ModelRegistry> ReadBody(IMethodSymbol method, SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        _facts = new ConfigurationFacts<ModelRegistry>(_types);
        _cancellationToken = cancellationToken;
        if (model.GetOperation(declaration, cancellationToken) is not { } body)
        {
            _facts.MarkNotReusable();
            return _facts;
        }

        var owner = method.ContainingType;
        var context = owner is not null && _symbols.IsDbContext(owner) ? owner : null;
        var isConventionSetup = method.Name == "ConfigureConventions";
        foreach (var operation in body.Descendants())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation.Kind == OperationKind.Invalid || operation.Type is { TypeKind: TypeKind.Error })
            {
                _facts.MarkNotReusable();
            }

            // A constant from another type (ToTable(TableNames.Leads)) is part of what the body says.
            if (operation is IFieldReferenceOperation { Field: { HasConstantValue: true } constant })
            {
                _facts.Reference(constant.ContainingType);
            }

            if (isConventionSetup && IsForeignKeyIndexConventionMention(operation))
            {
                _facts.Add((registry, _) => registry.ForeignKeyIndexConventionRemoved = true);
            }

            // The class holding the body is only identified (for a fix's site), not shape-checked: editing another
            // partial file of a DbContext does not change what this body says.
            if (operation is IInvocationOperation call)
            {
                Read(call, TypeReference.From(context), TypeReference.From(owner));
            }
        }

        return _facts;
    }

    private void Read(IInvocationOperation call, TypeReference? context, TypeReference? owner)
    {
        var method = call.TargetMethod;
        if (method.Name == "UseSnakeCaseNamingConvention")
        {
            _facts.Add((registry, _) => registry.UsesSnakeCaseNaming = true);
            return;
        }

        if (HandsModelToUnreadCode(call))
        {
            var helper = method.ContainingType.Name + "." + method.Name;
            _facts.Add((registry, types) => registry.UnreadModelHelpers.Add((types.Resolve(context), helper)));
            return;
        }

        var receiverType = call.Receiver()?.Type;
        if (receiverType.IsDefinitionOf(_symbols.ModelBuilder))
        {
            ReadModelBuilderCall(call, context, owner);
            return;
        }

        if (receiverType is INamedTypeSymbol builder && builder.IsDefinitionOf(_symbols.EntityTypeBuilderOfT))
        {
            ReadEntityCall(call, builder.TypeArguments[0]);
            return;
        }

        if (receiverType.IsDefinitionOf(_symbols.EntityTypeBuilder))
        {
            ReadUntypedEntityCall(call, context);
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

    private void ReadModelBuilderCall(IInvocationOperation call, TypeReference? context, TypeReference? owner)
    {
        var method = call.TargetMethod;
        if (method.Name == "ApplyConfigurationsFromAssembly")
        {
            ReadConfigurationsOfAnotherAssembly(call, context);
            return;
        }

        if (!method.IsGenericMethod || method.TypeArguments[0] is not INamedTypeSymbol type)
        {
            return;
        }

        switch (method.Name)
        {
            case "ApplyConfiguration" when call.Arguments.FirstOrDefault()?.Value.Unwrap().Type is INamedTypeSymbol configuration
                && !SymbolEqualityComparer.Default.Equals(configuration.ContainingAssembly, _types.Assembly):
                // modelBuilder.ApplyConfiguration(new LeadConfiguration()) of a class another project compiled; read again
                // when that class's declaration changes (it may configure another entity then).
                _facts.Reference(configuration);
                ConfiguredElsewhere(type, configuration, context);
                break;
            case "Entity":
                var lambda = call.Arguments.Select(a => a.Value.AsLambda()).FirstOrDefault(l => l is not null);
                var site = lambda is not null
                    ? (Kind: ConfigurationSiteKind.EntityLambda, Syntax: lambda.Syntax.GetReference())
                    : call.Syntax.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax } statement
                        ? (Kind: ConfigurationSiteKind.ModelStatement, Syntax: statement.GetReference())
                        : ((ConfigurationSiteKind Kind, SyntaxReference Syntax)?)null;
                _facts.Entity(type, (entity, _, types) =>
                {
                    if (types.Resolve(context) is { } resolvedContext)
                    {
                        entity.AddContext(resolvedContext);
                    }

                    if (site is { } found)
                    {
                        entity.AddSite(new ConfigurationSite(found.Kind, found.Syntax, types.Resolve(owner)));
                    }
                });

                break;
            case "Owned":
                AddToSet(type, registry => registry.Owned);
                break;
            case "Ignore":
                AddToSet(type, registry => registry.Ignored);
                break;
        }
    }

    /// <summary>
    /// A method compiled by another project that receives the <c>ModelBuilder</c>, as a receiver or an argument:
    /// <c>modelBuilder.ApplyTenantIndexes()</c> of a shared infrastructure project. Its body cannot be read here, so what it
    /// adds to the model (indexes in a loop over the entity types, most often) is not known. EF Core's own methods and its
    /// database providers' (<c>HasPostgresExtension</c>) add no index to the app's entities.
    /// </summary>
    private bool HandsModelToUnreadCode(IInvocationOperation call) =>
        call.TargetMethod.ContainingAssembly is { } assembly
        && !SymbolEqualityComparer.Default.Equals(assembly, _types.Assembly)
        && !LibraryAssemblies.IsEfCoreOrProvider(assembly)
        && call.Arguments.Any(argument => argument.Value.Unwrap().Type.IsDefinitionOf(_symbols.ModelBuilder));

    /// <summary>
    /// <c>ApplyConfigurationsFromAssembly(typeof(X).Assembly)</c> where X is another project's: every
    /// <c>IEntityTypeConfiguration&lt;T&gt;</c> class of that assembly configures T in a body this compilation cannot read.
    /// </summary>
    private void ReadConfigurationsOfAnotherAssembly(IInvocationOperation call, TypeReference? context)
    {
        if (OtherAssemblyConfigurations.AssemblyMarker(call) is not { } marker
            || marker.ContainingAssembly is not { } assembly
            || SymbolEqualityComparer.Default.Equals(assembly, _types.Assembly))
        {
            return;
        }

        _facts.DependOnConfigurationsAlongside(marker);
        foreach (var (configuration, entityType) in OtherAssemblyConfigurations.In(assembly, _symbols.EntityTypeConfigurationOfT))
        {
            ConfiguredElsewhere(entityType, configuration, context);
        }
    }

    /// <summary>Records that <paramref name="configuration"/>, compiled by another project, configures <paramref name="entityType"/>.</summary>
    private void ConfiguredElsewhere(INamedTypeSymbol entityType, INamedTypeSymbol configuration, TypeReference? context)
    {
        var name = configuration.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        _facts.Entity(entityType, (entity, _, types) =>
        {
            entity.AddConfigurationElsewhere(name);
            if (types.Resolve(context) is { } resolvedContext)
            {
                entity.AddContext(resolvedContext);
            }
        });
    }

    private void ReadEntityCall(IInvocationOperation call, ITypeSymbol entityType)
    {
        var method = call.TargetMethod;
        if (entityType is ITypeParameterSymbol typeParameter)
        {
            if (method.Name == "HasIndex" && ReadIndex(call) is { } shared)
            {
                // A base configuration class (TenantConfig<T>) indexes the entities its derived classes name; which
                // those are is declared in other files, so the facts are read again on each compilation.
                if (typeParameter.TypeParameterKind == TypeParameterKind.Type)
                {
                    _facts.MarkNotReusable();
                }

                var closings = ClosedConfigurations.Of(typeParameter, _types.Assembly);
                if (!closings.IsEmpty)
                {
                    foreach (var closing in closings)
                    {
                        _facts.Entity(closing, (entity, _, _) => entity.AddIndex(shared));
                    }
                }
                else if (!typeParameter.ConstraintTypes.IsEmpty)
                {
                    AddSharedIndex(shared, typeParameter.ConstraintTypes, loop: null, context: null);
                }
            }

            return;
        }

        switch (method.Name)
        {
            case "HasIndex":
                var index = ReadIndex(call);
                _facts.Entity(entityType, (entity, _, _) =>
                {
                    if (index is not null)
                    {
                        entity.AddIndex(index);
                    }
                });

                break;
            case "HasKey" or "HasAlternateKey":
                var key = ModelExpressions.PropertyNames(call);
                var keySyntax = call.Syntax.GetReference();
                var origin = method.Name == "HasKey" ? IndexOrigin.PrimaryKey : IndexOrigin.AlternateKey;
                _facts.Entity(entityType, (entity, registry, _) =>
                {
                    if (key.IsDefault)
                    {
                        return;
                    }

                    // The fluent primary key replaces the one of the convention or of an attribute.
                    if (origin == IndexOrigin.PrimaryKey)
                    {
                        entity.ClearPrimaryKey();
                        registry.ExplicitPrimaryKeys.Add(entity.Type);
                    }

                    entity.AddIndex(new IndexDefinition(key, origin, keySyntax));
                });

                break;
            case "HasNoKey":
                _facts.Entity(entityType, (entity, _, _) => entity.IsKeyless = true);
                break;
            case "ToTable":
                var table = call.ConstantStringArgument("name");
                _facts.Entity(entityType, (entity, _, _) =>
                {
                    if (table is not null)
                    {
                        entity.TableName = table;
                    }
                });

                break;
            case "ToView" or "ToSqlQuery" or "ToFunction":
                _facts.Entity(entityType, (entity, _, _) => entity.IsView = true);
                break;
            case "Property" when NamedProperty(call) is { } named:
                _facts.Entity(entityType, (entity, _, types) => entity.AddNamedProperty(named.Name, types.Resolve(named.Type, named.Nullable)));
                break;
            case "OwnsOne" or "OwnsMany" or "ComplexProperty" or "ComplexCollection":
                _facts.Entity(entityType);
                if (method.IsGenericMethod && method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol owned)
                {
                    AddToSet(owned, registry => registry.Owned);
                }

                break;
            default:
                // Any call on its builder maps the type as an entity.
                _facts.Entity(entityType);
                break;
        }
    }

    /// <summary>
    /// <c>modelBuilder.Entity(entityType.ClrType).HasIndex("TeamId")</c> in a loop over the model: applies to every entity
    /// with those properties that the loop's guards let through (<c>if (typeof(TenantBase).IsAssignableFrom(t.ClrType))</c>),
    /// among the entities of the DbContext whose model it runs over.
    /// </summary>
    private void ReadUntypedEntityCall(IInvocationOperation call, TypeReference? context)
    {
        if (call.TargetMethod.Name == "Property" && NamedProperty(call) is { } named && UntypedEntityOf(call) is { } owner)
        {
            _facts.Entity(owner, (entity, _, types) => entity.AddNamedProperty(named.Name, types.Resolve(named.Type, named.Nullable)));
            return;
        }

        if (call.TargetMethod.Name != "HasIndex" || ReadIndex(call) is not { } index)
        {
            return;
        }

        // modelBuilder.Entity(typeof(Lead)) or modelBuilder.Entity("Namespace.Lead", b => b.HasIndex("TeamId")): that entity.
        if (UntypedEntityOf(call) is { } known)
        {
            _facts.Entity(known, (entity, _, _) => entity.AddIndex(index));
            return;
        }

        // A string that names no type of the compilation: no entity.
        if (StringNamedEntityOf(call) is not null)
        {
            return;
        }

        var loop = call.SemanticModel is { } model ? EntityTypeLoop.Around(call.Syntax, model, _cancellationToken) : null;
        AddSharedIndex(index, ImmutableArray<ITypeSymbol>.Empty, loop, loop is { OverModel: true } ? context : null);
    }

    /// <summary>The entity of an untyped builder call when it is known: <c>Entity(typeof(Lead))</c> or <c>Entity("Namespace.Lead", b =&gt; …)</c>.</summary>
    private static INamedTypeSymbol? UntypedEntityOf(IInvocationOperation call)
    {
        if (call.Receiver() is IInvocationOperation { TargetMethod.Name: "Entity" } entityCall
            && entityCall.Arguments.FirstOrDefault()?.Value is ITypeOfOperation { TypeOperand: INamedTypeSymbol known })
        {
            return known;
        }

        return StringNamedEntityOf(call) is { } name && call.SemanticModel?.Compilation is { } compilation ? EfSymbols.TypeNamed(compilation, name) : null;
    }

    /// <summary>
    /// The property a <c>Property&lt;Guid&gt;("TeamId")</c> or <c>Property(typeof(Guid), "TeamId")</c> call names by string, with
    /// its type as a reference (a <c>Nullable&lt;T&gt;</c> as <c>T</c> and a flag); null for the lambda forms, which name a CLR property.
    /// </summary>
    private static (string Name, TypeReference? Type, bool Nullable)? NamedProperty(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        string? name = null;
        var type = method.IsGenericMethod ? method.TypeArguments[0] : null;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String && argument.Value.ConstantValue is { HasValue: true, Value: string text })
            {
                name = text;
            }
            else if (argument.Value is ITypeOfOperation typeOf)
            {
                type = typeOf.TypeOperand;
            }
        }

        if (name is null)
        {
            return null;
        }

        var nullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper;
        var underlying = nullable ? ((INamedTypeSymbol)type!).TypeArguments[0] : type;
        return (name, TypeReference.From(underlying), nullable);
    }

    /// <summary>The entity name when <paramref name="call"/>'s builder is the parameter of a <c>modelBuilder.Entity("Name", b =&gt; …)</c> lambda.</summary>
    private static string? StringNamedEntityOf(IInvocationOperation call)
    {
        if (call.Receiver() is not IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol lambdaSymbol })
        {
            return null;
        }

        for (var current = call.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
            {
                var invocation = lambda.Parent is IDelegateCreationOperation creation ? creation.Parent?.Parent : lambda.Parent?.Parent;
                return invocation is IInvocationOperation { TargetMethod.Name: "Entity" } entityCall
                    ? entityCall.Arguments.Select(a => a.Value.ConstantValue.HasValue ? a.Value.ConstantValue.Value as string : null).FirstOrDefault(name => name is not null)
                    : null;
            }
        }

        return null;
    }

    /// <summary>
    /// An index for every entity that satisfies <paramref name="constraints"/> and passes <paramref name="loop"/>'s guards, of
    /// <paramref name="context"/> when it is known; dropped when a required type is not a named type. An excluded type that
    /// cannot be resolved excludes nothing.
    /// </summary>
    private void AddSharedIndex(IndexDefinition index, ImmutableArray<ITypeSymbol> constraints, EntityTypeLoop? loop, TypeReference? context)
    {
        var required = constraints.AddRange(loop?.Required ?? ImmutableArray<ITypeSymbol>.Empty).Select(_facts.Reference).ToImmutableArray();
        if (required.Any(r => r is null))
        {
            return;
        }

        var excluded = (loop?.Excluded ?? ImmutableArray<ITypeSymbol>.Empty).Select(_facts.Reference).ToImmutableArray();
        var requiredProperties = loop?.RequiredProperties ?? ImmutableArray<string>.Empty;
        var excludedProperties = loop?.ExcludedProperties ?? ImmutableArray<string>.Empty;
        _facts.Add((registry, types) =>
        {
            var resolved = ImmutableArray.CreateBuilder<ITypeSymbol>(required.Length);
            foreach (var reference in required)
            {
                if (types.Resolve(reference) is not { } type)
                {
                    return;
                }

                resolved.Add(type);
            }

            var resolvedExcluded = excluded.Select(types.Resolve).OfType<ITypeSymbol>().ToImmutableArray();
            var resolvedContext = context is null ? null : types.Resolve(context);
            registry.SharedIndexes.Add(new SharedIndex(index, resolved.MoveToImmutable(), resolvedExcluded, requiredProperties, excludedProperties, resolvedContext));
        });
    }

    private void AddToSet(ITypeSymbol type, Func<ModelRegistry, HashSet<ITypeSymbol>> set)
    {
        var reference = _facts.Reference(type);
        _facts.Add((registry, types) =>
        {
            if (types.Resolve(reference) is { } resolved)
            {
                set(registry).Add(resolved);
            }
        });
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
        foreach (var chained in call.Syntax.ChainedAfter())
        {
            var arguments = chained.ArgumentList.Arguments;
            switch (chained.InvokedName())
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
            indexName: call.ConstantStringArgument("name"),
            databaseName,
            isUnique,
            descending,
            isSpecialized));
    }

    private bool IsForeignKeyIndexConventionMention(IOperation operation) => operation switch
    {
        ITypeOfOperation typeOf => typeOf.TypeOperand.IsDefinitionOf(_symbols.ForeignKeyIndexConvention),
        IInvocationOperation { TargetMethod: { Name: "Remove", IsGenericMethod: true } remove } =>
            remove.TypeArguments.Any(t => t.IsDefinitionOf(_symbols.ForeignKeyIndexConvention)),
        _ => false,
    };
}
