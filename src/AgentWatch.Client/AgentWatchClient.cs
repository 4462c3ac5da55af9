using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Client;

/// <summary>An error the silo answered with (RFC 7807 problem details), or a silo that could not be reached.</summary>
public sealed class AgentWatchApiException(HttpStatusCode? status, string message, Exception? inner = null) : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// Talks to a silo over HTTP. Every <see cref="IAgentWatchApi"/> call maps to one request; the alert subscription
/// reconnects after a dropped connection or a silo restart and resumes after the last alert it delivered, so nothing is
/// missed or repeated.
/// </summary>
public sealed class AgentWatchClient : IAgentWatchApi, IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public AgentWatchClient(Uri baseAddress, string? apiKey = null)
        : this(new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan }, apiKey, ownsHttp: true)
    {
    }

    public AgentWatchClient(HttpClient http, string? apiKey = null, bool ownsHttp = false)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        if (apiKey is not null) _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
    }

    /// <summary>How long a request may take (streams excepted).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Longest wait between reconnection attempts of an alert subscription.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    public Task<StatusView> GetStatusAsync(CancellationToken cancellationToken = default) => GetAsync<StatusView>("status", cancellationToken);

    public Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default) =>
        WhileClusterChangesAsync(() => PostAsync<IngestReport>("signals", signals, cancellationToken), cancellationToken);

    public Task<IngestReport> SeedAsync(CancellationToken cancellationToken = default) =>
        WhileClusterChangesAsync(() => PostAsync<IngestReport>("seed", null, cancellationToken), cancellationToken);

    public Task<RetractReport> RetractAsync(RetractRequest request, CancellationToken cancellationToken = default) =>
        WhileClusterChangesAsync(() => PostAsync<RetractReport>("retractions", request, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Retraction>> GetRetractionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<Retraction>>("retractions", cancellationToken);

    /// <summary>How long an ingestion is sent again while the silo answers that its cluster is changing (503).</summary>
    public TimeSpan ClusterChangeRetryLimit { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Ingestion is idempotent, so a batch the silo could not complete because a silo of its cluster died under it (503)
    /// is sent again once the cluster has settled, rather than reported as rejected.
    /// </summary>
    private async Task<T> WhileClusterChangesAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (AgentWatchApiException ex) when (ex.Status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow - started < ClusterChangeRetryLimit)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<Alert>>($"alerts?since={query.AfterSequence}&limit={query.Limit}{Param("company", query.Company)}{Param("asOf", query.AsOf)}", cancellationToken);

    public async IAsyncEnumerable<Alert> FollowAlertsAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence;
        var delay = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            var connection = await TryConnectAsync(last, cancellationToken).ConfigureAwait(false);
            if (connection is not null)
            {
                delay = TimeSpan.FromMilliseconds(250);
                using var response = connection;
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var items = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                try
                {
                    while (true)
                    {
                        Alert? alert = null;
                        try
                        {
                            if (!await items.MoveNextAsync().ConfigureAwait(false)) break;
                            if (items.Current.EventType != "alert") continue;
                            alert = JsonSerializer.Deserialize<Alert>(items.Current.Data, Json);
                        }
                        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                        {
                            break;
                        }
                        // The stream resumes after the last alert delivered, never before it: no repeats after a reconnect.
                        if (alert is null || alert.Sequence <= last) continue;
                        last = alert.Sequence;
                        yield return alert;
                    }
                }
                finally
                {
                    await items.DisposeAsync().ConfigureAwait(false);
                }
            }
            if (cancellationToken.IsCancellationRequested) yield break;
            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    private async Task<HttpResponseMessage?> TryConnectAsync(long after, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"alerts/stream?since={after}");
            request.Headers.Add("Last-Event-ID", after.ToString());
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return response;
            var error = await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            // A refusal (wrong key, bad request) will not go away by retrying.
            if (error is not AgentWatchApiException { Status: { } status } || (int)status is >= 400 and < 500) throw error;
            return null;
        }
        catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public Task<IReadOnlyList<CompanyProfile>> GetCompaniesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CompanyProfile>>("companies", cancellationToken);

    public Task<CompanyView?> GetCompanyAsync(string nameOrTicker, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        SendAsync<CompanyView>(HttpMethod.Get, $"companies/{Uri.EscapeDataString(nameOrTicker)}?{Param("asOf", asOf).TrimStart('&')}", null, nullOn404: false, cancellationToken);

    public Task<SignalPage> GetSignalPageAsync(SignalQuery query, PageRequest page, CancellationToken cancellationToken = default) =>
        GetAsync<SignalPage>($"signals?limit={page.Limit}{Param("cursor", page.Cursor)}{Param("company", query.Company)}{Param("kind", query.Kind?.Id())}{Param("year", query.Year)}{Param("asOf", query.AsOf)}{Param("filer", query.Filer)}", cancellationToken);

    public Task<SignalRecord?> GetSignalAsync(string id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<SignalRecord>($"signals/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        GetAsync<CapexLeaderboard>($"market/capex/{year}?{Param("asOf", asOf).TrimStart('&')}", cancellationToken);

    public Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf, CancellationToken cancellationToken = default) =>
        GetAsync<FinancingGraph>($"market/financing?{Param("asOf", asOf).TrimStart('&')}", cancellationToken);

    public Task<FilerSnapshot?> GetFilerAsync(string filer, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<FilerSnapshot>($"filers/{Uri.EscapeDataString(filer)}?{Param("asOf", asOf).TrimStart('&')}", cancellationToken);

    public Task<Answer> AskAsync(string question, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        PostAsync<Answer>("ask", new { question, asOf }, cancellationToken);

    /// <summary><c>POST /ask/stream</c>: JSON Lines of <see cref="AnswerUpdate"/>s, read as they arrive.</summary>
    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, DateOnly? asOf, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "ask/stream") { Content = JsonContent.Create(new { question, asOf }, options: Json) };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AgentWatchApiException(null, $"Cannot reach the silo at {_http.BaseAddress}: {ex.Message}", ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                yield return JsonSerializer.Deserialize<AnswerUpdate>(line, Json) ?? throw new AgentWatchApiException(null, "The silo sent an empty line in an answer.");
            }
        }
    }

    public Task<Brief> GetBriefAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        GetAsync<Brief>($"brief?period={period.ToString().ToLowerInvariant()}{Param("asOf", asOf)}", cancellationToken);

    public Task<BubbleRisk> GetBubbleRiskAsync(DateOnly? asOf, CancellationToken cancellationToken = default) =>
        GetAsync<BubbleRisk>($"risk?{Param("asOf", asOf).TrimStart('&')}", cancellationToken);

    public Task<IReadOnlyList<AgentRunSummary>> GetRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<AgentRunSummary>>($"runs?limit={query.Limit}{Param("agent", query.Agent)}", cancellationToken);

    public Task<AgentRun?> GetRunAsync(string id, CancellationToken cancellationToken = default) =>
        GetOrNullAsync<AgentRun>($"runs/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<ClusterView> GetClusterAsync(bool includeHistory = false, CancellationToken cancellationToken = default) =>
        GetAsync<ClusterView>(includeHistory ? "cluster?all=true" : "cluster", cancellationToken);

    public Task<AlertAck?> AcknowledgeAsync(string alertId, string? note, CancellationToken cancellationToken = default) =>
        SendAsync<AlertAck>(HttpMethod.Post, $"alerts/{Uri.EscapeDataString(alertId)}/ack", new { note }, nullOn404: true, cancellationToken);

    public Task<AlertMute> MuteAsync(MuteScope scope, string value, TimeSpan duration, string? reason, CancellationToken cancellationToken = default) =>
        PostAsync<AlertMute>("mutes", new { scope, value, @for = duration, reason }, cancellationToken);

    public async Task<bool> UnmuteAsync(MuteScope scope, string value, CancellationToken cancellationToken = default) =>
        await SendAsync<Unmuted>(HttpMethod.Delete, $"mutes/{scope.ToString().ToLowerInvariant()}/{Uri.EscapeDataString(value)}", null, nullOn404: true, cancellationToken) is not null;

    private sealed record Unmuted(bool Ended);

    public Task<IReadOnlyList<AlertMute>> GetMutesAsync(CancellationToken cancellationToken = default) => GetAsync<IReadOnlyList<AlertMute>>("mutes", cancellationToken);

    public Task<IReadOnlyList<RuleView>> GetRulesAsync(CancellationToken cancellationToken = default) => GetAsync<IReadOnlyList<RuleView>>("rules", cancellationToken);

    public async Task<RuleView> SetRuleLimitAsync(string rule, AlertFrequency frequency, int maxPerHour, CancellationToken cancellationToken = default) =>
        await SendAsync<RuleView>(HttpMethod.Put, $"rules/{Uri.EscapeDataString(rule)}", new { frequency, maxPerHour }, nullOn404: false, cancellationToken)
        ?? throw new AgentWatchApiException(null, "The silo sent an empty answer to rules.");

    /// <summary>Uploads a file (POST /ingest): the silo reads it in any format <c>agentwatch ingest</c> reads, told by its name and first bytes.</summary>
    public async Task<FileIngestReport> IngestFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        return await IngestFileAsync(file, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
    }

    public async Task<FileIngestReport> IngestFileAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"ingest?name={Uri.EscapeDataString(fileName)}") { Content = new StreamContent(content) };
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<FileIngestReport>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new AgentWatchApiException(null, "The silo sent an empty answer to ingest.");
    }

    public Task<IReadOnlyList<WebhookStatus>> GetWebhooksAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<WebhookStatus>>("webhooks", cancellationToken);

    public Task<GrainLocation> LocateGrainAsync(string grainType, string key, CancellationToken cancellationToken = default) =>
        GetAsync<GrainLocation>($"cluster/grains/{Uri.EscapeDataString(grainType)}/{Uri.EscapeDataString(key)}", cancellationToken);

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        await SendAsync<T>(HttpMethod.Get, path, null, nullOn404: false, cancellationToken).ConfigureAwait(false)
        ?? throw new AgentWatchApiException(null, $"The silo sent an empty answer to {path}.");

    private Task<T?> GetOrNullAsync<T>(string path, CancellationToken cancellationToken) where T : class =>
        SendAsync<T>(HttpMethod.Get, path, null, nullOn404: true, cancellationToken);

    private async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        await SendAsync<T>(HttpMethod.Post, path, body, nullOn404: false, cancellationToken).ConfigureAwait(false)
        ?? throw new AgentWatchApiException(null, $"The silo sent an empty answer to {path}.");

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, bool nullOn404, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AgentWatchApiException(null, $"Cannot reach the silo at {_http.BaseAddress}: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentWatchApiException(null, $"The silo at {_http.BaseAddress} did not answer {path} within {RequestTimeout.TotalSeconds:0} s.", ex);
        }
        using (response)
        {
            if (nullOn404 && response.StatusCode == HttpStatusCode.NotFound) return default;
            if (!response.IsSuccessStatusCode) throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? detail = null;
        IReadOnlyList<string>? candidates = null;
        IReadOnlyList<string>? closest = null;
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            detail = doc.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
            if (doc.RootElement.TryGetProperty("candidates", out var c) && c.ValueKind == JsonValueKind.Array)
                candidates = c.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
            if (doc.RootElement.TryGetProperty("closest", out var near) && near.ValueKind == JsonValueKind.Array)
                closest = near.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        }
        catch (JsonException)
        {
        }
        var message = detail ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (response.StatusCode == HttpStatusCode.Conflict && candidates is not null)
            return new AmbiguousNameException(message.Split('\'').ElementAtOrDefault(1) ?? "", candidates);
        if (response.StatusCode == HttpStatusCode.NotFound && closest is not null)
            return new UnknownCompanyException(message.Split('\'').ElementAtOrDefault(1) ?? "", closest, message);
        return new AgentWatchApiException(response.StatusCode, message);
    }

    private static string Param(string name, object? value) => value switch
    {
        null => "",
        DateOnly d => $"&{name}={d:yyyy-MM-dd}",
        _ => $"&{name}={Uri.EscapeDataString(value.ToString()!)}",
    };

    private static JsonSerializerOptions CreateJsonOptions() => AgentWatchJson.Options;

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
