using System.Collections.Generic;
using System;
using System.Linq;

namespace TenantSafety.Analyzers.Tests.Cli;

/// <summary>The facts of the hand-written seed audit (performance-and-scale-safety.md) that the sample reproduces.</summary>
internal static class SeedAudit
{
    /// <summary>The 12 tables behind the audit's 15 team_id indexes.</summary>
    public static readonly IReadOnlyList<string> TablesWithTeamIdIndex = Sorted(
        "api_keys", "content_categories", "content_items", "integrations", "lead_labels", "leads", "saved_searches",
        "team_invitations", "team_members", "team_settings", "worker_phone_assignments", "workflows");

    /// <summary>The audit's 15 team_id indexes by name, with whether each is unique.</summary>
    public static readonly IReadOnlyDictionary<string, bool> TeamIdIndexes = new Dictionary<string, bool>
    {
        ["idx_api_keys_team"] = false,
        ["content_categories_team_id_idx"] = false,
        ["content_items_team_id_idx"] = false,
        ["integrations_name_team_id_index"] = false,
        ["lead_labels_team_id_index"] = false,
        ["lead_labels_team_id_name_category_index"] = false,
        ["leads_team_id_index"] = false,
        ["leads_team_id_integration_id_external_id_index"] = true,
        ["saved_searches_team_id_index"] = false,
        ["team_invitations_team_id_index"] = false,
        ["team_invitations_team_id_email_index"] = false,
        ["team_members_team_id_index"] = false,
        ["team_settings_team_id_name_scope_index"] = false,
        ["worker_phone_assignments_team_id_idx"] = false,
        ["workflows_team_id_index"] = false,
    };

    /// <summary>The audit's 44 tenant tables without a team_id index.</summary>
    public static readonly IReadOnlyList<string> TablesMissingTeamIdIndex = Sorted(
        // High priority (hot tables)
        "campaigns", "messages", "inbox_items", "campaign_queue", "scheduled_events", "outreach_logs", "intelligence_log", "unified_lead_cards",
        // Medium priority (PII / tenant data)
        "personas", "persona_phones", "persona_emails", "persona_addresses", "persona_demographics", "persona_socials", "persona_merge_history",
        "business_owners", "property_owners", "suppression_list",
        // Lower priority
        "ai_sdr_avatars", "message_templates", "appointments", "shared_links", "skiptrace_jobs", "skiptrace_results", "knowledge_documents",
        "response_buckets", "lead_activities", "automation_plays", "initial_messages", "leaderboard_snapshots", "user_achievements",
        "user_stats", "achievement_notifications", "sdr_sessions", "worker_voice_configs", "property_searches", "cadence_templates",
        "sdr_campaign_configs", "campaign_cadences", "campaign_initial_messages", "conversation_labels", "intelligence_metrics", "prompts",
        "worker_personalities");

    /// <summary>The hot tables of tiers 1 and 2, as the sample's .editorconfig lists them.</summary>
    public static readonly IReadOnlyList<string> HotTables = Sorted(
        "messages", "inbox_items", "campaign_queue", "scheduled_events", "outreach_logs", "intelligence_log", "lead_activities",
        "campaign_executions", "campaign_events");

    /// <summary>Tables without a team_id of their own, scoped through their campaign.</summary>
    public static readonly IReadOnlyList<string> ScopedThroughCampaign = Sorted("campaign_executions", "campaign_events");

    public static IEnumerable<string> TenantTables => TablesWithTeamIdIndex.Union(TablesMissingTeamIdIndex);

    private static string[] Sorted(params string[] tables) => tables.Order(StringComparer.Ordinal).ToArray();
}
