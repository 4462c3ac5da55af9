using System.Net;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentWatch.Abstractions.Api;
using Microsoft.Extensions.Configuration;
using AgentWatch.Ingestion;
using AgentWatch.Ingestion.Formats;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Silo;

/// <summary>The request body of <c>POST /ask</c>.</summary>
public sealed record AskRequest(string Question, DateOnly? AsOf = null);

/// <summary>
/// The HTTP API: one endpoint per <see cref="IAgentWatchApi"/> call, JSON in the same shape as stored records, errors
/// as RFC 7807 problem details.
/// </summary>
public static class HttpApi
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Where Orleans' own dashboard is served.</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>JSON for the API: AgentWatch's JSON (camelCase, kebab-case enums).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        var defaults = AgentWatchJson.CreateOptions();
        options.PropertyNamingPolicy = defaults.PropertyNamingPolicy;
        options.DefaultIgnoreCondition = defaults.DefaultIgnoreCondition;
        options.AllowOutOfOrderMetadataProperties = true;
        options.IncludeFields = true;
        foreach (var converter in defaults.Converters) options.Converters.Add(converter);
    }

    public static IEndpointRouteBuilder MapAgentWatchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/status", (IAgentWatchApi api, CancellationToken ct) => api.GetStatusAsync(ct));

        app.MapGet("/companies", (IAgentWatchApi api, CancellationToken ct) => api.GetCompaniesAsync(ct));
        app.MapGet("/companies/{name}", async (string name, DateOnly? asOf, IAgentWatchApi api, CancellationToken ct) =>
            Results.Ok(await api.GetCompanyAsync(name, asOf, ct)));

        // One page at a time: ?limit= (default and maximum in PageRequest) and ?cursor= (a page's "next"); the page says the
        // total and the next cursor, null at the end, so no caller takes a first page for the whole list.
        app.MapGet("/signals", async (string? company, string? kind, int? year, DateOnly? asOf, string? filer, string? limit, string? cursor, IAgentWatchApi api, CancellationToken ct) =>
            Results.Ok(await api.GetSignalPageAsync(new SignalQuery(company, ParseKind(kind), year, asOf, filer), new PageRequest(ParseLimit(limit), cursor), ct)));
        app.MapGet("/signals/{id}", async (string id, IAgentWatchApi api, CancellationToken ct) =>
            await api.GetSignalAsync(id, ct) is { } record ? Results.Ok(record) : NotFound($"No signal '{id}'."));
        app.MapPost("/signals", async (HttpRequest request, IAgentWatchApi api, CancellationToken ct) =>
        {
            var signals = await ReadBodyAsync<List<Signal>>(request, ct);
            return Results.Ok(await api.IngestAsync(signals, ct));
        });
        app.MapPost("/seed", (IAgentWatchApi api, CancellationToken ct) => api.SeedAsync(ct));
        app.MapGet("/retractions", (IAgentWatchApi api, CancellationToken ct) => api.GetRetractionsAsync(ct));
        app.MapPost("/retractions", async (HttpRequest request, IAgentWatchApi api, CancellationToken ct) =>
        {
            var retract = await ReadBodyAsync<RetractRequest>(request, ct);
            if (retract.SignalIds is null || retract.SignalIds.Count == 0) throw new BadHttpRequestException("signalIds is empty: name the signals to retract");
            return Results.Ok(await api.RetractAsync(retract, ct));
        });
        app.MapPost("/ingest", IngestUploadAsync);

        app.MapGet("/alerts", (long? since, int? limit, string? company, DateOnly? asOf, IAgentWatchApi api, CancellationToken ct) =>
            api.GetAlertsAsync(new AlertQuery(since ?? 0, Math.Clamp(limit ?? 1000, 1, 10_000), company, asOf), ct));
        app.MapGet("/alerts/stream", (HttpRequest request, long? since, IAgentWatchApi api, IHostApplicationLifetime lifetime, CancellationToken ct) =>
        {
            // A reconnecting EventSource sends the last id it saw; it wins over the query string.
            var after = long.TryParse(request.Headers["Last-Event-ID"], out var lastId) ? lastId : since ?? 0;
            // End the stream when the silo stops, or shutdown would wait for every subscriber to hang up.
            return TypedResults.ServerSentEvents(AlertEvents(api, after, ct, lifetime.ApplicationStopping));
        });

        app.MapPost("/alerts/{id}/ack", async (string id, HttpRequest request, IAgentWatchApi api, CancellationToken ct) =>
        {
            // A body is optional (curl -X POST with none); a client may send one chunked, without a length.
            var body = request.HasJsonContentType() ? await ReadBodyAsync<AckRequest>(request, ct) : new AckRequest(null);
            return await api.AcknowledgeAsync(id, body.Note, ct) is { } ack ? Results.Ok(ack) : NotFound($"No alert '{id}'.");
        });
        app.MapGet("/rules", (IAgentWatchApi api, CancellationToken ct) => api.GetRulesAsync(ct));
        app.MapPut("/rules/{id}", async (string id, HttpRequest request, IAgentWatchApi api, CancellationToken ct) =>
        {
            var limit = await ReadBodyAsync<LimitRequest>(request, ct);
            return Results.Ok(await api.SetRuleLimitAsync(id, limit.Frequency, limit.MaxPerHour, ct));
        });
        app.MapGet("/mutes", (IAgentWatchApi api, CancellationToken ct) => api.GetMutesAsync(ct));
        app.MapPost("/mutes", async (HttpRequest request, IAgentWatchApi api, CancellationToken ct) =>
        {
            var mute = await ReadBodyAsync<MuteRequest>(request, ct);
            if (string.IsNullOrWhiteSpace(mute.Value)) throw new BadHttpRequestException("value is empty: a ticker (scope company) or a rule id (scope rule)");
            return Results.Ok(await api.MuteAsync(mute.Scope, mute.Value, mute.For ?? TimeSpan.FromHours(24), mute.Reason, ct));
        });
        app.MapDelete("/mutes/{scope}/{value}", async (string scope, string value, IAgentWatchApi api, CancellationToken ct) =>
        {
            if (!Enum.TryParse<MuteScope>(scope, ignoreCase: true, out var parsed) || int.TryParse(scope, out _))
                throw new BadHttpRequestException($"scope '{scope}' is neither company nor rule");
            return await api.UnmuteAsync(parsed, value, ct) ? Results.Ok(new { ended = true }) : NotFound($"No {scope.ToLowerInvariant()} mute of '{value}' in force.");
        });

        app.MapGet("/market/capex/{year:int}", (int year, DateOnly? asOf, IAgentWatchApi api, CancellationToken ct) => api.GetCapexLeaderboardAsync(year, asOf, ct));
        app.MapGet("/market/financing", (DateOnly? asOf, IAgentWatchApi api, CancellationToken ct) => api.GetFinancingGraphAsync(asOf, ct));
        app.MapGet("/filers/{key}", async (string key, DateOnly? asOf, IAgentWatchApi api, CancellationToken ct) =>
            await api.GetFilerAsync(key, asOf, ct) is { } filer ? Results.Ok(filer) : NotFound($"No filer '{key}'."));

        app.MapPost("/ask", async (HttpRequest request, IAgentWatchApi api, CancellationToken ct) =>
        {
            var ask = await ReadBodyAsync<AskRequest>(request, ct);
            if (string.IsNullOrWhiteSpace(ask.Question)) throw new BadHttpRequestException("question is empty");
            if (ask.Question.Length > 2000) throw new BadHttpRequestException("question is longer than 2000 characters");
            return Results.Ok(await api.AskAsync(ask.Question, ask.AsOf, ct));
        });
        // The same, as JSON Lines written as the answer is: pieces of a model's text, then the checked answer.
        app.MapPost("/ask/stream", async (HttpContext context, IAgentWatchApi api, CancellationToken ct) =>
        {
            var ask = await ReadBodyAsync<AskRequest>(context.Request, ct);
            if (string.IsNullOrWhiteSpace(ask.Question)) throw new BadHttpRequestException("question is empty");
            if (ask.Question.Length > 2000) throw new BadHttpRequestException("question is longer than 2000 characters");
            context.Response.ContentType = "application/x-ndjson; charset=utf-8";
            await foreach (var update in api.AskStreamingAsync(ask.Question, ask.AsOf, ct))
            {
                await context.Response.WriteAsync(JsonSerializer.Serialize(update, AgentWatchJson.Options) + "\n", ct);
                await context.Response.Body.FlushAsync(ct);
            }
        });
        app.MapGet("/brief", (string? period, DateOnly? asOf, IAgentWatchApi api, CancellationToken ct) =>
            api.GetBriefAsync(ParsePeriod(period), asOf, ct));
        app.MapGet("/risk", (DateOnly? asOf, IAgentWatchApi api, CancellationToken ct) => api.GetBubbleRiskAsync(asOf, ct));
        app.MapGet("/runs", (int? limit, string? agent, IAgentWatchApi api, CancellationToken ct) =>
            api.GetRunsAsync(new RunQuery(limit is > 0 and <= 1000 ? limit.Value : limit is null ? 20 : throw new BadHttpRequestException($"limit must be 1 to 1000, not {limit}."), agent), ct));
        app.MapGet("/runs/{id}", async (string id, IAgentWatchApi api, CancellationToken ct) =>
            await api.GetRunAsync(id, ct) is { } run ? Results.Ok(run) : NotFound($"No agent run '{id}'; run ids look like run-42 (agentwatch runs lists them)."));
        app.MapGet("/cluster", (bool? all, IAgentWatchApi api, CancellationToken ct) => api.GetClusterAsync(all == true, ct));
        app.MapGet("/webhooks", (IAgentWatchApi api, CancellationToken ct) => api.GetWebhooksAsync(ct));
        app.MapGet("/cluster/grains/{type}/{key}", (string type, string key, IAgentWatchApi api, CancellationToken ct) => api.LocateGrainAsync(type, key, ct));
        return app;
    }

    /// <summary>
    /// A file uploaded as the request body (<c>?name=</c> gives its file name, which with its first bytes tells the
    /// format), read the way <c>agentwatch ingest</c> reads a file: 13F, XBRL, feeds, price CSVs, earnings texts,
    /// signal files. The report places every problem at its line. The upload is kept only while it is read.
    /// </summary>
    private static async Task<IResult> IngestUploadAsync(HttpRequest request, string? name, IAgentWatchApi api, IConfiguration configuration,
        IServiceProvider services, Microsoft.Extensions.Options.IOptions<SiloOptions> silo, CancellationToken ct)
    {
        var fileName = Path.GetFileName(name ?? "");
        if (fileName.Length == 0 || fileName.Length > 200 || fileName.StartsWith('.'))
            throw new BadHttpRequestException("give the file's name as ?name= (e.g. ?name=NVDA.csv or ?name=primary_doc.xml): the name and first bytes tell its format");
        var folder = Path.Combine(silo.Value.DataDirectory, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, fileName);
            await using (var file = File.Create(path)) await request.Body.CopyToAsync(file, ct);
            var ingestor = new FileIngestor(api, FormatRegistry.CreateDefault(), IngestionSetup.Context(configuration, services));
            var report = await ingestor.IngestAsync([path], null, ct);
            // Places are given by file name, not by the silo's temporary folder.
            string Place(string where) => where.Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
            var placed = report with
            {
                Report = report.Report with { Issues = report.Report.Issues.Select(i => i with { Where = Place(i.Where) }).ToList() },
                SkippedFiles = report.SkippedFiles.Select(f => f with { Path = Place(f.Path) }).ToList(),
            };
            return Results.Ok(placed);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record AckRequest(string? Note);

    /// <summary>A rule's frequency ("PerPeriod" or "Daily") and throttle (alerts per company per hour, 0: none).</summary>
    private sealed record LimitRequest(AlertFrequency Frequency, int MaxPerHour);

    /// <summary>A mute: scope "company" or "rule", the ticker or rule id, how long ("02:00:00"; a day when left out), why.</summary>
    private sealed record MuteRequest(MuteScope Scope, string Value, TimeSpan? For, string? Reason);

    private static async IAsyncEnumerable<SseItem<string>> AlertEvents(IAgentWatchApi api, long after, [EnumeratorCancellation] CancellationToken ct, CancellationToken stopping)
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, stopping);
        var alerts = api.FollowAlertsAsync(after, both.Token).WithCancellation(both.Token).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                try
                {
                    if (!await alerts.MoveNextAsync()) yield break;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                var alert = alerts.Current;
                // A later revision of an alert already sent (an update, a withdrawal, a reinstatement) is an event of its own
                // type, so a page that listens only for new alerts is not shown one twice.
                yield return new SseItem<string>(JsonSerializer.Serialize(alert, options), alert.EntryKind) { EventId = alert.Sequence.ToString() };
            }
        }
        finally
        {
            await alerts.DisposeAsync();
        }
    }

    private static async Task<T> ReadBodyAsync<T>(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(ct) ?? throw new BadHttpRequestException("The request body is empty.");
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException($"The request body is not valid: {ex.Message}");
        }
    }

    private static SignalKind? ParseKind(string? kind) =>
        kind is null ? null
        : SignalKindNames.TryParse(kind, out var k) ? k
        : throw new BadHttpRequestException($"Unknown kind '{kind}'; use one of: {string.Join(", ", SignalKindNames.AllIds)}.");

    private static int ParseLimit(string? limit) =>
        limit is null ? PageRequest.DefaultLimit
        : int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PageRequest.MaxLimit ? n
        : throw new BadHttpRequestException($"limit must be a whole number from 1 to {PageRequest.MaxLimit} (default {PageRequest.DefaultLimit}), not '{limit}'.");

    private static BriefPeriod ParsePeriod(string? period) => period?.ToLowerInvariant() switch
    {
        null or "day" => BriefPeriod.Day,
        "week" => BriefPeriod.Week,
        _ => throw new BadHttpRequestException($"Unknown period '{period}'; use day or week."),
    };

    private static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>
    /// When the silo listens beyond loopback, every call but <c>/health</c> (Orleans' dashboard included) must carry the API
    /// key, in <c>X-Api-Key</c> or as <c>Authorization: Bearer KEY</c> (what a reverse proxy or a browser extension sends).
    /// The comparison is of fixed-length hashes in constant time, so timing reveals nothing about the key.
    /// </summary>
    public static IApplicationBuilder UseApiKey(this IApplicationBuilder app, string apiKey)
    {
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals("/health", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }
            var presented = PresentedKey(context.Request);
            var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
            if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await Results.Problem($"This silo requires an API key, in the {ApiKeyHeader} header or as Authorization: Bearer.", statusCode: 401, title: "Unauthorized").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
    }

    private static string PresentedKey(HttpRequest request)
    {
        var header = request.Headers[ApiKeyHeader].ToString();
        if (header.Length > 0) return header;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
    }

    public static bool IsLoopback(string bind) =>
        bind is "localhost" || (IPAddress.TryParse(bind, out var ip) && IPAddress.IsLoopback(ip));
}

/// <summary>Turns exceptions into problem details: bad input is the caller's (4xx), the rest is ours (500).</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException b => (b.StatusCode, "Bad request"),
            AmbiguousNameException => (StatusCodes.Status409Conflict, "Ambiguous name"),
            UnknownCompanyException => (StatusCodes.Status404NotFound, "Unknown company"),
            ArgumentException or FormatException or JsonException => (StatusCodes.Status400BadRequest, "Bad request"),
            TimeoutException => (StatusCodes.Status504GatewayTimeout, "Timed out"),
            _ when Client.ClientErrors.IsClusterFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "Cluster changing"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };
        if (status >= 500) logger.LogError(exception, "Request {Path} failed", context.Request.Path);
        context.Response.StatusCode = status;
        // The cluster's failures are told in words; Orleans' own messages name its types and internals.
        var detail = status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout ? Client.ClientErrors.Describe(exception) : exception.Message;
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path };
        if (exception is AmbiguousNameException a) details.Extensions["candidates"] = a.Candidates;
        if (exception is UnknownCompanyException u) details.Extensions["closest"] = u.Closest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
