using System.Globalization;
using System.Text;
using AgentWatch.Abstractions.Api;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Ingestion.Inbox;

/// <summary>What became of one file dropped in the inbox.</summary>
/// <param name="Arrived">When the inbox first saw the file (a copied file keeps its old write time, so not that): the ingest lag is measured from there.</param>
public sealed record InboxResult(string File, string MovedTo, FileIngestReport Report, string? ReportFile, DateTimeOffset Arrived)
{
    public bool Failed => Report.HasErrors || Report.Files == 0;
}

/// <summary>
/// Reads files dropped in a folder, the way <c>agentwatch ingest</c> reads them, and moves each to <c>done/</c>, or to
/// <c>failed/</c> when any record was rejected or the file is not a format AgentWatch reads. Beside a file with
/// problems goes <c>NAME.report.txt</c>: every error and warning with its line. Good records of a failed file are
/// stored all the same; dropping the corrected file in again adds only what was missing.
/// </summary>
public sealed class InboxProcessor(FileIngestor ingestor, string folder, TimeSpan settleTime, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<string, (long Length, DateTime Written, DateTimeOffset Since)> _seen = new(StringComparer.Ordinal);

    public string Folder => folder;
    public string DoneFolder => Path.Combine(folder, "done");
    public string FailedFolder => Path.Combine(folder, "failed");

    /// <summary>One look at the folder: every file that has settled is read and moved. Returns what was done.</summary>
    public async Task<IReadOnlyList<InboxResult>> ProcessOnceAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DoneFolder);
        Directory.CreateDirectory(FailedFolder);
        var results = new List<InboxResult>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            // Hidden files and the temporary names copy tools and browsers write to are not finished files.
            if (name.StartsWith('.') || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) ||
                name.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase)) continue;
            present.Add(file);
            if (!Settled(file)) continue;
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await ProcessAsync(file, _seen[file].Since, cancellationToken).ConfigureAwait(false));
            _seen.Remove(file);
        }
        foreach (var gone in _seen.Keys.Where(k => !present.Contains(k)).ToList()) _seen.Remove(gone);
        return results;
    }

    private bool Settled(string file)
    {
        var info = new FileInfo(file);
        var now = time.GetUtcNow();
        if (!_seen.TryGetValue(file, out var seen) || seen.Length != info.Length || seen.Written != info.LastWriteTimeUtc)
        {
            _seen[file] = (info.Length, info.LastWriteTimeUtc, now);
            return settleTime == TimeSpan.Zero;
        }
        return now - seen.Since >= settleTime;
    }

    private async Task<InboxResult> ProcessAsync(string file, DateTimeOffset arrived, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        FileIngestReport report;
        try
        {
            report = await ingestor.IngestAsync([file], null, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Still held by the writer: leave it for the next look.
            logger.LogDebug(ex, "Inbox: {File} could not be read yet", name);
            return new InboxResult(file, file, new FileIngestReport(0, 0, IngestReport.Empty), null, arrived);
        }
        var failed = report.HasErrors || report.Files == 0;
        var target = Unique(Path.Combine(failed ? FailedFolder : DoneFolder, name));
        File.Move(file, target);
        string? reportFile = null;
        if (report.Report.Issues.Count > 0 || report.Files == 0)
        {
            reportFile = target + ".report.txt";
            await File.WriteAllTextAsync(reportFile, Describe(name, report), Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        var r = report.Report;
        if (failed)
            logger.LogWarning("Inbox: {File}: {New} new signals, {Errors} errors; moved to {Target} with {Report}", name, r.New, r.Errors, target, reportFile);
        else
            logger.LogInformation("Inbox: {File}: {New} new signals, {Duplicates} duplicates, {Alerts} alerts; moved to {Target}", name, r.New, r.Duplicates, r.AlertIds.Count, target);
        return new InboxResult(file, target, report, reportFile, arrived);
    }

    /// <summary>The report written beside a file: the counts, then each problem with its place.</summary>
    public static string Describe(string name, FileIngestReport report)
    {
        var r = report.Report;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{name}: {r.Received} records, {r.New} new, {r.Duplicates} duplicates, {r.Conflicts} conflicts, {r.Rejected} rejected; {r.Errors} errors");
        foreach (var issue in r.Issues)
            text.AppendLine(CultureInfo.InvariantCulture, $"{(issue.Severity == IssueSeverity.Error ? "error" : "warning")}: {issue.Where}: {issue.Message}");
        foreach (var file in report.SkippedFiles.Where(f => !r.Issues.Any(i => i.Where == f.Path)))
            text.AppendLine(CultureInfo.InvariantCulture, $"skipped: {file.Path}: {file.Reason}");
        return text.ToString();
    }

    /// <summary>A path that does not exist yet: "x.csv", then "x-1.csv", "x-2.csv", … so a file dropped twice keeps both copies.</summary>
    private static string Unique(string path)
    {
        if (!File.Exists(path)) return path;
        var dir = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path);
        var ext = Path.GetExtension(path);
        for (var i = 1; ; i++)
        {
            var candidate = Path.Combine(dir, $"{stem}-{i}{ext}");
            if (!File.Exists(candidate)) return candidate;
        }
    }
}
