using System.Globalization;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Runtime.Serialization;
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
        Console.Out.WriteLine($"#{a.Sequence} [{a.Severity.ToString().ToLowerInvariant()}] {a.Company} {a.Rule}: {a.Rationale}");
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

    public static void Answer(Answer answer)
    {
        Console.Out.WriteLine(answer.Text);
        if (answer.Evidence.Count > 0)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine("Evidence:");
            foreach (var e in answer.Evidence) Console.Out.WriteLine($"  {e.SignalId}: {e.Summary} (known {Day(e.KnownOn)}; {e.Source.ToShortString()})");
        }
    }

    public static void IngestSummary(FileIngestReport files)
    {
        var r = files.Report;
        foreach (var issue in r.Issues) Console.Error.WriteLine($"{(issue.Severity == IssueSeverity.Error ? "error" : "warning")}: {issue.Where}: {issue.Message}");
        Console.Out.WriteLine(
            $"{files.Files} file{(files.Files == 1 ? "" : "s")}{(files.Skipped > 0 ? $" ({files.Skipped} skipped: not a signal file)" : "")}, {r.Received} records: " +
            $"{r.New} new, {r.Duplicates} duplicate{(r.Duplicates == 1 ? "" : "s")}, {r.Conflicts} conflict{(r.Conflicts == 1 ? "" : "s")}, {r.Rejected} rejected; " +
            $"{r.Issues.Count(i => i.Severity == IssueSeverity.Warning)} warning{(r.Issues.Count(i => i.Severity == IssueSeverity.Warning) == 1 ? "" : "s")}, {r.Errors} error{(r.Errors == 1 ? "" : "s")}; " +
            $"{r.AlertIds.Count} alert{(r.AlertIds.Count == 1 ? "" : "s")} raised.");
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = GrainSerializer.CreateDefaultOptions();
        options.WriteIndented = indented;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
