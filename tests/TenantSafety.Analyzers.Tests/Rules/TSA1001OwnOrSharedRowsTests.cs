using System.Threading.Tasks;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = TenantSafety.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<TenantSafety.Analyzers.Rules.UnscopedTenantQueryAnalyzer>;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>
/// Rows of one tenant and the shared rows of none (<c>TeamId == null</c>): a read of them is scoped, since shared rows
/// belong to no other tenant; a bulk write of them is not, since it changes rows every tenant sees.
/// </summary>
public sealed class TSA1001OwnOrSharedRowsTests
{
    public static TheoryData<string, EfCoreVersion> Scoped => RuleSources.WithEachEf(
        "db.Templates.Where(t => t.TeamId == teamId || t.TeamId == null).ToList();",
        "db.Templates.Where(t => t.TeamId == null || teamId == t.TeamId).ToList();",
        "db.Templates.Where(t => t.TeamId == teamId || !t.TeamId.HasValue).ToList();",
        "db.Templates.Where(t => (t.TeamId ?? Guid.Empty) == teamId).ToList();",
        "db.Templates.Where(t => (flag && t.TeamId == teamId) || (!flag && (t.TeamId == null || t.TeamId == teamId))).ToList();",
        "db.Templates.Where(t => flag ? t.TeamId == teamId : t.TeamId == null).ToList();",
        "db.Templates.Where(t => t.TeamId.Value == teamId).ToList();",
        // A list of teams the caller may read, matched against the nullable key's value.
        "db.Templates.Where(t => t.TeamId.HasValue && ids!.Contains(t.TeamId.Value)).ToList();",
        "db.Templates.Where(t => Enumerable.Contains(ids!, t.TeamId!.Value)).ToList();",
        // Only the shared rows: they belong to no tenant.
        "db.Templates.Where(t => t.TeamId == null).ToList();",
        "db.Templates.Where(t => !t.TeamId.HasValue && t.Name == status).ToList();",
        "db.Templates.Count(t => t.TeamId == null);",
        // (a guarded || as real code writes it) own rows when a team is given, shared rows otherwise
        "db.Templates.Where(t => (ids == null && t.TeamId == null) || (ids != null && t.TeamId == teamId)).ToList();",
        // a bulk write of one tenant's rows
        "db.Templates.Where(t => t.TeamId == teamId).ExecuteDelete();");

    public static TheoryData<string, EfCoreVersion> Unscoped => RuleSources.WithEachEf(
        "db.Leads.Where(l => flag || l.TeamId == teamId).{|TSA1001:ToList()|};",
        "db.Leads.Where(l => ids == null || ids.Contains(l.TeamId)).{|TSA1001:ToList()|};",
        "db.Templates.Where(t => ids == null || ids.Contains(t.TeamId!.Value)).{|TSA1001:ToList()|};",
        "db.Templates.Where(t => t.TeamId != null).{|TSA1001:ToList()|};",
        "db.Templates.Where(t => t.TeamId.HasValue).{|TSA1001:ToList()|};",
        "db.Templates.Where(t => t.TeamId == teamId || t.Name == status).{|TSA1001:ToList()|};",
        "db.Templates.Where(t => flag ? t.TeamId == teamId : t.Name == status).{|TSA1001:ToList()|};",
        // Bulk writes that reach the shared rows change what every tenant sees.
        "db.Templates.Where(t => t.TeamId == teamId || t.TeamId == null).{|TSA1003:ExecuteDelete()|};",
        "db.Templates.Where(t => t.TeamId == null).{|TSA1003:ExecuteUpdate(s => s.SetProperty(t => t.Name, status))|};",
        "db.Templates.{|TSA1003:ExecuteDelete()|};");

    [Theory]
    [MemberData(nameof(Scoped))]
    public Task Own_or_shared_rows_are_scoped(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);

    [Theory]
    [MemberData(nameof(Unscoped))]
    public Task Other_tenants_rows_are_reported(string body, EfCoreVersion ef) =>
        Verify.VerifyAnalyzerAsync(RelatedQuerySources.InService(body), ef);
}
