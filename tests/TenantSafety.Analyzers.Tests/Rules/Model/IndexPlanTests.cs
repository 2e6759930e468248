using System.Collections.Immutable;
using System.Linq;
using TenantSafety.Analyzers.Model.Fixes;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules.Model;

/// <summary>
/// Fix All's index plan for one table: the fewest indexes that serve every requested shape, none written twice, none
/// starting with another of the plan (which TSA2004 would report).
/// </summary>
public sealed class IndexPlanTests
{
    private static IndexShape Shape(string columns, int equalities = 0, string descending = "")
    {
        var names = columns.Split(", ").ToImmutableArray();
        var flags = names.Select(c => descending.Split(", ").Contains(c)).ToImmutableArray();
        return new IndexShape(names, flags, equalityColumns: equalities);
    }

    private static string[] Plan(params IndexShape[] shapes) =>
        IndexPlan.Merge(shapes).Select(s => s.ToString()).ToArray();

    [Fact]
    public void The_longest_index_serves_every_shape_it_starts_with()
    {
        Assert.Equal(
            ["TeamId, Status, CreatedAt"],
            Plan(Shape("TeamId, Status", 1), Shape("TeamId, Status, CreatedAt", 1), Shape("TeamId")));
    }

    [Fact]
    public void One_shape_asked_for_twice_is_written_once()
    {
        Assert.Equal(["TeamId, Status"], Plan(Shape("TeamId, Status", 1), Shape("TeamId, Status", 1)));
    }

    [Fact]
    public void Equality_columns_are_ordered_so_one_index_serves_both_shapes()
    {
        // (TeamId, Channel = …, Status = …) written first would not serve (TeamId, Status = …); (TeamId, Status, Channel) serves both.
        Assert.Equal(["TeamId, Status, Channel"], Plan(Shape("TeamId, Channel, Status", 2), Shape("TeamId, Status", 1)));
    }

    [Fact]
    public void Ordering_columns_keep_their_order_and_a_reversed_direction_is_the_same_index()
    {
        Assert.Equal(
            ["TeamId, Priority DESC, ScheduledAt"],
            Plan(Shape("TeamId, Priority, ScheduledAt", 0, "Priority"), Shape("TeamId, Priority, ScheduledAt", 0, "ScheduledAt")));
        Assert.Equal(2, Plan(Shape("TeamId, Priority, ScheduledAt"), Shape("TeamId, ScheduledAt, Priority")).Length);
    }

    [Fact]
    public void Shapes_that_no_one_index_serves_get_one_each_and_none_starts_with_another()
    {
        var plan = IndexPlan.Merge([Shape("TeamId, Status", 1), Shape("TeamId, CreatedAt"), Shape("TeamId, Status, Channel", 2), Shape("TeamId, LeadId", 1)]);

        Assert.Equal(["TeamId, Status, Channel", "TeamId, CreatedAt", "TeamId, LeadId"], plan.Select(s => s.ToString()).ToArray());
        Assert.All(plan, index => Assert.DoesNotContain(plan, other => !ReferenceEquals(other, index) && other.Covers(index)));
    }
}
