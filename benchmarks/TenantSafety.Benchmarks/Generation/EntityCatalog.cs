using System.Collections.Immutable;

namespace TenantSafety.Benchmarks.Generation;

/// <summary>
/// The entities of a generated solution: names from an outreach-app vocabulary, and a deterministic mix of
/// tenant styles, mapping styles, filters and relationships so every size has the same proportions.
/// </summary>
internal static class EntityCatalog
{
    /// <summary>
    /// Areas become namespaces (<c>Acme.Outreach.Domain.Inbox</c>) and DbContext partial files. No area is also an
    /// entity name: a sibling namespace <c>Campaign</c> would hide the type <c>Campaign</c>.
    /// </summary>
    public static readonly ImmutableArray<string> Areas =
    [
        "Core", "Inbox", "Marketing", "Crm", "Billing", "Calendar",
        "Analytics", "Intelligence", "Automation", "Delivery", "Audit", "Integration",
    ];

    // Avoids names that collide with types the implicit usings bring in (Task, Thread, List, Timer …).
    private static readonly ImmutableArray<string> s_nouns =
    [
        "Lead", "Message", "Campaign", "Persona", "Contact", "Account", "Company", "Deal", "Todo", "Note",
        "Activity", "Sequence", "Step", "Template", "Event", "Schedule", "QueueEntry", "Bucket", "Log", "Attachment",
        "Tag", "Label", "Segment", "Roster", "Export", "Import", "Webhook", "Invoice", "Payment", "Subscription",
        "Plan", "Report", "Metric", "Goal", "Signal", "Reply", "Bounce", "Click", "Visit", "SendingDomain",
        "Mailbox", "Conversation", "Draft", "Rule", "Setting",
    ];

    public static ImmutableArray<EntitySpec> Create(int count)
    {
        var entities = ImmutableArray.CreateBuilder<EntitySpec>(count);
        for (var i = 0; i < count; i++)
        {
            var area = Areas[i % Areas.Length];
            var nounIndex = i / Areas.Length;
            var noun = s_nouns[nounIndex % s_nouns.Length];
            var round = nounIndex / s_nouns.Length;
            var name = area == "Core" ? noun : noun == area ? area + "Group" : area + noun;
            if (round > 0)
            {
                name += (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            // One in eight is a lookup/global table; the tenant entities split over three ways of carrying TeamId.
            var tenant = i % 8 == 0 ? TenantStyle.None : (TenantStyle)(1 + (i % 3));
            var config = (ConfigStyle)((i + (i / 3)) % 4);
            var filter = (i % 10) switch
            {
                1 => tenant == TenantStyle.None ? FilterStyle.None : FilterStyle.Tenant,
                6 => tenant == TenantStyle.None ? FilterStyle.None : FilterStyle.NamedTenant,
                3 or 8 => FilterStyle.SoftDelete,
                _ => FilterStyle.None,
            };
            var parent = i > 0 && i % 4 != 0 ? entities[i - 1 - (i % 7 % i)] : null;
            entities.Add(new EntitySpec(i, name, area, tenant, config, filter, parent, IsHot: tenant != TenantStyle.None && i % 10 == 2));
        }

        return entities.MoveToImmutable();
    }
}
