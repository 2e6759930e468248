using Microsoft.EntityFrameworkCore;

namespace Outreach.Model;

/// <summary>
/// The outreach app's model: the schema of the audited PostgreSQL database, table for table and index
/// for index. Configuration lives in three places, as in most real apps: IEntityTypeConfiguration
/// classes (Configurations/), the blocks below, and attributes on the entities.
/// </summary>
public class OutreachDbContext(DbContextOptions<OutreachDbContext> options, ITenantContext tenant) : DbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();

    // Administration
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<TeamInvitation> TeamInvitations => Set<TeamInvitation>();

    public DbSet<TeamSetting> TeamSettings => Set<TeamSetting>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    // Leads
    public DbSet<Integration> Integrations => Set<Integration>();

    public DbSet<Lead> Leads => Set<Lead>();

    public DbSet<LeadLabel> LeadLabels => Set<LeadLabel>();

    public DbSet<LeadActivity> LeadActivities => Set<LeadActivity>();

    public DbSet<UnifiedLeadCard> UnifiedLeadCards => Set<UnifiedLeadCard>();

    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();

    public DbSet<SuppressionEntry> SuppressionList => Set<SuppressionEntry>();

    public DbSet<LeadFunnelRow> LeadFunnel => Set<LeadFunnelRow>();

    // Personas
    public DbSet<Persona> Personas => Set<Persona>();

    public DbSet<PersonaPhone> PersonaPhones => Set<PersonaPhone>();

    public DbSet<PersonaEmail> PersonaEmails => Set<PersonaEmail>();

    public DbSet<PersonaAddress> PersonaAddresses => Set<PersonaAddress>();

    public DbSet<PersonaDemographics> PersonaDemographics => Set<PersonaDemographics>();

    public DbSet<PersonaSocial> PersonaSocials => Set<PersonaSocial>();

    public DbSet<PersonaMergeRecord> PersonaMergeHistory => Set<PersonaMergeRecord>();

    // Messaging
    public DbSet<Message> Messages => Set<Message>();

    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();

    public DbSet<InboxItem> InboxItems => Set<InboxItem>();

    public DbSet<ResponseBucket> ResponseBuckets => Set<ResponseBucket>();

    public DbSet<ConversationLabel> ConversationLabels => Set<ConversationLabel>();

    public DbSet<InitialMessage> InitialMessages => Set<InitialMessage>();

    public DbSet<SharedLink> SharedLinks => Set<SharedLink>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<ScheduledEvent> ScheduledEvents => Set<ScheduledEvent>();

    public DbSet<OutreachLog> OutreachLogs => Set<OutreachLog>();

    // Campaigns
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignExecution> CampaignExecutions => Set<CampaignExecution>();

    public DbSet<CampaignEvent> CampaignEvents => Set<CampaignEvent>();

    public DbSet<CampaignQueueItem> CampaignQueue => Set<CampaignQueueItem>();

    public DbSet<CampaignCadence> CampaignCadences => Set<CampaignCadence>();

    public DbSet<CampaignInitialMessage> CampaignInitialMessages => Set<CampaignInitialMessage>();

    public DbSet<CadenceTemplate> CadenceTemplates => Set<CadenceTemplate>();

    public DbSet<SdrCampaignConfig> SdrCampaignConfigs => Set<SdrCampaignConfig>();

    public DbSet<AutomationPlay> AutomationPlays => Set<AutomationPlay>();

    public DbSet<Workflow> Workflows => Set<Workflow>();

    // Workforce
    public DbSet<AiSdrAvatar> AiSdrAvatars => Set<AiSdrAvatar>();

    public DbSet<SdrSession> SdrSessions => Set<SdrSession>();

    public DbSet<WorkerVoiceConfig> WorkerVoiceConfigs => Set<WorkerVoiceConfig>();

    public DbSet<WorkerPersonality> WorkerPersonalities => Set<WorkerPersonality>();

    public DbSet<WorkerPhoneAssignment> WorkerPhoneAssignments => Set<WorkerPhoneAssignment>();

    public DbSet<Prompt> Prompts => Set<Prompt>();

    // Intelligence
    public DbSet<IntelligenceLogEntry> IntelligenceLog => Set<IntelligenceLogEntry>();

    public DbSet<IntelligenceMetric> IntelligenceMetrics => Set<IntelligenceMetric>();

    public DbSet<KnowledgeDocument> KnowledgeDocuments => Set<KnowledgeDocument>();

    // Public records
    public DbSet<PropertySearch> PropertySearches => Set<PropertySearch>();

    public DbSet<PropertyOwner> PropertyOwners => Set<PropertyOwner>();

    public DbSet<BusinessOwner> BusinessOwners => Set<BusinessOwner>();

    public DbSet<SkiptraceJob> SkiptraceJobs => Set<SkiptraceJob>();

    public DbSet<SkiptraceResult> SkiptraceResults => Set<SkiptraceResult>();

    // Content
    public DbSet<ContentCategory> ContentCategories => Set<ContentCategory>();

    public DbSet<ContentItem> ContentItems => Set<ContentItem>();

    // Gamification
    public DbSet<LeaderboardSnapshot> LeaderboardSnapshots => Set<LeaderboardSnapshot>();

    public DbSet<UserAchievement> UserAchievements => Set<UserAchievement>();

    public DbSet<UserStats> UserStats => Set<UserStats>();

    public DbSet<AchievementNotification> AchievementNotifications => Set<AchievementNotification>();

    // The audited database names everything in snake_case (leads.team_id, inbox_items.current_bucket).
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OutreachDbContext).Assembly);

        // EFCore.NamingConventions renames indexes declared with [Index] (it rewrites their default
        // names), so the audited database's names of those team_id indexes are pinned here.
        modelBuilder.Entity<ContentCategory>().HasIndex(c => c.TeamId).HasDatabaseName("content_categories_team_id_idx");
        modelBuilder.Entity<ContentItem>().HasIndex(c => c.TeamId).HasDatabaseName("content_items_team_id_idx");
        modelBuilder.Entity<SavedSearch>().HasIndex(s => s.TeamId).HasDatabaseName("saved_searches_team_id_index");
        modelBuilder.Entity<WorkerPhoneAssignment>().HasIndex(w => w.TeamId).HasDatabaseName("worker_phone_assignments_team_id_idx");

        modelBuilder.Entity<ApiKey>().HasIndex(k => k.TeamId).HasDatabaseName("idx_api_keys_team");

        modelBuilder.Entity<TeamMember>(member =>
        {
            member.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId);
            member.HasIndex(m => m.TeamId).HasDatabaseName("team_members_team_id_index");
            member.Property(m => m.Role).HasMaxLength(32);
        });

        modelBuilder.Entity<Workflow>(workflow =>
        {
            workflow.HasIndex(w => w.TeamId).HasDatabaseName("workflows_team_id_index");
            workflow.Property(w => w.DefinitionJson).HasColumnType("jsonb");
        });

        // Campaigns and personas carry tenant filters (the EF Core counterpart of row-level security);
        // every other tenant table relies on each query's own team_id predicate.
        modelBuilder.Entity<Campaign>(campaign =>
        {
            campaign.HasQueryFilter(c => c.TeamId == tenant.TeamId);
            campaign.HasMany(c => c.Executions).WithOne(e => e.Campaign).HasForeignKey(e => e.CampaignId);
            campaign.HasMany(c => c.Events).WithOne(e => e.Campaign).HasForeignKey(e => e.CampaignId);
        });

        modelBuilder.Entity<Persona>(persona =>
        {
            persona.HasQueryFilter("Tenant", p => p.TeamId == tenant.TeamId);
            persona.HasQueryFilter("SoftDelete", p => !p.IsDeleted);
            persona.Property(p => p.FullName).HasMaxLength(200);
        });

        // The retention job deletes by age (Migrations/20250120090000_AddOutreachLogRetentionIndex).
        modelBuilder.Entity<OutreachLog>()
            .HasIndex(l => l.CreatedAt)
            .HasDatabaseName("outreach_logs_created_at_index")
            .IsCreatedConcurrently();

        modelBuilder.Entity<SharedLink>().HasIndex(l => l.ExpiresAt).HasDatabaseName("shared_links_expires_at_index");

        modelBuilder.Entity<SkiptraceResult>()
            .HasOne(r => r.Job)
            .WithMany(j => j.Results)
            .HasForeignKey(r => r.JobId);

        modelBuilder.Entity<LeadFunnelRow>().HasNoKey().ToView("lead_funnel");
    }
}
