using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// The signed-in user's own rows: <c>u.Id == current.UserId</c>, where <c>current</c> is a service the type was given that
/// also hands out the tenant key, reads the caller's own user (and <c>n.UserId == current.UserId</c> that user's rows). A
/// request's or a method parameter's id, a service without the tenant key, and a service id named for no entity of the
/// query (a selected project) are the caller's to choose, and stay reported.
/// </summary>
public sealed class TSA1001SignedInUserTests
{
    private static string Source(string members) => $$"""
        public interface ICurrentUser
        {
            Guid UserId { get; }
            Guid CompanyId { get; }
            Guid SelectedProjectId { get; }
        }

        public interface IDevice
        {
            Guid UserId { get; }
        }

        public class User
        {
            public Guid Id { get; set; }
            public Guid CompanyId { get; set; }
            public string Email { get; set; } = "";
        }

        public class Project
        {
            public Guid Id { get; set; }
            public Guid CompanyId { get; set; }
        }

        public class Notification
        {
            public Guid Id { get; set; }
            public Guid CompanyId { get; set; }
            public Guid UserId { get; set; }
        }

        public record ChangeEmail(Guid UserId, string Email);

        public sealed class Session
        {
            public Guid UserId { get; init; }
            public Guid? CompanyId { get; init; }
        }

        public sealed class Visit
        {
            public Guid UserId { get; init; }
        }

        public interface ISessions
        {
            Session? Current { get; }
            Visit? LastVisit { get; }
            Session Load();
        }

        public class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
        {
            public DbSet<User> Users => Set<User>();
            public DbSet<Project> Projects => Set<Project>();
            public DbSet<Notification> Notifications => Set<Notification>();
        }

        public class Me(AppDb db, ICurrentUser current, IDevice device, ISessions sessions)
        {
            private readonly ICurrentUser _current = current;

            private ICurrentUser Current { get; } = current;

            {{members}}
        }
        """;

    public static TheoryData<string, EfCoreVersion> Own => RuleSources.WithEachEf(
        "public User Primary() => db.Users.First(u => u.Id == current.UserId);",
        "public User Field() => db.Users.First(u => u.Id == _current.UserId);",
        "public User Property() => db.Users.Single(u => u.Id == Current.UserId);",
        "public List<Notification> Mine() => db.Notifications.Where(n => n.UserId == _current.UserId).ToList();",
        "public User? Found() => db.Users.Find(_current.UserId);",
        "public ValueTask<User?> FoundAsync() => db.Users.FindAsync(current.UserId);",
        "public User? FoundThroughContext() => db.Find<User>(Current.UserId);",
        // The session object a service hands out, which carries the tenant key too: directly, or kept in a local.
        "public User Session() => db.Users.First(u => u.Id == sessions.Current!.UserId);",
        "public List<Notification> SessionLocal() { var session = sessions.Current ?? throw new UnauthorizedAccessException(); return db.Notifications.Where(n => n.UserId == session.UserId).ToList(); }",
        "public User? Loaded() { var session = sessions.Load(); return db.Users.Find(session.UserId); }");

    public static TheoryData<string, EfCoreVersion> Chosen => RuleSources.WithEachEf(
        "public User Requested(ChangeEmail command) => db.Users.{|TSA1001:First(u => u.Id == command.UserId)|};",
        "public User Given(ICurrentUser other) => db.Users.{|TSA1001:First(u => u.Id == other.UserId)|};",
        "public User Device() => db.Users.{|TSA1001:First(u => u.Id == device.UserId)|};",
        "public Project Selected() => db.Projects.{|TSA1001:First(p => p.Id == _current.SelectedProjectId)|};",
        "public Project NotAProject() => db.Projects.{|TSA1001:First(p => p.Id == _current.UserId)|};",
        "public User? FoundRequested(ChangeEmail command) => db.Users.{|TSA1001:Find(command.UserId)|};",
        // What the service hands out without the tenant key, a session handed in, or a local that may hold a request's.
        "public User LastVisit() => db.Users.{|TSA1001:First(u => u.Id == sessions.LastVisit!.UserId)|};",
        "public User HandedIn(Session session) => db.Users.{|TSA1001:First(u => u.Id == session.UserId)|};",
        "public User Either(Session given, bool flag) { var session = flag ? given : sessions.Load(); return db.Users.{|TSA1001:First(u => u.Id == session.UserId)|}; }",
        "public Project? FoundNotAProject() => db.Projects.{|TSA1001:Find(_current.UserId)|};");

    /// <summary>An ASP.NET Core Identity user (<c>AppUser : IdentityUser</c>), whose id the service calls <c>UserId</c>.</summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public Task The_signed_in_identity_user_s_own_row_is_scoped(EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(
            """
            namespace Microsoft.AspNetCore.Identity
            {
                public class IdentityUser<TKey> where TKey : System.IEquatable<TKey>
                {
                    public virtual TKey Id { get; set; } = default!;
                }

                public class IdentityUser : IdentityUser<string>
                {
                }
            }

            public interface ISession
            {
                string UserId { get; }
                Guid CompanyId { get; }
                string DeviceId { get; }
            }

            public class AppUser : Microsoft.AspNetCore.Identity.IdentityUser
            {
                public Guid CompanyId { get; set; }
            }

            public class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
            {
                public DbSet<AppUser> AppUsers => Set<AppUser>();
            }

            public class Me(AppDb db, ISession session)
            {
                public AppUser Own() => db.AppUsers.First(u => u.Id == session.UserId);

                public AppUser Device() => db.AppUsers.{|TSA1001:First(u => u.Id == session.DeviceId)|};
            }
            """,
            ef);

    [Theory]
    [MemberData(nameof(Own))]
    public Task The_signed_in_user_s_own_rows_are_scoped(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);

    [Theory]
    [MemberData(nameof(Chosen))]
    public Task An_id_the_caller_chooses_stays_reported(string members, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(Source(members), ef);
}
