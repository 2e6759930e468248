using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using TenantSafety.Analyzers.Tests.Verifiers;

namespace TenantSafety.Analyzers.Tests.Rules.Specifications;

/// <summary>
/// Ardalis.Specification in a test project: the real core package (restored by the test project, so nothing is fetched
/// at test time) and a stand-in for its EF Core package, which the offline package source does not serve: the public
/// names the analyzer recognises (<c>RepositoryBase&lt;T&gt;</c>, <c>DbSetExtensions</c>), with bodies that do nothing.
/// </summary>
internal static class SpecificationLibrary
{
    /// <summary>The core package's net8.0 assembly, which both reference sets (.NET 8 and .NET 10) can load.</summary>
    public static MetadataReference Core { get; } = MetadataReference.CreateFromFile(Net8Assembly());

    /// <summary>Ardalis.Specification.EntityFrameworkCore 9: the repository base class and the query extensions.</summary>
    public const string EfCorePackageStandIn = """
        namespace Ardalis.Specification.EntityFrameworkCore
        {
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Ardalis.Specification;
            using Microsoft.EntityFrameworkCore;

            public static class DbSetExtensions
            {
                public static Task<List<TSource>> ToListAsync<TSource>(this DbSet<TSource> source, ISpecification<TSource> specification, CancellationToken cancellationToken = default)
                    where TSource : class => throw new NotSupportedException();

                public static IQueryable<TSource> WithSpecification<TSource>(this IQueryable<TSource> source, ISpecification<TSource> specification, ISpecificationEvaluator? evaluator = null)
                    where TSource : class => source;
            }

            public abstract class RepositoryBase<T> : IRepositoryBase<T> where T : class
            {
                public virtual Task<T> AddAsync(T entity, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<IEnumerable<T>> AddRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> UpdateAsync(T entity, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> UpdateRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> DeleteAsync(T entity, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> DeleteRangeAsync(IEnumerable<T> entities, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> DeleteRangeAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<T?> GetByIdAsync<TId>(TId id, CancellationToken cancellationToken = default) where TId : notnull => throw new NotSupportedException();
                public virtual Task<T?> FirstOrDefaultAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<TResult?> FirstOrDefaultAsync<TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<T?> SingleOrDefaultAsync(ISingleResultSpecification<T> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<TResult?> SingleOrDefaultAsync<TResult>(ISingleResultSpecification<T, TResult> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<List<T>> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<List<T>> ListAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<List<TResult>> ListAsync<TResult>(ISpecification<T, TResult> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> CountAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<int> CountAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<bool> AnyAsync(ISpecification<T> specification, CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual Task<bool> AnyAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
                public virtual IAsyncEnumerable<T> AsAsyncEnumerable(ISpecification<T> specification) => throw new NotSupportedException();
            }
        }
        """;

    /// <summary>Adds the library (the core package and the EF Core package's stand-in) to <paramref name="state"/>.</summary>
    public static void AddTo(SolutionState state)
    {
        state.AdditionalReferences.Add(Core);
        state.Sources.Add(("/ArdalisSpecificationEntityFrameworkCore.cs", EfCorePackageStandIn));
    }

    /// <summary>The package's net8.0 assembly in the NuGet cache, where restore put it: both reference sets (.NET 8 and .NET 10) can load it.</summary>
    private static string Net8Assembly()
    {
        var packageRoot = EfCoreReferences.GetAssemblyMetadata("NuGetPackageRoot");
        var version = EfCoreReferences.GetAssemblyMetadata("ArdalisSpecificationVersion");
        var path = Path.Combine(packageRoot, "ardalis.specification", version, "lib", "net8.0", "Ardalis.Specification.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Ardalis.Specification {version} not found at '{path}': run 'dotnet restore' (tests never download packages).", path);
    }
}
