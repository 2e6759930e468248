using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TenantSafety.Analyzers.Model.Reuse;
using TenantSafety.Analyzers.Tenancy;

namespace TenantSafety.Analyzers.Analysis;

/// <summary>
/// The query findings of each body of a file, kept for the IDE's next compilation. A keystroke in one method of a
/// 2,000-line service used to judge all of its 500 queries again; the bodies the edit did not touch now get their
/// findings back at their new place, and only the edited body is judged.
/// </summary>
/// <remarks>
/// What a body's findings depend on, and what must hold for them to be carried from the compilation that judged it to
/// the next one:
/// <list type="bullet">
/// <item>Every declaration of the project: the two compilations share a <see cref="DeclarationsVersion"/> (same
/// references, options and declarations; files differ at most in bodies, comments and white space).</item>
/// <item>Every other file, and through it the entity model, the query filters and the helpers elsewhere: each is the
/// same tree object. Only the file itself was edited.</item>
/// <item>The file's own part in the model: it declares no model-configuring type and no query filter or Finbuckle
/// loop, and the names the tenancy pre-check reads in it (<see cref="TenancyMentions"/>) are the same.</item>
/// <item>The file's options (.editorconfig) read the same.</item>
/// <item>The body's own text is the same, and no body the edit changed was read as a helper (summarised, or followed
/// for the queries it is handed) by any judgement kept for the file; an edited helper judges the whole file again.</item>
/// </list>
/// A command-line build makes one compilation per set of declarations: nothing is kept or carried there (the first
/// compilation of a version is never recorded). The generated-code check runs again on every finding carried.
/// </remarks>
internal sealed class KeptQueryFindings
{
    private static readonly ConditionalWeakTable<DeclarationsVersion, Project> s_projects = new();

    private readonly Compilation _compilation;
    private readonly TenantCompilationState _state;
    private readonly ConcurrentDictionary<SyntaxTree, Lazy<TreeFindings?>> _trees = new();
    private readonly Lazy<(Project Project, ImmutableArray<SyntaxTree> Trees, bool IsEditCycle)> _project;

    public KeptQueryFindings(Compilation compilation, TenantCompilationState state)
    {
        _compilation = compilation;
        _state = state;
        _project = new Lazy<(Project, ImmutableArray<SyntaxTree>, bool)>(
            () =>
            {
                var project = s_projects.GetValue(_state.Version, _ => new Project());
                var trees = _compilation.SyntaxTrees.ToImmutableArray();
                return (project, trees, project.IsEditCycle(trees));
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether this compilation is the IDE's edit cycle: a second compilation of its declarations (a build makes one).</summary>
    public bool IsEditCycle => _project.Value.IsEditCycle;

    /// <summary>The findings kept for <paramref name="tree"/> and carried into this compilation; null when none can be (a build, or a file the model reads).</summary>
    public TreeFindings? For(SyntaxTree tree) =>
        // Asked once per compilation: a build's only compilation of a version keeps nothing, for any file.
        IsEditCycle ? _trees.GetOrAdd(tree, t => new Lazy<TreeFindings?>(() => Create(t))).Value : null;

    /// <summary>The findings kept for the file at <paramref name="path"/> in the project of <paramref name="compilation"/>: for tests of the IDE's edit cycle.</summary>
    internal static int KeptBodies(Compilation compilation, string path) =>
        s_projects.TryGetValue(DeclarationsVersion.Of(compilation), out var project) && project.Kept(path) is { } kept ? kept.Bodies.Count : 0;

    private TreeFindings? Create(SyntaxTree tree)
    {
        if (string.IsNullOrEmpty(tree.FilePath) || !_compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

        var (project, trees, _) = _project.Value;
        var mentions = TenancyMentions.OfTree(tree);
        if (!mentions.DeclaresNoFilter
            || _state.ConfiguringTypesOfModel.Any(type => type.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree == tree)))
        {
            return null;
        }

        var current = new Generation(tree, trees, _state.OptionsText(tree), mentions, ImmutableDictionary<int, ImmutableArray<KeptFinding>>.Empty, ImmutableHashSet<int>.Empty, ImmutableHashSet<string>.Empty);
        return new TreeFindings(project, project.Carry(current));
    }

    /// <summary>The findings of one file in one compilation: replayed for the bodies carried, recorded for the bodies judged.</summary>
    internal sealed class TreeFindings
    {
        private readonly Project _project;
        private readonly TreeBodies _bodies;
        private Generation _generation;

        public TreeFindings(Project project, Generation generation)
        {
            _project = project;
            _generation = generation;
            _bodies = TreeBodies.Of(generation.Tree);
            CarriedBodies = generation.Bodies.Count;
        }

        /// <summary>How many bodies had their findings carried into this compilation: for tests of the IDE's edit cycle.</summary>
        public int CarriedBodies { get; }

        /// <summary>
        /// The index of the one body <paramref name="blocks"/> belong to; -1 when none does (a field initializer) or they
        /// span several. A block outside every body (a parameter's default value) is part of the declaration, the same
        /// in both compilations; a finding there is never kept, so its body is judged every time.
        /// </summary>
        public int BodyOf(ImmutableArray<IOperation> blocks)
        {
            var body = -1;
            foreach (var block in blocks)
            {
                var index = _bodies.IndexContaining(block.Syntax.Span);
                if (index < 0)
                {
                    var within = _bodies.IndexesWithin(block.Syntax.Span);
                    if (within.IsEmpty)
                    {
                        continue;
                    }

                    index = within.Length == 1 ? within[0] : -1;
                }

                if (index < 0 || (body >= 0 && body != index))
                {
                    return -1;
                }

                body = index;
            }

            return body;
        }

        /// <summary>The findings kept for <paramref name="body"/>, placed in this compilation's tree; null when it has to be judged.</summary>
        public ImmutableArray<QueryFinding>? Replay(int body)
        {
            if (body < 0 || !_generation.Bodies.TryGetValue(body, out var kept))
            {
                return null;
            }

            return kept.Select(finding => finding.PlaceIn(_generation.Tree, _bodies)).ToImmutableArray();
        }

        /// <summary>
        /// Keeps what judging <paramref name="body"/> found, with the helpers of this file read so far and the private
        /// methods whose calls were; a finding placed outside any body is not kept.
        /// </summary>
        public void Keep(int body, IEnumerable<QueryFinding> findings, IEnumerable<TextSpan> helperDeclarationsRead, IEnumerable<string> methodsWhoseCallsWereRead)
        {
            if (body < 0)
            {
                return;
            }

            var kept = ImmutableArray.CreateBuilder<KeptFinding>();
            foreach (var finding in findings)
            {
                if (KeptFinding.Of(finding, _generation.Tree, _bodies) is not { } keptFinding)
                {
                    return;
                }

                kept.Add(keptFinding);
            }

            var helpers = helperDeclarationsRead.SelectMany(span => _bodies.IndexContaining(span) is var containing and >= 0 ? ImmutableArray.Create(containing) : _bodies.IndexesWithin(span));
            lock (this)
            {
                _generation = _generation with
                {
                    Bodies = _generation.Bodies.SetItem(body, kept.ToImmutable()),
                    HelperBodies = _generation.HelperBodies.Union(helpers),
                    CalledMethodsRead = _generation.CalledMethodsRead.Union(methodsWhoseCallsWereRead),
                };
                _project.Publish(_generation);
            }
        }
    }

    /// <summary>
    /// What is kept for one file: the tree and compilation it was judged in, per body index its findings, the bodies read
    /// as helpers, and the private methods whose calls were read to judge their parameters (by name).
    /// </summary>
    internal sealed record Generation(
        SyntaxTree Tree,
        ImmutableArray<SyntaxTree> Trees,
        string OptionsText,
        TenancyMentions Mentions,
        ImmutableDictionary<int, ImmutableArray<KeptFinding>> Bodies,
        ImmutableHashSet<int> HelperBodies,
        ImmutableHashSet<string> CalledMethodsRead)
    {
        /// <summary>What of this generation still holds in <paramref name="next"/> (which holds nothing yet).</summary>
        public Generation CarryTo(Generation next)
        {
            // Same path: the project keeps one generation per file path.
            if (!IsOnlyEditedFile(next)
                || !ReferenceEquals(Tree.Options, next.Tree.Options)
                || !string.Equals(OptionsText, next.OptionsText, StringComparison.Ordinal)
                || !Mentions.SaysTheSameAs(next.Mentions)
                || ChangedBodies(next.Tree) is not { } changed
                || changed.Overlaps(HelperBodies)
                || NamesCalledMethodRead(changed, next.Tree))
            {
                return next;
            }

            return next with { Bodies = Bodies.RemoveRange(changed), HelperBodies = HelperBodies, CalledMethodsRead = CalledMethodsRead };
        }

        /// <summary>
        /// Whether a changed body, before or after the edit, names a private method whose calls a kept judgement read: the
        /// edit may have added, dropped or changed a call, which every finding of the method's body depends on.
        /// </summary>
        private bool NamesCalledMethodRead(HashSet<int> changed, SyntaxTree edited)
        {
            if (CalledMethodsRead.IsEmpty)
            {
                return false;
            }

            var before = TreeBodies.Of(Tree).Nodes;
            var after = TreeBodies.Of(edited).Nodes;
            foreach (var index in changed)
            {
                if (NamesAny(before[index]) || NamesAny(after[index]))
                {
                    return true;
                }
            }

            return false;
        }

        private bool NamesAny(SyntaxNode body)
        {
            foreach (var token in body.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && CalledMethodsRead.Contains(token.ValueText))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether every tree but this file's is the same object in both compilations.</summary>
        private bool IsOnlyEditedFile(Generation next)
        {
            if (Trees.Length != next.Trees.Length)
            {
                return false;
            }

            for (var i = 0; i < Trees.Length; i++)
            {
                if (!ReferenceEquals(Trees[i], next.Trees[i]) && !(ReferenceEquals(Trees[i], Tree) && ReferenceEquals(next.Trees[i], next.Tree)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The indexes of the bodies whose text differs; null when the files do not have the same bodies.</summary>
        private HashSet<int>? ChangedBodies(SyntaxTree edited)
        {
            var before = TreeBodies.Of(Tree).Nodes;
            var after = TreeBodies.Of(edited).Nodes;
            if (before.Length != after.Length)
            {
                return null;
            }

            var beforeText = Tree.GetText();
            var afterText = edited.GetText();
            var changed = new HashSet<int>();
            for (var i = 0; i < before.Length; i++)
            {
                if (!beforeText.GetSubText(before[i].Span).ContentEquals(afterText.GetSubText(after[i].Span)))
                {
                    changed.Add(i);
                }
            }

            return changed;
        }
    }

    /// <summary>A place kept across compilations: in a body of the edited file by index and offset, or anywhere else as it was.</summary>
    internal readonly record struct KeptLocation(int Body, int Offset, int Length, Location? Elsewhere)
    {
        public static KeptLocation? Of(Location location, SyntaxTree tree, TreeBodies bodies)
        {
            if (location.SourceTree != tree)
            {
                return new KeptLocation(-1, 0, 0, location);
            }

            var body = bodies.IndexContaining(location.SourceSpan);
            return body < 0 ? null : new KeptLocation(body, location.SourceSpan.Start - bodies.Nodes[body].SpanStart, location.SourceSpan.Length, null);
        }

        public Location PlaceIn(SyntaxTree tree, TreeBodies bodies) =>
            Elsewhere ?? Location.Create(tree, new TextSpan(bodies.Nodes[Body].SpanStart + Offset, Length));
    }

    /// <summary>A finding with its places kept across compilations.</summary>
    internal sealed record KeptFinding(QueryFinding Finding, KeptLocation Location, ImmutableArray<KeptLocation> AdditionalLocations)
    {
        public static KeptFinding? Of(QueryFinding finding, SyntaxTree tree, TreeBodies bodies)
        {
            if (KeptLocation.Of(finding.Location, tree, bodies) is not { } location)
            {
                return null;
            }

            var additional = ImmutableArray.CreateBuilder<KeptLocation>(finding.AdditionalLocations.Length);
            foreach (var other in finding.AdditionalLocations)
            {
                if (KeptLocation.Of(other, tree, bodies) is not { } kept)
                {
                    return null;
                }

                additional.Add(kept);
            }

            return new KeptFinding(finding, location, additional.MoveToImmutable());
        }

        public QueryFinding PlaceIn(SyntaxTree tree, TreeBodies bodies) =>
            Finding.WithLocations(Location.PlaceIn(tree, bodies), AdditionalLocations.Select(l => l.PlaceIn(tree, bodies)));
    }

    /// <summary>One project's files, for one version of its declarations.</summary>
    internal sealed class Project
    {
        private readonly Dictionary<string, Generation> _byPath = new(StringComparer.Ordinal);
        private ImmutableArray<SyntaxTree> _lastTrees;
        private bool _isEditCycle;

        /// <summary>Whether a second compilation of this version was seen: the IDE's edit cycle, not a build.</summary>
        public bool IsEditCycle(ImmutableArray<SyntaxTree> trees)
        {
            lock (this)
            {
                if (_lastTrees.IsDefault)
                {
                    _lastTrees = trees;
                }
                else if (!ObjectSequences.Same(_lastTrees, trees))
                {
                    _isEditCycle = true;
                    _lastTrees = trees;
                }

                return _isEditCycle;
            }
        }

        /// <summary>What of the file's kept generation still holds in <paramref name="next"/>.</summary>
        public Generation Carry(Generation next)
        {
            lock (this)
            {
                return _byPath.TryGetValue(next.Tree.FilePath, out var kept) ? kept.CarryTo(next) : next;
            }
        }

        public void Publish(Generation generation)
        {
            lock (this)
            {
                _byPath[generation.Tree.FilePath] = generation;
            }
        }

        public Generation? Kept(string path)
        {
            lock (this)
            {
                return _byPath.TryGetValue(path, out var kept) ? kept : null;
            }
        }
    }
}
