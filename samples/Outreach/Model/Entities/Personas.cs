using System.ComponentModel.DataAnnotations.Schema;

namespace Outreach.Model;

// Personas: the people behind leads, with their contact details. All of it is PII; none of these
// tables has a team_id index. Children carry team_id themselves (the app writes it on every row) and
// reach their persona through persona_id.

public class Persona : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string FullName { get; set; } = "";

    public string? PrimaryEmail { get; set; }

    public string Status { get; set; } = "active";

    public bool IsDeleted { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ICollection<PersonaPhone> Phones { get; set; } = [];

    public ICollection<PersonaEmail> Emails { get; set; } = [];

    public ICollection<PersonaAddress> Addresses { get; set; } = [];

    public ICollection<PersonaSocial> Socials { get; set; } = [];

    public PersonaDemographics? Demographics { get; set; }
}

public class PersonaPhone : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid PersonaId { get; set; }

    public Persona? Persona { get; set; }

    public string Number { get; set; } = "";

    public string Type { get; set; } = "mobile";

    public bool IsPrimary { get; set; }
}

public class PersonaEmail : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid PersonaId { get; set; }

    public Persona? Persona { get; set; }

    public string Address { get; set; } = "";

    public bool IsVerified { get; set; }
}

public class PersonaAddress : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid PersonaId { get; set; }

    public Persona? Persona { get; set; }

    public string Line1 { get; set; } = "";

    public string City { get; set; } = "";

    public string Region { get; set; } = "";

    public string PostalCode { get; set; } = "";
}

public class PersonaDemographics : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid PersonaId { get; set; }

    public Persona? Persona { get; set; }

    public int? BirthYear { get; set; }

    public string? IncomeBand { get; set; }

    public string? HouseholdSize { get; set; }
}

public class PersonaSocial : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid PersonaId { get; set; }

    public Persona? Persona { get; set; }

    public string Network { get; set; } = "";

    public string Handle { get; set; } = "";
}

/// <summary>An audit row per merge of two personas into one.</summary>
[Table("persona_merge_history")]
public class PersonaMergeRecord : ITeamOwned
{
    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public Guid SurvivorPersonaId { get; set; }

    public Guid MergedPersonaId { get; set; }

    public string MergedBy { get; set; } = "";

    public DateTimeOffset MergedAt { get; set; }
}
