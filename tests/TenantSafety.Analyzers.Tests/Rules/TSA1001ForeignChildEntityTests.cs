using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A child entity of another project's model, queried through the entity-set interface that project's DbContext
/// implements (a layered solution's Application project): its relationships are compiled code, so EF Core's convention is
/// read from the class (a <c>Shelf</c> navigation beside a non-nullable <c>ShelfId</c>), and its queries are judged through
/// the navigation as in the project that holds the model. Its table has no tenant column: SQL naming it is not judged.
/// </summary>
public sealed class TSA1001ForeignChildEntityTests
{
    private const string DomainProject = """
        using Microsoft.EntityFrameworkCore;

        namespace Store.Domain
        {

        public class Company
        {
            public Guid Id { get; set; }
        }

        public class Shelf
        {
            public Guid Id { get; set; }
            public Guid CompanyId { get; set; }
            public List<Crate> Crates { get; set; } = new();
        }

        public class Crate
        {
            public Guid Id { get; set; }
            public Guid ShelfId { get; set; }
            public Shelf Shelf { get; set; } = null!;
            public int Count { get; set; }
        }

        public class Label
        {
            public Guid Id { get; set; }
            public Guid? ShelfId { get; set; }
            public Shelf? Shelf { get; set; }
        }
        }
        """;

    private const string StoreInterface = """

        namespace Store.Domain
        {
            public interface IStoreDb
            {
                DbSet<Company> Companies { get; }
                DbSet<Shelf> Shelves { get; }
                DbSet<Crate> Crates { get; }
                DbSet<Label> Labels { get; }
            }
        }
        """;

    private const string Configured = "root = true\n[*.cs]\ntenant_safety.tenant_property = CompanyId\n";

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    [Theory]
    [MemberData(nameof(References))]
    public Task A_child_of_another_project_s_model_is_judged_through_its_navigation(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, """
            using Microsoft.EntityFrameworkCore;
            using Store.Domain;

            public sealed class Crates(IStoreDb db, DbContext context)
            {
                public Task<List<Crate>> ByShelf(Guid shelfId) => db.Crates.Where(c => c.ShelfId == shelfId).{|TSA1001:ToListAsync()|};

                public Task<int> CountAll() => db.Crates.{|TSA1002:CountAsync()|};

                public Task<List<Crate>> Mine(Guid companyId) => db.Crates.Where(c => c.Shelf.CompanyId == companyId).ToListAsync();

                public async Task<List<Crate>> OfLoadedShelf(Guid companyId, Guid shelfId)
                {
                    var shelf = await db.Shelves.SingleAsync(s => s.Id == shelfId && s.CompanyId == companyId);
                    return await db.Crates.Where(c => c.ShelfId == shelf.Id).ToListAsync();
                }

                // An optional parent: no child, not judged.
                public Task<Label?> Label(Guid id) => db.Labels.FirstOrDefaultAsync(l => l.Id == id);

                // The tenant principal is never a child, and a child's table has no tenant column for SQL to constrain.
                public Task<Company?> Company(Guid id) => db.Companies.FirstOrDefaultAsync(c => c.Id == id);

                public int Purge(Guid shelfId) => context.Database.ExecuteSqlRaw("DELETE FROM \"Crates\" WHERE \"ShelfId\" = {0}", shelfId);
            }
            """);

    /// <summary>The interface of entity sets declared in this project (the Application layer), over another project's entities.</summary>
    [Theory]
    [MemberData(nameof(References))]
    public Task A_child_of_another_project_listed_by_this_project_s_interface_is_judged(Reference reference, EfCoreVersion ef) =>
        Test(reference, ef, """
            using Microsoft.EntityFrameworkCore;
            using Store.Domain;

            public interface IApplicationDb
            {
                DbSet<Shelf> Shelves { get; }
                DbSet<Crate> Crates { get; }
            }

            public sealed class Handlers(IApplicationDb db)
            {
                public Task<List<Crate>> ByShelf(Guid shelfId) => db.Crates.Where(c => c.ShelfId == shelfId).{|TSA1001:ToListAsync()|};

                public Task<List<Crate>> Mine(Guid companyId) => db.Crates.Where(c => c.Shelf.CompanyId == companyId).ToListAsync();
            }
            """,
            withInterface: false);

    private static Task Test(Reference reference, EfCoreVersion ef, string source, bool withInterface = true)
    {
        var test = new Verify.Test(ef);
        test.TestState.Sources.Add(source);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", Configured));
        ForeignProject.Add(test.TestState, reference, ef, "Store.Domain", withInterface ? DomainProject + StoreInterface : DomainProject);
        return test.RunAsync();
    }
}
