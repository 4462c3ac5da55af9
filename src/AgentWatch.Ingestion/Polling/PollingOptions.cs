namespace AgentWatch.Ingestion.Polling;

/// <summary>URLs a silo fetches on a schedule, for users with internet (configuration section <c>Ingestion:Polling</c>).</summary>
public sealed class PollingOptions
{
    public const string SectionName = "Ingestion:Polling";

    public bool Enabled { get; set; }

    /// <summary>Sent with every request. The SEC refuses requests without one that names you and an email address ("Jane Doe jane@example.com").</summary>
    public string? UserAgent { get; set; }

    /// <summary>How often each source is fetched, unless it sets its own.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    public List<PollSource> Sources { get; set; } = [];

    /// <summary>Hosts (and their subdomains) that share one request budget of <see cref="MaxRequestsPerSecond"/>: the SEC allows 10 a second.</summary>
    public List<string> RateLimitedHosts { get; set; } = ["sec.gov"];

    public int MaxRequestsPerSecond { get; set; } = 10;

    /// <summary>The first wait after a 429 or 5xx answer (or a failed connection); it doubles with each failure in a row, up to <see cref="MaxBackoff"/>. A Retry-After header is honoured when longer.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest response read; a larger one is a failure, not a truncated file.</summary>
    public long MaxResponseBytes { get; set; } = 128L * 1024 * 1024;

    public IEnumerable<string> Validate()
    {
        if (!Enabled) yield break;
        if (Sources.Count == 0) yield return "Ingestion:Polling is enabled but has no Sources";
        if (Interval <= TimeSpan.Zero) yield return "Ingestion:Polling:Interval must be positive";
        if (MaxRequestsPerSecond < 1) yield return "Ingestion:Polling:MaxRequestsPerSecond must be at least 1";
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff) yield return "Ingestion:Polling:InitialBackoff must be positive and MaxBackoff at least as long";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Sources.Count; i++)
        {
            var s = Sources[i];
            var where = $"Ingestion:Polling:Sources:{i}";
            if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"{where}:Url '{s.Url}' is not an http or https URL";
                continue;
            }
            if (!names.Add(s.FileName())) yield return $"{where}: two sources are saved as '{s.FileName()}'; give them different Names";
            if (s.Interval is { } every && every <= TimeSpan.Zero) yield return $"{where}:Interval must be positive";
            if (IsSec(uri) && (string.IsNullOrWhiteSpace(UserAgent) || !UserAgent.Contains('@')))
                yield return $"{where}: the SEC requires a User-Agent with your name and email address; set Ingestion:Polling:UserAgent (e.g. \"Jane Doe jane@example.com\")";
        }
    }

    /// <summary>Whether a host shares the rate-limited budget: it is one of <see cref="RateLimitedHosts"/> or a subdomain of one.</summary>
    public bool IsRateLimited(Uri uri) => RateLimitedHosts.Any(h => uri.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));

    private static bool IsSec(Uri uri) => uri.Host.Equals("sec.gov", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".sec.gov", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One URL to fetch. The response is saved under <see cref="FileName"/> and read like a file of that name: for a
/// price CSV, name it after the ticker (<c>NVDA</c>); a feed or an SEC JSON document is recognised by its content.
/// </summary>
public sealed class PollSource
{
    public string Url { get; set; } = "";

    /// <summary>What the saved file is called (without extension); default: the last part of the URL's path.</summary>
    public string? Name { get; set; }

    /// <summary>The extension of the saved file (".xml", ".json", ".csv", ".txt"); default: from the response's content type.</summary>
    public string? Extension { get; set; }

    public TimeSpan? Interval { get; set; }

    /// <summary>The saved file's name without extension, safe for any file system.</summary>
    public string FileName()
    {
        var name = Name;
        if (string.IsNullOrWhiteSpace(name) && Uri.TryCreate(Url, UriKind.Absolute, out var uri))
        {
            var last = uri.Segments.LastOrDefault()?.Trim('/') ?? "";
            name = Path.GetFileNameWithoutExtension(last) is { Length: > 0 } stem ? stem : uri.Host;
        }
        var safe = new string((name ?? "source").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return safe.Length > 100 ? safe[..100] : safe;
    }
}
