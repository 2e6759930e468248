using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using TenantSafety.Analyzers.Configuration;
using TenantSafety.Analyzers.Tests.Verifiers;
using Xunit;

namespace TenantSafety.Analyzers.Tests.MetaTests;

/// <summary>docs/configuration.md describes every option the rules read and every rule's default severity.</summary>
public sealed class ConfigurationDocTests
{
    private static readonly string[] Lines = File.ReadAllLines(ShippedExtensions.RepositoryPath("docs", "configuration.md"));

    public static TheoryData<string> RuleIds => [.. ShippedExtensions.Descriptors().Select(d => d.Id).Distinct()];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Severity_table_gives_the_rule_its_default_severity(string id)
    {
        var descriptor = ShippedExtensions.Descriptors().First(d => d.Id == id);
        var row = Lines.SingleOrDefault(line => Regex.IsMatch(line, $@"^\|\s*\[{id}\]\(rules/{id}\.md\)\s*\|"));
        Assert.True(row is not null, $"docs/configuration.md's severity table has no row for {id}.");

        var severity = row.Split('|', StringSplitOptions.TrimEntries)[2];
        var expected = descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "Error",
            DiagnosticSeverity.Warning => "Warning",
            DiagnosticSeverity.Info => "Info",
            _ => "Hidden",
        };
        Assert.True(
            severity.StartsWith(expected, StringComparison.Ordinal),
            $"{id}: the table says '{severity}', the descriptor's default is {expected}.");
        Assert.True(
            descriptor.IsEnabledByDefault != severity.Contains("off by default", StringComparison.Ordinal),
            $"{id}: the table says '{severity}', the rule is {(descriptor.IsEnabledByDefault ? "on" : "off")} by default.");
    }

    /// <summary>The option keys: the option class's <c>…Key</c> constants.</summary>
    public static TheoryData<string> OptionKeys => [.. ReadOptionKeys()];

    [Theory]
    [MemberData(nameof(OptionKeys))]
    public void Every_option_has_a_section(string key)
    {
        Assert.Contains($"## `{key}`", Lines);
    }

    [Fact]
    public void Option_discovery_finds_the_known_keys()
    {
        // Guards the theory above: if discovery found nothing, it would have no cases.
        var keys = ReadOptionKeys();
        Assert.Contains(TenantSafetyOptions.TenantPropertyKey, keys);
        Assert.Contains(TenantSafetyOptions.TenantValueKey, keys);
        Assert.Contains(TenantSafetyOptions.HotEntitiesKey, keys);
    }

    private static string[] ReadOptionKeys() => typeof(TenantSafetyOptions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(constant => constant.IsLiteral && constant.Name.EndsWith("Key", StringComparison.Ordinal))
        .Select(constant => (string)constant.GetRawConstantValue()!)
        .ToArray();
}
