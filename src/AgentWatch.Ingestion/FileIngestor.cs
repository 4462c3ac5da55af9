using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AgentWatch.Ingestion;

/// <summary>How far an ingestion has got.</summary>
public readonly record struct IngestProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, int Records);

/// <summary>What an ingestion of files did: the silo's report, with every problem placed at its file and line.</summary>
public sealed record FileIngestReport(int Files, int Skipped, IngestReport Report)
{
    public bool HasErrors => Report.Errors > 0;
}

/// <summary>
/// Ingests files, folders (recursively) and glob patterns: each file is parsed record by record and the signals go to the
/// silo in batches. A bad record is reported with its file, line and reason; the good records around it still land.
/// </summary>
public sealed class FileIngestor(IAgentWatchApi api, SignalFileParser parser)
{
    /// <summary>Signals sent per call to the silo.</summary>
    public int BatchSize { get; init; } = 2000;

    public async Task<FileIngestReport> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var issues = new List<IngestIssue>();
        var (files, skipped) = Expand(paths, issues);
        var bytesTotal = files.Sum(f => new FileInfo(f).Length);
        var report = IngestReport.Empty;
        var batch = new List<Signal>(BatchSize);
        var where = new Dictionary<string, string>(StringComparer.Ordinal);
        long bytesDone = 0;
        var records = 0;

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            var result = await api.IngestAsync(batch, cancellationToken).ConfigureAwait(false);
            // The silo names signals by id; put each problem back at the line it came from.
            var placed = result.Issues.Select(i => i.SignalId is not null && where.TryGetValue(i.SignalId, out var w) ? i with { Where = w } : i).ToList();
            report = report.Add(result with { Issues = placed });
            batch.Clear();
            where.Clear();
        }

        for (var f = 0; f < files.Count; f++)
        {
            var file = files[f];
            await foreach (var record in parser.ParseFileAsync(file, cancellationToken).ConfigureAwait(false))
            {
                records++;
                if (record.Signal is null)
                {
                    report = report.Add(new IngestReport(1, 0, 0, 0, 1, [new IngestIssue(IssueSeverity.Error, record.Where, record.Error!)], []));
                    continue;
                }
                // Problems come back by signal id. With an id twice in one batch, the later record's conflict or rejection
                // would be placed at the earlier record's line; so send what is pending first, and a batch holds an id once.
                if (where.ContainsKey(record.Signal.Id)) await FlushAsync().ConfigureAwait(false);
                where[record.Signal.Id] = record.Where;
                batch.Add(record.Signal);
                if (batch.Count >= BatchSize)
                {
                    await FlushAsync().ConfigureAwait(false);
                    progress?.Report(new IngestProgress(f, files.Count, bytesDone, bytesTotal, records));
                }
            }
            bytesDone += new FileInfo(file).Length;
            progress?.Report(new IngestProgress(f + 1, files.Count, bytesDone, bytesTotal, records));
        }
        await FlushAsync().ConfigureAwait(false);
        if (issues.Count > 0) report = report with { Issues = [.. issues, .. report.Issues] };
        return new FileIngestReport(files.Count, skipped, report);
    }

    /// <summary>Files named, found in folders, or matched by glob patterns; problems with paths are reported as errors.</summary>
    public static (List<string> Files, int Skipped) Expand(IEnumerable<string> paths, List<IngestIssue> issues)
    {
        var files = new List<string>();
        var skipped = 0;
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (SignalFileParser.Handles(path)) files.Add(Path.GetFullPath(path));
                else issues.Add(new IngestIssue(IssueSeverity.Error, path, $"unsupported file type '{Path.GetExtension(path)}'; this build reads .jsonl, .ndjson and .json signal files"));
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (SignalFileParser.Handles(file)) files.Add(Path.GetFullPath(file));
                    else skipped++;
                }
            }
            else if (path.IndexOfAny(['*', '?']) >= 0)
            {
                var (root, pattern) = SplitGlob(path);
                var matcher = new Matcher(StringComparison.Ordinal).AddInclude(pattern);
                var matched = Directory.Exists(root) ? matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToList() : [];
                if (matched.Count == 0) issues.Add(new IngestIssue(IssueSeverity.Error, path, "no file matches this pattern"));
                foreach (var file in matched)
                {
                    if (SignalFileParser.Handles(file)) files.Add(file);
                    else skipped++;
                }
            }
            else issues.Add(new IngestIssue(IssueSeverity.Error, path, "no such file or folder"));
        }
        return (files.Distinct(StringComparer.Ordinal).ToList(), skipped);
    }

    /// <summary>"data/**/*.jsonl" → ("data", "**/*.jsonl"): the fixed folder part, then the pattern.</summary>
    private static (string Root, string Pattern) SplitGlob(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        var fixedParts = parts.TakeWhile(p => p.IndexOfAny(['*', '?']) < 0).ToList();
        var root = fixedParts.Count == 0 ? "." : string.Join('/', fixedParts);
        if (root.Length == 0) root = "/";
        return (root, string.Join('/', parts.Skip(fixedParts.Count)));
    }
}
