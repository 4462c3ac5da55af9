using System.Globalization;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Ingestion;

namespace AgentWatch.Cli;

/// <summary>How commands print: for people by default, JSON with --json (one document, or one line per item when streaming).</summary>
public static class Output
{
    private static readonly JsonSerializerOptions Indented = Create(indented: true);
    private static readonly JsonSerializerOptions Compact = Create(indented: false);

    public static void Json<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    public static void JsonLine<T>(T value)
    {
        Console.Out.WriteLine(JsonSerializer.Serialize(value, Compact));
        Console.Out.Flush();
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void Alert(Alert a)
    {
        if (a.Event != AlertEvent.Raised)
        {
            // A change to an alert logged earlier: its withdrawal (its signals were retracted) or its raising again.
            Console.Out.WriteLine(a.Event == AlertEvent.Withdrawn
                ? $"#{a.Sequence} WITHDRAWN #{a.OriginalSequence} [{a.Severity.ToString().ToLowerInvariant()}] {a.Company} {a.Rule}: {a.Rationale}"
                : $"#{a.Sequence} RAISED AGAIN #{a.OriginalSequence} [{a.Severity.ToString().ToLowerInvariant()}] {a.Company} {a.Rule}: {a.Rationale}");
            if (a.Withdrawn is { } why) Console.Out.WriteLine($"    {Withdrawal(why)}");
            Console.Out.Flush();
            return;
        }
        var marks = (a.Withdrawn is not null ? " (WITHDRAWN)" : "") + (a.Muted ? " (muted)" : "") +
                    (a.Acknowledged is { } ack ? $" (acknowledged {ack.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(ack.Note is null ? "" : ": " + ack.Note)})" : "");
        Console.Out.WriteLine($"#{a.Sequence} [{a.Severity.ToString().ToLowerInvariant()}] {a.Company} {a.Rule}{(a.Revision == 0 ? "" : $" updated (of #{a.OriginalSequence})")}: {a.Rationale}{marks}");
        if (a.Withdrawn is { } withdrawn) Console.Out.WriteLine($"    {Withdrawal(withdrawn)}");
        if (a.Agent is { } agent) Console.Out.WriteLine($"    raised by the {agent} agent{(a.RunId is { } run ? $", run {run} (agentwatch runs {run})" : "")}");
        foreach (var e in a.Evidence) Console.Out.WriteLine($"    {e.SignalId} (known {Day(e.KnownOn)}; {e.Source.ToShortString()})");
        if (a.Explanation is { Length: > 0 } x) Console.Out.WriteLine($"    {x}");
        Console.Out.Flush();
    }

    public static void Company(CompanySummary c, CompanyDirectory directory)
    {
        var p = c.Profile;
        var fiscal = p.FiscalYearEndMonth == 12 ? "" : $"; fiscal year ends in {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(p.FiscalYearEndMonth)}";
        Console.Out.WriteLine($"{p.Name} ({p.Ticker}) — {p.Sector}{(p.Listed ? "" : ", private")}{(p.Watched ? "" : ", not watched")}{fiscal}{(c.AsOf is { } d ? $"; as of {Day(d)}" : "")}");
        var filter = (c.Kind is { } k ? $" of kind {k.Id()}" : "") + (c.Since is { } since ? $" known since {Day(since)}" : "");
        Console.Out.WriteLine($"{c.SignalCount:N0} signals in all; shown{filter}: the latest of each kind and the most recent of the rest " +
                              "(--kind KIND one kind, --since DATE, --limit N lines a section, --all everything).");
        Section(c.Kind is { } only ? $"{char.ToUpperInvariant(only.Label()[0])}{only.Label()[1..]}, newest first" : "Latest figures", c.Figures, s => Signal(s, directory), c.Kind is null ? "--kind KIND" : "--limit N");
        Section("Capex guidance", c.Guidance, s => Signal(s, directory), "--kind capex-guidance");
        Section("Positions and bets against it", c.Positions, s => Signal(s, directory), "--kind option-position, short-position or holding");
        Section("Financing deals", c.Deals, s => Signal(s, directory), "--kind financing-deal");
        Section("News and filings", c.News, s => Signal(s, directory), "--kind news");
        Section("Recent alerts", c.Alerts, a => $"#{a.Sequence} [{a.Severity.ToString().ToLowerInvariant()}] {a.Rule}: {a.Rationale}", "agentwatch alerts --company " + p.Ticker);
        if (c.Market is { } m)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine("Market:");
            if (m.LastClose is { } close)
            {
                Console.Out.WriteLine($"  last close {close.Close.ToHuman()} on {Day(close.KnownOn)} ({close.Close.Currency}; {close.Source.File}, {close.Source.Item})  [{close.Id}]");
                Console.Out.WriteLine($"  closes since {Day(close.RangeFrom)}: low {close.Low.ToHuman()} on {Day(close.LowOn)}, high {close.High.ToHuman()} on {Day(close.HighOn)}");
            }
            if (m.MarketCapAtClose is { } atClose)
                Console.Out.WriteLine($"  market cap {atClose.Amount.ToHuman()} at that close: {atClose.Shares.ToString("N0", CultureInfo.InvariantCulture)} shares outstanding" +
                                      $"{(atClose.SharesOn is { } on ? $" on {Day(on)}" : "")} ({atClose.SharesSource})");
            if (m.MarketCap is MarketCap cap)
                Console.Out.WriteLine($"  market cap {cap.Amount.ToHuman()} ({cap.Period.ToHuman()})" +
                                      (m.RangeLow is { } low && m.RangeHigh is { } high ? $"; {m.RangeDays}-day range {low.ToHuman()} to {high.ToHuman()}" : "") + $"  [{cap.Id}]");
            if (m.LastPriceMove is { } move) Console.Out.WriteLine($"  last share-price move: {move.DescribeValue()} ({move.Period.ToHuman()})  [{move.Id}]");
            if (m.LastMarketCapMove is { } capMove) Console.Out.WriteLine($"  last market-cap move: {capMove.DescribeValue()} ({capMove.Period.ToHuman()})  [{capMove.Id}]");
        }
    }

    private static void Section<T>(string title, SummarySection<T> section, Func<T, string> line, string more)
    {
        if (section.Shown.Count == 0) return;
        Console.Out.WriteLine();
        Console.Out.WriteLine($"{title}:");
        foreach (var item in section.Shown) Console.Out.WriteLine($"  {line(item)}");
        if (section.More > 0) Console.Out.WriteLine($"  … and {section.More:N0} more ({more}; --all)");
    }

    private static string Withdrawal(AlertWithdrawal w) =>
        $"withdrawn {w.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC: its signals were retracted ({string.Join(", ", w.SignalIds)})" +
        (w.Reason is null ? "" : $"; reason: {w.Reason}") + (w.RetractionId is null ? "" : $"; {w.RetractionId}");

    public static void Retract(RetractReport report)
    {
        var verb = report.DryRun ? "Would retract" : "Retracted";
        Console.Out.WriteLine($"{verb} {report.Retracted.Count:N0} signal{(report.Retracted.Count == 1 ? "" : "s")}{(report.RetractionId is { } retraction ? $" ({retraction})" : "")}; " +
                              $"{report.WithdrawnAlerts.Count} alert{(report.WithdrawnAlerts.Count == 1 ? "" : "s")} {(report.DryRun ? "would be withdrawn" : "withdrawn")}" +
                              (report.WithdrawnAlerts.Count == 0 ? "." : $": {string.Join(", ", report.WithdrawnAlerts)}."));
        if (report.AlreadyRetracted.Count > 0) Console.Out.WriteLine($"{report.AlreadyRetracted.Count:N0} already retracted: {Few(report.AlreadyRetracted)}.");
        foreach (var id in report.NotFound.Take(20)) Console.Error.WriteLine($"error: no signal '{id}' is stored.");
        if (report.NotFound.Count > 20) Console.Error.WriteLine($"error: … and {report.NotFound.Count - 20:N0} more ids not stored.");
        if (report.DryRun) Console.Out.WriteLine("Nothing changed (--dry-run).");
        else if (report.Retracted.Count > 0) Console.Out.WriteLine("Ingesting them again brings them back.");
    }

    public static void Retraction(Retraction r)
    {
        Console.Out.WriteLine($"{r.Id} at {r.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: {r.SignalIds.Count:N0} signal{(r.SignalIds.Count == 1 ? "" : "s")}" +
                              (r.Source is null ? "" : $" from {r.Source}") + (r.Reason is null ? "" : $"; reason: {r.Reason}"));
        Console.Out.WriteLine($"    signals: {Few(r.SignalIds)}");
        if (r.WithdrawnAlerts.Count > 0) Console.Out.WriteLine($"    alerts withdrawn: {string.Join(", ", r.WithdrawnAlerts)}");
    }

    private static string Few(IReadOnlyList<string> ids) => ids.Count <= 10 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(10))} and {ids.Count - 10:N0} more";

    /// <param name="directory">The watchlist, when the caller has it: fiscal years then say the month they end in.</param>
    public static string Signal(Signal s, CompanyDirectory? directory = null) => $"{s.Describe(directory)}  [known {Day(s.KnownOn)}; {s.Source.ToShortString()}; {s.Id}]";

    public static void Answer(Answer answer, string streamed = "")
    {
        // What was streamed is on the screen already: only what the check added follows it (a caution), or, when the
        // answer is not what streamed (the model failed and the offline engine answered), the whole answer.
        if (streamed.Length == 0) Console.Out.WriteLine(answer.Text);
        else if (answer.Text.StartsWith(streamed.Trim(), StringComparison.Ordinal)) Console.Out.WriteLine(answer.Text[streamed.Trim().Length..]);
        else
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine();
            Console.Out.WriteLine(answer.Text);
        }
        if (answer.Evidence.Count > 0)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine("Evidence:");
            foreach (var e in answer.Evidence) Console.Out.WriteLine($"  {e.SignalId}: {e.Summary} (known {Day(e.KnownOn)}; {e.Source.ToShortString()})");
        }
        RunFooter(answer.RunId, answer.Engine, answer.Model, answer.Tokens, answer.Flags);
    }

    /// <summary>Which run produced an output, by what, at what cost, and what the checks flagged.</summary>
    public static void RunFooter(string? runId, string engine, string? model, TokenUsage? tokens, IReadOnlyList<string>? flags)
    {
        var by = model is null ? engine : $"{engine}, {model}";
        var cost = tokens is { Total: > 0 } t ? $", {t.Input:N0} tokens in, {t.Output:N0} out" : "";
        Console.Out.WriteLine();
        Console.Out.WriteLine($"({by}{cost}{(runId is null ? "" : $"; agentwatch runs {runId} shows how")})");
        foreach (var flag in flags ?? []) Console.Error.WriteLine($"flag: {flag}");
    }

    public static void Risk(BubbleRisk risk)
    {
        Console.Out.WriteLine($"Bubble risk: {risk.Score} of 100 ({risk.Level}){(risk.AsOf is { } d ? $", as of {Day(d)}" : "")}");
        Console.Out.WriteLine();
        foreach (var f in risk.Factors)
        {
            Console.Out.WriteLine($"  {f.Name,-26} {f.Points,2} / {f.MaxPoints}  {f.Reason}");
            foreach (var e in f.Evidence) Console.Out.WriteLine($"  {"",-26}          {e.SignalId} ({e.Source.ToShortString()}, known {Day(e.KnownOn)})");
        }
        Console.Out.WriteLine();
        Console.Out.WriteLine(risk.Summary);
        if (risk.Recorded is { Readings.Count: > 0 } recorded)
        {
            var last = recorded.Readings.LastOrDefault(r => r.AlertId is not null);
            Console.Out.WriteLine();
            Console.Out.WriteLine($"Recorded after ingestion: {string.Join(" → ", recorded.Readings.TakeLast(8).Select(r => r.Score))}"
                + (last is null ? "; no bubble-risk alert yet." : $"; last alert at {last.Score} ({last.AssessedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {last.AlertId})."));
        }
        RunFooter(risk.RunId, "skeptic", null, null, risk.Flags);
    }

    public static void Runs(IReadOnlyList<AgentRunSummary> runs)
    {
        if (runs.Count == 0)
        {
            Console.Out.WriteLine("No agent runs yet. Ask a question (agentwatch ask \"...\") and it is recorded.");
            return;
        }
        Console.Out.WriteLine($"  {"run",-10} {"agent",-9} {"started (UTC)",-19} {"ms",7} {"engine",-7} {"tokens",7} {"tools",5} {"flags",5}  input");
        foreach (var r in runs)
            Console.Out.WriteLine($"  {r.Id,-10} {r.Agent,-9} {r.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} {r.DurationMs,7:0} {r.Engine,-7} {r.Tokens,7:N0} {r.ToolCalls,5} {(r.Failed ? "fail" : r.Flags.ToString(CultureInfo.InvariantCulture)),5}  {r.Input}");
    }

    public static void Run(AgentRun run)
    {
        Console.Out.WriteLine($"{run.Id}: {run.Agent}, {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, {run.DurationMs:0} ms, {run.Engine}{(run.Model is null ? "" : $" ({run.Model})")}");
        Console.Out.WriteLine($"Input: {run.Input}{(run.AsOf is { } d ? $" (as of {Day(d)})" : "")}");
        if (run.Companies.Count > 0) Console.Out.WriteLine($"Resolved companies: {string.Join(", ", run.Companies)}");
        if (run.Tokens.Total > 0) Console.Out.WriteLine($"Tokens: {run.Tokens.Input:N0} in, {run.Tokens.Output:N0} out; {run.Steps} model call{(run.Steps == 1 ? "" : "s")}");
        Console.Out.WriteLine();
        Console.Out.WriteLine($"Tool calls ({run.ToolCalls.Count}):");
        foreach (var (call, i) in run.ToolCalls.Select((c, i) => (c, i + 1)))
        {
            Console.Out.WriteLine($"  {i}. {call.Tool}({call.Arguments}) {call.DurationMs:0.#} ms");
            Console.Out.WriteLine(call.Error is null ? $"     → {(call.Result.Length > 300 ? call.Result[..300] + "…" : call.Result)}" : $"     → error: {call.Error}");
        }
        Console.Out.WriteLine();
        Console.Out.WriteLine("Output:");
        Console.Out.WriteLine(run.Output);
        if (run.Error is not null) Console.Out.WriteLine($"\nError: {run.Error}");
        if (run.Flags.Count > 0) Console.Out.WriteLine($"\nFlags: {string.Join("; ", run.Flags)}");
    }

    public static void IngestSummary(FileIngestReport files)
    {
        var r = files.Report;
        foreach (var issue in r.Issues) Console.Error.WriteLine($"{(issue.Severity == IssueSeverity.Error ? "error" : "warning")}: {issue.Where}: {issue.Message}");
        // Skipped files that are errors were listed with the errors; the rest (not a format AgentWatch reads) are listed here.
        var listed = r.Issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => i.Where).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.SkippedFiles.Where(f => !listed.Contains(f.Path))) Console.Error.WriteLine($"skipped: {file.Path}: {file.Reason}");
        Console.Out.WriteLine(
            $"{files.Files} file{(files.Files == 1 ? "" : "s")}{SkippedNames(files)}, {r.Received} records: " +
            $"{r.New} new, {r.Duplicates} duplicate{(r.Duplicates == 1 ? "" : "s")}, {r.Conflicts} conflict{(r.Conflicts == 1 ? "" : "s")}, {r.Rejected} rejected; " +
            $"{r.Issues.Count(i => i.Severity == IssueSeverity.Warning)} warning{(r.Issues.Count(i => i.Severity == IssueSeverity.Warning) == 1 ? "" : "s")}, {r.Errors} error{(r.Errors == 1 ? "" : "s")}; " +
            $"{r.AlertIds.Count} alert{(r.AlertIds.Count == 1 ? "" : "s")} raised.");
    }

    /// <summary>" (2 skipped: README.md, report.pdf)": the names, so that a file nobody read is seen; the first few of many.</summary>
    private static string SkippedNames(FileIngestReport files)
    {
        if (files.SkippedFiles.Count == 0) return files.Skipped > 0 ? $" ({files.Skipped} skipped)" : "";
        const int shown = 5;
        var names = string.Join(", ", files.SkippedFiles.Take(shown).Select(f => Path.GetFileName(f.Path)));
        var more = files.SkippedFiles.Count > shown ? $" and {files.SkippedFiles.Count - shown} more" : "";
        return $" ({files.SkippedFiles.Count} skipped: {names}{more})";
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = AgentWatchJson.CreateOptions();
        options.WriteIndented = indented;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
