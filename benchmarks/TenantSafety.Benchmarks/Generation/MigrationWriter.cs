using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>
/// Migrations as <c>dotnet ef migrations add</c> writes them (one per five entities: new tables with their
/// indexes, then indexes added to existing tables plainly, concurrently, or through raw SQL) and the model
/// snapshot, which is generated code.
/// </summary>
internal static class MigrationWriter
{
    public static string Migration(int number, IReadOnlyList<EntitySpec> entities)
    {
        var name = $"Schema{number:D4}";
        var stamp = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(number * 7).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var up = new StringBuilder();
        var down = new StringBuilder();
        foreach (var e in entities)
        {
            var table = e.TableName;
            switch (e.Index % 4)
            {
                case 0:
                    up.AppendLine($$"""
                                migrationBuilder.CreateTable(
                                    name: "{{table}}",
                                    schema: "app",
                                    columns: table => new
                                    {
                                        id = table.Column<Guid>(type: "uuid", nullable: false),
                                        team_id = table.Column<Guid>(type: "uuid", nullable: false),
                                        name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                                        status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                                        created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                                    },
                                    constraints: table =>
                                    {
                                        table.PrimaryKey("pk_{{table}}", x => x.id);
                                    });

                                migrationBuilder.CreateIndex(
                                    name: "ix_{{table}}_team_id",
                                    schema: "app",
                                    table: "{{table}}",
                                    column: "team_id");

                        """);
                    down.AppendLine($"        migrationBuilder.DropTable(name: \"{table}\", schema: \"app\");");
                    break;
                case 1:
                    up.AppendLine($$"""
                                migrationBuilder.CreateIndex(
                                    name: "ix_{{table}}_team_id_status",
                                    schema: "app",
                                    table: "{{table}}",
                                    columns: new[] { "team_id", "status" });

                        """);
                    down.AppendLine($"        migrationBuilder.DropIndex(name: \"ix_{table}_team_id_status\", schema: \"app\", table: \"{table}\");");
                    break;
                case 2:
                    up.AppendLine($$"""
                                migrationBuilder.CreateIndex(
                                    name: "ix_{{table}}_team_id_created_at",
                                    schema: "app",
                                    table: "{{table}}",
                                    columns: new[] { "team_id", "created_at" },
                                    descending: new[] { false, true })
                                    .Annotation("Npgsql:CreatedConcurrently", true);

                                migrationBuilder.AddColumn<string>(
                                    name: "external_id",
                                    schema: "app",
                                    table: "{{table}}",
                                    type: "text",
                                    nullable: true);

                        """);
                    down.AppendLine($"        migrationBuilder.DropColumn(name: \"external_id\", schema: \"app\", table: \"{table}\");");
                    break;
                default:
                    var inTransaction = e.Index % 8 == 3;
                    up.AppendLine($$"""
                                migrationBuilder.Sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_{{table}}_team_id_priority ON app.{{table}} (team_id, priority DESC, scheduled_at);"{{(inTransaction ? "" : ", suppressTransaction: true")}});
                                migrationBuilder.Sql("CREATE INDEX ix_{{table}}_status ON app.{{table}} (status);");

                        """);
                    down.AppendLine($"        migrationBuilder.Sql(\"DROP INDEX IF EXISTS app.ix_{table}_status;\");");
                    break;
            }
        }

        return $$"""
            using Acme.Outreach.Data;
            using Microsoft.EntityFrameworkCore.Infrastructure;
            using Microsoft.EntityFrameworkCore.Migrations;

            #nullable disable

            namespace Acme.Outreach.Data.Migrations;

            [DbContext(typeof(AppDbContext))]
            [Migration("{{stamp}}_{{name}}")]
            public partial class {{name}} : Migration
            {
                /// <inheritdoc />
                protected override void Up(MigrationBuilder migrationBuilder)
                {
            {{up.ToString().TrimEnd()}}
                }

                /// <inheritdoc />
                protected override void Down(MigrationBuilder migrationBuilder)
                {
            {{down.ToString().TrimEnd()}}
                }
            }
            """;
    }

    public static string ModelSnapshot(ImmutableArray<EntitySpec> entities)
    {
        var s = new StringBuilder(entities.Length * 1200);
        s.AppendLine("""
            // <auto-generated />
            using System;
            using Acme.Outreach.Data;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.EntityFrameworkCore.Infrastructure;
            using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
            using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

            #nullable disable

            namespace Acme.Outreach.Data.Migrations
            {
                [DbContext(typeof(AppDbContext))]
                partial class AppDbContextModelSnapshot : ModelSnapshot
                {
                    protected override void BuildModel(ModelBuilder modelBuilder)
                    {
            #pragma warning disable 612, 618
                        modelBuilder
                            .HasDefaultSchema("app")
                            .HasAnnotation("ProductVersion", "10.0.15")
                            .HasAnnotation("Relational:MaxIdentifierLength", 63);

                        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);
            """);
        foreach (var e in entities)
        {
            s.AppendLine($$"""

                            modelBuilder.Entity("{{e.Namespace}}.{{e.Name}}", b =>
                                {
                                    b.Property<Guid>("Id")
                                        .ValueGeneratedOnAdd()
                                        .HasColumnType("uuid");

                                    b.Property<string>("Name")
                                        .IsRequired()
                                        .HasMaxLength(200)
                                        .HasColumnType("character varying(200)");

                                    b.Property<string>("Status")
                                        .IsRequired()
                                        .HasMaxLength(32)
                                        .HasColumnType("character varying(32)");

                                    b.Property<DateTime>("CreatedAt")
                                        .HasColumnType("timestamp with time zone");

                                    b.HasKey("Id");

                                    b.HasIndex("Status");

                                    b.ToTable("{{e.TableName}}", "app");
                                });
                """);
        }

        s.AppendLine("""
            #pragma warning restore 612, 618
                    }
                }
            }
            """);
        return s.ToString();
    }

    public const string Startup = """
        using Acme.Outreach.Data;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;

        namespace Acme.Outreach;

        public static class DataServiceCollectionExtensions
        {
            public static IServiceCollection AddOutreachData(this IServiceCollection services, string connectionString) =>
                services.AddDbContext<AppDbContext>(options => options.UseNpgsql(
                    connectionString,
                    npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", "app").EnableRetryOnFailure()));
        }
        """;

    /// <summary>What <c>ImplicitUsings</c> adds to a Microsoft.NET.Sdk project.</summary>
    public const string GlobalUsings = """
        // <auto-generated/>
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;
}
