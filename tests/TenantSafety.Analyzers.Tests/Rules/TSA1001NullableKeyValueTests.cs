using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A nullable foreign key compared with a value that may be null: with a null value EF Core reads <c>branch_id IS NULL</c>,
/// the rows of no branch of every tenant, so the comparison ties the rows to no loaded row or signed-in user's branch. A
/// value known not to be null (<c>.Value</c>, after a null check, a non-nullable key) and a primary key still tie them.
/// </summary>
public sealed class TSA1001NullableKeyValueTests
{
    private static string Source(string members) => $$"""
        #nullable enable
        public interface ICurrentUser
        {
            Guid CompanyId { get; }
            Guid? BranchId { get; }
        }

        public class Branch
        {
            public Guid Id { get; set; }
            public Guid CompanyId { get; set; }
        }

        public class Worker
        {
            public Guid Id { get; set; }
            public Guid CompanyId { get; set; }
            public Guid? BranchId { get; set; }
            public Branch? Branch { get; set; }
            public Guid HomeBranchId { get; set; }
        }

        public class Shift
        {
            public Guid Id { get; set; }
            public Guid CompanyId { get; set; }
            public Guid? BranchId { get; set; }
            public Branch? Branch { get; set; }
        }

        public class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
        {
            public DbSet<Branch> Branches => Set<Branch>();
            public DbSet<Worker> Workers => Set<Worker>();
            public DbSet<Shift> Shifts => Set<Shift>();
        }

        public class Roster(AppDb db, ICurrentUser me)
        {
            {{members}}
        }
        """;

    public static TheoryData<string, EfCoreVersion> MayMatchNull => RuleSources.WithEachEf(
        "public bool InMyBranch(Guid id) => db.Workers.{|TSA1002:Any(w => w.Id == id && w.BranchId == me.BranchId)|};",
        "public bool ThroughNavigation(Guid id) => db.Workers.{|TSA1002:Any(w => w.Id == id && w.Branch!.Id == me.BranchId)|};",
        "public List<Shift> OfWorker(Guid companyId, Guid id) { var worker = db.Workers.First(w => w.CompanyId == companyId && w.Id == id); return db.Shifts.Where(s => s.BranchId == worker.BranchId).{|TSA1001:ToList()|}; }");

    public static TheoryData<string, EfCoreVersion> NotNull => RuleSources.WithEachEf(
        "public bool InMyBranch(Guid id) => db.Workers.Any(w => w.Id == id && w.BranchId == me.BranchId.Value);",
        "public bool Checked(Guid id) { if (me.BranchId is null) return false; return db.Workers.Any(w => w.Id == id && w.BranchId == me.BranchId); }",
        "public List<Shift> OfWorker(Guid companyId, Guid id) { var worker = db.Workers.First(w => w.CompanyId == companyId && w.Id == id); if (worker.BranchId is null) return new(); return db.Shifts.Where(s => s.BranchId == worker.BranchId).ToList(); }",
        "public List<Shift> AtHome(Guid companyId, Guid id) { var worker = db.Workers.First(w => w.CompanyId == companyId && w.Id == id); return db.Shifts.Where(s => s.BranchId == worker.HomeBranchId).ToList(); }",
        "public Branch? Mine() => db.Branches.FirstOrDefault(b => b.Id == me.BranchId);",
        "public bool ThroughNavigationChecked(Guid id) => db.Workers.Any(w => w.Id == id && w.Branch!.Id == me.BranchId!.Value);");

    [Theory]
    [MemberData(nameof(MayMatchNull))]
    public Task A_nullable_key_compared_with_a_value_that_may_be_null_is_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(NotNull))]
    public Task A_value_known_not_to_be_null_or_a_primary_key_still_ties_the_rows(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);
}
