using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Ingestion.Formats;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AgentWatch.Ingestion;

/// <summary>How far an ingestion has got.</summary>
public readonly record struct IngestProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, int Records);

/// <summary>
/// Ingests files, folders (recursively) and glob patterns, in any format the registry reads (13F, XBRL, feeds, price
/// files, earnings texts, signal files): each file is parsed record by record and the signals go to the silo in
/// batches. A bad record is reported with its file, line and reason; the good records around it still land. XBRL files
/// go first, so that shares outstanding they hold turn price files of the same ingestion into market-cap moves.
/// </summary>
public sealed class FileIngestor(IAgentWatchApi api, FormatRegistry formats, FormatContext context)
{
    private readonly SourceReader _reader = new(formats, context);

    public FormatContext Context => context;

    /// <summary>Signals sent per call to the silo.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>Signals held in memory to be sent newest first; past this, what is held goes out, which bounds memory on huge inputs.</summary>
    public int MaxHeldSignals { get; init; } = 200_000;

    public async Task<FileIngestReport> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var issues = new List<IngestIssue>();
        var (found, skipped) = _reader.Expand(paths, issues);
        var files = SourceReader.Order(found);
        var report = IngestReport.Empty;
        var batch = new List<Signal>(BatchSize);
        var where = new Dictionary<string, string>(StringComparer.Ordinal);

        // Signals are held back and sent newest data first: the rules judge an episode against the newest data its grain
        // holds (their lookback), so years of history must not reach the silo before the files' latest days do.
        var held = new List<(List<Signal> Batch, Dictionary<string, string> Where)>();
        var heldSignals = 0;

        async Task SendHeldAsync()
        {
            // Every signal held, newest data first (stable: one day's signals keep their order), in batches that hold an
            // id once, so a problem goes back to the line it came from.
            var all = held.SelectMany(h => h.Batch.Select(x => (Signal: x, Where: h.Where[x.Id]))).OrderByDescending(x => SignalDates.DataDate(x.Signal)).ToList();
            held.Clear();
            heldSignals = 0;
            var part = new List<Signal>(BatchSize);
            var places = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (signal, place) in all)
            {
                if (places.ContainsKey(signal.Id) || part.Count >= BatchSize) await SendAsync().ConfigureAwait(false);
                part.Add(signal);
                places[signal.Id] = place;
            }
            await SendAsync().ConfigureAwait(false);

            async Task SendAsync()
            {
                if (part.Count == 0) return;
                var result = await api.IngestAsync(part, cancellationToken).ConfigureAwait(false);
                // The silo names signals by id; put each problem back at the line it came from.
                var placed = result.Issues.Select(i => i.SignalId is not null && places.TryGetValue(i.SignalId, out var w) ? i with { Where = w } : i).ToList();
                report = report.Add(result with { Issues = placed });
                part = new List<Signal>(BatchSize);
                places = new Dictionary<string, string>(StringComparer.Ordinal);
            }
        }

        async Task FlushAsync()
        {
            if (batch.Count == 0) return;
            held.Add(([.. batch], new Dictionary<string, string>(where, StringComparer.Ordinal)));
            heldSignals += batch.Count;
            batch.Clear();
            where.Clear();
            if (heldSignals >= MaxHeldSignals) await SendHeldAsync().ConfigureAwait(false);
        }

        await foreach (var (record, position) in _reader.ReadAsync(files, progress, cancellationToken).ConfigureAwait(false))
        {
            if (record.Warning is { } warning)
            {
                report = report.Add(new IngestReport(0, 0, 0, 0, 0, [new IngestIssue(IssueSeverity.Warning, record.Where, warning)], []));
                continue;
            }
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
                progress?.Report(position);
            }
        }
        await FlushAsync().ConfigureAwait(false);
        await SendHeldAsync().ConfigureAwait(false);
        if (issues.Count > 0) report = report with { Issues = [.. issues, .. report.Issues] };
        return new FileIngestReport(files.Count, skipped.Count, report)
        {
            Formats = files.GroupBy(f => f.Format.Name).ToDictionary(g => g.Key, g => g.Count()),
            SkippedFiles = skipped,
        };
    }
}

/// <summary>
/// Finds the files that paths name (files, folders read recursively, glob patterns), picks the format that reads each,
/// and yields their records without storing anything: the reading half of <see cref="FileIngestor"/>, and what
/// <c>agentwatch ingest --dry-run</c> shows.
/// </summary>
public sealed class SourceReader(FormatRegistry formats, FormatContext context)
{
    /// <summary>The watchlist the files are read with.</summary>
    public CompanyDirectory Watchlist => context.Directory;

    /// <summary>
    /// The records the files hold, parsed but not stored: what <c>agentwatch ingest --dry-run</c> prints. Problems with
    /// paths come first, as errors.
    /// </summary>
    public async IAsyncEnumerable<ParsedRecord> ParseAsync(IEnumerable<string> paths, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var issues = new List<IngestIssue>();
        var (found, _) = Expand(paths, issues);
        foreach (var issue in issues) yield return ParsedRecord.Bad(issue.Where, issue.Message);
        await foreach (var (record, _) in ReadAsync(Order(found), null, cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    internal static List<(string Path, ISourceFormat Format)> Order(IEnumerable<(string Path, ISourceFormat Format)> files) =>
        files.OrderBy(f => f.Format is XbrlFormat ? 0 : 1).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Every record of every file, in order, with how far the reading has got. A file that cannot be opened, or stops
    /// being readable part way, is one error; the files after it are still read.
    /// </summary>
    internal async IAsyncEnumerable<(ParsedRecord Record, IngestProgress Position)> ReadAsync(
        List<(string Path, ISourceFormat Format)> files, IProgress<IngestProgress>? progress, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var bytesTotal = files.Sum(f => Length(f.Path));
        long bytesDone = 0;
        var records = 0;
        for (var f = 0; f < files.Count; f++)
        {
            var (file, format) = files[f];
            var length = Length(file);
            var (stream, openError) = Open(file);
            if (stream is null)
            {
                records++;
                yield return (ParsedRecord.Bad(file, $"cannot be read ({openError}), skipped"), default);
            }
            else
            {
                await using (stream)
                {
                    var parsed = format.ParseAsync(file, stream, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    try
                    {
                        while (true)
                        {
                            string? readError = null;
                            try
                            {
                                if (!await parsed.MoveNextAsync().ConfigureAwait(false)) break;
                            }
                            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                            {
                                readError = ex.Message;
                            }
                            records++;
                            if (readError is not null)
                            {
                                yield return (ParsedRecord.Bad(file, $"reading stopped: {readError}; the records before it were read"), default);
                                break;
                            }
                            yield return (parsed.Current, new IngestProgress(f, files.Count, bytesDone + stream.Position, bytesTotal, records));
                        }
                    }
                    finally
                    {
                        await parsed.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
            bytesDone += length;
            progress?.Report(new IngestProgress(f + 1, files.Count, bytesDone, bytesTotal, records));
        }
    }

    private static long Length(string file)
    {
        try
        {
            return new FileInfo(file).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static (Stream? Stream, string? Error) Open(string file)
    {
        try
        {
            return (File.OpenRead(file), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>
    /// Files named, found in folders, or matched by glob patterns, with the format that reads each, and the files not
    /// read, with why. In a folder or a glob, a file of no format AgentWatch reads is skipped quietly (named in the
    /// report); one named on its own, and one that is binary, unreadable or too large wherever it was found, is also an
    /// error, so that nobody takes it for read.
    /// </summary>
    public (List<(string Path, ISourceFormat Format)> Files, List<SkippedFile> Skipped) Expand(IEnumerable<string> paths, List<IngestIssue> issues)
    {
        var files = new List<(string, ISourceFormat)>();
        var skipped = new List<SkippedFile>();
        void Consider(string file, bool named)
        {
            var (format, problem) = Inspect(file);
            if (format is not null)
            {
                files.Add((Path.GetFullPath(file), format));
                return;
            }
            var reason = problem ?? NotReadable(file);
            if (skipped.Any(s => s.Path == file)) return;
            skipped.Add(new SkippedFile(file, reason));
            if (problem is not null || named) issues.Add(new IngestIssue(IssueSeverity.Error, file, reason));
        }
        foreach (var path in paths)
        {
            if (File.Exists(path)) Consider(path, named: true);
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    Consider(file, named: false);
            }
            else if (path.IndexOfAny(['*', '?']) >= 0)
            {
                var (root, pattern) = SplitGlob(path);
                var matcher = new Matcher(StringComparison.Ordinal).AddInclude(pattern);
                var matched = Directory.Exists(root) ? matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToList() : [];
                if (matched.Count == 0) issues.Add(new IngestIssue(IssueSeverity.Error, path, "no file matches this pattern"));
                foreach (var file in matched) Consider(file, named: false);
            }
            else issues.Add(new IngestIssue(IssueSeverity.Error, path, "no such file or folder"));
        }
        return (files.DistinctBy(f => f.Item1).ToList(), skipped);
    }

    /// <summary>
    /// The format that reads a file, from its size and first bytes; or why it is not read at all (too large, binary,
    /// unreadable), which is said once for the file rather than as an error on every line a format would fail to read.
    /// </summary>
    private (ISourceFormat? Format, string? Problem) Inspect(string file)
    {
        try
        {
            var length = new FileInfo(file).Length;
            if (length > context.Limits.MaxFileBytes)
                return (null, $"file is {length:N0} bytes, over the limit of {context.Limits.MaxFileBytes:N0} (Ingestion:Limits:MaxFileBytes), skipped");
            var head = new byte[FormatRegistry.HeadBytes];
            int read;
            using (var stream = File.OpenRead(file)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var format = formats.Detect(file, head.AsSpan(0, read));
            if (format is not { ReadsBinary: true } && FormatRegistry.BinaryKind(head.AsSpan(0, read)) is { } kind)
                return (null, $"binary file ({(kind.Length == 0 ? "" : kind + ", ")}not text), skipped");
            return (format, null);
        }
        catch (UnauthorizedAccessException)
        {
            return (null, "cannot be read (no permission to read it), skipped");
        }
        catch (IOException ex)
        {
            return (null, $"cannot be read ({ex.Message}), skipped");
        }
    }

    /// <summary>Why a file named on the command line is not read, in terms of its extension.</summary>
    private static string NotReadable(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".csv" => CsvNotReadable(file),
        ".xml" => "this .xml is neither a 13F information table or cover page nor an RSS or Atom feed",
        ".json" => "this .json is neither signals (an array) nor an SEC companyfacts, companyconcept or submissions document",
        ".txt" or ".md" => "this text is neither a 13F submission nor an earnings release or transcript (no capex, earnings or quarter wording)",
        var ext => $"files ending '{(ext.Length == 0 ? "(no extension)" : ext)}' are not a format AgentWatch reads (13F, XBRL, feeds, price .csv, earnings .txt, signal .jsonl/.json)",
    };

    /// <summary>Why a .csv is not a price file, in terms of its header: most often a Close column is missing.</summary>
    private static string CsvNotReadable(string file)
    {
        string? header;
        try
        {
            using var reader = new StreamReader(file);
            var buffer = new char[4096];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            header = new string(buffer, 0, read).Split('\n')[0].Trim();
        }
        catch (IOException)
        {
            header = null;
        }
        var columns = header?.Split(',').Select(c => c.Trim().Trim('<', '>', '"')).ToList() ?? [];
        var missing = new[] { "Date", "Close" }.Where(c => !columns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        return header is null || missing.Count == 0
            ? "this .csv is not a daily price file (a header with Date and Close columns); signals go in .jsonl or .json files"
            : $"line 1: the header '{(header.Length > 200 ? header[..200] + "…" : header)}' has no {string.Join(" or ", missing)} column, so this .csv is not a daily price file (Stooq, Yahoo, yfinance); signals go in .jsonl or .json files";
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
