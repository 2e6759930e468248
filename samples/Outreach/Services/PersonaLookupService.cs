using Microsoft.EntityFrameworkCore;
using Outreach.Model;

namespace Outreach.Services;

/// <summary>Caller ID and contact lookups over personas (PII).</summary>
public class PersonaLookupService(OutreachDbContext db, ITenantContext tenant)
{
    // TSA1001: persona_phones has no tenant filter; every team's phone rows with that number come back.
    public Task<List<PersonaPhone>> PhonesByNumberAsync(string number) =>
        db.PersonaPhones.Where(p => p.Number == number).ToListAsync();

    // Fine: only personas come out, and EF Core joins them through their "Tenant" query filter (the phone rows only pick them).
    public Task<Persona?> ByPhoneAsync(string number) =>
        db.PersonaPhones.Where(p => p.Number == number).Select(p => p.Persona!).FirstOrDefaultAsync();

    // Scoped through the reference navigation's tenant key.
    public Task<Persona?> ByPhoneForTeamAsync(string number) =>
        db.PersonaPhones.Where(p => p.Persona!.TeamId == tenant.TeamId && p.Number == number).Select(p => p.Persona!).FirstOrDefaultAsync();

    // Fine: personas carry the "Tenant" query filter.
    public Task<Persona?> GetAsync(Guid id) => db.Personas.FirstOrDefaultAsync(p => p.Id == id);

    // Fine: switches off only the soft-delete filter; the tenant filter still applies.
    public Task<Persona?> GetIncludingDeletedAsync(Guid id) =>
        db.Personas.IgnoreQueryFilters(["SoftDelete"]).FirstOrDefaultAsync(p => p.Id == id);

    // TSA1005: switches off every filter, the tenant filter too, and does not scope itself.
    public Task<List<Persona>> MergeCandidatesAsync(string email) =>
        db.Personas.IgnoreQueryFilters().Where(p => p.PrimaryEmail == email).ToListAsync();

    // Fine: switches the filters off and scopes itself.
    public Task<List<Persona>> DeletedAsync() =>
        db.Personas.IgnoreQueryFilters().Where(p => p.TeamId == tenant.TeamId && p.IsDeleted).ToListAsync();

    // Scoped.
    public Task<List<PersonaEmail>> EmailsAsync(Guid personaId) =>
        db.PersonaEmails.Where(e => e.TeamId == tenant.TeamId && e.PersonaId == personaId).ToListAsync();

    // TSA1001: addresses of a persona, whichever team it belongs to.
    public Task<List<PersonaAddress>> AddressesAsync(Guid personaId) =>
        db.PersonaAddresses.Where(a => a.PersonaId == personaId).ToListAsync();
}
