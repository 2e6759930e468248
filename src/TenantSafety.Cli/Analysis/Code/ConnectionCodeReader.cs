using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Cli.Report;

namespace TenantSafety.Cli.Analysis.Code;

/// <summary>
/// How the code connects each DbContext, read from bound symbols: its registration (<c>AddDbContext</c>,
/// <c>AddDbContextPool</c>, <c>AddPooledDbContextFactory</c>, <c>AddDbContextFactory</c>, <c>OnConfiguring</c>, a
/// <c>DbContextOptionsBuilder&lt;T&gt;</c>), what <c>UseNpgsql</c> is given (a connection string, an
/// <c>NpgsqlDataSource</c>, a connection), <c>EnableRetryOnFailure</c>, the data sources the code builds, and pool
/// settings assigned on an <c>NpgsqlConnectionStringBuilder</c>. The types are the analyzers' (<see cref="EfSymbols"/>).
/// </summary>
internal sealed class ConnectionCodeReader(EfSymbols symbols)
{
    /// <summary>The registration methods of <c>EntityFrameworkServiceCollectionExtensions</c>, by name.</summary>
    private static readonly Dictionary<string, RegistrationKind> s_registrationMethods =
        new[] { RegistrationKind.AddDbContext, RegistrationKind.AddDbContextPool, RegistrationKind.AddPooledDbContextFactory, RegistrationKind.AddDbContextFactory }
            .ToDictionary(kind => kind.ToString(), StringComparer.Ordinal);

    /// <summary>The <c>NpgsqlConnectionStringBuilder</c> properties the report shows, by the connection-string names.</summary>
    private static readonly Dictionary<string, string> s_builderProperties = new(StringComparer.Ordinal)
    {
        ["Pooling"] = ConnectionSettings.Pooling,
        ["MaxPoolSize"] = ConnectionSettings.MaxPoolSize,
        ["MinPoolSize"] = ConnectionSettings.MinPoolSize,
        ["Timeout"] = ConnectionSettings.Timeout,
        ["ConnectionIdleLifetime"] = ConnectionSettings.ConnectionIdleLifetime,
        ["Multiplexing"] = ConnectionSettings.Multiplexing,
        ["NoResetOnClose"] = ConnectionSettings.NoResetOnClose,
        ["MaxAutoPrepare"] = ConnectionSettings.MaxAutoPrepare,
    };

    public static ConnectionFacts Read(SourceOperations source, IReadOnlyList<ConnectionStringEntry> appSettings) =>
        new ConnectionCodeReader(source.Symbols).ReadFacts(source, appSettings);

    private ConnectionFacts ReadFacts(SourceOperations source, IReadOnlyList<ConnectionStringEntry> appSettings)
    {
        var registrations = new List<ContextRegistration>();
        var dataSources = new List<DataSourceDefinition>();
        var settings = new List<BuilderSetting>();
        var claimed = new HashSet<IOperation>();

        foreach (var invocation in source.Invocations)
        {
            var method = invocation.TargetMethod;
            if (s_registrationMethods.TryGetValue(method.Name, out var kind) && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Report.ServiceCollectionExtensions)
                && method.TypeArguments.LastOrDefault(symbols.IsDbContext) is { } context)
            {
                var useNpgsql = UseNpgsqlCallsIn(invocation, source).ToList();
                claimed.UnionWith(useNpgsql);
                var poolSize = SourceOperations.Argument(invocation, "poolSize")?.ConstantValue is { HasValue: true, Value: int size } ? size : (int?)null;
                registrations.Add(Registration(context.Name, kind, invocation, useNpgsql, poolSize, designTime: false));
            }
            else if (IsDataSourceCreation(invocation.TargetMethod))
            {
                dataSources.Add(new DataSourceDefinition($"{method.ContainingType.Name}.{method.Name}", SourceOperations.SpotOf(invocation), SourcesOf(ConnectionArgument(invocation))));
            }
        }

        foreach (var invocation in source.Invocations.Where(IsUseNpgsql).Where(i => !claimed.Contains(i)))
        {
            if (UnclaimedRegistration(invocation) is { } registration)
            {
                registrations.Add(registration);
            }
        }

        foreach (var operation in source.Operations)
        {
            if (operation is IObjectCreationOperation { Constructor: { } constructor } creation
                && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, symbols.Report.NpgsqlDataSourceBuilder))
            {
                var argument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "connectionString")?.Value;
                dataSources.Add(new DataSourceDefinition("new NpgsqlDataSourceBuilder", SourceOperations.SpotOf(creation), SourcesOf(argument)));
            }
            else if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, symbols.Report.NpgsqlConnectionStringBuilder)
                && s_builderProperties.TryGetValue(property.Property.Name, out var setting)
                && assignment.Value.ConstantValue is { HasValue: true, Value: { } value })
            {
                settings.Add(new BuilderSetting(setting, Format(value), SourceOperations.SpotOf(assignment)));
            }
        }

        return new ConnectionFacts(Contexts(source.Compilation), registrations, dataSources, appSettings, settings);
    }

    private ContextRegistration Registration(string context, RegistrationKind kind, IOperation at, IReadOnlyList<IInvocationOperation> useNpgsql, int? poolSize, bool designTime)
    {
        var first = useNpgsql.FirstOrDefault();
        var connection = first is null ? null : ConnectionArgument(first);
        var provider = connection?.Type switch
        {
            null => first is null ? null : "connection string",
            { SpecialType: SpecialType.System_String } => "connection string",
            var type when type.SelfOrBaseOfDefinition(symbols.Report.DbDataSource) is not null => "data source",
            _ => "connection",
        };
        var retry = useNpgsql.Any(call => call.Arguments.Any(a => a.Value.Descendants().OfType<IInvocationOperation>().Any(IsRetryConfiguration)));
        return new ContextRegistration(
            context,
            kind,
            SourceOperations.SpotOf(at),
            provider,
            provider == "connection string" ? SourcesOf(connection) : [],
            retry,
            poolSize,
            designTime);
    }

    /// <summary>A <c>UseNpgsql</c> outside any registration: in <c>OnConfiguring</c>, or on a <c>new DbContextOptionsBuilder&lt;T&gt;()</c>.</summary>
    private ContextRegistration? UnclaimedRegistration(IInvocationOperation useNpgsql)
    {
        var method = useNpgsql.Syntax.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        var model = useNpgsql.SemanticModel;
        var containing = method is null || model is null ? null : model.GetDeclaredSymbol(method);
        if (containing is { Name: "OnConfiguring", IsOverride: true } && symbols.IsDbContext(containing.ContainingType))
        {
            return Registration(containing.ContainingType.Name, RegistrationKind.OnConfiguring, useNpgsql, [useNpgsql], poolSize: null, designTime: false);
        }

        var receiver = useNpgsql.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value.Type as INamedTypeSymbol;
        if (receiver is not null && receiver.IsDefinitionOf(symbols.Report.DbContextOptionsBuilderOfT))
        {
            var designTime = containing?.ContainingType.AllInterfaces.Any(i => i.IsDefinitionOf(symbols.Report.DesignTimeDbContextFactory)) ?? false;
            return Registration(receiver.TypeArguments[0].Name, RegistrationKind.DbContextOptionsBuilder, useNpgsql, [useNpgsql], poolSize: null, designTime);
        }

        return null;
    }

    private IEnumerable<IInvocationOperation> UseNpgsqlCallsIn(IInvocationOperation registration, SourceOperations source)
    {
        var span = registration.Syntax.Span;
        return source.Invocations.Where(i => IsUseNpgsql(i) && i.Syntax.SyntaxTree == registration.Syntax.SyntaxTree && span.Contains(i.Syntax.Span));
    }

    private bool IsUseNpgsql(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name == "UseNpgsql" && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Report.NpgsqlDbContextOptionsExtensions);

    private bool IsRetryConfiguration(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "EnableRetryOnFailure" or "ExecutionStrategy"
        && invocation.TargetMethod.ContainingType.SelfOrBaseOfDefinition(symbols.Report.RelationalDbContextOptionsBuilder) is not null;

    private bool IsDataSourceCreation(IMethodSymbol method) =>
        (method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Report.NpgsqlDataSource))
        || (method.Name == "AddNpgsqlDataSource" && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Report.NpgsqlServiceCollectionExtensions));

    /// <summary>The connection argument of <c>UseNpgsql</c> or a data-source factory: the first parameter after the extended one.</summary>
    private static IOperation? ConnectionArgument(IInvocationOperation invocation)
    {
        var first = invocation.TargetMethod.IsExtensionMethod ? 1 : 0;
        return invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == first && a.ArgumentKind != ArgumentKind.DefaultValue)?.Value;
    }

    /// <summary>Where a connection string comes from, following locals and <c>??</c> (<c>env ?? "Host=…"</c> has two sources).</summary>
    private IReadOnlyList<ConnectionSource> SourcesOf(IOperation? value, int depth = 0)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (value is null || depth > 4)
        {
            return [];
        }

        var spot = SourceOperations.SpotOf(value);
        switch (value)
        {
            case { ConstantValue: { HasValue: true, Value: string text } }:
                return [new ConnectionSource("literal", null, ConnectionSettings.Parse(text), spot)];
            case ICoalesceOperation coalesce:
                return [.. SourcesOf(coalesce.Value, depth + 1), .. SourcesOf(coalesce.WhenNull, depth + 1)];
            case IInvocationOperation { TargetMethod.Name: "GetConnectionString" } call
                when SourceOperations.Argument(call, "name")?.ConstantValue is { HasValue: true, Value: string name }:
                return [new ConnectionSource("configuration", name, null, spot)];
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                when indexer.Arguments.FirstOrDefault()?.Value.ConstantValue is { HasValue: true, Value: string key }
                    && key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase):
                return [new ConnectionSource("configuration", key["ConnectionStrings:".Length..], null, spot)];
            case IInvocationOperation { TargetMethod.Name: "GetEnvironmentVariable" } env
                when SymbolEqualityComparer.Default.Equals(env.TargetMethod.ContainingType, symbols.Report.Environment)
                    && env.Arguments.FirstOrDefault()?.Value.ConstantValue is { HasValue: true, Value: string variable }:
                return [new ConnectionSource("environment", variable, null, spot)];
            case ILocalReferenceOperation local when InitializerOf(local.Local, value) is { } initializer:
                return SourcesOf(initializer, depth + 1);
            default:
                return [new ConnectionSource("computed", null, null, spot)];
        }
    }

    /// <summary>The initializer of a local declared once (<c>var cs = … ;</c>), as an operation.</summary>
    private static IOperation? InitializerOf(ILocalSymbol local, IOperation use)
    {
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            || use.SemanticModel is not { } model || initializer.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(initializer);
    }

    private List<DbContextInfo> Contexts(Compilation compilation)
    {
        var contexts = new List<DbContextInfo>();
        foreach (var type in compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type).OfType<INamedTypeSymbol>())
        {
            if (type.IsAbstract || SymbolEqualityComparer.Default.Equals(type, symbols.DbContext) || !symbols.IsDbContext(type))
            {
                continue;
            }

            var services = type.InstanceConstructors
                .Where(c => c.DeclaredAccessibility == Accessibility.Public)
                .SelectMany(c => c.Parameters)
                .Where(p => p.Type.SelfOrBaseOfDefinition(symbols.Report.DbContextOptions) is null)
                .Select(p => p.Type.Name)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var location = type.Locations.FirstOrDefault(l => l.IsInSource)?.GetMappedLineSpan();
            contexts.Add(new DbContextInfo(
                type.Name,
                services,
                location is { } span ? new SourceSpot(DisplayPaths.Of(span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1) : null));
        }

        return contexts.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
