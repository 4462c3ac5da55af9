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

    [Fact]
    public async Task The_capex_league_table_names_fiscal_years_with_the_month_they_end_in()
    {
        var brief = await silo.Api.GetBriefAsync(BriefPeriod.Week, new DateOnly(2026, 2, 5));
        var section = brief.Markdown[brief.Markdown.IndexOf("## Capex league table", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        // Headed by the fiscal year, never a bare year that reads as the calendar's.
        Assert.Contains("**Fiscal year 2026** (calendar 2026 where it ends in December)", section);
        Assert.DoesNotMatch(@"(?m)^\*\*20\d\d\*\*", section);
        // Microsoft's fiscal years end in June; Amazon's is the calendar year.
        Assert.Contains("| MSFT (fiscal 2026, to June 2026) |", section);
        Assert.Contains("| MSFT (fiscal 2025, to June 2025) |", section);
        Assert.Contains("| AMZN |", section);
    }

    [GeneratedRegex(@"^- \*\*", RegexOptions.Multiline)]
    private static partial Regex Bullet();
}
