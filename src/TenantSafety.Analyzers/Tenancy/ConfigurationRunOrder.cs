using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using TenantSafety.Analyzers.Ef;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Model.Reuse;

namespace TenantSafety.Analyzers.Tenancy;

/// <summary>
/// In which order EF Core runs the configuration bodies when it builds a DbContext's model: <c>OnModelCreating</c>
/// statement by statement, entering <c>ApplyConfiguration(new X())</c> (X's <c>Configure</c>),
/// <c>ApplyConfigurationsFromAssembly</c> (every configuration class, in an order the code does not say) and the
/// helpers and <c>base.OnModelCreating</c> it calls. It tells which of two unnamed filters on one entity runs last:
/// the one EF Core keeps.
/// </summary>
/// <remarks>
/// Read only when two bodies set an unnamed filter on the same entity, which most models never do. Each body's calls are
/// read once per syntax tree (<see cref="ConfigurationFactCache{TTarget}"/>), like the filters themselves.
/// </remarks>
internal sealed class ConfigurationRunOrder
{
    /// <summary>Separates this reading of a body from the filter index's and the model's in <see cref="ConfigurationFactCache{TTarget}"/>.</summary>
    internal const string CacheVariant = "run-order";

    /// <summary>The position of a call whose place in the order is not known (<see cref="PositionOf"/>).</summary>
    internal const int Deferred = -1;

    /// <summary>How deep helpers calling helpers are followed; a filter set deeper has no known place in the order.</summary>
    private const int MaxDepth = 6;

    private readonly ImmutableArray<INamedTypeSymbol> _configuringTypes;
    private readonly EfSymbols _symbols;
    private readonly SemanticModelCache _models;
    private readonly TypeResolver _types;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ConfigurationMember, List<RunStep>> _steps = new();
    private readonly Dictionary<ConfigurationMember, List<ConfigurationMember>> _withOverrides = new();
    private List<ConfigurationMember>? _roots;
    private List<ConfigurationMember>? _configurationClasses;

    public ConfigurationRunOrder(
        ImmutableArray<INamedTypeSymbol> configuringTypes,
        EfSymbols symbols,
        SemanticModelCache models,
        TypeResolver types,
        CancellationToken cancellationToken)
    {
        _configuringTypes = configuringTypes;
        _symbols = symbols;
        _models = models;
        _types = types;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Where <paramref name="call"/> has run, in its body's tree: the end of its span, since a call runs after its receiver
    /// and arguments (a lambda argument, <c>Entity&lt;T&gt;(b =&gt; …)</c>, runs inside the call). <see cref="Deferred"/> inside a
    /// local function or a lambda kept for later (<c>Action configure = () =&gt; …;</c>): it runs where it is called, which
    /// the text does not show.
    /// </summary>
    internal static int PositionOf(SyntaxNode call)
    {
        foreach (var ancestor in call.Ancestors())
        {
            switch (ancestor)
            {
                case LocalFunctionStatementSyntax:
                case AnonymousFunctionExpressionSyntax { Parent: not ArgumentSyntax }:
                    return Deferred;
                case MemberDeclarationSyntax:
                    return call.Span.End;
            }
        }

        return call.Span.End;
    }

    /// <summary>
    /// Of <paramref name="origins"/> (unnamed filters on one entity, each set by a different body), the one that runs
    /// last, so the one EF Core keeps: the others are replaced, or never run (a helper no <c>OnModelCreating</c> calls).
    /// Null when the order is not known: no <c>OnModelCreating</c> runs any of them, two configuration classes that
    /// <c>ApplyConfigurationsFromAssembly</c> runs in an order of its own, or two contexts whose last filters differ.
    /// </summary>
    public FilterOrigin? LastOf(IReadOnlyList<FilterOrigin> origins)
    {
        FilterOrigin? decided = null;
        foreach (var root in Roots())
        {
            var last = LastIn(root, origins);
            if (last is null)
            {
                continue;
            }

            if (decided is not null && !ReferenceEquals(decided, last))
            {
                return null;
            }

            decided = last;
        }

        return decided;
    }

    /// <summary>Of the origins <paramref name="root"/> runs, the one whose latest run comes after every other's; null when it runs none or the order is not known.</summary>
    private FilterOrigin? LastIn(ConfigurationMember root, IReadOnlyList<FilterOrigin> origins)
    {
        var latest = new List<(FilterOrigin Origin, List<RunPoint> Path)>();
        foreach (var origin in origins)
        {
            var path = new LatestRun(this, origin).From(root);
            if (ReferenceEquals(path, LatestRun.Unknown))
            {
                return null;
            }

            // Not run by this context: dead code, or a way of running it this reading does not follow.
            if (path is not null)
            {
                latest.Add((origin, path));
            }
        }

        foreach (var candidate in latest)
        {
            if (latest.All(other => ReferenceEquals(other.Origin, candidate.Origin) || Compare(candidate.Path, other.Path) > 0))
            {
                return candidate.Origin;
            }
        }

        return null;
    }

    /// <summary>
    /// Which of two paths from one root runs later: positive when <paramref name="a"/> does. At the first point where
    /// they part, both positions are in the same body; null when they part by entering different bodies at the same call
    /// (<c>ApplyConfigurationsFromAssembly</c>).
    /// </summary>
    private static int? Compare(List<RunPoint> a, List<RunPoint> b)
    {
        for (var i = 0; i < a.Count && i < b.Count; i++)
        {
            if (a[i].Position != b[i].Position)
            {
                return a[i].Position.CompareTo(b[i].Position);
            }

            if (!Equals(a[i].Enters, b[i].Enters))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The bodies a step runs: every configuration class, the method a non-virtual call names (<c>base.Configure(builder)</c>
    /// runs the base's body alone), or the method a virtual call names and the overrides of it here.
    /// </summary>
    private IEnumerable<ConfigurationMember> Entered(RunStep step) =>
        step.Kind == RunStepKind.AllConfigurations ? ConfigurationClasses()
        : step.RunsTargetOnly ? new[] { step.Target }
        : WithOverrides(step.Target);

    /// <summary>
    /// <paramref name="member"/> and the members of the same name of the configuring types derived from its type: a call
    /// of a virtual or abstract helper (<c>ConfigureTenancy(builder)</c>) runs the override of the context being built.
    /// </summary>
    private List<ConfigurationMember> WithOverrides(ConfigurationMember member)
    {
        if (_withOverrides.TryGetValue(member, out var known))
        {
            return known;
        }

        var members = new List<ConfigurationMember> { member };
        if (_types.Resolve(member.Type) is { } declaring)
        {
            foreach (var type in _configuringTypes)
            {
                if (type.DerivesFrom(declaring)
                    && type.GetMembers(member.Member).Any(m => m is IMethodSymbol { IsOverride: true })
                    && TypeReference.From(type) is { } derived)
                {
                    members.Add(new ConfigurationMember(derived, member.Member));
                }
            }
        }

        _withOverrides.Add(member, members);
        return members;
    }

    /// <summary>
    /// The <c>OnModelCreating</c> of every DbContext declared here that EF Core can build a model for: an abstract base
    /// context runs only as <c>base.OnModelCreating</c> of the contexts that derive from it.
    /// </summary>
    private List<ConfigurationMember> Roots() =>
        _roots ??= _configuringTypes
            .Where(type => !type.IsAbstract && type.DerivesFrom(_symbols.DbContext) && HasSourceMethod(type, "OnModelCreating"))
            .Select(type => new ConfigurationMember(TypeReference.From(type)!, "OnModelCreating"))
            .ToList();

    /// <summary>The <c>Configure</c> of every configuration class declared here: what <c>ApplyConfigurationsFromAssembly</c> runs.</summary>
    private List<ConfigurationMember> ConfigurationClasses() =>
        _configurationClasses ??= _configuringTypes
            .Where(type => type.AllInterfaces.Any(i => i.IsDefinitionOf(_symbols.EntityTypeConfigurationOfT)))
            .Select(type => new ConfigurationMember(TypeReference.From(type)!, "Configure"))
            .ToList();

    private static bool HasSourceMethod(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).Any(member => member is IMethodSymbol && !member.DeclaringSyntaxReferences.IsEmpty);

    /// <summary>The calls of <paramref name="member"/>'s bodies that run configuration, in source order.</summary>
    private List<RunStep> StepsOf(ConfigurationMember member)
    {
        if (_steps.TryGetValue(member, out var known))
        {
            return known;
        }

        var steps = new List<RunStep>();
        _steps.Add(member, steps);
        if (_types.Resolve(member.Type) is not { } type)
        {
            return steps;
        }

        foreach (var method in type.GetMembers(member.Member).OfType<IMethodSymbol>())
        {
            // A partial method's body is in its implementation part.
            foreach (var body in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
            {
                var facts = ConfigurationFactCache<List<RunStep>>.GetOrRead(body, CacheVariant, _types, () => ReadSteps(body));
                facts.ReplayInto(steps, _types);
            }
        }

        return steps;
    }

    private ConfigurationFacts<List<RunStep>> ReadSteps(SyntaxReference reference)
    {
        var facts = new ConfigurationFacts<List<RunStep>>(_types);
        var declaration = reference.GetSyntax(_cancellationToken);
        if (declaration is not BaseMethodDeclarationSyntax { } method || (method.Body is null && method.ExpressionBody is null))
        {
            return facts;
        }

        if (_models.ForConfiguration(declaration.SyntaxTree) is not { } model)
        {
            facts.MarkNotReusable();
            return facts;
        }

        foreach (var call in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.NameOfArgument() is { } namedHelper)
            {
                // GetMethod(nameof(SetTenantFilter)).MakeGenericMethod(type).Invoke(…): the helper runs here, by reflection.
                var named = model.GetSymbolInfo(namedHelper, _cancellationToken);
                foreach (var candidate in named.Symbol is { } symbol ? ImmutableArray.Create(symbol) : named.CandidateSymbols)
                {
                    AddMemberStep(facts, candidate as IMethodSymbol, PositionOf(call));
                }

                continue;
            }

            if (model.GetOperation(call, _cancellationToken) is not IInvocationOperation invocation)
            {
                continue;
            }

            if (ReflectedMethods(invocation) is { } reflected)
            {
                foreach (var reflectedMethod in reflected)
                {
                    AddMemberStep(facts, reflectedMethod, PositionOf(call));
                }

                continue;
            }

            if (KeptMethodInfo.MadeGeneric(invocation) is { } kept)
            {
                AddKeptMethodSteps(facts, kept, declaration.SyntaxTree, PositionOf(call));
                continue;
            }

            if (invocation.TargetMethod.ContainingType is { TypeKind: TypeKind.Error } || invocation.Descendants().Any(o => o.Kind == OperationKind.Invalid))
            {
                facts.MarkNotReusable();
            }

            AddStepOf(invocation, facts);

            // modelBuilder.Entity<Invoice>(ConfigureInvoice): the method runs inside the call.
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Unwrap() is IDelegateCreationOperation { Target: IMethodReferenceOperation methodGroup })
                {
                    AddMemberStep(facts, methodGroup.Method, PositionOf(call));
                }
            }
        }

        return facts;
    }

    /// <summary>Records what <paramref name="invocation"/> runs: a configuration class, all of them, or a method of this project.</summary>
    private void AddStepOf(IInvocationOperation invocation, ConfigurationFacts<List<RunStep>> facts)
    {
        var target = invocation.TargetMethod;
        var position = PositionOf(invocation.Syntax);
        if (target.ContainingType.IsDefinitionOf(_symbols.EntityTypeConfigurationOfT))
        {
            // configuration.Configure(builder) through the interface: any configuration class may run here.
            facts.Add((steps, _) => steps.Add(new RunStep(RunStepKind.AllConfigurations, default, position)));
            return;
        }

        if (!target.ContainingType.IsDefinitionOf(_symbols.ModelBuilder))
        {
            // A helper, or base.OnModelCreating: a call that is not virtual (base.Configure(builder)) runs that body, never
            // an override of it.
            AddMemberStep(facts, target, position, runsTargetOnly: !invocation.IsVirtual);
            return;
        }

        var step = target.Name switch
        {
            "ApplyConfiguration" when invocation.Arguments.FirstOrDefault()?.Value.Unwrap().Type is INamedTypeSymbol { TypeKind: TypeKind.Class } configuration
                && facts.Reference(configuration) is { } reference
                => new RunStep(RunStepKind.Member, new ConfigurationMember(reference, "Configure"), position),

            // A helper's IEntityTypeConfiguration<T> parameter: any configuration class may run here.
            "ApplyConfiguration" => new RunStep(RunStepKind.AllConfigurations, default, position),
            "ApplyConfigurationsFromAssembly" when !AppliesAnotherAssembly(invocation) => new RunStep(RunStepKind.AllConfigurations, default, position),
            _ => null,
        };
        if (step is not null)
        {
            facts.Add((steps, _) => steps.Add(step));
        }
    }

    /// <summary>
    /// <c>ApplyFilterMethod.MakeGenericMethod(type).Invoke(…)</c>: the methods the member's declaration reflects on
    /// (<c>typeof(X).GetMethod(nameof(SetTenantFilter), …)</c>) run at <paramref name="position"/>.
    /// </summary>
    private void AddKeptMethodSteps(ConfigurationFacts<List<RunStep>> facts, ISymbol member, SyntaxTree bodyTree, int position)
    {
        foreach (var value in KeptMethodInfo.ValuesOf(member, _cancellationToken))
        {
            // A declaration in another file may change without this body's file: the body's reading is not kept.
            if (value.SyntaxTree != bodyTree)
            {
                facts.MarkNotReusable();
            }

            if (_models.ForConfiguration(value.SyntaxTree) is not { } model)
            {
                facts.MarkNotReusable();
                continue;
            }

            foreach (var call in value.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetOperation(call, _cancellationToken) is IInvocationOperation invocation && ReflectedMethods(invocation) is { } reflected)
                {
                    foreach (var reflectedMethod in reflected)
                    {
                        AddMemberStep(facts, reflectedMethod, position);
                    }
                }
            }
        }
    }

    /// <summary><c>typeof(X).GetMethod("SetTenantFilter", …)</c>: X's methods of that name, which the code then invokes by reflection; null for any other call.</summary>
    private static IEnumerable<IMethodSymbol>? ReflectedMethods(IInvocationOperation invocation) =>
        invocation.TargetMethod is { Name: "GetMethod", ContainingType: { Name: "Type", ContainingNamespace.Name: "System" } }
        && invocation.Instance?.Unwrap() is ITypeOfOperation { TypeOperand: INamedTypeSymbol owner }
        && invocation.Arguments.FirstOrDefault()?.Value.ConstantValue is { HasValue: true, Value: string name }
            ? owner.GetMembers(name).OfType<IMethodSymbol>()
            : null;

    /// <summary>Records a call of <paramref name="method"/>, when this project declares it: a helper, <c>base.OnModelCreating</c>.</summary>
    private void AddMemberStep(ConfigurationFacts<List<RunStep>> facts, IMethodSymbol? method, int position, bool runsTargetOnly = false)
    {
        if (method is null)
        {
            return;
        }

        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, _types.Assembly)
            && !definition.DeclaringSyntaxReferences.IsEmpty
            && facts.Reference(definition.ContainingType) is { } owner)
        {
            var step = new RunStep(RunStepKind.Member, new ConfigurationMember(owner, definition.Name), position, runsTargetOnly);
            facts.Add((steps, _) => steps.Add(step));
        }
    }

    /// <summary><c>ApplyConfigurationsFromAssembly(typeof(X).Assembly)</c> with X another project's: none of this project's classes run.</summary>
    private bool AppliesAnotherAssembly(IInvocationOperation invocation) =>
        OtherAssemblyConfigurations.AssemblyMarker(invocation) is { } marker
        && !SymbolEqualityComparer.Default.Equals(marker.ContainingAssembly, _types.Assembly);

    /// <summary>
    /// The latest way a body runs one filter: the calls it passes through, each with the body it enters, then the
    /// filter's own position. Each body's answer is computed once, so a helper called from many places costs one walk.
    /// </summary>
    private sealed class LatestRun
    {
        /// <summary>The body runs the filter on ways whose order is not known (two classes of <c>ApplyConfigurationsFromAssembly</c>).</summary>
        public static readonly List<RunPoint> Unknown = new();

        private readonly ConfigurationRunOrder _order;
        private readonly FilterOrigin _origin;
        private readonly Dictionary<ConfigurationMember, List<RunPoint>?> _byBody = new();
        private readonly HashSet<ConfigurationMember> _onStack = new();

        public LatestRun(ConfigurationRunOrder order, FilterOrigin origin)
        {
            _order = order;
            _origin = origin;
        }

        /// <summary>The latest path from <paramref name="body"/> to the filter; null when it does not run it, <see cref="Unknown"/> when the order is not known.</summary>
        public List<RunPoint>? From(ConfigurationMember body)
        {
            if (body.Equals(_origin.Body))
            {
                return _origin.Position == Deferred ? Unknown : new List<RunPoint> { new(_origin.Position, null) };
            }

            if (_byBody.TryGetValue(body, out var known))
            {
                return known;
            }

            // Deeper helpers are not followed: what they run has no known place. A call back into a body on the way
            // (recursion) runs nothing new.
            if (_onStack.Count >= MaxDepth)
            {
                return Unknown;
            }

            if (!_onStack.Add(body))
            {
                return null;
            }

            List<RunPoint>? latest = null;
            foreach (var step in _order.StepsOf(body))
            {
                foreach (var entered in _order.Entered(step))
                {
                    var rest = From(entered);
                    if (ReferenceEquals(rest, Unknown))
                    {
                        latest = Unknown;
                        break;
                    }

                    if (rest is null)
                    {
                        continue;
                    }

                    if (step.Position == Deferred)
                    {
                        latest = Unknown;
                        break;
                    }

                    var path = new List<RunPoint>(rest.Count + 1) { new(step.Position, entered) };
                    path.AddRange(rest);
                    if (latest is null || Compare(path, latest) is > 0)
                    {
                        latest = path;
                    }
                    else if (Compare(path, latest) is null)
                    {
                        latest = Unknown;
                        break;
                    }
                }

                if (ReferenceEquals(latest, Unknown))
                {
                    break;
                }
            }

            _onStack.Remove(body);
            _byBody[body] = latest;
            return latest;
        }
    }

    private enum RunStepKind
    {
        /// <summary>A method of this project: a helper, <c>base.OnModelCreating</c>, X's <c>Configure</c> for <c>ApplyConfiguration(new X())</c>.</summary>
        Member,

        /// <summary><c>ApplyConfigurationsFromAssembly</c>: every configuration class, in no order the code says.</summary>
        AllConfigurations,
    }

    /// <summary>A call that runs configuration: what it enters, and where it ends in its body's tree.</summary>
    private sealed class RunStep
    {
        public RunStep(RunStepKind kind, ConfigurationMember target, int position, bool runsTargetOnly = false)
        {
            Kind = kind;
            Target = target;
            Position = position;
            RunsTargetOnly = runsTargetOnly;
        }

        public RunStepKind Kind { get; }

        public ConfigurationMember Target { get; }

        public int Position { get; }

        /// <summary>Whether the call runs <see cref="Target"/>'s body alone, not an override of it (a call that is not virtual).</summary>
        public bool RunsTargetOnly { get; }
    }

    /// <summary>One point of a path: a position in a body, and the body the call there enters (null: the filter itself).</summary>
    private readonly struct RunPoint
    {
        public RunPoint(int position, ConfigurationMember? enters)
        {
            Position = position;
            Enters = enters;
        }

        public int Position { get; }

        public ConfigurationMember? Enters { get; }
    }
}
