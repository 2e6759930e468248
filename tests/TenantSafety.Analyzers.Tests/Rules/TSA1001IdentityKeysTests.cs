using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// ASP.NET Core Identity keys its user and role <c>UserId</c> and <c>RoleId</c> whatever the classes are called
/// (<c>AppUser : IdentityUser&lt;Guid&gt;</c>): in its own link table, whose keys its compiled <c>IdentityDbContext</c>
/// configures, and in the token tables an app keeps beside it without a relationship. A lookup of a loaded user's tokens,
/// or of the roles its link rows name, is tied to that user; so is the user <c>UserManager.FindByIdAsync</c> finds by a
/// loaded row's key (and nothing else it finds), and the user the method creates with <c>CreateAsync</c> and hands to
/// the manager's other methods. Until these keys were read, an Identity app's token and role reads after a scoped user
/// lookup were all reported (9 of a SaaS starter's findings).
/// </summary>
public sealed class TSA1001IdentityKeysTests
{
    /// <summary>Identity's classes, matched by their metadata names (the test references no ASP.NET Core assembly).</summary>
    private const string IdentityStandIn = """
        namespace Microsoft.AspNetCore.Identity
        {
            public class IdentityUser<TKey> where TKey : System.IEquatable<TKey>
            {
                public virtual TKey Id { get; set; } = default!;
                public virtual string? Email { get; set; }
            }

            public class IdentityRole<TKey> where TKey : System.IEquatable<TKey>
            {
                public virtual TKey Id { get; set; } = default!;
                public virtual string? Name { get; set; }
            }

            public class IdentityUserRole<TKey> where TKey : System.IEquatable<TKey>
            {
                public virtual TKey UserId { get; set; } = default!;
                public virtual TKey RoleId { get; set; } = default!;
            }

            public class UserManager<TUser> where TUser : class
            {
                public virtual System.Threading.Tasks.Task<TUser?> FindByIdAsync(string userId) => throw new System.NotSupportedException();

                public virtual System.Threading.Tasks.Task<object> CreateAsync(TUser user, string password) => throw new System.NotSupportedException();

                public virtual System.Threading.Tasks.Task<object> AddToRoleAsync(TUser user, string role) => throw new System.NotSupportedException();
            }
        }
        """;

    private static string Source(string body, string users = "AppUser : IdentityUser<Guid>") => $$"""
        using Microsoft.AspNetCore.Identity;

        public class {{users}}
        {
            public Guid TenantId { get; set; }
        }

        public class AppRole : IdentityRole<Guid>
        {
            public Guid TenantId { get; set; }
        }

        public class ResetToken
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public Guid UserId { get; set; }
            public DateTime? UsedAt { get; set; }
        }

        public class AppDbContext : DbContext
        {
            public DbSet<AppUser> Users => Set<AppUser>();
            public DbSet<AppRole> Roles => Set<AppRole>();
            public DbSet<IdentityUserRole<Guid>> UserRoles => Set<IdentityUserRole<Guid>>();
            public DbSet<ResetToken> ResetTokens => Set<ResetToken>();
            public DbSet<Address> Addresses => Set<Address>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<IdentityUserRole<Guid>>().HasKey(r => new { r.UserId, r.RoleId });
                modelBuilder.Entity<ResetToken>().HasIndex(t => t.UserId);
            }
        }

        public class Address
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public Guid UserId { get; set; }
            public AppUser User { get; set; } = null!;
        }

        public sealed class Accounts(AppDbContext db, UserManager<AppUser> userManager)
        {
            public async Task<object?> Run(Guid tenantId, Guid userId, string email)
            {
                {{body}}
            }
        }
        """;

    private const string LoadUser = "var user = await db.Users.FirstAsync(u => u.Email == email && u.TenantId == tenantId);";

    private const string LoadPage = "var users = await db.Users.Where(u => u.TenantId == tenantId).Take(20).ToListAsync(); var ids = users.Select(u => u.Id).ToList();";

    public static TheoryData<string, EfCoreVersion> Tied => RuleSources.WithEachEf(
        // A token table's UserId, compared with a loaded user's key.
        LoadUser + " return await db.ResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).ToListAsync();",
        LoadPage + " return await db.ResetTokens.Where(t => ids.Contains(t.UserId)).ToListAsync();",
        // The user Identity's UserManager finds by a loaded token's key, and that user's rows.
        "var token = await db.ResetTokens.FirstAsync(t => t.Id == userId && t.TenantId == tenantId); var user = await userManager.FindByIdAsync(token.UserId.ToString()); if (user is null) return null; return await db.Addresses.AnyAsync(a => a.UserId == user.Id);",
        // A user the method creates through UserManager, its key left to be generated, and its tokens.
        "var user = new AppUser { TenantId = tenantId, Email = email }; await userManager.CreateAsync(user, \"pw\"); return await db.ResetTokens.Where(t => t.UserId == user.Id).ToListAsync();",
        "var user = new AppUser { TenantId = tenantId, Email = email }; await userManager.CreateAsync(user, \"pw\"); await userManager.AddToRoleAsync(user, \"Admin\"); return await db.ResetTokens.Where(t => t.UserId == user.Id).ToListAsync();",
        // Roles reached through Identity's link rows of the loaded users.
        LoadPage + " return await db.UserRoles.Where(ur => ids.Contains(ur.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();");

    public static TheoryData<string, EfCoreVersion> NotTied => RuleSources.WithEachEf(
        // The caller's id: any tenant's user.
        "return await db.ResetTokens.Where(t => t.UserId == userId).{|TSA1001:ToListAsync()|};",
        // The user UserManager finds by the caller's id: any tenant's, and so are its rows (the lookup is not a query this rule reads).
        "var user = await userManager.FindByIdAsync(userId.ToString()); if (user is null) return null; return await db.Addresses.{|TSA1002:AnyAsync(a => a.UserId == user.Id)|};",
        // A created user whose key the caller chose.
        "var user = new AppUser { Id = userId, TenantId = tenantId }; await userManager.CreateAsync(user, \"pw\"); return await db.ResetTokens.Where(t => t.UserId == user.Id).{|TSA1001:ToListAsync()|};",
        // Link rows of a user nobody loaded: the roles they name are any tenant's.
        "return await db.UserRoles.Where(ur => ur.UserId == userId).Join({|TSA1001:db.Roles|}, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync();");

    [Theory]
    [MemberData(nameof(Tied))]
    public Task Rows_keyed_by_a_loaded_identity_users_id_are_tied_to_it(string body, EfCoreVersion ef) => VerifyAsync(Source(body), ef);

    [Theory]
    [MemberData(nameof(NotTied))]
    public Task Rows_keyed_by_a_callers_id_are_reported(string body, EfCoreVersion ef) => VerifyAsync(Source(body), ef);

    /// <summary>A user class that is no Identity user gives <c>UserId</c> no meaning: the token read is reported.</summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task A_UserId_beside_a_user_class_that_is_not_identitys_is_not_read_as_its_key(EfCoreVersion ef) =>
        VerifyAsync(
            Source(
                LoadUser + " return await db.ResetTokens.Where(t => t.UserId == user.Id && t.UsedAt == null).{|TSA1001:ToListAsync()|};",
                users: "AppUser { public Guid Id { get; set; } public string Email { get; set; } = \"\"; public Guid TenantId { get; set; } }\n\npublic class Unused"),
            ef);

    /// <summary>The stand-in as an assembly image, as the Identity package reaches an app: no body of it is read.</summary>
    private static readonly ConcurrentDictionary<EfCoreVersion, MetadataReference> IdentityReferences = new();

    private static Task VerifyAsync(string source, EfCoreVersion ef)
    {
        var test = new Verify.Test(ef);
        VerifierConfiguration.AddSources(test.TestState, [source], editorConfig: null);
        test.TestState.AdditionalReferences.Add(IdentityReferences.GetOrAdd(ef, version => ForeignProject.Built(version, "Microsoft.AspNetCore.Identity.Stand.In", IdentityStandIn)));
        return test.RunAsync();
    }
}
