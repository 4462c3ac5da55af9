using System.Diagnostics;
using System.Net;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Client;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Runtime.Http;
using AgentWatch.Storage.Sqlite;
using AgentWatch.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Benchmarks;

/// <summary>
/// Three silos: calls between them over HTTP/2, ingestion through three silo processes on PostgreSQL, and the time
/// from kill -9 of a silo to the first successful call on a grain it held.
/// </summary>
public static class ClusterBenchmarks
{
    /// <param name="part">"calls", "ingest", "failover", or null for all three.</param>
    public static async Task RunAsync(bool quick, string? part)
    {
        if (part is null or "calls") await CrossSiloCallsAsync(quick);
        if (part is "calls") return;
        if (!PostgresServer.Installed)
        {
            Console.WriteLine("PostgreSQL is not installed (no initdb), so ingestion on PostgreSQL is not measured; failover is measured on shared SQLite only.");
            Console.WriteLine();
        }
        await using var postgres = PostgresServer.Installed ? await PostgresServer.StartAsync() : null;
        if (postgres is not null && part is null or "ingest") await IngestOnPostgresAsync(quick, postgres);
        if (part is null or "failover") await FailoverAsync(quick, postgres);
    }

    /// <summary>
    /// Three silos in this process, each with its own runtime, Kestrel endpoint and HTTP/2 client, sharing a SQLite
    /// file for membership and directory. Calls start on one silo and go to grains the others hold, so every call is a
    /// serialized request and response over loopback HTTP/2.
    /// </summary>
    private static async Task CrossSiloCallsAsync(bool quick)
    {
        Console.WriteLine("## Calls between silos");
        Console.WriteLine();
        var dir = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var silos = new List<WebApplication>();
        try
        {
            for (var i = 0; i < 3; i++) silos.Add(await StartInProcessSiloAsync(Path.Combine(dir, "cluster.db")));
            var memberships = silos.Select(s => s.Services.GetRequiredService<ClusterMembership>()).ToList();
            while (memberships.Any(m => m.ActiveSilos.Count < 3)) await Task.Delay(100);

            var caller = silos[0].Services.GetRequiredService<IGrainFactory>();
            var live = memberships[0].ActiveSilos.ToList();
            var self = memberships[0].Self;
            var keys = Enumerable.Range(0, 100_000).Select(i => $"remote-{i}").Where(k => Placement.Choose(new GrainId("ping", k), live) != self).Take(1000).ToList();
            var refs = keys.Select(k => caller.GetGrain<IPingGrain>(k)).ToArray();
            await Task.WhenAll(refs.Select(r => r.PingAsync(0)));
            var held = silos.Select(s => s.Services.GetRequiredService<Runtime.Core.GrainRuntime>().ActivationCount).ToList();
            Console.WriteLine($"1,000 grains held by the two other silos ({held[1]:N0} and {held[2]:N0} activations; the calling silo holds {held[0]:N0}).");
            Console.WriteLine();

            Console.WriteLine("| callers × calls in flight | calls/s (median of trials) | range | p50 | p99 |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var (callers, window) in new[] { (1, 1), (16, 8), (64, 16) })
            {
                var duration = TimeSpan.FromSeconds(quick ? 1 : 3);
                await MeasureAsync(refs, callers, window, TimeSpan.FromSeconds(1), null); // warm-up
                var trials = new List<double>();
                var latencies = new List<double>();
                for (var t = 0; t < (quick ? 2 : 5); t++) trials.Add(await MeasureAsync(refs, callers, window, duration, latencies));
                trials.Sort();
                latencies.Sort();
                Console.WriteLine($"| {callers} × {window} | {trials[trials.Count / 2]:N0} | {trials[0]:N0}–{trials[^1]:N0} | {Percentile(latencies, 0.5):0.00} ms | {Percentile(latencies, 0.99):0.00} ms |");
            }
            Console.WriteLine();
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static async Task<WebApplication> StartInProcessSiloAsync(string database)
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddHttpClustering(new SiloEndpoint("127.0.0.1", port, null));
        builder.Services.AddGrainRuntime(b => b.AddGrains(typeof(PingGrain).Assembly));
        builder.Services.AddSqliteStorage(o => o.DatabasePath = database);
        var app = builder.Build();
        app.MapSiloEndpoint(port);
        await app.StartAsync();
        return app;
    }

    /// <summary>Calls per second; each caller keeps <paramref name="window"/> calls in flight. Records each call's time when asked.</summary>
    private static async Task<double> MeasureAsync(IPingGrain[] refs, int callers, int window, TimeSpan duration, List<double>? latencies)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new long[callers];
        var perCaller = new List<double>[callers];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = perCaller[c] = [];
            var i = c * 7919;
            var n = 0L;
            var calls = new Task<double>[window];
            while (Stopwatch.GetTimestamp() < stop)
            {
                for (var w = 0; w < window; w++) calls[w] = TimedAsync(refs[(i++ & int.MaxValue) % refs.Length], w);
                for (var w = 0; w < window; w++) mine.Add(await calls[w]);
                n += window;
            }
            counts[c] = n;
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (latencies is not null) foreach (var list in perCaller) latencies.AddRange(list);
        return counts.Sum() / seconds;

        static async Task<double> TimedAsync(IPingGrain grain, int value)
        {
            var begin = Stopwatch.GetTimestamp();
            await grain.PingAsync(value);
            return Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    /// <summary>Signals per second into three silo processes sharing a PostgreSQL database, posted over their HTTP APIs.</summary>
    private static async Task IngestOnPostgresAsync(bool quick, PostgresServer postgres)
    {
        Console.WriteLine("## Ingestion with three silos on PostgreSQL");
        Console.WriteLine();
        var work = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var connection = await postgres.CreateDatabaseAsync();
        var processes = new List<CliProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
                processes.Add(CliProcess.Start(work, "silo", "--port", "0", "--cluster", connection, "--data", $"data{i}"));
            var clients = processes.Select(p => new AgentWatchClient(new Uri(p.WaitForSiloUrl())) { RequestTimeout = TimeSpan.FromMinutes(2) }).ToList();
            while ((await clients[0].GetClusterAsync()).Silos.Count(s => s.Status == "active") < 3) await Task.Delay(200);

            const int batch = 2000;
            const int postersPerSilo = 2;
            async Task<double> RunAsync(List<Signal> all)
            {
                var batches = Enumerable.Range(0, (all.Count + batch - 1) / batch).Select(b => all.GetRange(b * batch, Math.Min(batch, all.Count - b * batch))).ToList();
                var next = -1;
                var sw = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, clients.Count * postersPerSilo).Select(async poster =>
                {
                    var client = clients[poster % clients.Count];
                    int b;
                    while ((b = Interlocked.Increment(ref next)) < batches.Count)
                    {
                        var report = await client.IngestAsync(batches[b]);
                        if (report.New != batches[b].Count) throw new InvalidOperationException($"batch {b}: {report.New} of {batches[b].Count} new; {string.Join("; ", report.Issues.Take(3).Select(x => x.Message))}");
                    }
                }));
                return all.Count / sw.Elapsed.TotalSeconds;
            }

            await RunAsync(Program.SyntheticSignals(quick ? 10_000 : 20_000, "warmup"));
            Console.WriteLine($"Batches of {batch:N0} signals posted to the three silos' HTTP APIs, {postersPerSilo} at a time per silo; PostgreSQL {ServerVersion(postgres)} on this machine with fsync on.");
            Console.WriteLine();
            Console.WriteLine("| signals | signals/s |");
            Console.WriteLine("|---|---|");
            var sizes = Environment.GetEnvironmentVariable("AGENTWATCH_BENCH_SIGNALS") is { } given ? [int.Parse(given)] : quick ? new[] { 20_000 } : new[] { 60_000, 120_000 };
            foreach (var total in sizes)
                Console.WriteLine($"| {total:N0} | {await RunAsync(Program.SyntheticSignals(total, $"bench{total}")):N0} |");
            Console.WriteLine();
            foreach (var c in clients) c.Dispose();
        }
        finally
        {
            foreach (var p in processes) await p.DisposeAsync();
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    private static string ServerVersion(PostgresServer postgres)
    {
        using var connection = new Npgsql.NpgsqlConnection(postgres.AdminConnectionString);
        connection.Open();
        return connection.PostgreSqlVersion.ToString();
    }

    /// <summary>
    /// Three silo processes; a company grain held by one that is not the client's is located, that silo is killed with
    /// kill -9, and the time until a call on the grain succeeds through a survivor is taken. The killed silo is started
    /// again (a new generation) before the next round.
    /// </summary>
    private static async Task FailoverAsync(bool quick, PostgresServer? postgres)
    {
        Console.WriteLine("## Failover after kill -9");
        Console.WriteLine();
        Console.WriteLine("Default settings: heartbeat every 1 s, declared dead after 5 s without one.");
        Console.WriteLine();
        Console.WriteLine("| store | rounds | kill → first successful call on a moved grain |");
        Console.WriteLine("|---|---|---|");
        var stores = new List<(string Name, Func<Task<string>> Cluster)> { ("shared SQLite", () => Task.FromResult("local")) };
        if (postgres is not null) stores.Add(("PostgreSQL", postgres.CreateDatabaseAsync));
        foreach (var (name, cluster) in stores)
        {
            var times = await FailoverRoundsAsync(await cluster(), quick ? 2 : 5);
            var sorted = times.Order().ToList();
            Console.WriteLine($"| {name} | {times.Count} | median {sorted[sorted.Count / 2]:0.00} s (each: {string.Join(", ", times.Select(t => t.ToString("0.00")))} s) |");
        }
        Console.WriteLine();
    }

    private static readonly string[] Companies = ["AMZN", "MSFT", "GOOGL", "META", "ORCL", "NVDA", "AMD", "MU", "TSM", "ASML", "PLTR", "CRWV"];

    private static async Task<List<double>> FailoverRoundsAsync(string cluster, int rounds)
    {
        var work = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var data = cluster == "local" ? (Func<int, string>)(_ => "data") : i => $"data{i}";
        var processes = new CliProcess?[3];
        var urls = new string[3];
        var times = new List<double>();
        try
        {
            void Start(int i)
            {
                processes[i] = CliProcess.Start(work, "silo", "--port", "0", "--cluster", cluster, "--data", data(i));
                urls[i] = processes[i]!.WaitForSiloUrl();
            }
            for (var i = 0; i < 3; i++) Start(i);
            for (var round = 0; round < rounds; round++)
            {
                using var any = new AgentWatchClient(new Uri(urls[0])) { RequestTimeout = TimeSpan.FromSeconds(60) };
                while ((await any.GetClusterAsync()).Silos.Count(s => s.Status == "active") < 3) await Task.Delay(200);
                // Every company gets an activation somewhere; the victim is the silo holding this round's company, and
                // the call after the kill goes through another silo.
                foreach (var company in Companies) await any.GetCompanyAsync(company, null);
                var view = await any.GetClusterAsync();
                var moved = Companies[round % Companies.Length];
                var victimAddress = (await any.LocateGrainAsync("company", moved)).Owner ?? throw new InvalidOperationException($"company {moved} has no activation");
                var victim = Array.IndexOf(urls, view.Silos.Single(s => s.Address == victimAddress).ApiUrl);
                using var survivor = new AgentWatchClient(new Uri(urls[(victim + 1) % 3])) { RequestTimeout = TimeSpan.FromSeconds(60) };
                await survivor.GetStatusAsync();

                var killed = Stopwatch.GetTimestamp();
                processes[victim]!.KillHard();
                if (await survivor.GetCompanyAsync(moved, null) is null) throw new InvalidOperationException($"company {moved} not found after failover");
                times.Add(Stopwatch.GetElapsedTime(killed).TotalSeconds);
                await processes[victim]!.DisposeAsync();
                Start(victim);
            }
        }
        finally
        {
            foreach (var p in processes) if (p is not null) await p.DisposeAsync();
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
        return times;
    }
}
