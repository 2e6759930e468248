using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    TenantSafety.Analyzers.Rules.MissingTenantKeyIndexAnalyzer,
    TenantSafety.Analyzers.CodeFixes.Rules.AddIndexAttributeFixer>;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>TSA2001's attribute fix: <c>[Index(nameof(TeamId))]</c> on the entity class, before its other attributes and comments kept.</summary>
public sealed class TSA2001AddIndexAttributeFixTests
{
    private const string Context = """
        public class AppDbContext : DbContext
        {
            public DbSet<Message> Messages => Set<Message>();
            public DbSet<Persona> Personas => Set<Persona>();
        }

        """;

    [Theory]
    [InlineData(EfCoreVersion.Ef8)]
    [InlineData(EfCoreVersion.Ef10)]
    public async Task Adds_the_index_attribute_and_fix_all_covers_every_entity(EfCoreVersion ef)
    {
        const string Source = """
            namespace App;

            /// <summary>A message.</summary>
            public class {|TSA2001:Message|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            [System.ComponentModel.DataAnnotations.Schema.Table("personas")]
            public sealed class {|TSA2001:Persona|}
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            """;
        const string Fixed = """
            namespace App;

            /// <summary>A message.</summary>
            [Index(nameof(TeamId))]
            public class Message
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            [Index(nameof(TeamId))]
            [System.ComponentModel.DataAnnotations.Schema.Table("personas")]
            public sealed class Persona
            {
                public Guid Id { get; set; }
                public Guid TeamId { get; set; }
            }

            """;
        await Verify.VerifyFixAllAsync([Source, "using App;\n" + Context], [Fixed, "using App;\n" + Context], ef);
    }
}
