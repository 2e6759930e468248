using TenantSafety.Analyzers.Tests.Verifiers;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>A service around a test body: the shared model, scoping helpers, and a method with the usual parameters.</summary>
internal static class UnscopedTenantQuerySources
{
    public const string Helpers = """
        public static class QueryExtensions
        {
            public static IQueryable<T> ForTeam<T>(this IQueryable<T> query, Guid teamId) where T : ITeamOwned =>
                query.Where(x => x.TeamId == teamId);

            public static IQueryable<T> Paginate<T>(this IQueryable<T> query, int page) =>
                query.Skip(page * 20).Take(20);
        }

        public class LeadDto
        {
            public Guid TeamId { get; set; }
            public string Status { get; set; } = "";
        }

        """;

    public static string InService(string body, string members = "") => TestModel.Entities + Helpers + $$"""
        public class LeadService(AppDbContext db)
        {
            private IQueryable<Lead> AllLeads() => db.Leads;

            private IQueryable<Lead> TeamLeads(Guid teamId) => db.Leads.Where(l => l.TeamId == teamId);

            private static Expression<Func<Lead, bool>> OwnedBy(Guid teamId) => l => l.TeamId == teamId;

            {{members}}

            public async Task Run(Guid teamId, Guid id, bool flag, List<Guid> teamIds, List<LeadDto> dtos)
            {
                {{body}}
                await Task.CompletedTask;
            }
        }
        """;
}
