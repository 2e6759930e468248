using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;
using VerifyFix = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.ScopeQueryToTenantFixer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// ASP.NET Core Identity's <c>userManager.Users</c> and <c>roleManager.Roles</c> are the users' and roles' tables (the EF Core
/// stores hand out their <c>DbSet</c>): a query on them is judged as one on the set. Apps look users up across tenants
/// there at login, often with <c>IgnoreQueryFilters()</c>; before, the same query through the context was reported and
/// through the manager passed in silence.
/// </summary>
public sealed class TSA1001IdentityManagerTests
{
    /// <summary>The managers' public surface the analyzer reads (the test references no ASP.NET Core assembly).</summary>
    private const string IdentityStandIn = """
        namespace Microsoft.AspNetCore.Identity
        {
            using System.Linq;

            public class UserManager<TUser> where TUser : class
            {
                public virtual IQueryable<TUser> Users => throw new System.NotSupportedException();
            }

            public class RoleManager<TRole> where TRole : class
            {
                public virtual IQueryable<TRole> Roles => throw new System.NotSupportedException();
            }
        }
        """;

    /// <summary>A tenant user with a tenant filter, a tenant role without one, and a service holding both managers.</summary>
    private static string Source(string body) => $$"""
        using Microsoft.AspNetCore.Identity;

        public class AppUser
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Email { get; set; } = "";
        }

        public class AppRole
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Name { get; set; } = "";
        }

        public class AppUserManager : UserManager<AppUser> { }

        public class AppDbContext : DbContext
        {
            public Guid CurrentTenant { get; set; }

            public DbSet<AppUser> AppUsers => Set<AppUser>();
            public DbSet<AppRole> AppRoles => Set<AppRole>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<AppUser>().HasQueryFilter(u => u.TenantId == CurrentTenant).HasIndex(u => u.TenantId);
                modelBuilder.Entity<AppRole>().HasIndex(r => r.TenantId);
            }
        }

        public sealed class Accounts(UserManager<AppUser> users, RoleManager<AppRole> roles, AppUserManager appUsers, Guid tenantId)
        {
            public async Task<object?> Run(string email)
            {
                {{body}}
            }
        }
        """;

    public static TheoryData<string, EfCoreVersion> Reported => RuleSources.WithEachEf(
        // The filter switched off: every tenant's users.
        "return await users.Users.{|TSA1005:IgnoreQueryFilters()|}.FirstOrDefaultAsync(u => u.Email == email);",
        "return await appUsers.Users.{|TSA1005:IgnoreQueryFilters()|}.Where(u => u.Email == email).ToListAsync();",

        // Roles carry the key and no filter.
        "return await roles.Roles.{|TSA1001:ToListAsync()|};",
        "return await roles.Roles.{|TSA1002:CountAsync()|};");

    [Theory]
    [MemberData(nameof(Reported))]
    public async Task A_query_on_a_managers_table_is_judged_as_one_on_the_set(string body, EfCoreVersion ef)
    {
        await VerifyAsync(ef, body);
    }

    public static TheoryData<string, EfCoreVersion> NotReported => RuleSources.WithEachEf(
        // The users' tenant filter applies.
        "return await users.Users.FirstOrDefaultAsync(u => u.Email == email);",
        "return await appUsers.Users.ToListAsync();",

        // Scoped by a predicate of its own.
        "return await users.Users.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.TenantId == tenantId && u.Email == email);",
        "return await roles.Roles.Where(r => r.TenantId == tenantId).ToListAsync();");

    [Theory]
    [MemberData(nameof(NotReported))]
    public async Task A_scoped_or_filtered_query_on_a_managers_table_is_not_reported(string body, EfCoreVersion ef)
    {
        await VerifyAsync(ef, body);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_fix_scopes_the_managers_query_to_the_tenant(EfCoreVersion ef)
    {
        var test = new VerifyFix.Test(ef);
        VerifierConfiguration.AddSources(test.TestState, [Source("return await roles.Roles.{|TSA1001:ToListAsync()|};")], editorConfig: null);
        test.TestState.Sources.Add(("/Identity.cs", IdentityStandIn));
        VerifierConfiguration.AddSources(test.FixedState, [Source("return await roles.Roles.Where(x => x.TenantId == tenantId).ToListAsync();")], editorConfig: null);
        test.FixedState.Sources.Add(("/Identity.cs", IdentityStandIn));
        await test.RunAsync();
    }

    private static Task VerifyAsync(EfCoreVersion ef, string body)
    {
        var test = new Verify.Test(ef);
        VerifierConfiguration.AddSources(test.TestState, [Source(body)], editorConfig: null);
        test.TestState.Sources.Add(("/Identity.cs", IdentityStandIn));
        return test.RunAsync();
    }
}
