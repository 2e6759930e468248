using System.Threading.Tasks;
using TenantSafety.Analyzers.Model;
using TenantSafety.Analyzers.Rules;
using TenantSafety.Analyzers.Tests.Rules.Model;
using TenantSafety.Analyzers.Tests.Rules.Tenancy;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.NoTenantEntityAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// TSA0001: a DbContext whose entities include no tenant entity is reported once, at its declaration, so a project
/// whose key is neither configured nor inferred never passes in silence.
/// </summary>
public sealed class TSA0001NoTenantEntityTests
{
    internal const string LookedForEverything =
        "tenant query filters, Finbuckle, ABP IMultiTenant and the properties TenantId, TeamId, OrganizationId, AccountId, WorkspaceId, CompanyId, OrgId";

    /// <summary>Notes keyed by a store code nothing infers, two contexts (one partial, in two parts).</summary>
    private const string NoTenantModel = """
        public class Note
        {
            public int Id { get; set; }
            public string StoreCode { get; set; } = "";
            public string Text { get; set; } = "";
        }

        public class AuditEntry
        {
            public int Id { get; set; }
            public string What { get; set; } = "";
        }

        public partial class {|#0:NotesDb|} : DbContext
        {
            public DbSet<Note> Notes { get; set; } = null!;
        }

        public partial class NotesDb
        {
            public int Count() => Notes.Count();
        }

        public class {|#1:AuditDb|} : DbContext
        {
            public DbSet<AuditEntry> Entries { get; set; } = null!;
            public DbSet<Note> Notes { get; set; } = null!;
        }

        """;

    private static string EditorConfig(string settings) => "root = true\n\n[*.cs]\n" + settings + "\n";

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Reported_once_per_context_with_what_was_looked_for(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            NoTenantModel,
            ef,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("NotesDb", NoTenantEntityAnalyzer.NoneFound(LookedForEverything), NoTenantEntityAnalyzer.SetTheKey),
            Verify.Diagnostic("TSA0001").WithLocation(1).WithArguments("AuditDb", NoTenantEntityAnalyzer.NoneFound(LookedForEverything), NoTenantEntityAnalyzer.SetTheKey));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_project_without_tenant_entities_gets_TSA0001_and_nothing_else(EfCoreVersion ef)
    {
        var source = Unmarked(NoTenantModel) + """
            public sealed class NoteService(NotesDb db)
            {
                public List<Note> All() => db.Notes.ToList();
                public int Count() => db.Notes.Count();
                public int Purge() => db.Notes.Where(n => n.Text == "").ExecuteDelete();
            }
            """;

        var findings = await AllRules.RunAsync(ef, options: null, source);

        Assert.Collection(
            findings,
            f => Assert.StartsWith("TSA0001 /0/Test0.cs:14: No tenant entity known in 'NotesDb'", f, System.StringComparison.Ordinal),
            f => Assert.StartsWith("TSA0001 /0/Test0.cs:24: No tenant entity known in 'AuditDb'", f, System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Configured_key_that_no_entity_carries_is_named_in_the_message(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            [NoTenantModel],
            ef,
            EditorConfig("tenant_safety.tenant_property = StoreId"),
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("NotesDb", NoTenantEntityAnalyzer.NoneFound("StoreId (tenant_safety.tenant_property)"), NoTenantEntityAnalyzer.KeyAlreadyConfigured("StoreId")),
            Verify.Diagnostic("TSA0001").WithLocation(1).WithArguments("AuditDb", NoTenantEntityAnalyzer.NoneFound("StoreId (tenant_safety.tenant_property)"), NoTenantEntityAnalyzer.KeyAlreadyConfigured("StoreId")));
    }

    /// <summary>A context keyed by a conventional name and one keyed by <paramref name="otherKey"/>, in one project.</summary>
    private static string TwoContexts(string otherKey) => $$"""
        public class Invoice { public int Id { get; set; } public Guid CompanyId { get; set; } }
        public class Payment { public int Id { get; set; } public Guid CompanyId { get; set; } }
        public class Refund { public int Id { get; set; } public Guid CompanyId { get; set; } }
        public class Patient { public int Id { get; set; } public Guid {{otherKey}} { get; set; } }
        public class Visit { public int Id { get; set; } public Guid {{otherKey}} { get; set; } }
        public class Ward { public int Id { get; set; } public string Name { get; set; } = ""; }

        public class BillingDb : DbContext
        {
            public DbSet<Invoice> Invoices => Set<Invoice>();
            public DbSet<Payment> Payments => Set<Payment>();
            public DbSet<Refund> Refunds => Set<Refund>();
        }

        public class {|#0:ClinicDb|} : DbContext
        {
            public DbSet<Patient> Patients => Set<Patient>();
            public DbSet<Visit> Visits => Set<Visit>();
            public DbSet<Ward> Wards => Set<Ward>();
        }
        """;

    /// <summary>
    /// A key configured by another name than the one the context's entities carry (a trial set TenantId where 17 entities
    /// carry CompanyId): the message names the carried one, which fixes it in one step, in place of the configured name
    /// no entity carries.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_configured_key_beside_a_carried_conventional_one_names_the_carried_one(EfCoreVersion ef)
    {
        var findings = await AllRules.RunAsync(ef, AllRules.Options(("tenant_safety.tenant_property", "TenantId")), Unmarked(TwoContexts("TeamId")));

        Assert.Contains(
            findings,
            f => f.EndsWith(
                ": No tenant entity known in 'ClinicDb': none found (looked for TenantId (tenant_safety.tenant_property)); "
                + "2 of its entities carry TeamId: if that is its tenant key, set tenant_safety.tenant_property = TeamId (no entity here carries TenantId)",
                System.StringComparison.Ordinal));
    }

    /// <summary>
    /// Two contexts keyed by two conventional names: the key is inferred from the one most entities carry, and the other
    /// context is told to add its own beside it, as a configured key replaces the inferred one.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_context_whose_conventional_key_lost_the_inference_is_told_to_add_it(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TwoContexts("OrganizationId"),
            ef,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments(
                "ClinicDb",
                NoTenantEntityAnalyzer.NoneFound("CompanyId (inferred from the conventional name, carried by 3 entities; also carried: OrganizationId (2 entities))"),
                "2 of its entities carry OrganizationId: if that is its tenant key, set tenant_safety.tenant_property = CompanyId, OrganizationId"));
    }

    /// <summary>
    /// A context keyed by a name nothing infers beside one whose key was inferred: setting only its key would drop the
    /// inferred one (a trial's second TSA0001), so the message says to name both.
    /// </summary>
    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_context_beside_an_inferred_key_is_told_to_name_its_key_beside_it(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TwoContexts("ClinicId"),
            ef,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments(
                "ClinicDb",
                NoTenantEntityAnalyzer.NoneFound("CompanyId (inferred from the conventional name, carried by 3 entities)"),
                "if it holds only data every tenant shares, suppress TSA0001 for it; else name its key in tenant_safety.tenant_property beside CompanyId (tenant_safety.tenant_property = CompanyId, <its key>): a configured key replaces the inferred one"));
    }

    /// <summary>A clinic app keyed by a name no convention knows: most entities carry it, beside parents' keys and audit columns.</summary>
    private const string ClinicModel = """
        public abstract class Audited
        {
            public Guid CreatedById { get; set; }
            public Guid? ModifiedById { get; set; }
        }

        public class Patient : Audited
        {
            public Guid Id { get; set; }
            public Guid ApplicationId { get; set; }
            public string Name { get; set; } = "";
        }

        public class Visit : Audited
        {
            public Guid Id { get; set; }
            public Guid ApplicationId { get; set; }
            public Guid PatientId { get; set; }
            public Patient Patient { get; set; } = null!;
        }

        public class Admission : Audited
        {
            public Guid Id { get; set; }
            public Guid ApplicationId { get; set; }
            public Guid PatientId { get; set; }
        }

        public class FeeSchedule : Audited
        {
            public Guid FeeScheduleId { get; set; }
            public Guid ApplicationId { get; set; }
            public decimal Amount { get; set; }
        }

        public class Medicine : Audited
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class Ward : Audited
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class {|#0:ClinicDb|} : DbContext
        {
            public DbSet<Patient> Patients => Set<Patient>();
            public DbSet<Visit> Visits => Set<Visit>();
            public DbSet<Admission> Admissions => Set<Admission>();
            public DbSet<FeeSchedule> Fees => Set<FeeSchedule>();
            public DbSet<Medicine> Medicines => Set<Medicine>();
            public DbSet<Ward> Wards => Set<Ward>();
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task With_no_key_known_the_message_names_the_key_most_entities_share(EfCoreVersion ef)
    {
        // Every entity carries the audit columns, two a parent's key; FeeSchedule's own key is not counted as carried.
        await Verify.VerifyAnalyzerAsync(
            ClinicModel,
            ef,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments(
                "ClinicDb",
                NoTenantEntityAnalyzer.NoneFound(LookedForEverything),
                "set tenant_safety.tenant_property (4 of its 6 entities carry ApplicationId: if that is its tenant key, set tenant_safety.tenant_property = ApplicationId)"));
    }

    public static TheoryData<string> NoLikelyKey => new()
    {
        // Carried by fewer than half of the entities.
        ClinicModel.Replace("public Guid ApplicationId { get; set; }\n    public Guid PatientId", "public Guid PatientId", System.StringComparison.Ordinal)
            .Replace("public Guid ApplicationId { get; set; }\n    public decimal", "public decimal", System.StringComparison.Ordinal),

        // Two names as often: which one keys the rows is not said.
        ClinicModel.Replace("public Guid ApplicationId { get; set; }\n    public decimal", "public decimal", System.StringComparison.Ordinal)
            .Replace("public string Name { get; set; } = \"\";\n}\n\npublic class Ward", "public Guid ClinicId { get; set; }\n    public string Name { get; set; } = \"\";\n}\n\npublic class Ward", System.StringComparison.Ordinal)
            .Replace("public Guid PatientId { get; set; }\n    public Patient", "public Guid ClinicId { get; set; }\n    public Guid PatientId { get; set; }\n    public Patient", System.StringComparison.Ordinal)
            .Replace("public Guid Id { get; set; }\n    public string Name { get; set; } = \"\";\n}\n\npublic class {|#0", "public Guid Id { get; set; }\n    public Guid ClinicId { get; set; }\n    public string Name { get; set; } = \"\";\n}\n\npublic class {|#0", System.StringComparison.Ordinal),
    };

    [Theory]
    [MemberData(nameof(NoLikelyKey))]
    public async Task With_no_name_most_entities_share_the_message_only_asks_for_the_key(string model)
    {
        Assert.NotEqual(ClinicModel, model);
        await Verify.VerifyAnalyzerAsync(
            model,
            EfCoreVersion.Ef10,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("ClinicDb", NoTenantEntityAnalyzer.NoneFound(LookedForEverything), NoTenantEntityAnalyzer.SetTheKey));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task A_configured_key_no_entity_carries_is_told_apart_from_the_name_most_entities_share(EfCoreVersion ef)
    {
        // StoreId was a guess: the context's rows are keyed by ApplicationId, which the advice names.
        await Verify.VerifyAnalyzerAsync(
            [ClinicModel],
            ef,
            EditorConfig("tenant_safety.tenant_property = StoreId"),
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments(
                "ClinicDb",
                NoTenantEntityAnalyzer.NoneFound("StoreId (tenant_safety.tenant_property)"),
                "none of its entities carries StoreId: if it holds only data every tenant shares, suppress TSA0001 for it; if its entities are keyed by another name, add that name to tenant_safety.tenant_property (4 of its 6 entities carry ApplicationId)"));
    }

    /// <summary>
    /// ASP.NET Core Identity's classes (by their metadata names; the test references no ASP.NET Core assembly), each with
    /// the user's key, and the app's classes deriving from them, as an Identity context maps them.
    /// </summary>
    private const string IdentityOnlyModel = """
        namespace Microsoft.AspNetCore.Identity
        {
            public class IdentityUser<TKey> { public TKey Id { get; set; } = default!; }
            public class IdentityUserRole<TKey> { public TKey UserId { get; set; } = default!; public TKey RoleId { get; set; } = default!; }
            public class IdentityUserClaim<TKey> { public int Id { get; set; } public TKey UserId { get; set; } = default!; }
            public class IdentityUserLogin<TKey> { public string LoginProvider { get; set; } = ""; public TKey UserId { get; set; } = default!; }
        }

        public class AppUser : Microsoft.AspNetCore.Identity.IdentityUser<Guid> { public string DisplayName { get; set; } = ""; }
        public class AppUserRole : Microsoft.AspNetCore.Identity.IdentityUserRole<Guid> { }
        public class AppUserClaim : Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid> { }
        public class AppUserLogin : Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid> { }

        public class {|#0:AccountsDb|} : DbContext
        {
            public DbSet<AppUser> Users => Set<AppUser>();
            public DbSet<AppUserRole> UserRoles => Set<AppUserRole>();
            public DbSet<AppUserClaim> UserClaims => Set<AppUserClaim>();
            public DbSet<AppUserLogin> UserLogins => Set<AppUserLogin>();

            protected override void OnModelCreating(ModelBuilder modelBuilder)
            {
                modelBuilder.Entity<AppUserRole>().HasKey(r => new { r.UserId, r.RoleId });
                modelBuilder.Entity<AppUserLogin>().HasKey(l => new { l.LoginProvider, l.UserId });
            }
        }
        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Identitys_user_key_is_not_named_as_the_likely_tenant_key(EfCoreVersion ef)
    {
        // Three of the four entities carry UserId, declared by Identity's own classes: it keys a user, never a tenant.
        await Verify.VerifyAnalyzerAsync(
            IdentityOnlyModel,
            ef,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("AccountsDb", NoTenantEntityAnalyzer.NoneFound(LookedForEverything), NoTenantEntityAnalyzer.SetTheKey));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Not_reported_once_the_key_is_configured(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync([Unmarked(NoTenantModel).Replace("public string What", "public string StoreCode { get; set; } = \"\";\n    public string What", System.StringComparison.Ordinal)], ef, EditorConfig("tenant_safety.tenant_property = StoreCode"));
    }

    [Theory]
    [InlineData("public Guid TenantId { get; set; }")]
    [InlineData("public Guid TeamId { get; set; }")]
    [InlineData("public Guid OrganizationId { get; set; }")]
    [InlineData("public Guid WorkspaceId { get; set; }")]
    public async Task Not_reported_when_an_entity_carries_a_conventional_key(string property)
    {
        await Verify.VerifyAnalyzerAsync(Unmarked(NoTenantModel).Replace("public string StoreCode { get; set; } = \"\";", property, System.StringComparison.Ordinal), EfCoreVersion.Ef10);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Not_reported_for_a_shadow_key_declared_in_the_model(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            """
            public class AuditEntry
            {
                public int Id { get; set; }
                public string What { get; set; } = "";
            }

            public class ShadowDb : DbContext
            {
                public DbSet<AuditEntry> Entries { get; set; } = null!;

                protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                    modelBuilder.Entity<AuditEntry>().Property<Guid>("TenantId");
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task DTOs_exceptions_and_NotMapped_properties_named_like_the_key_do_not_count(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            """
            public class Note
            {
                public int Id { get; set; }
                [System.ComponentModel.DataAnnotations.Schema.NotMapped]
                public Guid TenantId { get; set; }
            }

            public class NoteDto
            {
                public Guid TenantId { get; set; }
            }

            public class NoteException(Guid tenantId) : Exception
            {
                public Guid TenantId { get; } = tenantId;
            }

            public class {|#0:NotesDb|} : DbContext
            {
                public DbSet<Note> Notes { get; set; } = null!;
            }
            """,
            ef,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("NotesDb", NoTenantEntityAnalyzer.NoneFound(LookedForEverything), NoTenantEntityAnalyzer.SetTheKey));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Contexts_that_map_nothing_abstract_contexts_and_the_Finbuckle_tenant_store_are_not_reported(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            TenancyStandIns.Finbuckle10 + """
            public class Tenant
            {
                public string Id { get; set; } = "";
                public string Name { get; set; } = "";
            }

            public class Lead
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            public class ReportingDb : DbContext
            {
                public List<string> Names() => Database.SqlQueryRaw<string>("SELECT name FROM teams").ToList();
            }

            public abstract class BaseDb : DbContext
            {
                public DbSet<Tenant> Tenants { get; set; } = null!;
            }

            public class TenantStoreDb : Finbuckle.MultiTenant.EntityFrameworkCore.Stores.EFCoreStoreDbContext<Tenant>
            {
            }

            public class AppDb : DbContext
            {
                public DbSet<Lead> Leads { get; set; } = null!;
            }
            """,
            ef);
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Suppressed_like_any_rule(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            """
            public class Country
            {
                public int Id { get; set; }
                public string Name { get; set; } = "";
            }

            [System.Diagnostics.CodeAnalysis.SuppressMessage("TenantSafety", "TSA0001", Justification = "Shared reference data.")]
            public class ReferenceDb : DbContext
            {
                public DbSet<Country> Countries { get; set; } = null!;
            }

            #pragma warning disable TSA0001 // The tenant catalogue.
            public class CatalogDb : DbContext
            #pragma warning restore TSA0001
            {
                public DbSet<Country> Countries { get; set; } = null!;
            }
            """,
            ef);
    }

    /// <summary>
    /// The application layer of a layered solution: entities that carry TenantId, and the interface its handlers query
    /// through; the DbContext that implements it, maps the entities and filters them lives in another project.
    /// </summary>
    private const string ApplicationLayer = """
        public interface ITenantOwned
        {
            Guid TenantId { get; }
        }

        public class Order : ITenantOwned
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public decimal Total { get; set; }
        }

        public class Customer : ITenantOwned
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public string Name { get; set; } = "";
        }

        public interface {|#0:IAppDbContext|}
        {
            DbSet<Order> Orders { get; }
            DbSet<Customer> Customers { get; }
        }

        public interface IClock
        {
            DateTime Now { get; }
        }

        public sealed class BigOrders(IAppDbContext db)
        {
            public List<Order> Find() => db.Orders.Where(o => o.Total > 1000).ToList();
        }
        """;

    /// <summary>
    /// The advice names the key first and the tenant types only on a condition: a marker interface named in tenant_types
    /// for a context that filters nothing hid every leak in two trials (OmniBlox: 122 findings to 10).
    /// </summary>
    [Fact]
    public void The_advice_for_another_project_s_model_names_the_key_first_and_the_filtered_types_only_if_filtered()
    {
        Assert.Equal(
            "its entities carry TenantId, but they are mapped by a DbContext of another project, whose query filters cannot be read here",
            NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.EntitySetInterface));
        Assert.Equal(
            "set tenant_safety.tenant_property = TenantId; if that context filters some of them by TenantId, name only those types in tenant_safety.tenant_types (Shop.ITenantOwned, if it filters every one)",
            NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.EntitySetInterface, "Shop.ITenantOwned"));
        Assert.Equal(
            "its entities are mapped by a DbContext of another project, whose tenant key and query filters cannot be read here: name the key in tenant_safety.tenant_property; "
            + "if that context filters some of them by that key, name only those types in tenant_safety.tenant_types",
            NoTenantEntityAnalyzer.MappedElsewhere());
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_interface_of_entity_sets_mapped_in_another_project_is_reported_when_none_is_a_tenant_entity(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync(
            ApplicationLayer,
            ef,
            Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("IAppDbContext", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.EntitySetInterface), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.EntitySetInterface, "ITenantOwned")));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_interface_of_entity_sets_is_not_reported_once_its_entities_are_tenant_entities(EfCoreVersion ef)
    {
        await Verify.VerifyAnalyzerAsync([Unmarked(ApplicationLayer)], ef, EditorConfig("tenant_safety.tenant_property = TenantId"));
        await Verify.VerifyAnalyzerAsync([Unmarked(ApplicationLayer)], ef, EditorConfig("tenant_safety.tenant_property = TenantId\ntenant_safety.tenant_types = ITenantOwned"));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task An_interface_a_DbContext_of_the_project_implements_is_left_to_the_context(EfCoreVersion ef)
    {
        // The context maps the entities here: the key is inferred from them, and a context without one is reported itself.
        var withContext = Unmarked(ApplicationLayer) + """
            public class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options), IAppDbContext
            {
                public DbSet<Order> Orders => Set<Order>();
                public DbSet<Customer> Customers => Set<Customer>();
            }
            """;
        await Verify.VerifyAnalyzerAsync(withContext, ef);

        var unkeyed = withContext.Replace("public Guid TenantId { get; set; }", "public Guid OwnerId { get; set; }", System.StringComparison.Ordinal)
            .Replace("Guid TenantId { get; }", "Guid OwnerId { get; }", System.StringComparison.Ordinal)
            .Replace("public class AppDbContext", "public class {|#0:AppDbContext|}", System.StringComparison.Ordinal);
        await Verify.VerifyAnalyzerAsync(unkeyed, ef, Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("AppDbContext", NoTenantEntityAnalyzer.NoneFound(LookedForEverything), NoTenantEntityAnalyzer.SetTheKeyNaming("OwnerId", 2, 2)));
    }

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task The_layer_without_configuration_gets_TSA0001_and_nothing_else(EfCoreVersion ef)
    {
        var findings = await AllRules.RunAsync(ef, options: null, Unmarked(ApplicationLayer));

        var only = Assert.Single(findings);
        Assert.StartsWith("TSA0001 /0/Test0.cs:", only, System.StringComparison.Ordinal);
        Assert.EndsWith(
            ": No tenant entity known in 'IAppDbContext': its entities carry TenantId, but they are mapped by a DbContext of another project, whose query filters cannot be read here; "
            + "set tenant_safety.tenant_property = TenantId; if that context filters some of them by TenantId, name only those types in tenant_safety.tenant_types (ITenantOwned, if it filters every one)",
            only,
            System.StringComparison.Ordinal);
    }

    /// <summary>
    /// The data project of a layered solution, built: entities that carry TenantId, a DbContext that maps and filters
    /// them, an interface of its entity sets, and an abstract context with no entity set.
    /// </summary>
    private const string DataProject = """
        using Microsoft.EntityFrameworkCore;

        namespace Shop.Data;

        public interface ITenantOwned
        {
            Guid TenantId { get; }
        }

        public class Order : ITenantOwned
        {
            public Guid Id { get; set; }
            public Guid TenantId { get; set; }
            public decimal Total { get; set; }
        }

        public interface IShopData
        {
            DbSet<Order> Orders { get; }
        }

        public abstract class AuditedContext(DbContextOptions options) : DbContext(options)
        {
            public DateTime Now => DateTime.UtcNow;
        }

        public class ShopDb(DbContextOptions<ShopDb> options) : AuditedContext(options), IShopData
        {
            public Guid CurrentTenant { get; set; }
            public DbSet<Order> Orders => Set<Order>();

            protected override void OnModelCreating(ModelBuilder modelBuilder) =>
                modelBuilder.Entity<Order>().HasQueryFilter(o => o.TenantId == CurrentTenant);
        }
        """;

    public static TheoryData<Reference, EfCoreVersion> References() => ForeignProject.References();

    private static Verify.Test ForeignDataTest(Reference reference, EfCoreVersion ef, string? editorConfig, params string[] sources) =>
        ForeignDataTestOver(DataProject, reference, ef, editorConfig, sources);

    /// <summary>A test of <paramref name="sources"/> over <paramref name="dataProject"/>, the other project, referenced as <paramref name="reference"/> says.</summary>
    private static Verify.Test ForeignDataTestOver(string dataProject, Reference reference, EfCoreVersion ef, string? editorConfig, params string[] sources)
    {
        var test = new Verify.Test(ef);
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
        }

        ForeignProject.Add(test.TestState, reference, ef, "Shop.Data", dataProject);
        return test;
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_DbContext_of_another_project_is_reported_once_where_this_project_first_names_it(Reference reference, EfCoreVersion ef)
    {
        // The first file by path names the context as a factory's type argument; the second names it twice more.
        var test = ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public sealed class OrderExport(IDbContextFactory<{|#0:ShopDb|}> factory)
            {
                public int Count()
                {
                    using var db = factory.CreateDbContext();
                    return db.Orders.Count();
                }
            }
            """,
            """
            using Shop.Data;

            public sealed class BigOrders(ShopDb db)
            {
                private readonly ShopDb _db = db;

                public List<Order> Find() => _db.Orders.Where(o => o.Total > 1000).ToList();
            }

            public class Repository<T>(ShopDb db) where T : class
            {
                public IQueryable<T> All => db.Set<T>();
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("ShopDb", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.Context), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.Context)));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_only_listed_by_typeof_or_nameof_is_not_a_use(Reference reference, EfCoreVersion ef)
    {
        // A host lists the context for assembly scanning and logs its name: it neither holds nor queries the model. A
        // later use that holds it is where the finding goes.
        var test = ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public static class Modules
            {
                public static readonly Type[] Assemblies = [typeof(ShopDb), typeof(List<ShopDb>)];

                public const string Name = nameof(ShopDb);
            }
            """,
            """
            using Shop.Data;

            public sealed class OrderExport(Func<{|#0:ShopDb|}> open)
            {
                public int Count() => open().Orders.Count();
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("ShopDb", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.Context), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.Context)));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_only_registered_with_the_services_is_not_a_use(Reference reference, EfCoreVersion ef)
    {
        // A host registers the context and a health check of it for others to resolve: registering queries nothing. A
        // resolution that hands the context out (GetRequiredService<ShopDb>) is a use, and the finding goes there.
        var test = ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Data;

            public static class Startup
            {
                public static void Register(IServiceCollection services, IHealthChecksBuilder checks)
                {
                    services.AddScoped<ShopDb>();
                    checks.AddDbContextCheck<ShopDb>();
                }
            }
            """,
            """
            // Stand-ins for the host's service registrations, by their metadata names.
            namespace Microsoft.Extensions.DependencyInjection
            {
                public interface IServiceCollection
                {
                }

                public interface IHealthChecksBuilder
                {
                }

                public static class HostStandIns
                {
                    public static IServiceCollection AddScoped<TService>(this IServiceCollection services) where TService : class => services;

                    public static IHealthChecksBuilder AddDbContextCheck<TContext>(this IHealthChecksBuilder builder) where TContext : class => builder;

                    public static T GetRequiredService<T>(this IServiceProvider provider) where T : notnull => (T)provider.GetService(typeof(T))!;
                }
            }
            """,
            """
            using Microsoft.Extensions.DependencyInjection;
            using Shop.Data;

            public sealed class NightlyTotals(IServiceProvider services)
            {
                public decimal Run() => services.GetRequiredService<{|#0:ShopDb|}>().Orders.Sum(o => o.Total);
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("ShopDb", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.Context), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.Context)));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_this_project_never_reads_entity_sets_of_is_not_reported(Reference reference, EfCoreVersion ef)
    {
        // A host resolves the context to create its database and hands it to a health probe: no query of this project
        // goes through it, so there is nothing here the key or the filters would decide.
        var test = ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public static class Startup
            {
                public static void CreateDatabase(IServiceProvider services)
                {
                    var db = (ShopDb)services.GetService(typeof(ShopDb))!;
                    db.Database.EnsureCreated();
                    Probe.Check(db);
                }
            }

            public static class Probe
            {
                public static bool Check(DbContext context) => context.Database.CanConnect();
            }
            """);
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_read_in_one_file_is_reported_where_this_project_first_names_it(Reference reference, EfCoreVersion ef)
    {
        var test = ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public static class Startup
            {
                public static void CreateDatabase(IServiceProvider services) => (({|#0:ShopDb|})services.GetService(typeof(ShopDb))!).Database.EnsureCreated();
            }
            """,
            """
            using Shop.Data;

            public sealed class Totals(ShopDb db)
            {
                public decimal Sum() => db.Set<Order>().Sum(o => o.Total);
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("ShopDb", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.Context), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.Context)));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_named_only_inside_a_body_is_reported_there(Reference reference, EfCoreVersion ef)
    {
        // A background job resolves the context from a scope: no declaration names it. A base list and generated code
        // that name it first (a migration's attribute) do not count.
        var test = ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public interface IComparesShops : IEquatable<ShopDb>
            {
            }
            """,
            """
            // <auto-generated />
            using Shop.Data;

            [System.Obsolete(nameof(ShopDb))]
            public static class Generated
            {
            }
            """,
            """
            using Shop.Data;

            public sealed class NightlyTotals(IServiceProvider services)
            {
                public decimal Run()
                {
                    var db = ({|#0:ShopDb|})services.GetService(typeof(ShopDb))!;
                    return db.Orders.Sum(o => o.Total);
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("ShopDb", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.Context), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.Context)));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_project_that_derives_its_own_context_from_another_projects_is_left_to_its_own(Reference reference, EfCoreVersion ef)
    {
        // The own context maps the entities here, and TSA0001 judges it at its declaration; a base list names nothing.
        await ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public sealed class ReportingDb(DbContextOptions<ShopDb> options) : ShopDb(options)
            {
                public decimal Total() => Orders.Sum(o => o.Total);
            }

            public sealed class Totals(ShopDb db)
            {
                public decimal Run() => db.Orders.Sum(o => o.Total);
            }
            """).RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_of_another_project_whose_entities_carry_no_conventional_key_says_what_to_configure(Reference reference, EfCoreVersion ef)
    {
        var test = ForeignDataTestOver(
            DataProject.Replace("TenantId", "StoreCode", System.StringComparison.Ordinal),
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public sealed class BigOrders({|#0:ShopDb|} db)
            {
                public List<Order> Find() => db.Orders.Where(o => o.Total > 1000).ToList();
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("ShopDb", NoTenantEntityAnalyzer.NoneFound(LookedForEverything), NoTenantEntityAnalyzer.ContextOfAnotherProject()));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_of_another_project_whose_entities_share_an_unconventional_key_names_it(Reference reference, EfCoreVersion ef)
    {
        var dataProject = DataProject
            .Replace("TenantId", "ShopId", System.StringComparison.Ordinal)
            .Replace("public interface IShopData", "public class Refund\n{\n    public Guid Id { get; set; }\n    public Guid ShopId { get; set; }\n}\n\npublic interface IShopData", System.StringComparison.Ordinal)
            .Replace("public DbSet<Order> Orders => Set<Order>();", "public DbSet<Order> Orders => Set<Order>();\n    public DbSet<Refund> Refunds => Set<Refund>();", System.StringComparison.Ordinal);
        Assert.Contains("DbSet<Refund>", dataProject, System.StringComparison.Ordinal);
        var test = ForeignDataTestOver(
            dataProject,
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public sealed class BigOrders({|#0:ShopDb|} db)
            {
                public List<Order> Find() => db.Orders.Where(o => o.Total > 1000).ToList();
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments(
            "ShopDb",
            NoTenantEntityAnalyzer.NoneFound(LookedForEverything),
            "it is a DbContext of another project, whose tenant key and query filters cannot be read here: name the key in tenant_safety.tenant_property (2 of its 2 entities carry ShopId: if that is its tenant key, set tenant_safety.tenant_property = ShopId); if it filters some of them by that key, name only those types in tenant_safety.tenant_types"));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task An_interface_of_entity_sets_of_another_project_is_reported_where_this_project_first_names_it(Reference reference, EfCoreVersion ef)
    {
        var test = ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public sealed class BigOrders({|#0:IShopData|} data)
            {
                public List<Order> Find() => data.Orders.Where(o => o.Total > 1000).ToList();
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("TSA0001").WithLocation(0).WithArguments("IShopData", NoTenantEntityAnalyzer.KeyNotTaken("TenantId", ForeignModelKind.EntitySetInterface), NoTenantEntityAnalyzer.CarriedKey("TenantId", ForeignModelKind.EntitySetInterface)));
        await test.RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task A_context_of_another_project_is_not_reported_once_its_entities_are_tenant_entities(Reference reference, EfCoreVersion ef)
    {
        const string Service = """
            using Shop.Data;

            public sealed class BigOrders(ShopDb db)
            {
                public List<Order> Find() => db.Orders.Where(o => o.Total > 1000).ToList();
            }
            """;
        await ForeignDataTest(reference, ef, EditorConfig("tenant_safety.tenant_property = TenantId\ntenant_safety.tenant_types = ITenantOwned"), Service).RunAsync();
        await ForeignDataTest(reference, ef, EditorConfig("tenant_safety.tenant_property = TenantId"), Service).RunAsync();

        // The configured type alone declares the key (ITenantOwned.TenantId), as in the project that declares the context.
        await ForeignDataTest(reference, ef, EditorConfig("tenant_safety.tenant_types = ITenantOwned"), Service).RunAsync();
    }

    [Theory]
    [MemberData(nameof(References))]
    public async Task Abstract_contexts_of_another_project_and_types_that_hold_no_context_are_not_reported(Reference reference, EfCoreVersion ef)
    {
        // An abstract context is a base for this project's own (which TSA0001 judges itself); DbContext itself names no project.
        await ForeignDataTest(
            reference,
            ef,
            editorConfig: null,
            """
            using Shop.Data;

            public sealed class Clock(AuditedContext context, DbContext any, ITenantOwned owned, IQueryable<Order> orders)
            {
                public DateTime Now => context.Now;
                public int Count => any.ChangeTracker.Entries().Count() + orders.Count();
                public Guid Tenant => owned.TenantId;
            }
            """).RunAsync();
    }

    private static string Unmarked(string source) =>
        source.Replace("{|#0:", "", System.StringComparison.Ordinal).Replace("{|#1:", "", System.StringComparison.Ordinal).Replace("|}", "", System.StringComparison.Ordinal);
}
