using TenantSafety.Analyzers.Model.Fixes;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>The one spelling of a model fix as EF Core code and as PostgreSQL DDL.</summary>
public sealed class ModelFixRendererTests
{
    private static readonly TenantKeyReference TeamId = TenantKeyReference.Property("TeamId");
    private static readonly TenantKeyReference ShadowTenantId = TenantKeyReference.Shadow("TenantId", "Guid");

    [Fact]
    public void Fluent_index_calls()
    {
        Assert.Equal("HasIndex(e => e.TeamId)", ModelFixRenderer.IndexCall(IndexShape.Of("TeamId"), "e", TeamId));
        Assert.Equal("HasIndex(x => new { x.TeamId, x.Status })", ModelFixRenderer.IndexCall(IndexShape.Of("TeamId", "Status"), "x", TeamId));
        Assert.Equal(
            "HasIndex(e => new { e.TeamId, e.Priority, e.ScheduledAt }).IsDescending(false, true, false)",
            ModelFixRenderer.IndexCall(new IndexShape(["TeamId", "Priority", "ScheduledAt"], [false, true, false]), "e", TeamId));
        Assert.Equal("HasIndex(e => new { e.TeamId, e.Email }).IsUnique()", ModelFixRenderer.IndexCall(new IndexShape(["TeamId", "Email"], isUnique: true), "e", TeamId));
    }

    [Fact]
    public void A_shadow_tenant_key_is_named_not_read_from_the_entity()
    {
        Assert.Equal("HasIndex(\"TenantId\")", ModelFixRenderer.IndexCall(IndexShape.Of("TenantId"), "e", ShadowTenantId));
        Assert.Equal("HasIndex(\"TenantId\", \"Status\")", ModelFixRenderer.IndexCall(IndexShape.Of("TenantId", "Status"), "e", ShadowTenantId));
        Assert.Equal("Index(\"TenantId\", nameof(Status))", ModelFixRenderer.IndexAttribute(IndexShape.Of("TenantId", "Status"), ShadowTenantId));
        Assert.Equal("HasQueryFilter(e => EF.Property<Guid>(e, \"TenantId\") == CurrentTenantId)", ModelFixRenderer.QueryFilterCall(ShadowTenantId, "e", "CurrentTenantId"));
        Assert.Equal("HasIndex(e => e.CampaignId)", ModelFixRenderer.IndexCall(IndexShape.Of("CampaignId"), "e", ShadowTenantId));
    }

    [Fact]
    public void Index_attributes()
    {
        Assert.Equal("Index(nameof(TeamId))", ModelFixRenderer.IndexAttribute(IndexShape.Of("TeamId"), TeamId));
        Assert.Equal(
            "Index(nameof(TeamId), nameof(CreatedAt), IsDescending = new[] { false, true })",
            ModelFixRenderer.IndexAttribute(new IndexShape(["TeamId", "CreatedAt"], [false, true]), TeamId));
        Assert.Equal("Index(nameof(TeamId), nameof(Email), IsUnique = true)", ModelFixRenderer.IndexAttribute(new IndexShape(["TeamId", "Email"], isUnique: true), TeamId));
    }

    [Fact]
    public void Relationship_and_query_filter()
    {
        Assert.Equal("HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId)", ModelFixRenderer.RelationshipCall("Campaign", "CampaignId", "e"));
        Assert.Equal("HasQueryFilter(m => m.TeamId == CurrentTeamId)", ModelFixRenderer.QueryFilterCall(TeamId, "m", "CurrentTeamId"));
    }

    [Fact]
    public void Concurrent_index_builds_quote_what_PostgreSQL_would_fold_or_reserve()
    {
        Assert.Equal(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_messages_team_id_created_at ON messages (team_id, created_at DESC);",
            ModelFixRenderer.CreateIndexConcurrently("ix_messages_team_id_created_at", "messages", ["team_id", "created_at"], new IndexShape(["TeamId", "CreatedAt"], [false, true])));
        Assert.Equal(
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"IX_Users_TeamId\" ON \"user\" (\"TeamId\", \"order\");",
            ModelFixRenderer.CreateIndexConcurrently("IX_Users_TeamId", "user", ["TeamId", "order"], new IndexShape(["TeamId", "Order"], isUnique: true)));
        Assert.Equal("\"a\"\"b\"", ModelFixRenderer.SqlIdentifier("a\"b"));
        Assert.Equal("team_id$2", ModelFixRenderer.SqlIdentifier("team_id$2"));
    }
}
