using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentWatch.Abstractions.Api;
using AgentWatch.Client;

namespace AgentWatch.Silo.Tests;

/// <summary>The HTTP API through a real Kestrel on loopback, with the built-in dataset loaded.</summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private SiloHost _silo = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _silo = await Silos.StartAsync(_temp.Sub("data"));
        _http = new HttpClient { BaseAddress = new Uri(_silo.Url! + "/") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_silo_binds_to_loopback_and_a_new_data_directory_is_loaded_with_the_built_in_dataset()
    {
        Assert.StartsWith("http://127.0.0.1:", _silo.Url);
        Assert.True(_silo.Startup.Seeded!.New > 100);
        var health = await _http.GetFromJsonAsync<JsonElement>("health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        var status = await _http.GetFromJsonAsync<JsonElement>("status");
        Assert.True(status.GetProperty("lastAlertSequence").GetInt64() >= 10);
    }

    [Fact]
    public async Task A_company_is_found_by_name_and_its_figures_carry_dates_and_sources()
    {
        var view = await _http.GetFromJsonAsync<JsonElement>("companies/Nvidia");
        Assert.Equal("NVDA", view.GetProperty("snapshot").GetProperty("profile").GetProperty("ticker").GetString());
        var current = view.GetProperty("snapshot").GetProperty("current").EnumerateArray().ToList();
        Assert.Contains(current, s => s.GetProperty("kind").GetString() == "market-cap-move");
        Assert.All(current, s => Assert.EndsWith(".txt", s.GetProperty("source").GetProperty("file").GetString()));
        Assert.Contains(view.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("rule").GetString() == "export-control");
    }

    [Fact]
    public async Task Errors_are_problem_details_naming_what_was_wrong()
    {
        var notFound = await _http.GetAsync("companies/NoSuchCo");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("application/problem+json", notFound.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NoSuchCo", (await notFound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var badKind = await _http.GetAsync("signals?kind=capex-guess");
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("capex-guess", await badKind.Content.ReadAsStringAsync());

        var badBody = await _http.PostAsync("signals", new StringContent("[{\"kind\":\"capex\",\"id\":\"x\"", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal("application/problem+json", badBody.Content.Headers.ContentType?.MediaType);

        var badDate = await _http.GetAsync("alerts?asOf=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
    }

    [Fact]
    public async Task Ask_answers_with_evidence_and_as_of_hides_what_was_not_known_yet()
    {
        var now = await (await _http.PostAsJsonAsync("ask", new { question = "What is Amazon's capex guidance for 2026?" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(now.GetProperty("answered").GetBoolean());
        Assert.Contains("$200 billion", now.GetProperty("text").GetString());
        Assert.Contains(now.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("signalId").GetString() == "seed-002-amzn-capex-guidance-fy2026");

        var before = await (await _http.PostAsJsonAsync("ask", new { question = "What is Amazon's capex guidance for 2026?", asOf = "2026-01-31" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain("$200 billion", before.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Every_answer_is_a_recorded_run_that_the_api_lists_and_shows()
    {
        var answer = await (await _http.PostAsJsonAsync("ask", new { question = "Who is betting against Palantir?" })).Content.ReadFromJsonAsync<JsonElement>();
        var runId = answer.GetProperty("runId").GetString()!;
        Assert.Matches("^run-[0-9]+$", runId);

        var runs = await _http.GetFromJsonAsync<JsonElement>("runs?limit=5&agent=analyst");
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("id").GetString() == runId);
        var run = await _http.GetFromJsonAsync<JsonElement>($"runs/{runId}");
        Assert.Equal("Who is betting against Palantir?", run.GetProperty("input").GetString());
        Assert.Equal("PLTR", run.GetProperty("companies")[0].GetString());
        Assert.Contains(run.GetProperty("toolCalls").EnumerateArray(), c => c.GetProperty("result").GetString()!.Contains("912000000", StringComparison.Ordinal));
        Assert.Equal(answer.GetProperty("text").GetString(), run.GetProperty("output").GetString());

        var missing = await _http.GetAsync("runs/run-999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("run-999999", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync("runs?limit=0")).StatusCode);
    }

    [Fact]
    public async Task The_risk_view_is_a_score_with_factors_that_rest_on_signals()
    {
        var risk = await _http.GetFromJsonAsync<JsonElement>("risk");
        var factors = risk.GetProperty("factors").EnumerateArray().ToList();
        Assert.Equal(5, factors.Count);
        Assert.Equal(factors.Sum(f => f.GetProperty("points").GetInt32()), risk.GetProperty("score").GetInt32());
        Assert.Contains(factors, f => f.GetProperty("evidence").EnumerateArray().Any(e => e.GetProperty("signalId").GetString() == "seed-003-pltr-pe"));
        var run = await _http.GetFromJsonAsync<JsonElement>($"runs/{risk.GetProperty("runId").GetString()}");
        Assert.Equal("skeptic", run.GetProperty("agent").GetString());
    }

    [Fact]
    public async Task The_alert_stream_resumes_after_the_last_event_id_and_pushes_new_alerts_live()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "alerts/stream");
        request.Headers.Add("Last-Event-ID", "10");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var ids = new List<long>();
        async Task ReadEventsAsync(int count)
        {
            while (ids.Count < count)
            {
                var line = await reader.ReadLineAsync(timeout.Token);
                if (line?.StartsWith("id: ", StringComparison.Ordinal) == true) ids.Add(long.Parse(line[4..]));
            }
        }
        var last = (await _silo.Api.GetStatusAsync()).LastAlertSequence;
        await ReadEventsAsync((int)(last - 10));
        Assert.Equal(Enumerable.Range(11, (int)(last - 10)).Select(i => (long)i), ids);

        var report = await _silo.Api.IngestAsync([Silos.HighPe("sse-test", "ORCL", 250)]);
        Assert.Single(report.AlertIds);
        await ReadEventsAsync((int)(last - 10) + 1);
        Assert.Equal(last + 1, ids[^1]);
    }
}

/// <summary>The typed client, including a subscription that survives a silo restart.</summary>
public sealed class ClientTests
{
    [Fact]
    public async Task A_client_subscription_resumes_after_a_silo_restart_missing_nothing_and_repeating_nothing()
    {
        using var temp = new TempFolder();
        var silo = await Silos.StartAsync(temp.Sub("data"));
        var port = new Uri(silo.Url!).Port;
        using var client = new AgentWatchClient(new Uri(silo.Url!)) { MaxReconnectDelay = TimeSpan.FromMilliseconds(300) };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var initial = (await client.GetStatusAsync(cts.Token)).LastAlertSequence;

        var received = new List<long>();
        var gotInitial = new TaskCompletionSource();
        var done = new TaskCompletionSource();
        var subscriber = Task.Run(async () =>
        {
            await foreach (var alert in client.FollowAlertsAsync(0, cts.Token))
            {
                received.Add(alert.Sequence);
                if (alert.Sequence == initial) gotInitial.TrySetResult();
                if (alert.Sequence == initial + 2) { done.TrySetResult(); break; }
            }
        });
        await gotInitial.Task.WaitAsync(cts.Token);

        // An alert while the subscriber is connected, then the silo goes away and comes back with another.
        await client.IngestAsync([Silos.HighPe("restart-1", "ORCL", 200)], cts.Token);
        await silo.DisposeAsync();
        silo = await Silos.StartAsync(temp.Sub("data"), port: port);
        await using (silo)
        {
            await silo.Api.IngestAsync([Silos.HighPe("restart-2", "AMD", 300)], cts.Token);
            await done.Task.WaitAsync(cts.Token);
            await subscriber;
        }
        Assert.Equal(Enumerable.Range(1, (int)initial + 2).Select(i => (long)i), received);
    }

    [Fact]
    public async Task An_ambiguous_name_comes_back_as_an_ambiguity_with_the_candidates()
    {
        using var temp = new TempFolder();
        var config = temp.Sub("config");
        Directory.CreateDirectory(config);
        await File.WriteAllTextAsync(Path.Combine(config, "watchlist.json"),
            """{ "Watchlist": { "Companies": { "AMD": { "Aliases": [ "Chipco" ] }, "MU": { "Aliases": [ "Chipco" ] } } } }""");
        await using var silo = await Silos.StartAsync(temp.Sub("data"), configDirectory: config);
        using var client = new AgentWatchClient(new Uri(silo.Url!));
        var ex = await Assert.ThrowsAsync<AmbiguousNameException>(() => client.GetCompanyAsync("chipco", null));
        Assert.Equal(["AMD", "MU"], ex.Candidates);
        var answer = await client.AskAsync("What is Chipco's capex?", null);
        Assert.False(answer.Answered);
        Assert.Contains("AMD", answer.Text);
        Assert.Contains("MU", answer.Text);
    }
}

/// <summary>Secure defaults: loopback, an API key beyond it, one silo per data directory.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task A_silo_refuses_to_listen_beyond_loopback_without_an_api_key()
    {
        using var temp = new TempFolder();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Silos.StartAsync(temp.Sub("data"), new() { ["Silo:Bind"] = "0.0.0.0" }));
        Assert.Contains("Silo:ApiKey", ex.Message);
        Assert.False(File.Exists(Path.Combine(temp.Sub("data"), "agentwatch.db")), "nothing should be created for a silo that did not start");
    }

    [Fact]
    public async Task With_an_api_key_every_call_but_health_needs_it()
    {
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new() { ["Silo:Bind"] = "0.0.0.0", ["Silo:ApiKey"] = "s3cret-key", ["Silo:SeedOnFirstStart"] = "false" });
        var url = new Uri($"http://127.0.0.1:{new Uri(silo.Url!.Replace("0.0.0.0", "127.0.0.1")).Port}/");
        using var anonymous = new HttpClient { BaseAddress = url };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("health")).StatusCode);
        var refused = await anonymous.GetAsync("status");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("X-Api-Key", await refused.Content.ReadAsStringAsync());

        using var wrong = new AgentWatchClient(url, "s3cret-kez");
        var ex = await Assert.ThrowsAsync<AgentWatchApiException>(() => wrong.GetStatusAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, ex.Status);

        using var right = new AgentWatchClient(url, "s3cret-key");
        Assert.NotNull(await right.GetStatusAsync());
    }

    [Fact]
    public async Task Orleans_dashboard_is_served_under_orleans_behind_the_same_key_as_the_api()
    {
        using var temp = new TempFolder();
        await using (var open = await Silos.StartAsync(temp.Sub("open"), new() { ["Silo:SeedOnFirstStart"] = "false" }))
        {
            using var local = new HttpClient { BaseAddress = new Uri(open.Url! + "/") };
            Assert.Contains("<title>Orleans Dashboard</title>", await local.GetStringAsync("orleans/"));
            // The AgentWatch dashboard links to it.
            Assert.Contains("href=\"/orleans/\"", await local.GetStringAsync(""));
        }

        await using var silo = await Silos.StartAsync(temp.Sub("keyed"), new() { ["Silo:Bind"] = "0.0.0.0", ["Silo:ApiKey"] = "s3cret-key", ["Silo:SeedOnFirstStart"] = "false" });
        var url = new Uri($"http://127.0.0.1:{new Uri(silo.Url!.Replace("0.0.0.0", "127.0.0.1")).Port}/");
        using var anonymous = new HttpClient { BaseAddress = url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("orleans/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("orleans/DashboardCounters")).StatusCode);
        foreach (var (header, value) in new[] { ("X-Api-Key", "s3cret-key"), ("Authorization", "Bearer s3cret-key") })
        {
            using var keyed = new HttpClient { BaseAddress = url };
            keyed.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
            // Orleans' own view of the cluster (refreshed by its dashboard grain every second): this silo.
            await AgentWatch.Testing.Eventually.WaitForAsync(async () =>
            {
                var counters = await keyed.GetAsync("orleans/DashboardCounters");
                Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
                return (await counters.Content.ReadAsStringAsync()).Contains(silo.SiloAddress, StringComparison.Ordinal);
            }, "Orleans' dashboard lists the silo");
            Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("status")).StatusCode);
        }
        using var wrongBearer = new HttpClient { BaseAddress = url };
        wrongBearer.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer s3cret-kez");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongBearer.GetAsync("orleans/")).StatusCode);
    }

    [Fact]
    public async Task Silo_and_gateway_endpoints_beyond_loopback_need_the_cluster_certificate()
    {
        using var temp = new TempFolder();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Silos.StartAsync(temp.Sub("data"), new() { ["Cluster:Bind"] = "0.0.0.0" }));
        Assert.Contains("Cluster:Certificate", ex.Message);
        Assert.False(File.Exists(Path.Combine(temp.Sub("data"), "agentwatch.db")), "nothing should be created for a silo that did not start");
    }

    [Fact]
    public async Task With_the_cluster_certificate_only_clients_holding_it_connect()
    {
        using var temp = new TempFolder();
        var certificate = Certificates.Write(temp.Sub("certs"), "cluster.pfx", "pw-1");
        var other = Certificates.Write(temp.Sub("certs"), "other.pfx", "pw-2");
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new()
        {
            ["Silo:SeedOnFirstStart"] = "false",
            ["Cluster:Bind"] = "0.0.0.0",
            ["Cluster:Certificate"] = certificate,
            ["Cluster:CertificatePassword"] = "pw-1",
        });
        var database = Client.ClusterDatabase.For(silo.Options.ClusterMode, silo.Options.DatabasePath);
        await using (var holder = await Client.ClusterConnection.ConnectAsync(new(database, new Client.ClusteringOptions { Certificate = certificate, CertificatePassword = "pw-1" }), CancellationToken.None))
            Assert.Equal(silo.SiloAddress, (await holder.Api.GetStatusAsync()).SiloId);

        // A client with another certificate, or none, never gets a call through.
        foreach (var cluster in new[] { new Client.ClusteringOptions { Certificate = other, CertificatePassword = "pw-2" }, new Client.ClusteringOptions() })
        {
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var stranger = await Client.ClusterConnection.ConnectAsync(new(database, cluster) { ResponseTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
                await stranger.Api.GetStatusAsync();
            });
        }
    }

    [Fact]
    public async Task A_second_silo_on_the_same_data_directory_is_refused_and_told_where_the_first_one_is()
    {
        using var temp = new TempFolder();
        await using var first = await Silos.StartAsync(temp.Sub("data"), new() { ["Silo:SeedOnFirstStart"] = "false" });
        var ex = await Assert.ThrowsAsync<SiloLockedException>(() => Silos.StartAsync(temp.Sub("data")));
        Assert.Equal(first.Url, ex.Holder?.Url);
        Assert.Contains($"--silo {first.Url}", ex.Message);
    }
}

/// <summary>The daily brief is written on a durable reminder.</summary>
public sealed class DailyBriefTests
{
    [Fact]
    public async Task The_daily_brief_reminder_writes_the_brief_into_the_data_directory()
    {
        using var temp = new TempFolder();
        // Far enough ahead that a slow start (seeding on a busy machine) is over before the time comes: a time already
        // past when the reminder is scheduled means tomorrow.
        var at = DateTime.UtcNow.AddSeconds(10);
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new() { ["Brief:Daily"] = "true", ["Brief:DailyAtUtc"] = at.ToString("HH:mm:ss") });
        var briefs = Path.Combine(temp.Sub("data"), "briefs");
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline && !(Directory.Exists(briefs) && Directory.EnumerateFiles(briefs, "brief-*.md").Any()))
            await Task.Delay(200);
        var file = Assert.Single(Directory.EnumerateFiles(briefs, "brief-*.md"));
        var markdown = await File.ReadAllTextAsync(file);
        Assert.Contains("# AgentWatch brief", markdown);
        Assert.Contains("## Capex league table", markdown);
        Assert.Contains("seed-002-amzn-capex-guidance-fy2026", markdown);
    }
}
