using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Ef;

namespace TenantSafety.Analyzers.Model.Reuse;

/// <summary>
/// The whole <see cref="EntityModel"/> of one compilation, recorded without symbols, and restored into the next
/// compilation while nothing it was read from has changed. The IDE makes a new compilation after every keystroke; an
/// edit to a service, a controller or a test does not change the model, yet reading it again completes the members,
/// attributes and property types of every entity (most of a keystroke's cost at 500 entities). Configuration bodies are
/// already kept per tree (<see cref="ConfigurationFactCache{TTarget}"/>); this keeps what the attributes, navigations
/// and conventions add on top.
/// </summary>
/// <remarks>
/// A snapshot is restored only when, in the new compilation: the references and options are the same objects; the
/// model-configuring types are the same, in the same order; every type the model read has the same
/// <see cref="DeclarationShape"/> (the entities with their bases and interfaces, the types of their properties, the
/// contexts, the configuring types, the principals and every type the configuration bodies named); and the files with
/// <c>global using</c> directives, which change how every other file binds, are the same trees; and every tree its
/// indexes and configuration sites point into is still in the compilation (a snapshot holds syntax references). Anything
/// else builds the model again, from the declarations and configuration bodies kept per tree
/// (<see cref="DeclarationFactCache{TFacts}"/>, <see cref="ConfigurationFactCache{TTarget}"/>), so only what the edit touched is read. A snapshot is never taken when a configuration body bound with errors, or when the model
/// holds a type a <see cref="TypeReference"/> cannot name. A command-line build parses new trees and always builds afresh.
/// </remarks>
internal sealed class ModelSnapshot
{
    /// <summary>
    /// Keyed by every tree that declares a model-configuring type: one snapshot per project in the IDE, found again
    /// through any configuration file the edit did not touch.
    /// </summary>
    private static readonly ConditionalWeakTable<SyntaxTree, Holder> s_byTree = new();
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> s_declaresGlobalUsings = new();

    private readonly ImmutableArray<MetadataReference> _references;
    private readonly CompilationOptions _options;
    private readonly ImmutableArray<TypeReference> _configuringTypes;
    private readonly ImmutableArray<SyntaxTree> _globalUsingTrees;
    private readonly Dictionary<SyntaxTree, ImmutableArray<TextSpan>> _readSpans;
    private readonly IReadOnlyDictionary<TypeReference, DeclarationShape> _shapes;
    private readonly ImmutableArray<EntityRecord> _entities;
    private readonly bool _usesSnakeCaseNaming;
    private readonly DeclarationsVersion _version;

    private ModelSnapshot(
        Compilation compilation,
        ImmutableArray<TypeReference> configuringTypes,
        IReadOnlyDictionary<TypeReference, DeclarationShape> shapes,
        ImmutableArray<EntityRecord> entities,
        IEnumerable<SyntaxReference> bodies,
        bool usesSnakeCaseNaming,
        DeclarationsVersion version)
    {
        _version = version;
        _references = compilation.References.ToImmutableArray();
        _options = compilation.Options;
        _configuringTypes = configuringTypes;
        _globalUsingTrees = GlobalUsingTrees(compilation);
        _readSpans = entities.SelectMany(entity => entity.SyntaxReferences).Concat(bodies)
            .GroupBy(reference => reference.SyntaxTree)
            .ToDictionary(group => group.Key, group => group.Select(reference => reference.Span).Distinct().ToImmutableArray());
        _shapes = shapes;
        _entities = entities;
        _usesSnakeCaseNaming = usesSnakeCaseNaming;
    }

    /// <summary>The model of <paramref name="compilation"/>: restored from the previous compilation's snapshot when still current, else built and recorded.</summary>
    public static EntityModel Build(
        Compilation compilation,
        EfSymbols symbols,
        ImmutableArray<INamedTypeSymbol> configuringTypes,
        SemanticModelCache models,
        TypeResolver types,
        DeclarationsVersion version,
        CancellationToken cancellationToken,
        Action<SharedWork>? shareBodies = null)
    {
        if (configuringTypes.IsEmpty)
        {
            return EntityModelBuilder.Build(symbols, configuringTypes, models, new EntityDeclarations(symbols, types), cancellationToken);
        }

        var trees = configuringTypes.SelectMany(type => type.DeclaringSyntaxReferences).Select(reference => reference.SyntaxTree).Distinct().ToList();
        var holder = trees.Select(tree => s_byTree.TryGetValue(tree, out var known) ? known : null).FirstOrDefault(known => known is not null) ?? new Holder();
        foreach (var tree in trees)
        {
            _ = s_byTree.GetValue(tree, _ => holder);
        }

        var configuring = configuringTypes.Select(type => TypeReference.From(type)!).ToImmutableArray();
        if (holder.Snapshot is { } snapshot && snapshot.TryRestore(compilation, configuring, types, version) is { } restored)
        {
            return restored;
        }

        var facts = new List<(SyntaxReference Body, ConfigurationFacts<ModelRegistry> Facts)>();
        var declarations = new EntityDeclarations(symbols, types);
        var model = EntityModelBuilder.Build(symbols, configuringTypes, models, declarations, cancellationToken, (body, read) => facts.Add((body, read)), shareBodies);
        holder.Snapshot = Record(compilation, configuringTypes, configuring, facts, declarations, model, types, version);
        return model;
    }

    /// <summary>The snapshot kept for the project that declares a configuring type in <paramref name="tree"/>: for tests of the IDE's edit cycle.</summary>
    internal static ModelSnapshot? Kept(SyntaxTree tree) => s_byTree.TryGetValue(tree, out var holder) ? holder.Snapshot : null;

    private static ModelSnapshot? Record(
        Compilation compilation,
        ImmutableArray<INamedTypeSymbol> configuringTypes,
        ImmutableArray<TypeReference> configuring,
        List<(SyntaxReference Body, ConfigurationFacts<ModelRegistry> Facts)> facts,
        EntityDeclarations declarations,
        EntityModel model,
        TypeResolver types,
        DeclarationsVersion version)
    {
        if (facts.Any(f => !f.Facts.IsReusable) || declarations.Read.Values.Any(d => !d.IsReusable))
        {
            return null;
        }

        // What the configuration bodies named, and what the entities' declarations were read against.
        var dependencies = new DependencyRecorder(types);
        dependencies.AddAll(facts.SelectMany(f => f.Facts.Shapes).Concat(declarations.Read.Values.SelectMany(d => d.Dependencies)));
        var recorder = new Recorder(dependencies);
        foreach (var type in configuringTypes)
        {
            recorder.Depend(type);
        }

        var records = ImmutableArray.CreateBuilder<EntityRecord>(model.Entities.Count);
        foreach (var entity in model.Entities)
        {
            if (EntityRecord.Of(entity, model, recorder) is not { } record)
            {
                return null;
            }

            records.Add(record);
        }

        return recorder.Failed ? null : new ModelSnapshot(compilation, configuring, dependencies.Shapes, records.MoveToImmutable(), facts.Select(f => f.Body), model.UsesSnakeCaseNaming, version);
    }

    private EntityModel? TryRestore(Compilation compilation, ImmutableArray<TypeReference> configuringTypes, TypeResolver types, DeclarationsVersion version)
    {
        if (!ObjectSequences.Same(_references, compilation.References.ToImmutableArray())
            || !ReferenceEquals(_options, compilation.Options)
            || !_configuringTypes.SequenceEqual(configuringTypes)
            || !ObjectSequences.Same(_globalUsingTrees, GlobalUsingTrees(compilation))
            // The same declarations version has the same shapes without resolving a single type.
            || !(ReferenceEquals(_version, version) || types.HasShapes(_shapes))
            || TreeEdits.Between(_readSpans, compilation) is not { } edits)
        {
            return null;
        }

        var restored = new EntityInfo?[_entities.Length];
        for (var i = 0; i < _entities.Length; i++)
        {
            restored[i] = _entities[i].Restore(types, edits);
            if (restored[i] is null)
            {
                return null;
            }
        }

        var byType = new Dictionary<ITypeSymbol, EntityInfo>(SymbolEqualityComparer.Default);
        for (var i = 0; i < _entities.Length; i++)
        {
            var entity = restored[i]!;
            if (_entities[i].TableRoot is { } root)
            {
                entity.TableRoot = restored[root];
            }

            byType[entity.Type] = entity;
        }

        return new EntityModel(byType, _usesSnakeCaseNaming, compilation.Assembly);
    }

    private static ImmutableArray<SyntaxTree> GlobalUsingTrees(Compilation compilation) =>
        compilation.SyntaxTrees
            .Where(tree => s_declaresGlobalUsings.GetValue(tree, t => new StrongBox<bool>(t.GetText().ToString().Contains("global using"))).Value)
            .ToImmutableArray();

    private sealed class Holder
    {
        private ModelSnapshot? _snapshot;

        public ModelSnapshot? Snapshot
        {
            get => Volatile.Read(ref _snapshot);
            set => Volatile.Write(ref _snapshot, value);
        }
    }

    /// <summary>Names types by <see cref="TypeReference"/> and remembers the shape of each source type the model read.</summary>
    private sealed class Recorder(DependencyRecorder dependencies)
    {
        private bool _unnamed;

        /// <summary>A type the model holds that a reference cannot name (a constructed generic, an array) or that did not bind: no snapshot.</summary>
        public bool Failed => _unnamed || !dependencies.IsComplete;

        public void Depend(ITypeSymbol? type) => dependencies.Depend(type);

        /// <summary>A slot for <paramref name="type"/>; null when there is none, and <see cref="Failed"/> when a reference cannot name it.</summary>
        public TypeSlot? Slot(ITypeSymbol? type)
        {
            if (type is null)
            {
                return null;
            }

            Depend(type);
            var nullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
            var underlying = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            if (underlying is not INamedTypeSymbol named
                || !SymbolEqualityComparer.Default.Equals(named, named.OriginalDefinition)
                || TypeReference.From(named) is not { } reference)
            {
                _unnamed = true;
                return null;
            }

            return new TypeSlot(reference, nullable);
        }
    }

    /// <summary>A type as a snapshot holds it: a definition by name, wrapped in <c>Nullable&lt;T&gt;</c> or not.</summary>
    private sealed class TypeSlot
    {
        public TypeSlot(TypeReference reference, bool nullable)
        {
            Reference = reference;
            Nullable = nullable;
        }

        public TypeReference Reference { get; }

        public bool Nullable { get; }
    }

    /// <summary>One <see cref="EntityInfo"/> without symbols; its indexes and sites hold syntax references, which stay valid while their trees do.</summary>
    private sealed class EntityRecord
    {
        private TypeSlot _type = null!;
        private string? _tableName;
        private ImmutableArray<string> _dbSetNames;
        private ImmutableArray<TypeSlot> _contexts;
        private bool _isKeyless;
        private bool _isView;
        private bool _isOwned;
        private ImmutableArray<IndexDefinition> _indexes;
        private ImmutableArray<(ImmutableArray<string> Properties, TypeSlot? Principal)> _foreignKeys;
        private ImmutableArray<(ConfigurationSiteKind Kind, SyntaxReference Syntax, TypeSlot? Owner)> _sites;
        private ImmutableArray<KeyValuePair<string, string>> _columnNames;
        private ImmutableArray<(string Name, TypeSlot? Type)> _namedProperties;
        private ImmutableArray<string> _configurationsElsewhere;
        private ImmutableArray<string> _unreadModelHelpers;

        /// <summary>The syntax its indexes and sites point to: a restored model needs each of them unedited in the compilation.</summary>
        public IEnumerable<SyntaxReference> SyntaxReferences =>
            _indexes.SelectMany(index => index.Declarations.Select(declaration => declaration.Syntax).Append(index.Syntax))
                .Concat(_sites.Select(site => site.Syntax))
                .OfType<SyntaxReference>();

        /// <summary>The index of the entity whose table this one shares, in the snapshot's order.</summary>
        public int? TableRoot { get; private set; }

        public static EntityRecord? Of(EntityInfo entity, EntityModel model, Recorder recorder)
        {
            var record = new EntityRecord
            {
                _type = recorder.Slot(entity.Type)!,
                _tableName = entity.TableName,
                _dbSetNames = entity.DbSetNames.ToImmutableArray(),
                _contexts = entity.Contexts.Select(c => recorder.Slot(c)!).ToImmutableArray(),
                _isKeyless = entity.IsKeyless,
                _isView = entity.IsView,
                _isOwned = entity.IsOwned,
                _indexes = entity.Indexes.ToImmutableArray(),
                _foreignKeys = entity.ForeignKeys.Select(fk => (fk.Properties, recorder.Slot(fk.Principal))).ToImmutableArray(),
                _sites = entity.Sites.Select(s => (s.Kind, s.Syntax, recorder.Slot(s.Owner))).ToImmutableArray(),
                _columnNames = entity.ColumnNames.ToImmutableArray(),
                _namedProperties = entity.NamedProperties.Select(p => (p.Key, recorder.Slot(p.Value))).ToImmutableArray(),
                _configurationsElsewhere = entity.ConfigurationsElsewhere.ToImmutableArray(),
                _unreadModelHelpers = entity.UnreadModelHelpers.ToImmutableArray(),
            };

            if (entity.TableRoot is { } root)
            {
                var index = IndexOf(model.Entities, root);
                if (index < 0)
                {
                    return null;
                }

                record.TableRoot = index;
            }

            return recorder.Failed ? null : record;
        }

        public EntityInfo? Restore(TypeResolver types, TreeEdits edits)
        {
            if (Resolve(_type, types) is not INamedTypeSymbol type)
            {
                return null;
            }

            var entity = new EntityInfo(type)
            {
                TableName = _tableName,
                IsKeyless = _isKeyless,
                IsView = _isView,
                IsOwned = _isOwned,
            };
            foreach (var name in _dbSetNames)
            {
                entity.RestoreDbSetName(name);
            }

            foreach (var slot in _contexts)
            {
                if (Resolve(slot, types) is not INamedTypeSymbol context)
                {
                    return null;
                }

                entity.AddContext(context);
            }

            foreach (var index in _indexes)
            {
                entity.RestoreIndex(index.WithSyntax(edits.Map));
            }

            foreach (var (properties, principal) in _foreignKeys)
            {
                var resolved = Resolve(principal, types);
                if (principal is not null && resolved is null)
                {
                    return null;
                }

                entity.AddForeignKey(new ForeignKeyDefinition(properties, resolved));
            }

            foreach (var (kind, syntax, owner) in _sites)
            {
                var resolved = Resolve(owner, types) as INamedTypeSymbol;
                if (owner is not null && resolved is null)
                {
                    return null;
                }

                entity.AddSite(new ConfigurationSite(kind, edits.Map(syntax), resolved));
            }

            foreach (var pair in _columnNames)
            {
                entity.SetColumnName(pair.Key, pair.Value);
            }

            foreach (var (name, slot) in _namedProperties)
            {
                var resolved = Resolve(slot, types);
                if (slot is not null && resolved is null)
                {
                    return null;
                }

                entity.AddNamedProperty(name, resolved);
            }

            foreach (var configuration in _configurationsElsewhere)
            {
                entity.AddConfigurationElsewhere(configuration);
            }

            foreach (var helper in _unreadModelHelpers)
            {
                entity.AddUnreadModelHelper(helper);
            }

            return entity;
        }

        private static ITypeSymbol? Resolve(TypeSlot? slot, TypeResolver types) =>
            slot is null ? null : types.Resolve(slot.Reference, slot.Nullable);

        private static int IndexOf(IReadOnlyList<EntityInfo> entities, EntityInfo entity)
        {
            for (var i = 0; i < entities.Count; i++)
            {
                if (ReferenceEquals(entities[i], entity))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
