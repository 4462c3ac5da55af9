using AgentWatch.Abstractions;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// One input format and how it becomes signals. A format says from a file's name and first bytes whether it reads it;
/// it then yields records one by one, so a bad one is reported with its place and the good ones around it still come
/// through. Signal ids come from the source (accession and row, feed GUID, file and line), so reading a file twice adds
/// nothing.
/// </summary>
public interface ISourceFormat
{
    /// <summary>A short name for reports: "13f", "xbrl", "feed", "prices", "earnings-text", "signals".</summary>
    string Name { get; }

    /// <param name="path">The file's path (its extension and name).</param>
    /// <param name="head">The file's first bytes (up to <see cref="FormatRegistry.HeadBytes"/>).</param>
    bool Accepts(string path, ReadOnlySpan<byte> head);

    /// <summary>Whether the format reads a binary file (a SQLite store); the others read text, and binary files are kept from them.</summary>
    bool ReadsBinary => false;

    IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, CancellationToken cancellationToken);
}

/// <summary>What formats need besides the file: the watchlist (names, aliases, CUSIPs, shares outstanding), limits, settings.</summary>
public sealed record FormatContext(CompanyDirectory Directory, InputLimits Limits, FormatOptions Options)
{
    /// <summary>Shares outstanding learnt from XBRL files earlier in the same ingestion, by company; the watchlist's win.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, decimal> SharesOutstanding { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A model that reads capex guidance the patterns miss, when one is configured; null reads with the patterns alone.</summary>
    public IGuidanceExtractor? Extractor { get; init; }

    public decimal? SharesOf(string company) => Directory.SharesOutstanding(company) ?? (SharesOutstanding.TryGetValue(company, out var s) ? s : null);

    public static FormatContext Default(CompanyDirectory directory) => new(directory, new InputLimits(), new FormatOptions());
}
