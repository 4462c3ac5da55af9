using System.Net;
using System.Text.Json;
using AgentWatch.Abstractions.Api;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Ingestion.Polling;

public enum PollOutcome { Fetched, NotModified, Failed }

/// <summary>What one fetch of a source did: the HTTP status, the ingestion of what came back, and when the source is due again.</summary>
public sealed record PollResult(PollSource Source, PollOutcome Outcome, int? Status, string? Message, FileIngestReport? Report, DateTimeOffset NextDue)
{
    /// <summary>When the request went out: how stale fetched data is when stored is measured from there.</summary>
    public DateTimeOffset Started { get; init; }
}

/// <summary>What the poller remembers of a source between fetches and restarts: validators for conditional requests, failures in a row.</summary>
public sealed record PollState(string Url, string? ETag, string? LastModified, int Failures, DateTimeOffset NextDue);

/// <summary>
/// Fetches configured URLs (EDGAR feeds, news feeds, companyfacts) and ingests what they return through the same
/// <see cref="FileIngestor"/> as files: the response is saved as a file and read like one, so ids, checks and reports
/// are the same. Requests carry the configured User-Agent, ask conditionally (If-None-Match, If-Modified-Since),
/// share a budget of requests per second on rate-limited hosts (the SEC's 10), and back off on 429 and 5xx answers,
/// honouring Retry-After. State is kept in <c>state.json</c> in the folder, so a restart neither refetches unchanged
/// feeds nor forgets a backoff.
/// </summary>
public sealed class FeedPoller : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly HttpClient _http;
    private readonly PollingOptions _options;
    private readonly FileIngestor _ingestor;
    private readonly string _folder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, PollState> _state;

    /// <param name="handler">What sends the requests (a SocketsHttpHandler); the poller puts its request budget in front of it.</param>
    public FeedPoller(HttpMessageHandler handler, PollingOptions options, FileIngestor ingestor, string folder, TimeProvider time, ILogger logger)
    {
        (_options, _ingestor, _folder, _time, _logger) = (options, ingestor, folder, time, logger);
        _http = new HttpClient(new RateLimitingHandler(options, time) { InnerHandler = handler }, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Directory.CreateDirectory(folder);
        _state = Load(StatePath, logger);
    }

    private string StatePath => Path.Combine(_folder, "state.json");

    public PollState? StateOf(PollSource source) => _state.GetValueOrDefault(source.Url);

    /// <summary>When the next source is due.</summary>
    public DateTimeOffset NextDue() =>
        _options.Sources.Count == 0 ? DateTimeOffset.MaxValue : _options.Sources.Min(s => StateOf(s)?.NextDue ?? DateTimeOffset.MinValue);

    /// <summary>Fetches every source that is due, one after another.</summary>
    public async Task<IReadOnlyList<PollResult>> PollDueAsync(CancellationToken cancellationToken)
    {
        var results = new List<PollResult>();
        foreach (var source in _options.Sources.Where(s => (StateOf(s)?.NextDue ?? DateTimeOffset.MinValue) <= _time.GetUtcNow()))
            results.Add(await PollAsync(source, cancellationToken).ConfigureAwait(false));
        return results;
    }

    public async Task<PollResult> PollAsync(PollSource source, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        return await PollCoreAsync(source, cancellationToken).ConfigureAwait(false) with { Started = started };
    }

    private async Task<PollResult> PollCoreAsync(PollSource source, CancellationToken cancellationToken)
    {
        var previous = StateOf(source);
        var interval = source.Interval ?? _options.Interval;
        var uri = new Uri(source.Url);

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrWhiteSpace(_options.UserAgent)) request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (previous?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (previous?.LastModified is { } modified) request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotModified)
                return await DoneAsync(source, PollOutcome.NotModified, status, null, null, (previous ?? new PollState(source.Url, null, null, 0, default)) with { Failures = 0, NextDue = _time.GetUtcNow() + interval }).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
                return await BackOffAsync(source, previous, status, $"{status} {response.ReasonPhrase}", RetryAfter(response)).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // A 404 or 403 does not mend in seconds: try again at the usual interval, and say so.
                _logger.LogWarning("Polling {Url}: {Status} {Reason}; trying again in {Interval}", source.Url, status, response.ReasonPhrase, interval);
                return await DoneAsync(source, PollOutcome.Failed, status, $"{status} {response.ReasonPhrase}", null,
                    new PollState(source.Url, previous?.ETag, previous?.LastModified, (previous?.Failures ?? 0) + 1, _time.GetUtcNow() + interval)).ConfigureAwait(false);
            }
            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
                return await BackOffAsync(source, previous, status, $"the response is {response.Content.Headers.ContentLength:N0} bytes, over Ingestion:Polling:MaxResponseBytes", null).ConfigureAwait(false);

            var file = Path.Combine(_folder, source.FileName() + ExtensionOf(source, uri, response));
            var part = file + ".part";
            await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false))
            await using (var output = File.Create(part))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > _options.MaxResponseBytes) throw new InvalidDataException($"the response is over {_options.MaxResponseBytes:N0} bytes (Ingestion:Polling:MaxResponseBytes)");
                    await output.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                }
            }
            File.Move(part, file, overwrite: true);
            var report = await _ingestor.IngestAsync([file], null, cancellationToken).ConfigureAwait(false);
            var state = new PollState(source.Url, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), 0, _time.GetUtcNow() + interval);
            _logger.LogInformation("Polling {Url}: {New} new signals, {Duplicates} already stored, {Errors} errors", source.Url, report.Report.New, report.Report.Duplicates, report.Report.Errors);
            return await DoneAsync(source, PollOutcome.Fetched, status, null, report, state).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidDataException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = ex is OperationCanceledException ? $"no answer within {_options.RequestTimeout}" : ex.Message;
            return await BackOffAsync(source, previous, null, reason, null).ConfigureAwait(false);
        }
    }

    private async Task<PollResult> BackOffAsync(PollSource source, PollState? previous, int? status, string reason, TimeSpan? retryAfter)
    {
        var failures = (previous?.Failures ?? 0) + 1;
        var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxBackoff.Ticks, _options.InitialBackoff.Ticks * (1L << Math.Min(failures - 1, 30))));
        if (retryAfter > backoff) backoff = retryAfter.Value;
        _logger.LogWarning("Polling {Url}: {Reason}; failure {Failures} in a row, trying again in {Backoff}", source.Url, reason, failures, backoff);
        return await DoneAsync(source, PollOutcome.Failed, status, reason, null,
            new PollState(source.Url, previous?.ETag, previous?.LastModified, failures, _time.GetUtcNow() + backoff)).ConfigureAwait(false);
    }

    private async Task<PollResult> DoneAsync(PollSource source, PollOutcome outcome, int? status, string? message, FileIngestReport? report, PollState state)
    {
        _state[source.Url] = state;
        var temp = StatePath + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(_state.Values.ToList(), Json)).ConfigureAwait(false);
        File.Move(temp, StatePath, overwrite: true);
        return new PollResult(source, outcome, status, message, report, state.NextDue);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow(),
        _ => null,
    };

    /// <summary>The saved file's extension, which tells the reader the format: configured, else from the URL, else from the content type.</summary>
    private static string ExtensionOf(PollSource source, Uri uri, HttpResponseMessage response)
    {
        if (!string.IsNullOrWhiteSpace(source.Extension)) return source.Extension.StartsWith('.') ? source.Extension : "." + source.Extension;
        var fromUrl = Path.GetExtension(uri.AbsolutePath).ToLowerInvariant();
        if (fromUrl is ".xml" or ".json" or ".csv" or ".txt" or ".rss" or ".atom") return fromUrl;
        var type = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant() ?? "";
        return type switch
        {
            _ when type.Contains("json") => ".json",
            _ when type.Contains("xml") || type.Contains("rss") || type.Contains("atom") => ".xml",
            _ when type.Contains("csv") => ".csv",
            _ => ".txt",
        };
    }

    private static Dictionary<string, PollState> Load(string path, ILogger logger)
    {
        if (!File.Exists(path)) return new Dictionary<string, PollState>(StringComparer.Ordinal);
        try
        {
            return (JsonSerializer.Deserialize<List<PollState>>(File.ReadAllText(path)) ?? []).ToDictionary(s => s.Url, StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            // Losing the validators costs one full fetch per source; refusing to start would cost more.
            logger.LogWarning(ex, "Polling state {Path} is unreadable; every source is fetched afresh", path);
            return new Dictionary<string, PollState>(StringComparer.Ordinal);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Spaces requests to rate-limited hosts at least 1/N seconds apart, measured from the moment each one is handed on
    /// to be sent: the last step before the network, so a request held up on its way here cannot end up closer to the
    /// next one than the budget allows.
    /// </summary>
    private sealed class RateLimitingHandler(PollingOptions options, TimeProvider time) : DelegatingHandler
    {
        private readonly SemaphoreSlim _turn = new(1, 1);
        private readonly TimeSpan _spacing = TimeSpan.FromSeconds(1.0 / options.MaxRequestsPerSecond);
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is not { } uri || !options.IsRateLimited(uri)) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            Task<HttpResponseMessage> sending;
            try
            {
                var wait = _next - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                _next = time.GetUtcNow() + _spacing;
                sending = base.SendAsync(request, cancellationToken);
            }
            finally
            {
                _turn.Release();
            }
            return await sending.ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _turn.Dispose();
            base.Dispose(disposing);
        }
    }
}
