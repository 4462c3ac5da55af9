using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Silo;

/// <summary>Alerts pushed to HTTP endpoints (configuration section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    public List<WebhookSubscription> Subscriptions { get; set; } = [];

    /// <summary>The wait after a first failure; it doubles with each failure in a row, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a receiver has to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> Validate()
    {
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff) yield return "Webhooks:InitialBackoff must be positive and Webhooks:MaxBackoff at least as long";
        if (Timeout <= TimeSpan.Zero) yield return "Webhooks:Timeout must be positive";
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Subscriptions.Count; i++)
        {
            var s = Subscriptions[i];
            var where = $"Webhooks:Subscriptions:{i}";
            if (string.IsNullOrWhiteSpace(s.Name) || !s.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                yield return $"{where}:Name '{s.Name}' must be letters, digits, '-' or '_'";
            else if (!names.Add(s.Name)) yield return $"{where}:Name '{s.Name}' is used twice";
            if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) yield return $"{where}:Url '{s.Url}' is not an http or https URL";
            if (s.Format is not ("json" or "slack")) yield return $"{where}:Format '{s.Format}' must be json or slack";
        }
    }
}

/// <summary>
/// One receiver of alerts, with filters: only alerts about these companies, of these rules, at or above this severity
/// (empty: all). <see cref="Secret"/> signs each body (HMAC-SHA256, header <c>X-AgentWatch-Signature: sha256=HEX</c>);
/// keep it out of config files: <c>AGENTWATCH_Webhooks__Subscriptions__0__Secret</c>.
/// </summary>
public sealed class WebhookSubscription
{
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string? Secret { get; set; }
    public List<string> Companies { get; set; } = [];
    public List<string> Rules { get; set; } = [];
    public AlertSeverity MinSeverity { get; set; } = AlertSeverity.Info;

    /// <summary>Also deliver the alerts raised before the subscription was first used; by default a new receiver gets only new ones.</summary>
    public bool FromStart { get; set; }

    /// <summary>"json": the alert as the API gives it; "slack": <c>{"text": …}</c>, which Slack's incoming webhooks (and Mattermost, Teams' Slack-compatible ones) show.</summary>
    public string Format { get; set; } = "json";

    public bool Matches(Alert alert) =>
        alert.Severity >= MinSeverity
        && (Companies.Count == 0 || Companies.Contains(alert.Company, StringComparer.OrdinalIgnoreCase))
        && (Rules.Count == 0 || Rules.Contains(alert.Rule, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// Delivers alerts to the configured webhooks, each subscription in stream order from where it left off, on every
/// serving silo (the subscription's grain leases each alert to one silo at a time). A receiver that fails (an error, a
/// non-2xx answer, no answer in time) gets the same alert again after a backoff that doubles; the alerts behind it
/// wait, so they arrive in order. What was acknowledged is written before the next alert is tried; after a restart,
/// delivery resumes from there.
/// </summary>
internal sealed class WebhookService(
    IOptions<WebhookOptions> options, IGrainFactory grains, AlertLog alerts, DomainMetrics metrics, TimeProvider time, ILogger<WebhookService> logger) : BackgroundService
{
    public const string SignatureHeader = "X-AgentWatch-Signature";
    public const string DeliveryHeader = "X-AgentWatch-Delivery";

    /// <summary>What the delivery says about its alert (<see cref="Alert.EntryKind"/>): alert, alert-updated, alert-withdrawn, alert-reinstated.</summary>
    public const string EventHeader = "X-AgentWatch-Event";
    private readonly string _claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>
    /// A new subscription starts after the alerts already in the log, fixed here, before the silo reports itself
    /// started: were it fixed when delivery begins, alerts raised in between would be skipped.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in options.Value.Subscriptions.Where(s => !s.FromStart))
            await grains.GetGrain<IWebhookGrain>(subscription.Name).StartAfterAsync(await alerts.GetLastSequenceAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.Subscriptions.Count == 0) return;
        using var http = new HttpClient { Timeout = o.Timeout };
        await Task.WhenAll(o.Subscriptions.Select(s => RunAsync(s, http, o, stoppingToken))).ConfigureAwait(false);
    }

    private async Task RunAsync(WebhookSubscription subscription, HttpClient http, WebhookOptions o, CancellationToken stoppingToken)
    {
        var grain = grains.GetGrain<IWebhookGrain>(subscription.Name);
        // Longer than a delivery can take, so a working silo keeps its claim; a dead one's claim runs out.
        var lease = o.Timeout * 2 + TimeSpan.FromSeconds(10);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var position = (await grain.GetStatusAsync()).Position;
                await foreach (var alert in alerts.FollowAsync(position, stoppingToken).ConfigureAwait(false))
                    await CatchUpAsync(subscription, grain, http, o, alert.Sequence, lease, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Webhook {Name} stopped following alerts; it starts again in 5 s", subscription.Name);
                try { await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task CatchUpAsync(WebhookSubscription subscription, IWebhookGrain grain, HttpClient http, WebhookOptions o, long upTo, TimeSpan lease, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = await grain.ClaimNextAsync(upTo, _claimant, lease);
            if (next is null)
            {
                var status = await grain.GetStatusAsync();
                if (status.Position >= upTo) return;
                // Another silo holds it, or a retry is not due yet.
                var wait = status.NextAttemptAt is { } due ? due - time.GetUtcNow() : TimeSpan.FromSeconds(1);
                await Task.Delay(wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait > TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            var alert = (await alerts.ReadAsync(next.Value - 1, 1, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
            // A muted company or rule is kept out of every webhook while the mute is in force.
            var muted = alert is not null && (await grains.GetGrain<IAlertDeskGrain>(IAlertDeskGrain.Key).GetAsync(time.GetUtcNow())).IsMuted(alert, time.GetUtcNow());
            if (alert is null || muted || !subscription.Matches(alert))
            {
                await grain.CompleteAsync(next.Value, _claimant, delivered: false);
                continue;
            }
            var error = await SendAsync(subscription, http, alert, cancellationToken).ConfigureAwait(false);
            metrics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>(TelemetryNames.Attributes.Subscription, subscription.Name), new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, error is null ? "delivered" : "failed"));
            if (error is null)
            {
                await grain.CompleteAsync(next.Value, _claimant, delivered: true);
                continue;
            }
            var failures = (await grain.GetStatusAsync()).Failures + 1;
            var backoff = TimeSpan.FromTicks(Math.Min(o.MaxBackoff.Ticks, o.InitialBackoff.Ticks * (1L << Math.Min(failures - 1, 30))));
            logger.LogWarning("Webhook {Name}: alert #{Sequence} not delivered ({Error}); failure {Failures} in a row, trying again in {Backoff}",
                subscription.Name, alert.Sequence, error, failures, backoff);
            await grain.FailAsync(next.Value, _claimant, error, time.GetUtcNow() + backoff);
        }
    }

    /// <summary>Posts the alert; null when the receiver answered 2xx, else what went wrong.</summary>
    private static async Task<string?> SendAsync(WebhookSubscription subscription, HttpClient http, Alert alert, CancellationToken cancellationToken)
    {
        var body = Body(subscription, alert);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        // The alert's log entry, not its id: a later revision is a delivery of its own, which a receiver dropping repeats must keep.
        request.Headers.TryAddWithoutValidation(DeliveryHeader, AlertLog.EventIdOf(alert));
        request.Headers.TryAddWithoutValidation(EventHeader, alert.EntryKind);
        request.Headers.TryAddWithoutValidation("X-AgentWatch-Sequence", alert.Sequence.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(subscription.Secret)) request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(subscription.Secret, body));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException ex)
        {
            return ex.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {http.Timeout}";
        }
    }

    public static byte[] Body(WebhookSubscription subscription, Alert alert) => subscription.Format == "slack"
        ? JsonSerializer.SerializeToUtf8Bytes(new { text = alert.Event switch { AlertEvent.Withdrawn => "WITHDRAWN (its signals were retracted): ", AlertEvent.Reinstated => "RAISED AGAIN: ", _ => "" } +
                                                       $"*[{alert.Severity.ToString().ToLowerInvariant()}] {alert.Company}* {alert.Rule}{(alert is { Revision: > 0, Event: AlertEvent.Raised } ? " (updated)" : "")}: {alert.Rationale}" + (alert.Explanation is null ? "" : $"\n{alert.Explanation}") }, Json)
        : JsonSerializer.SerializeToUtf8Bytes(alert, Json);

    /// <summary>"sha256=" and the lower-case hex HMAC-SHA256 of the body under the secret: what a receiver recomputes and compares.</summary>
    public static string Sign(string secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static JsonSerializerOptions CreateJson()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HttpApi.Configure(o);
        return o;
    }
}
