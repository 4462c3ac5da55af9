using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;

namespace AgentWatch.Agents.Tests;

/// <summary>A brief lists the alerts of its period, not every alert to date.</summary>
[Collection(SeededSiloCollection.Name)]
public sealed partial class BriefPeriodTests(SeededSilo silo)
{
    [Theory]
    [InlineData("2026-02-05")]
    [InlineData("2026-01-26")]
    public async Task The_weekly_brief_lists_only_the_alerts_of_its_week(string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var all = await silo.Api.GetAlertsAsync(new AlertQuery(0, 10_000, null, date));
        var week = all.Where(a => a.KnownOn > date.AddDays(-7)).ToList();
        var earlier = all.Where(a => a.KnownOn <= date.AddDays(-7)).ToList();
        Assert.NotEmpty(week);
        Assert.NotEmpty(earlier);

        var brief = await silo.Api.GetBriefAsync(BriefPeriod.Week, date);
        var section = brief.Markdown[brief.Markdown.IndexOf("## Alerts", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        Assert.Equal($"## Alerts ({week.Count})", section.Split('\n')[0].Trim());
        Assert.Equal(week.Count, Bullet().Matches(section).Count);
        foreach (var a in week) Assert.Contains(a.Rationale, section);
        foreach (var a in earlier) Assert.DoesNotContain(a.Rationale, section);
    }

    [GeneratedRegex(@"^- \*\*", RegexOptions.Multiline)]
    private static partial Regex Bullet();
}
