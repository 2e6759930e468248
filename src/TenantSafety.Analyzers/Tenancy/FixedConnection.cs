using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// Whether a connection handed to <c>Database.SetConnectionString</c> or <c>SetDbConnection</c> names one database
/// whatever the tenant: a constant (a design-time factory's local database), or a value read from configuration
/// (<c>configuration.GetConnectionString("Migrations")</c>, <c>configuration["ConnectionStrings:Admin"]</c>: a
/// migration's or an administrator's connection), directly, through a local's initializer, or as the argument of a
/// connection's constructor. Such a switch is not a database per tenant (<see cref="DatabaseSwitches"/>).
/// </summary>
internal static class FixedConnection
{
    private const string ConfigurationNamespace = "Microsoft.Extensions.Configuration";

    /// <summary>How far a value is followed through locals and constructors: the forms above, never a data flow.</summary>
    private const int MaxDepth = 3;

    public static bool NamesOneDatabase(IOperation value, SemanticModel model, CancellationToken cancellationToken) =>
        NamesOneDatabase(value, model, cancellationToken, depth: 0);

    private static bool NamesOneDatabase(IOperation value, SemanticModel model, CancellationToken cancellationToken, int depth)
    {
        value = value.Unwrap();
        if (value.ConstantValue.HasValue)
        {
            return true;
        }

        return value switch
        {
            IInvocationOperation call => IsConfiguration(call.TargetMethod.ContainingType) || IsConfiguration(call.Instance?.Type),
            IPropertyReferenceOperation property => property.Property.IsIndexer && IsConfiguration(property.Instance?.Type),
            IObjectCreationOperation creation => depth < MaxDepth && creation.Arguments.Length > 0
                && NamesOneDatabase(creation.Arguments[0].Value, model, cancellationToken, depth + 1),
            ILocalReferenceOperation local => depth < MaxDepth && InitializerOf(local.Local, model, cancellationToken) is { } initializer
                && NamesOneDatabase(initializer, model, cancellationToken, depth + 1),
            _ => false,
        };
    }

    /// <summary>The value a local is declared with, when it is declared in the same file; null otherwise.</summary>
    private static IOperation? InitializerOf(ILocalSymbol local, SemanticModel model, CancellationToken cancellationToken) =>
        local.DeclaredInitializer(cancellationToken) is { } value && value.SyntaxTree == model.SyntaxTree
            ? model.GetOperation(value, cancellationToken)
            : null;

    private static bool IsConfiguration(ITypeSymbol? type) =>
        type is not null
        && (InConfigurationNamespace(type) || type.AllInterfaces.Any(InConfigurationNamespace));

    private static bool InConfigurationNamespace(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == ConfigurationNamespace;
}
