using System.Globalization;
using System.Text;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Briefs;

/// <summary>
/// Writes the brief as Markdown from state alone: what became known in the period, the alerts, the capex league table,
/// disclosed positions, export-control news and financing loops. Every figure is a signal's, with its id and source.
/// </summary>
public sealed class BriefWriter(IMarketReader tools, TimeProvider time)
{
    public async Task<Brief> WriteAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var date = asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var days = period == BriefPeriod.Week ? 7 : 1;
        var from = date.AddDays(-days + 1);
        var md = new StringBuilder();
        md.AppendLine($"# AgentWatch brief: {(period == BriefPeriod.Week ? "week to" : "day of")} {Day(date)}").AppendLine();
        md.AppendLine($"State as of {Day(date)}: only what was known by then. Figures carry their signal id and source.").AppendLine();

        // Every read starts here, together, so the offline engine makes them in one round; the sections below then find
        // their results.
        await Task.WhenAll(tools.Directory.Companies.Select(c => (Task)tools.SignalsAsync(c.Ticker, null, null, date, latestOnly: false))
            .Append(tools.MarketSignalsAsync(null, null, date))
            .Concat(tools.Directory.Filers.Select(f => tools.PositionsByFilerAsync(f.Key, date)))
            .Append(tools.AlertsSinceAsync(0, date))
            .Concat(new[] { date.Year + 1, date.Year, date.Year - 1 }.Select(y => tools.CapexLeagueTableAsync(y, date)))
            .Append(tools.SignalsOfKindAsync(SignalKind.ExportControl, null, date))
            .Append(tools.FinancingGraphAsync(date)));

        // What changed: signals that became known in the period, across companies and the market.
        var changed = new List<Signal>();
        foreach (var company in tools.Directory.Companies)
            changed.AddRange((await tools.SignalsAsync(company.Ticker, null, null, date, latestOnly: false)).Where(s => s.KnownOn >= from));
        changed.AddRange((await tools.MarketSignalsAsync(null, null, date)).Where(s => s.KnownOn >= from && s.Company is null));
        foreach (var filer in tools.Directory.Filers)
            changed.AddRange((await tools.PositionsByFilerAsync(filer.Key, date)).Positions.Where(s => s.KnownOn >= from));
        changed = changed.DistinctBy(s => s.Id).OrderBy(s => s.Company ?? "~").ThenBy(s => s.Kind).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

        md.AppendLine($"## What changed ({(days == 1 ? Day(date) : $"{Day(from)} to {Day(date)}")})").AppendLine();
        if (changed.Count == 0) md.AppendLine($"No new signals became known {(days == 1 ? "that day" : "that week")}.");
        foreach (var s in changed.Where(s => s.Kind != SignalKind.News).Take(40)) md.AppendLine(Bullet(s, tools.Directory));
        var news = changed.Where(s => s.Kind == SignalKind.News).ToList();
        if (news.Count > 0) md.AppendLine($"- {news.Count} news item{(news.Count == 1 ? "" : "s")}: {string.Join("; ", news.Take(8).Select(n => ((News)n).Headline))}.");
        md.AppendLine();

        // The period's alerts, not every alert to date: those whose evidence became known in it, and, in a brief of today
        // (no as-of day), those raised in it, whatever the day of their data.
        var alerts = (await tools.AlertsSinceAsync(0, date))
            .Where(a => (a.KnownOn >= from && a.KnownOn <= date)
                || (asOf is null && DateOnly.FromDateTime(a.RaisedAt.UtcDateTime) is var raised && raised >= from && raised <= date))
            .ToList();
        md.AppendLine($"## Alerts ({alerts.Count})").AppendLine();
        if (alerts.Count == 0) md.AppendLine($"None {(days == 1 ? "that day" : "that week")}.");
        foreach (var a in alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.Sequence))
            md.AppendLine($"- **{a.Severity.ToString().ToLowerInvariant()}** {a.Rationale} ({string.Join(", ", a.Evidence.Select(e => $"`{e.SignalId}`"))})");
        md.AppendLine();

        md.AppendLine("## Capex league table").AppendLine();
        var anyTable = false;
        foreach (var year in new[] { date.Year + 1, date.Year, date.Year - 1 })
        {
            var table = (await tools.CapexLeagueTableAsync(year, date)).Table;
            if (table.Rows.Count == 0) continue;
            anyTable = true;
            // Rows are each company's fiscal year: Nvidia's fiscal 2026 ends in January 2026, Microsoft's in June 2026.
            md.AppendLine($"**Fiscal year {year}** (calendar {year} where it ends in December)").AppendLine();
            md.AppendLine("| # | Company | Guidance | Actual | Signals |").AppendLine("|---|---|---|---|---|");
            var rank = 0;
            foreach (var row in table.Rows)
            {
                var guidance = row.GuidanceText ?? (row.Uncapped ? "no explicit cap" : "");
                md.AppendLine($"| {++rank} | {CompanyYear(row.Company, year, tools.Directory)} | {guidance} | {row.ActualText ?? ""} | {string.Join(", ", row.SignalIds.Select(i => $"`{i}`"))} |");
            }
            if (table.TotalUsd is { } total) md.AppendLine().AppendLine($"Total of US-dollar figures: {total.ToHuman()}.");
            md.AppendLine();
        }
        if (!anyTable) md.AppendLine("No capex figures for these years.").AppendLine();

        md.AppendLine("## Disclosed positions").AppendLine();
        var anyPositions = false;
        foreach (var filer in tools.Directory.Filers.Where(f => f.Watched))
        {
            var snapshot = await tools.PositionsByFilerAsync(filer.Key, date);
            foreach (var p in snapshot.Positions) { md.AppendLine(Bullet(p, tools.Directory)); anyPositions = true; }
        }
        if (!anyPositions) md.AppendLine("None disclosed by watched filers.");
        md.AppendLine();

        md.AppendLine("## Export controls").AppendLine();
        var exports = await tools.SignalsOfKindAsync(SignalKind.ExportControl, null, date);
        if (exports.Count == 0) md.AppendLine("No export-control news.");
        foreach (var e in exports.OrderByDescending(e => e.KnownOn).Take(10)) md.AppendLine(Bullet(e, tools.Directory));
        md.AppendLine();

        md.AppendLine("## Financing loops").AppendLine();
        var graph = (await tools.FinancingGraphAsync(date)).Graph;
        if (graph.Loops.Count == 0) md.AppendLine("No circular financing found.");
        foreach (var loop in graph.Loops)
            md.AppendLine($"- {loop}: {string.Join("; ", loop.Edges.Select(e => $"{e.Summary} (`{e.SignalId}`)"))}");
        md.AppendLine();

        return new Brief(date, period, asOf, md.ToString());
    }

    /// <summary>"MSFT (fiscal 2026, to June 2026)" for a fiscal year that does not end in December; the ticker alone otherwise.</summary>
    private static string CompanyYear(string company, int year, CompanyDirectory directory) =>
        directory.Profile(company).FiscalYearEndMonth is var end and >= 1 and <= 11
            ? $"{company} (fiscal {year}, to {new DateOnly(year, end, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture)})"
            : company;

    private static string Bullet(Signal s, CompanyDirectory directory) =>
        $"- {s.Describe(directory)} — known {Day(s.KnownOn)}, {s.Source.ToShortString()} (`{s.Id}`)";

    private static string Day(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
