using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.Rules;

/// <summary>Builds rule test sources: one query (or a few statements) inside a method of a service class.</summary>
internal static class RuleSources
{
    /// <summary>
    /// <see cref="TestModel.Entities"/> plus <paramref name="extraModel"/> and a service over
    /// <c>AppDbContext db</c> (and <c>FilteredDbContext fdb</c> when the extra model declares it) whose
    /// method <c>Run</c> has the parameters <c>teamId</c>, <c>newTeamId</c>, <c>email</c>, <c>lead</c>,
    /// <c>teamIds</c> and <c>flag</c> in scope and the block <paramref name="body"/>.
    /// </summary>
    public static string InMethod(string body, string extraModel = "")
    {
        var filtered = extraModel.Contains("class FilteredDbContext", System.StringComparison.Ordinal);
        var parameters = filtered ? "AppDbContext db, FilteredDbContext fdb" : "AppDbContext db";
        return TestModel.Entities + extraModel + $$"""
            public sealed class Service({{parameters}})
            {
                public object Run(Guid teamId, Guid newTeamId, string email, Lead lead, List<Guid> teamIds, bool flag)
                {
            {{body}}
                }
            }

            """;
    }

    /// <summary>As <see cref="InMethod"/> with the body <c>return <paramref name="expression"/>;</c>.</summary>
    public static string Returning(string expression, string extraModel = "") => InMethod("        return " + expression + ";", extraModel);

    /// <summary>Every item with each EF Core version.</summary>
    public static TheoryData<string, EfCoreVersion> WithEachEf(params string[] items)
    {
        var data = new TheoryData<string, EfCoreVersion>();
        foreach (var item in items)
        {
            data.Add(item, EfCoreVersion.Ef8);
            data.Add(item, EfCoreVersion.Ef10);
        }

        return data;
    }

    /// <summary>Every (configuration, declarations) case with each EF Core version.</summary>
    public static TheoryData<string, string, EfCoreVersion> WithEachEf(params (string OnModelCreating, string Types)[] cases)
    {
        var data = new TheoryData<string, string, EfCoreVersion>();
        foreach (var (onModelCreating, types) in cases)
        {
            data.Add(onModelCreating, types, EfCoreVersion.Ef8);
            data.Add(onModelCreating, types, EfCoreVersion.Ef10);
        }

        return data;
    }
}
