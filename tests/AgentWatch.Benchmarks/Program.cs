using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Benchmarks;

/// <summary>
/// AgentWatch benchmarks. Each measurement warms up, then runs several trials and reports the median (and the range).
/// Usage: dotnet run -c Release --project tests/AgentWatch.Benchmarks [calls|ingest|latency|memory|ask|formats|startup|cluster|cluster-calls|cluster-ingest|cluster-failover|all] [--quick]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var quick = args.Contains("--quick");
        string[] modes = ["calls", "ingest", "latency", "memory", "ask", "telemetry", "formats", "startup", "cluster", "cluster-calls", "cluster-ingest", "cluster-failover", "all"];
        if (!modes.Contains(which) || args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--quick"))
        {
            Console.Error.WriteLine($"Usage: dotnet run -c Release --project tests/AgentWatch.Benchmarks -- [{string.Join('|', modes)}] [--quick]");
            return 2;
        }
        Console.WriteLine($"# AgentWatch benchmarks ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Console.WriteLine();
#if DEBUG
        const string build = "Debug";
#else
        const string build = "Release";
#endif
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.FrameworkDescription}, " +
                          $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, server GC {GCSettings.IsServerGC}, {build} build; load average at start {LoadAverage()}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for real figures.");
#endif
        Console.WriteLine();
        if (which is "calls" or "all") await LocalCallsAsync(quick);
        if (which is "ingest" or "all") await IngestAsync(quick);
        if (which is "latency" or "all") await IngestToAlertLatencyAsync(quick);
        if (which is "memory" or "all") await MemoryPerActivationAsync(quick);
        if (which is "ask" or "all") await AgentBenchmarks.RunAsync(quick);
        if (which is "telemetry" or "all") await TelemetryBenchmarks.RunAsync(quick);
        if (which is "formats" or "all") await FormatBenchmarks.RunAsync(quick);
        if (which is "startup" or "all") await StartupBenchmarks.RunAsync(quick);
        if (which is "cluster" or "all") await ClusterBenchmarks.RunAsync(quick, null);
        if (which.StartsWith("cluster-", StringComparison.Ordinal)) await ClusterBenchmarks.RunAsync(quick, which["cluster-".Length..]);
        return 0;
    }

    /// <summary>The machine's 1-, 5- and 15-minute load averages (Linux), to tell a loaded run from a quiet one.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>A bare Orleans silo (in-memory membership, no storage) hosting the ping grain.</summary>
    private static async Task<IHost> StartRuntimeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: 0));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>
    /// Calls per second to activations in the same silo, with many calls in flight: from host code (outside any grain, so
    /// through Orleans' hosted client) and from grains (as AgentWatch's grains call each other); then the round trip of
    /// one call at a time from each.
    /// </summary>
    private static async Task LocalCallsAsync(bool quick)
    {
        Console.WriteLine("## Local grain calls (bare silo)");
        Console.WriteLine();
        var trialCount = quick ? 2 : 5;
        var duration = TimeSpan.FromSeconds(quick ? 1 : 3);
        Console.WriteLine($"A trivial grain method (an int in, an int out); {trialCount} trials of {duration.TotalSeconds:0} s after a 1 s warm-up, each row in a new silo.");
        Console.WriteLine();
        Console.WriteLine("| callers | grains | callers × calls in flight | calls/s (median of trials) | range |");
        Console.WriteLine("|---|---|---|---|---|");
        const int callers = 64, window = 32;
        foreach (var fromGrains in new[] { false, true })
        {
            foreach (var grains in new[] { 1000, 1 })
            {
                using var host = await StartRuntimeAsync();
                var factory = host.Services.GetRequiredService<IGrainFactory>();
                var prefix = $"g{grains}-";
                var refs = Enumerable.Range(0, grains).Select(i => factory.GetGrain<IPingGrain>($"{prefix}{i}")).ToArray();
                await Task.WhenAll(refs.Select(r => r.PingAsync(0)));
                Func<TimeSpan, Task<double>> run = fromGrains
                    ? d => RunGrainCallersAsync(factory, prefix, grains, callers, window, d)
                    : d => RunCallersAsync(refs, callers, window, d);
                await run(TimeSpan.FromSeconds(1)); // warm-up
                var trials = new List<double>();
                for (var t = 0; t < trialCount; t++) trials.Add(await run(duration));
                Console.WriteLine($"| {(fromGrains ? "grains" : "host code")} | {grains:N0} | {callers} × {window} | {Stats.Median(trials):N0} | {trials.Min():N0}–{trials.Max():N0} |");
                await host.StopAsync();
            }
        }
        Console.WriteLine();

        // Round trip of one caller making one call at a time: from host code, then from a grain.
        var count = quick ? 20_000 : 200_000;
        using var latencyHost = await StartRuntimeAsync();
        var factory2 = latencyHost.Services.GetRequiredService<IGrainFactory>();
        var one = factory2.GetGrain<IPingGrain>("latency");
        var hostRuns = new List<double[]>();
        var grainRuns = new List<double[]>();
        for (var run = 0; run < (quick ? 1 : 3); run++)
        {
            for (var i = 0; i < 5000; i++) await one.PingAsync(i);
            var samples = new double[count];
            for (var i = 0; i < samples.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await one.PingAsync(i);
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            Array.Sort(samples);
            hostRuns.Add(samples);
            var fromGrain = await factory2.GetGrain<ICallerGrain>(run).SequentialAsync("latency-g", 5000, count);
            Array.Sort(fromGrain);
            grainRuns.Add(fromGrain);
        }
        Console.WriteLine($"Sequential round trip, one caller, one call at a time ({count:N0} samples per run, {hostRuns.Count} runs; median of the runs' percentiles, range in brackets):");
        Console.WriteLine();
        Console.WriteLine("| caller | p50 | p99 | p99.9 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, runs) in new[] { ("host code", hostRuns), ("a grain", grainRuns) })
            Console.WriteLine($"| {name} | {Stats.MedianRange(runs.Select(r => Stats.Percentile(r, 0.5)).ToList(), "0.0")} µs | {Stats.MedianRange(runs.Select(r => Stats.Percentile(r, 0.99)).ToList(), "0.0")} µs | {Stats.MedianRange(runs.Select(r => Stats.Percentile(r, 0.999)).ToList(), "0.0")} µs |");
        Console.WriteLine();
        await latencyHost.StopAsync();
    }

    private static async Task<double> RunCallersAsync(IPingGrain[] refs, int callers, int window, TimeSpan duration)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new long[callers];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var n = 0L;
            var i = c * 7919;
            // Pipelined: each caller keeps a window of calls in flight, as a busy silo would.
            var calls = new Task<int>[window];
            while (Stopwatch.GetTimestamp() < stop)
            {
                for (var w = 0; w < calls.Length; w++) calls[w] = refs[(i++ & int.MaxValue) % refs.Length].PingAsync(w);
                for (var w = 0; w < calls.Length; w++) await calls[w];
                n += calls.Length;
            }
            counts[c] = n;
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return counts.Sum() / seconds;
    }

    /// <summary>The same load, made by <paramref name="callers"/> caller grains, each keeping a window of calls in flight.</summary>
    private static async Task<double> RunGrainCallersAsync(IGrainFactory factory, string prefix, int grains, int callers, int window, TimeSpan duration)
    {
        // The caller grains are activated first, so activation is not part of the trial.
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => factory.GetGrain<ICallerGrain>(c).CallUntilAsync(prefix, grains, 0, 1, 0)));
        var start = Stopwatch.GetTimestamp();
        var stop = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(c => factory.GetGrain<ICallerGrain>(c).CallUntilAsync(prefix, grains, c * 7919, window, stop)));
        return counts.Sum() / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    internal static async Task<SiloHost> StartSiloAsync(string data) => await SiloHost.StartAsync(new SiloLaunch
    {
        Listen = false,
        Overrides = new Dictionary<string, string?> { ["Silo:DataDirectory"] = data, ["Silo:SeedOnFirstStart"] = "false", ["Brief:Daily"] = "false" },
        LogLevel = LogLevel.Warning,
    });

    private static readonly string[] Tickers = ["AMZN", "MSFT", "GOOGL", "META", "ORCL", "NVDA", "AMD", "MU", "TSM", "ASML", "AAPL", "CRWV", "PLTR", "NOW", "DOCU", "NET", "BABA", "BIDU", "TCEHY", "PYPL"];

    /// <summary>Distinct signals spread over the watchlist, none raising alerts (so the figure is storage and grains).</summary>
    internal static List<Signal> SyntheticSignals(int count, string prefix) => SyntheticSignals(count, prefix, Tickers);

    /// <summary>Distinct daily market caps spread over <paramref name="companies"/>, none raising alerts.</summary>
    internal static List<Signal> SyntheticSignals(int count, string prefix, IReadOnlyList<string> companies)
    {
        var list = new List<Signal>(count);
        var start = new DateOnly(2000, 1, 3);
        for (var i = 0; i < count; i++)
        {
            var company = companies[i % companies.Count];
            var day = start.AddDays(i / companies.Count);
            list.Add(new MarketCap
            {
                Id = $"{prefix}-{i}", Company = company, Period = Period.Day(day), KnownOn = day,
                Source = new SourceRef("synthetic.csv", null, $"line {i + 2}"), Amount = Money.Usd(1_000_000_000m + i),
            });
        }
        return list;
    }

    internal static string TempDirectory() => Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");

    internal static void DeleteDirectory(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Signals per second through the real ingestion path on SQLite (synchronous=full: every commit fsynced): the silo's
    /// API, as <c>agentwatch ingest</c> with an embedded silo calls it (claims in the signal index, the home grain's
    /// journal append with its rules). A new data directory for every trial, warmed up first.
    /// </summary>
    private static async Task IngestAsync(bool quick)
    {
        Console.WriteLine("## Ingestion on SQLite");
        Console.WriteLine();
        const int batch = 2000;
        var trialCount = quick ? 1 : 3;
        Console.WriteLine($"Daily market caps over 20 watchlist companies (none raising an alert) through the embedded silo's API in batches of {batch:N0}, " +
                          $"after a warm-up of 20,000 into the same silo; {trialCount} trial(s), each in a new data directory.");
        Console.WriteLine();
        Console.WriteLine("| signals | seconds (median) | signals/s (median) | range | each trial | database |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var total in quick ? new[] { 20_000 } : new[] { 20_000, 100_000 })
        {
            var rates = new List<double>();
            var seconds = new List<double>();
            long size = 0;
            for (var trial = 0; trial < trialCount; trial++)
            {
                var data = TempDirectory();
                try
                {
                    await using (var silo = await StartSiloAsync(data))
                    {
                        var api = silo.Api;
                        // Warm up until the JIT has tiered the hot path, so the figure is the steady state, not start-up.
                        var warmup = SyntheticSignals(20_000, "warmup");
                        for (var i = 0; i < warmup.Count; i += batch) await api.IngestAsync(warmup.GetRange(i, batch));
                        var signals = SyntheticSignals(total, "bench");
                        var sw = Stopwatch.StartNew();
                        for (var i = 0; i < signals.Count; i += batch)
                        {
                            var n = Math.Min(batch, signals.Count - i);
                            var report = await api.IngestAsync(signals.GetRange(i, n));
                            if (report.New != n) throw new InvalidOperationException($"ingestion lost signals: {report.New} of {n} new");
                        }
                        sw.Stop();
                        seconds.Add(sw.Elapsed.TotalSeconds);
                        rates.Add(total / sw.Elapsed.TotalSeconds);
                    }
                    size = new FileInfo(Path.Combine(data, "agentwatch.db")).Length + (File.Exists(Path.Combine(data, "agentwatch.db-wal")) ? new FileInfo(Path.Combine(data, "agentwatch.db-wal")).Length : 0);
                }
                finally
                {
                    DeleteDirectory(data);
                }
            }
            Console.WriteLine($"| {total:N0} | {Stats.Median(seconds):0.00} | {Stats.Median(rates):N0} | {rates.Min():N0}–{rates.Max():N0} | {Stats.Each(rates, "N0")} | {size / (1024 * 1024.0):0} MiB |");
        }
        Console.WriteLine();
    }

    /// <summary>
    /// From handing one alert-raising signal to the silo's API until a live follower of the alert log (in the same silo,
    /// as the SSE stream, webhooks and the sentinel follow it) has the alert; also until the ingestion call returned (the
    /// signal acknowledged). A full garbage collection after the warm-up, as any silo in use has within minutes: the
    /// follower's observer must survive it (Orleans holds it weakly), or the alerts come at the 2 s backstop.
    /// </summary>
    private static async Task IngestToAlertLatencyAsync(bool quick)
    {
        Console.WriteLine("## Ingest-to-alert latency (SQLite, synchronous=full)");
        Console.WriteLine();
        var n = quick ? 200 : 2000;
        var runCount = quick ? 1 : 3;
        var runs = new List<(List<double> Alert, List<double> Ack)>();
        for (var run = 0; run < runCount; run++)
        {
            var data = TempDirectory();
            try
            {
                await using var silo = await StartSiloAsync(data);
                var api = silo.Api;
                var alerts = silo.Services.GetRequiredService<AlertLog>();
                var waiting = new Dictionary<string, TaskCompletionSource<long>>();
                var gate = new object();
                using var cts = new CancellationTokenSource();
                var follower = Task.Run(async () =>
                {
                    await foreach (var alert in alerts.FollowAsync(0, cts.Token))
                    {
                        var now = Stopwatch.GetTimestamp();
                        lock (gate)
                        {
                            if (waiting.Remove(alert.Evidence[0].SignalId, out var tcs)) tcs.TrySetResult(now);
                        }
                    }
                });
                var toAlert = new List<double>();
                var toAck = new List<double>();
                for (var i = 0; i < n + 50; i++)
                {
                    var company = Tickers[i % Tickers.Length];
                    var signal = new Valuation
                    {
                        Id = $"latency-{i}", Company = company, Period = Period.Day(new DateOnly(2026, 1, 1).AddDays(i)), KnownOn = new DateOnly(2026, 1, 1),
                        Source = new SourceRef("bench", null, null), PeRatio = 500,
                    };
                    if (i == 50)
                    {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                    }
                    var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                    lock (gate) waiting[signal.Id] = tcs;
                    var start = Stopwatch.GetTimestamp();
                    var report = await api.IngestAsync([signal]);
                    var acknowledged = Stopwatch.GetTimestamp();
                    if (report.AlertIds.Count != 1) throw new InvalidOperationException($"signal {signal.Id} raised {report.AlertIds.Count} alerts");
                    var arrived = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
                    if (i < 50) continue;
                    toAlert.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
                    toAck.Add(Stopwatch.GetElapsedTime(start, acknowledged).TotalMilliseconds);
                }
                cts.Cancel();
                try { await follower; } catch (OperationCanceledException) { }
                toAlert.Sort();
                toAck.Sort();
                runs.Add((toAlert, toAck));
            }
            finally
            {
                DeleteDirectory(data);
            }
        }
        Console.WriteLine($"{n:N0} signals per run (after 50 of warm-up and a full garbage collection), one at a time, each raising an alert; {runs.Count} run(s), each in a new silo. Median of the runs' percentiles (range):");
        Console.WriteLine();
        Console.WriteLine("| until | p50 | p99 | max |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| a live follower has the alert | {Stats.MedianRange(runs.Select(r => Stats.Percentile(r.Alert, 0.5)).ToList(), "0.00")} ms | {Stats.MedianRange(runs.Select(r => Stats.Percentile(r.Alert, 0.99)).ToList(), "0.00")} ms | {Stats.MedianRange(runs.Select(r => r.Alert[^1]).ToList(), "0.00")} ms |");
        Console.WriteLine($"| the ingestion call returned | {Stats.MedianRange(runs.Select(r => Stats.Percentile(r.Ack, 0.5)).ToList(), "0.00")} ms | {Stats.MedianRange(runs.Select(r => Stats.Percentile(r.Ack, 0.99)).ToList(), "0.00")} ms | {Stats.MedianRange(runs.Select(r => r.Ack[^1]).ToList(), "0.00")} ms |");
        Console.WriteLine();
    }

    /// <summary>
    /// Managed memory held per idle activation: a trivial grain; a company grain with an empty timeline; a company grain
    /// whose timeline holds 1,000 signals, read back from SQLite by a new silo.
    /// </summary>
    private static async Task MemoryPerActivationAsync(bool quick)
    {
        Console.WriteLine("## Memory per idle activation");
        Console.WriteLine();
        Console.WriteLine("Managed heap after full compacting collections, before and after the activations, divided by their number; each run in a new silo.");
        Console.WriteLine();
        Console.WriteLine("| grain | activations per run | bytes per activation (median of runs) | range |");
        Console.WriteLine("|---|---|---|---|");
        var runs = quick ? 1 : 3;
        var count = quick ? 10_000 : 100_000;
        var trivial = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            using var host = await StartRuntimeAsync();
            var factory = host.Services.GetRequiredService<IGrainFactory>();
            await factory.GetGrain<IPingGrain>("warm").PingAsync(0);
            var before = Settle();
            for (var i = 0; i < count; i += 1000)
                await Task.WhenAll(Enumerable.Range(i, 1000).Select(k => factory.GetGrain<IPingGrain>($"m{k}").PingAsync(0)));
            var after = Settle();
            var live = await factory.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
            if (live < count) throw new InvalidOperationException($"only {live} of {count} activations are live");
            trivial.Add((after - before) / (double)count);
            await host.StopAsync();
        }
        Console.WriteLine($"| trivial grain | {count:N0} | {Stats.Median(trivial):N0} | {trivial.Min():N0}–{trivial.Max():N0} |");

        var companies = quick ? 2_000 : 20_000;
        var empty = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var data = TempDirectory();
            try
            {
                await using var silo = await StartSiloAsync(data);
                var grains = silo.Services.GetRequiredService<IGrainFactory>();
                await grains.GetGrain<ICompanyGrain>("WARM").GetSnapshotAsync(null);
                var before = Settle();
                for (var i = 0; i < companies; i += 500)
                    await Task.WhenAll(Enumerable.Range(i, 500).Select(k => grains.GetGrain<ICompanyGrain>($"C{k}").GetSnapshotAsync(null)));
                var after = Settle();
                empty.Add((after - before) / (double)companies);
            }
            finally
            {
                DeleteDirectory(data);
            }
        }
        Console.WriteLine($"| company, empty timeline (journal read from SQLite) | {companies:N0} | {Stats.Median(empty):N0} | {empty.Min():N0}–{empty.Max():N0} |");

        // 1,000 daily market caps per company, stored once; then each run starts a new silo on that store and activates them all.
        var full = quick ? 20 : 200;
        var keys = Enumerable.Range(0, full).Select(k => $"MEM{k}").ToList();
        var loaded = new List<double>();
        var store = TempDirectory();
        try
        {
            await using (var silo = await StartSiloAsync(store))
            {
                var signals = SyntheticSignals(full * 1000, "mem", keys);
                for (var i = 0; i < signals.Count; i += 2000)
                {
                    var report = await silo.Api.IngestAsync(signals.GetRange(i, Math.Min(2000, signals.Count - i)));
                    if (report.New != Math.Min(2000, signals.Count - i)) throw new InvalidOperationException("ingestion lost signals");
                }
            }
            for (var run = 0; run < runs; run++)
            {
                await using var silo = await StartSiloAsync(store);
                var grains = silo.Services.GetRequiredService<IGrainFactory>();
                await grains.GetGrain<ICompanyGrain>("WARM").GetSnapshotAsync(null);
                var before = Settle();
                foreach (var chunk in keys.Chunk(20))
                {
                    var snapshots = await Task.WhenAll(chunk.Select(k => grains.GetGrain<ICompanyGrain>(k).GetSnapshotAsync(null)));
                    if (snapshots.Any(s => s.SignalCount != 1000)) throw new InvalidOperationException("a timeline did not hold 1,000 signals");
                }
                var after = Settle();
                loaded.Add((after - before) / (double)full);
            }
        }
        finally
        {
            DeleteDirectory(store);
        }
        Console.WriteLine($"| company, 1,000 signals (daily market caps) read back from SQLite | {full:N0} | {Stats.Median(loaded):N0} | {loaded.Min():N0}–{loaded.Max():N0} |");
        Console.WriteLine();
    }

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
