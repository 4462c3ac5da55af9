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
        var marks = (a.Muted ? " (muted)" : "") + (a.Acknowledged is { } ack ? $" (acknowledged {ack.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(ack.Note is null ? "" : ": " + ack.Note)})" : "");
        Console.Out.WriteLine($"#{a.Sequence} [{a.Severity.ToString().ToLowerInvariant()}] {a.Company} {a.Rule}{(a.Revision == 0 ? "" : " updated")}: {a.Rationale}{marks}");
        if (a.Agent is { } agent) Console.Out.WriteLine($"    raised by the {agent} agent{(a.RunId is { } run ? $", run {run} (agentwatch runs {run})" : "")}");
        foreach (var e in a.Evidence) Console.Out.WriteLine($"    {e.SignalId} (known {Day(e.KnownOn)}; {e.Source.ToShortString()})");
        if (a.Explanation is { Length: > 0 } x) Console.Out.WriteLine($"    {x}");
        Console.Out.Flush();
    }

    public static void Company(CompanyView view)
    {
        var p = view.Snapshot.Profile;
        Console.Out.WriteLine($"{p.Name} ({p.Ticker}) — {p.Sector}{(p.Listed ? "" : ", private")}{(p.Watched ? "" : ", not watched")}{(view.Snapshot.AsOf is { } d ? $", as of {Day(d)}" : "")}");
        Console.Out.WriteLine($"{view.Snapshot.SignalCount} signals, {view.Snapshot.Current.Count} current.");
        Console.Out.WriteLine();
        foreach (var s in view.Snapshot.Current.OrderBy(s => s.Kind).ThenByDescending(s => s.Period.ApproximateEnd))
            Console.Out.WriteLine($"  {Signal(s)}");
        if (view.Alerts.Count > 0)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine($"Alerts ({view.Alerts.Count}):");
            foreach (var a in view.Alerts) Console.Out.WriteLine($"  #{a.Sequence} [{a.Severity.ToString().ToLowerInvariant()}] {a.Rule}: {a.Rationale}");
        }
    }

    public static string Signal(Signal s) => $"{s.Describe()}  [known {Day(s.KnownOn)}; {s.Source.ToShortString()}; {s.Id}]";

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
        Console.Out.WriteLine(
            $"{files.Files} file{(files.Files == 1 ? "" : "s")}{(files.Skipped > 0 ? $" ({files.Skipped} skipped: not a format AgentWatch reads)" : "")}, {r.Received} records: " +
            $"{r.New} new, {r.Duplicates} duplicate{(r.Duplicates == 1 ? "" : "s")}, {r.Conflicts} conflict{(r.Conflicts == 1 ? "" : "s")}, {r.Rejected} rejected; " +
            $"{r.Issues.Count(i => i.Severity == IssueSeverity.Warning)} warning{(r.Issues.Count(i => i.Severity == IssueSeverity.Warning) == 1 ? "" : "s")}, {r.Errors} error{(r.Errors == 1 ? "" : "s")}; " +
            $"{r.AlertIds.Count} alert{(r.AlertIds.Count == 1 ? "" : "s")} raised.");
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
