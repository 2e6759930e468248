using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

/// <summary>The nightly export to the data warehouse: reads every team on purpose.</summary>
public class AdminExportService(OutreachDbContext db)
{
    [SuppressMessage("TenantSafety", "TSA1001", Justification = "Nightly warehouse export of every team's leads; runs as the export service account, never for a user request.")]
    public async Task<int> ExportLeadsAsync(TextWriter writer)
    {
        var exported = 0;
        await foreach (var lead in db.Leads.AsNoTracking().AsAsyncEnumerable())
        {
            await writer.WriteLineAsync($"{lead.TeamId},{lead.Id},{lead.Status}");
            exported++;
        }

        return exported;
    }
}
