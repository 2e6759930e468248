using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// The DbContexts whose database the project chooses at run time: <c>Database.SetConnectionString(…)</c> or
/// <c>Database.SetDbConnection(…)</c> called on the context, in its own code or anywhere else in the project
/// (<c>db.Database.SetConnectionString(tenant.ConnectionString)</c> in a middleware). A database per tenant is what
/// that is usually for, and then a <c>TenantId</c> its entities carry is no evidence that tenants share its tables: the
/// key inference does not count those entities by their conventional name, and TSA0001 says why
/// (docs/configuration.md, "A database per tenant").
/// </summary>
/// <remarks>
/// A connection that names one database whatever the tenant (a constant, a value read from configuration:
/// <see cref="FixedConnection"/>) is not counted: a migration's or an administrator's connection. Only a call whose
/// facade belongs to a known context type counts (the context, a base class of it, or an interface it implements that
/// declares <c>Database</c>): a helper over any <c>DbContext</c> says nothing about which one switches, and counting it
/// for all would take the inferred key from every context of the project.
/// </remarks>
internal sealed class DatabaseSwitches
{
    private const string SetConnectionString = "SetConnectionString";
    private const string SetDbConnection = "SetDbConnection";

    public static readonly DatabaseSwitches None = new(ImmutableDictionary<INamedTypeSymbol, string>.Empty.WithComparers(SymbolEqualityComparer.Default));

    /// <summary>Each file's calls of a method with either name, found in its text and kept with the tree, which the IDE reuses across compilations.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<ImmutableArray<InvocationExpressionSyntax>>> s_calls = new();

    private readonly ImmutableDictionary<INamedTypeSymbol, string> _whereSwitched;

    private DatabaseSwitches(ImmutableDictionary<INamedTypeSymbol, string> whereSwitched)
    {
        _whereSwitched = whereSwitched;
    }

    /// <summary>Whether any context of the project switches its database.</summary>
    public bool Any => !_whereSwitched.IsEmpty;

    /// <summary>
    /// Where <paramref name="context"/>'s database is switched, as the message names it
    /// (<c>Database.SetConnectionString in TenantContext.UseTenant</c>); null when the project never switches it.
    /// </summary>
    public string? WhereSwitched(INamedTypeSymbol context) => _whereSwitched.TryGetValue(context, out var where) ? where : null;

    /// <param name="compilation">The project.</param>
    /// <param name="symbols">Its EF Core symbols.</param>
    /// <param name="contexts">Its DbContext classes.</param>
    /// <param name="models">Semantic models of its files: only files that spell one of the two names are bound.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public static DatabaseSwitches Find(Compilation compilation, EfSymbols symbols, ImmutableArray<INamedTypeSymbol> contexts, SemanticModelCache models, CancellationToken cancellationToken)
    {
        if (symbols.RelationalDatabaseFacadeExtensions is not { } extensions || contexts.IsEmpty)
        {
            return None;
        }

        var whereSwitched = ImmutableDictionary.CreateBuilder<INamedTypeSymbol, string>(SymbolEqualityComparer.Default);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var calls = s_calls.GetValue(tree, t => new StrongBox<ImmutableArray<InvocationExpressionSyntax>>(
                t.CallsNamed(SetConnectionString).Concat(t.CallsNamed(SetDbConnection)).ToImmutableArray())).Value;
            if (calls.IsEmpty || models.ForConfiguration(tree) is not { } model)
            {
                continue;
            }

            foreach (var call in calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                    || SwitchedFacadeOwner(invocation, extensions, symbols.DbContext) is not { } owner
                    || (invocation.ArgumentAt(1)?.Value is { } connection && FixedConnection.NamesOneDatabase(connection, model, cancellationToken)))
                {
                    continue;
                }

                var where = $"Database.{call.InvokedName()} in {Enclosing(model, call, cancellationToken)}";
                foreach (var context in contexts.Where(c => IsOrInherits(c, owner)))
                {
                    if (!whereSwitched.ContainsKey(context))
                    {
                        whereSwitched.Add(context, where);
                    }
                }
            }
        }

        return whereSwitched.Count == 0 ? None : new DatabaseSwitches(whereSwitched.ToImmutable());
    }

    /// <summary>
    /// The type whose <c>Database</c> facade the call switches (<c>TenantContext</c> in <c>Database.SetConnectionString(cs)</c>
    /// inside it, or in <c>tenantDb.Database.SetConnectionString(cs)</c>); null for another method, or for a facade of
    /// any DbContext.
    /// </summary>
    private static INamedTypeSymbol? SwitchedFacadeOwner(IInvocationOperation invocation, INamedTypeSymbol extensions, INamedTypeSymbol? dbContext)
    {
        if (!SymbolEqualityComparer.Default.Equals((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).ContainingType, extensions)
            || invocation.ArgumentAt(0)?.Value.Unwrap() is not { } facade)
        {
            return null;
        }

        if (facade is not IPropertyReferenceOperation { Property.Name: "Database", Instance.Type: INamedTypeSymbol owner })
        {
            return null;
        }

        // The facade of any DbContext (a helper's parameter) names no context.
        return SymbolEqualityComparer.Default.Equals(owner, dbContext) ? null : owner;
    }

    private static bool IsOrInherits(INamedTypeSymbol context, INamedTypeSymbol owner) =>
        owner.TypeKind == TypeKind.Interface
            ? context.AllInterfaces.Contains(owner, SymbolEqualityComparer.Default)
            : context.SelfOrBaseOfDefinition(owner.OriginalDefinition) is not null;

    private static string Enclosing(SemanticModel model, SyntaxNode call, CancellationToken cancellationToken)
    {
        // A lambda or local function is named by the member it is written in.
        var symbol = model.GetEnclosingSymbol(call.SpanStart, cancellationToken);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol switch
        {
            IMethodSymbol { Name: WellKnownMemberNames.TopLevelStatementsEntryPointMethodName } => "the top-level statements",
            IMethodSymbol { MethodKind: MethodKind.Constructor, ContainingType: { } type } => type.Name + " constructor",
            IMethodSymbol { AssociatedSymbol: { } property, ContainingType: { } type } => type.Name + "." + property.Name,
            ISymbol { ContainingType: { } type } member => type.Name + "." + member.Name,
            var other => other?.Name ?? "the project",
        };
    }
}
