namespace TenantSafety.Analyzers.Tests.Verifiers;

/// <summary>Source text shared by test sources, so each test shows only what it is about.</summary>
public static class TestModel
{
    /// <summary>Path of the document the verifiers add to every test project.</summary>
    public const string GlobalUsingsPath = "/GlobalUsings.cs";

    /// <summary>
    /// Added to every test project as <see cref="GlobalUsingsPath"/>: the usings an EF Core project
    /// has in scope (the SDK's implicit usings plus EF Core), so test sources need none.
    /// </summary>
    public const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Linq.Expressions;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.EntityFrameworkCore;

        """;

    /// <summary>The SDK's implicit usings alone: <see cref="Usings"/> for a project that does not reference EF Core.</summary>
    public static string UsingsWithoutEfCore { get; } = Usings.Replace("global using Microsoft.EntityFrameworkCore;\n", string.Empty, System.StringComparison.Ordinal);

    /// <summary>
    /// A typical multi-tenant model, without namespace and without query filters (tests that need a
    /// filter declare their own context). Compiles with EF Core 8 and 10, C# 12. Tenant entities:
    /// <c>Lead</c>, <c>Message</c> (both <c>ITeamOwned</c>). Not tenant: <c>Team</c>, <c>Country</c>.
    /// </summary>
    public const string Entities = """
        public interface ITeamOwned
        {
            Guid TeamId { get; }
        }

        public class Team
        {
            public Guid Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class Lead : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
            public string Email { get; set; } = "";
            public DateTime CreatedAt { get; set; }
            public Team? Team { get; set; }
        }

        public class Message : ITeamOwned
        {
            public Guid Id { get; set; }
            public Guid TeamId { get; set; }
            public Guid LeadId { get; set; }
            public Lead? Lead { get; set; }
            public string Status { get; set; } = "";
            public string Body { get; set; } = "";
        }

        public class Country
        {
            public int Id { get; set; }
            public string Name { get; set; } = "";
        }

        public class AppDbContext : DbContext
        {
            public DbSet<Lead> Leads { get; set; } = null!;
            public DbSet<Message> Messages { get; set; } = null!;
            public DbSet<Country> Countries { get; set; } = null!;
            public DbSet<Team> Teams { get; set; } = null!;
        }

        """;
}
