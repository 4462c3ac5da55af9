using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AgentWatch.Ingestion.Polling;
using AgentWatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// Polling configured URLs against a real HTTP server on loopback: User-Agent, conditional requests, backoff on 429
/// and 5xx with Retry-After, the per-second budget on rate-limited hosts, state kept across restarts, and the silo's
/// polling service end to end.
/// </summary>
public sealed class PollingTests
{
    private const string UserAgent = "AgentWatch tests tests@example.com";
    private static readonly string Feed = Path.Combine(FixtureTests.Root, "feeds", "sec_edgar_getcompany_atom_KeenVision_1889983.xml");

    private static PollingOptions Options(params string[] urls) => new()
    {
        Enabled = true,
        UserAgent = UserAgent,
        Sources = urls.Select((u, i) => new PollSource { Url = u, Name = $"source{i}" }).ToList(),
        InitialBackoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(30),
    };

    private static FeedPoller Poller(EmbeddedSilo silo, HttpMessageHandler handler, PollingOptions options) =>
        new(handler, options, silo.Ingestor(), Path.Combine(silo.WorkDirectory, "polling"), TimeProvider.System, NullLogger.Instance);

    private static async Task ServeFeedAsync(HttpListenerContext ctx)
    {
        ctx.Response.Headers["ETag"] = "\"v1\"";
        ctx.Response.Headers["Last-Modified"] = "Fri, 24 Jan 2025 12:00:00 GMT";
        if (ctx.Request.Headers["If-None-Match"] == "\"v1\"")
        {
            ctx.Response.StatusCode = 304;
            return;
        }
        ctx.Response.ContentType = "application/atom+xml";
        await ctx.Response.OutputStream.WriteAsync(await File.ReadAllBytesAsync(Feed));
    }

    [Fact]
    public async Task A_feed_is_fetched_with_the_user_agent_ingested_and_then_asked_for_conditionally()
    {
        await using var server = LoopbackServer.Start((ctx, _) => ServeFeedAsync(ctx));
        await using var silo = await EmbeddedSilo.StartAsync();
        using var http = new SocketsHttpHandler();
        var options = Options(server.Url + "cgi-bin/browse-edgar?action=getcompany&CIK=1889983&output=atom");
        using var poller = Poller(silo, http, options);

        var first = await poller.PollAsync(options.Sources[0], default);

        Assert.Equal(PollOutcome.Fetched, first.Outcome);
        Assert.True(first.Report!.Report.New > 20 && first.Report.Report.Errors == 0, ReportAssert.Describe(first.Report));
        Assert.NotNull(await silo.Api.GetSignalAsync("filing-0001213900-25-006497"));
        // No extension in the URL: the content type made it .xml.
        Assert.True(File.Exists(Path.Combine(silo.WorkDirectory, "polling", "source0.xml")));

        var second = await poller.PollAsync(options.Sources[0], default);
        Assert.Equal(PollOutcome.NotModified, second.Outcome);
        Assert.Null(second.Report);

        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(UserAgent, r.Headers["User-Agent"]));
        Assert.Null(requests[0].Headers["If-None-Match"]);
        Assert.Equal("\"v1\"", requests[1].Headers["If-None-Match"]);
        Assert.Equal("Fri, 24 Jan 2025 12:00:00 GMT", requests[1].Headers["If-Modified-Since"]);

        // A new poller on the same folder (a restarted silo) still asks conditionally.
        using var restarted = Poller(silo, http, options);
        Assert.Equal(PollOutcome.NotModified, (await restarted.PollAsync(options.Sources[0], default)).Outcome);
        Assert.Equal("\"v1\"", server.Requests.Last().Headers["If-None-Match"]);
    }

    [Fact]
    public async Task Answers_429_and_5xx_back_off_doubling_and_honouring_retry_after_then_recover()
    {
        await using var server = LoopbackServer.Start(async (ctx, n) =>
        {
            switch (n)
            {
                case 1:
                    ctx.Response.StatusCode = 429;
                    ctx.Response.Headers["Retry-After"] = "5";
                    return;
                case 2:
                case 3:
                    ctx.Response.StatusCode = 503;
                    return;
                default:
                    await ServeFeedAsync(ctx);
                    return;
            }
        });
        await using var silo = await EmbeddedSilo.StartAsync();
        using var http = new SocketsHttpHandler();
        var options = Options(server.Url + "feed.xml");
        using var poller = Poller(silo, http, options);
        var source = options.Sources[0];

        var before = DateTimeOffset.UtcNow;
        var tooMany = await poller.PollAsync(source, default);
        Assert.Equal((PollOutcome.Failed, 429), (tooMany.Outcome, tooMany.Status));
        // Retry-After (5 s) is longer than the first backoff (1 s), so it wins.
        Assert.InRange(tooMany.NextDue - before, TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(7));
        Assert.Empty(await poller.PollDueAsync(default));

        before = DateTimeOffset.UtcNow;
        var unavailable = await poller.PollAsync(source, default);
        Assert.Equal(2, poller.StateOf(source)!.Failures);
        Assert.InRange(unavailable.NextDue - before, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(4));
        before = DateTimeOffset.UtcNow;
        var again = await poller.PollAsync(source, default);
        Assert.Equal(3, poller.StateOf(source)!.Failures);
        Assert.InRange(again.NextDue - before, TimeSpan.FromSeconds(3.9), TimeSpan.FromSeconds(6));

        var recovered = await poller.PollAsync(source, default);
        Assert.Equal(PollOutcome.Fetched, recovered.Outcome);
        Assert.Equal(0, poller.StateOf(source)!.Failures);
    }

    [Fact]
    public async Task Requests_to_a_rate_limited_host_are_spaced_to_its_budget()
    {
        // An empty feed: each fetch is quick, so without the budget six requests would go out within milliseconds.
        await using var server = LoopbackServer.Start(async (ctx, _) =>
        {
            ctx.Response.ContentType = "application/rss+xml";
            await ctx.Response.OutputStream.WriteAsync("<rss version=\"2.0\"><channel><title>empty</title></channel></rss>"u8.ToArray());
        });
        await using var silo = await EmbeddedSilo.StartAsync();
        // When each request is handed to the network, seen by the client: the server's view of arrivals shifts with
        // whatever delays it on a busy machine (a late arrival shortens the gap after it), the moment of sending does not.
        using var sent = new RecordingHandler { InnerHandler = new SocketsHttpHandler() };
        var options = Options(Enumerable.Range(0, 6).Select(i => $"{server.Url}feed{i}.xml").ToArray());
        options.RateLimitedHosts = ["127.0.0.1"];
        options.MaxRequestsPerSecond = 4;
        using var poller = Poller(silo, sent, options);
        var results = await poller.PollDueAsync(default);

        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Equal(PollOutcome.Fetched, r.Outcome));
        var times = sent.Sent.Select(s => s.At).Order().ToList();
        var gaps = times.Zip(times.Skip(1), (x, y) => y - x).ToList();
        // Four a second: 250 ms apart, less a little for the clock's resolution.
        Assert.All(gaps, g => Assert.True(g >= TimeSpan.FromMilliseconds(240), $"requests sent {g.TotalMilliseconds:0} ms apart"));
        Assert.Equal(6, server.Requests.Count);
    }

    /// <summary>Notes the moment each request is handed to the network.</summary>
    private sealed class RecordingHandler : DelegatingHandler
    {
        public ConcurrentQueue<(DateTimeOffset At, string Path)> Sent { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Enqueue((DateTimeOffset.UtcNow, request.RequestUri!.AbsolutePath));
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public void Polling_the_sec_without_a_user_agent_is_a_configuration_error()
    {
        var options = Options("https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&output=atom");
        options.UserAgent = null;
        var problem = Assert.Single(options.Validate());
        Assert.Contains("User-Agent", problem);
        Assert.Contains("Ingestion:Polling:UserAgent", problem);

        options.UserAgent = UserAgent;
        options.Sources.Add(new PollSource { Url = "ftp://example.com/x" });
        Assert.Contains("is not an http or https URL", Assert.Single(options.Validate()));
    }

    [Fact]
    public async Task A_silo_with_polling_enabled_fetches_its_sources_and_stores_the_signals()
    {
        await using var server = LoopbackServer.Start((ctx, _) => ServeFeedAsync(ctx));
        await using var silo = await EmbeddedSilo.StartAsync(_ => new Dictionary<string, string?>
        {
            ["Ingestion:Polling:Enabled"] = "true",
            ["Ingestion:Polling:UserAgent"] = UserAgent,
            ["Ingestion:Polling:Sources:0:Url"] = server.Url + "keenvision.xml",
        }, serve: true);
        await Eventually.WaitForAsync(async () => await silo.Api.GetSignalAsync("filing-0001213900-25-006497") is not null, "the polled feed's filings");
        Assert.Equal(UserAgent, server.Requests.First().Headers["User-Agent"]);
    }
}
