using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// A local that only its declaration assigns is read without the control-flow graph; any other write, however it is
/// spelled, must leave the local to the graph. Each write form below changes the verdict if it is missed. A local
/// assigned by plain statements under ifs and switch sections is read from its statements in order: which paths reach
/// the execution, and which end before it, decide the verdict as the graph would.
/// </summary>
public class TSA1001LocalDefinitionsTests
{
    public static TheoryData<string> Reported => new()
    {
        // Only the declaration assigns: read straight from the initializer, through chains and lambdas.
        "var q = db.Leads.Where(l => l.Status == \"new\"); var r = q.OrderBy(l => l.Email); r.{|TSA1001:ToList()|};",
        "var q = db.Leads.AsQueryable(); Func<List<Lead>> load = () => q.{|TSA1001:ToList()|}; load();",
        // A scoped declaration overwritten with an unscoped value.
        "var q = db.Leads.Where(l => l.TeamId == teamId); q = db.Leads; q.{|TSA1001:ToList()|};",
        "var q = db.Leads.Where(l => l.TeamId == teamId); (q) = db.Leads.AsQueryable(); q.{|TSA1001:ToList()|};",
        "var q = db.Leads.Where(l => l.TeamId == teamId); if (flag) { q = db.Leads; } q.{|TSA1001:ToList()|};",
        // A loop that may not run: its scoping assignment is on a cycle, read once per path, never kept half-read.
        "var q = db.Leads.AsQueryable(); while (flag) { q = q.Where(l => l.Status == \"a\"); if (teamIds.Count > 0) { q = q.Where(l => l.TeamId == teamId); } } q.{|TSA1001:ToList()|};",
        "var q = db.Leads.AsQueryable(); if (id != Guid.Empty) { q = q.Where(l => l.Id == id); } foreach (var t in teamIds) { q = q.Where(l => l.TeamId == t); } q.{|TSA1001:ToList()|};",
        // Read from the statements in order, without the graph: every path that reaches the execution counts.
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else if (teamIds.Count > 0) { q = q.Where(l => l.Status == \"a\"); } q.{|TSA1001:ToList()|};",
        "var q = db.Leads.Where(l => l.TeamId == teamId); switch (teamIds.Count) { case 0: q = db.Leads; break; default: q = q.OrderBy(l => l.Email); break; } q.{|TSA1001:ToList()|};",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { foreach (var t in teamIds) { if (t == id) break; } } q.{|TSA1001:ToList()|};",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { try { id = Guid.NewGuid(); } catch (Exception) { return; } } q.{|TSA1001:ToList()|};",
        // A catch or finally sees every value the local may have held when its try stopped.
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.Status == \"a\"); } try { id = Guid.NewGuid(); } catch (Exception) { q.{|TSA1001:ToList()|}; }",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.Status == \"a\"); } try { id = Guid.NewGuid(); q = q.Where(l => l.TeamId == teamId); } catch (Exception) { q.{|TSA1001:ToList()|}; }",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.Status == \"a\"); } try { id = Guid.NewGuid(); } finally { q.{|TSA1001:ToList()|}; }",
        "var q = db.Leads.Where(l => l.TeamId == teamId); if (flag) { q = q.Where(l => l.Status == \"a\"); } try { id = Guid.NewGuid(); } catch (InvalidOperationException) { q = db.Leads; } finally { q.{|TSA1001:ToList()|}; }",
        // A loop on a constant true condition that a break leaves: the path out of it reaches the execution.
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { while (true) { if (teamIds.Count > 0) { break; } teamIds.Add(id); } } q.{|TSA1001:ToList()|};",
        // A switch expression that sorts a query nobody scoped: each arm is the same rows (a list endpoint's sort).
        "var q = db.Leads.AsQueryable(); q = (flag, teamIds.Count) switch { (true, _) => q.OrderBy(l => l.Email), _ => q.OrderByDescending(l => l.Email) }; q.{|TSA1001:ToList()|};",
        "var q = db.Leads.Where(l => l.TeamId == teamId); q = flag switch { true => q.OrderBy(l => l.Email), false => db.Leads }; q.{|TSA1001:ToList()|};",
        // A constant condition that holds: its branch always runs.
        "const bool legacy = true; var q = db.Leads.Where(l => l.TeamId == teamId); if (legacy) { q = db.Leads; } q.{|TSA1001:ToList()|};",
        // An unscoped assignment a run reaches inside a try, before the return, reaches the handler.
        "var q = db.Leads.Where(l => l.TeamId == teamId); try { q = db.Leads; id = Guid.NewGuid(); return; } catch (Exception) { q.{|TSA1001:ToList()|}; }",
    };

    public static TheoryData<string> NotReported => new()
    {
        "var q = db.Leads.Where(l => l.TeamId == teamId); var r = q.OrderBy(l => l.Email); r.ToList();",
        "var q = db.Leads.Where(l => l.TeamId == teamId); Func<List<Lead>> load = () => q.ToList(); load();",
        // Writes whose value the graph cannot read: the unscoped initializer no longer decides.
        "var q = db.Leads.AsQueryable(); void Scope(ref IQueryable<Lead> x) => x = x.Where(l => l.TeamId == teamId); Scope(ref q); q.ToList();",
        "var q = db.Leads.AsQueryable(); bool Scoped(out IQueryable<Lead> x) { x = db.Leads.Where(l => l.TeamId == teamId); return true; } Scoped(out q); q.ToList();",
        "var q = db.Leads.AsQueryable(); var n = 0; (q, n) = (db.Leads.Where(l => l.TeamId == teamId), 1); q.ToList();",
        // A switch expression that sorts the scoped query (a list endpoint's sort), arm by arm; and its rows loaded.
        "var q = db.Leads.Where(l => l.TeamId == teamId); q = (flag, teamIds.Count) switch { (true, _) => q.OrderBy(l => l.Email), (false, 0) => q, _ => q.OrderByDescending(l => l.Email) }; q.ToList();",
        "var q = db.Leads.Where(l => l.TeamId == teamId); q = teamIds.Count switch { 0 => q.OrderBy(l => l.Email), 1 => q, _ => throw new ArgumentOutOfRangeException() }; q.ToList();",
        "var q = db.Leads.Where(l => l.TeamId == teamId); q = flag switch { true => q.OrderBy(l => l.Email), _ => q.OrderByDescending(l => l.Email) }; var rows = q.ToList(); var ids = rows.Select(l => l.Id).ToList(); db.Leads.Where(l => ids.Contains(l.Id)).ToList();",
        // Scoped before a loop that only refines it, on every path around the cycle.
        "var q = db.Leads.Where(l => l.TeamId == teamId); while (flag) { if (teamIds.Count > 0) { q = q.Where(l => l.Status == \"a\"); } q = q.OrderBy(l => l.Email); } q.ToList();",
        // The unscoped path ends before the execution: in a return, a throw, a switch section that returns.
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { return; } q.ToList();",
        "var q = db.Leads.AsQueryable(); if (!flag) { throw new InvalidOperationException(); } else { q = q.Where(l => l.TeamId == teamId); } q.ToList();",
        "var q = db.Leads.AsQueryable(); switch (teamIds.Count) { case 0: return; case 1: q = q.Where(l => l.TeamId == teamIds[0]); break; default: q = q.Where(l => teamIds.Contains(l.TeamId) && l.TeamId == teamId); break; } q.ToList();",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { try { id = Guid.NewGuid(); } finally { teamIds.Clear(); } return; } q.ToList();",
        "IQueryable<Lead> q; if (flag) { q = db.Leads.Where(l => l.TeamId == teamId); } else { q = TeamLeads(teamId).OrderBy(l => l.Email); } q.ToList();",
        // Scoped on every path into the handler and the finally.
        "var q = db.Leads.Where(l => l.TeamId == teamId); if (flag) { q = q.Where(l => l.Status == \"a\"); } try { id = Guid.NewGuid(); q = q.OrderBy(l => l.Email); } catch (Exception) { q.ToList(); } finally { q.Count(); }",
        // The unscoped path ends in a loop only a return or a throw leaves (a retry loop): no path out of it reaches the execution.
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { while (true) { if (teamIds.Count > 0) { return; } teamIds.Add(id); } } q.ToList();",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { for (;;) { if (teamIds.Count > 3) { throw new InvalidOperationException(); } teamIds.Add(id); } } q.ToList();",
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { do { teamIds.Add(id); if (teamIds.Count > 3) { return; } } while (true); } q.ToList();",
        // A branch a constant condition rules out never runs, as the compiler reads it.
        "const bool legacy = false; var q = db.Leads.Where(l => l.TeamId == teamId); if (legacy) { q = db.Leads; } q.ToList();",
        // An assignment after such a loop is code no run reaches (CS0162): it reaches nothing either.
        "var q = db.Leads.AsQueryable(); if (flag) { q = q.Where(l => l.TeamId == teamId); } else { while (true) { if (teamIds.Count > 0) { return; } teamIds.Add(id); } q = db.Leads; } q.ToList();",
        // Nor does such an assignment inside a try reach its catch or finally: the try stops only where a run can be.
        "var q = db.Leads.Where(l => l.TeamId == teamId); try { id = Guid.NewGuid(); return; q = db.Leads; } catch (Exception) { q.ToList(); }",
        "var q = db.Leads.Where(l => l.TeamId == teamId); try { while (true) { if (teamIds.Count > 0) { return; } teamIds.Add(id); } q = db.Leads; } finally { q.ToList(); }",
    };

    [Theory]
    [MemberData(nameof(Reported))]
    public Task Local_whose_reaching_value_is_unscoped_is_reported(string body) =>
        Verify.VerifyAnalyzerAsync(UnscopedTenantQuerySources.InService(body));

    [Theory]
    [MemberData(nameof(NotReported))]
    public Task Local_whose_reaching_value_is_scoped_or_unreadable_is_not_reported(string body) =>
        Verify.VerifyAnalyzerAsync(UnscopedTenantQuerySources.InService(body));

    /// <summary>
    /// A search that refines its query with many optional filters reaches the query's first value along 2^k paths; each
    /// definition must be read once, or the IDE stalls on such a method (16 filters took over a second before, 40 would
    /// not finish). The timeout only guards against that hang; the verdicts are the test.
    /// </summary>
    [Theory(Timeout = 300_000)]
    [InlineData("q = q.Where(l => l.TeamId == teamId);", OptionalFilters, "ToList()")]
    [InlineData("q = q.Where(l => l.TeamId == teamId);", 20, "ToList()")]
    [InlineData("if (flag) { q = q.Where(l => l.TeamId == teamId); }", 20, "{|TSA1001:ToList()|}")]
    [InlineData("if (flag) { q = q.Where(l => l.TeamId == teamId); } else { q = q.Where(l => l.TeamId == teamId && l.Status == \"open\"); }", 20, "ToList()")]
    public Task Optional_filters_are_each_read_once(string scoping, int scopingAfter, string execution)
    {
        var statements = Enumerable.Range(0, OptionalFilters)
            .Select(i => $"if (id != Guid.Empty && teamIds.Count > {i}) {{ q = q.Where(l => l.Status == \"s{i}\"); }}")
            .ToList();
        statements.Insert(scopingAfter, scoping);
        return Verify.VerifyAnalyzerAsync(UnscopedTenantQuerySources.InService(
            $"var q = db.Leads.AsQueryable();\n{string.Join("\n", statements)}\nq.{execution};"));
    }

    private const int OptionalFilters = 40;
}
