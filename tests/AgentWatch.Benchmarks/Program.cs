using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Benchmarks;

/// <summary>
/// AgentWatch benchmarks. Each measurement warms up, then runs several trials and reports the median (and the range).
/// Usage: dotnet run -c Release --project tests/AgentWatch.Benchmarks [calls|ingest|latency|memory|ask|formats|cluster|cluster-calls|cluster-ingest|cluster-failover|all] [--quick]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var quick = args.Contains("--quick");
        Console.WriteLine($"# AgentWatch benchmarks ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.FrameworkDescription}, " +
                          $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, server GC {GCSettings.IsServerGC}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for real figures.");
#endif
        Console.WriteLine();
        if (which is "calls" or "all") await LocalCallsAsync(quick);
        if (which is "ingest" or "all") await IngestAsync(quick);
        if (which is "latency" or "all") await IngestToAlertLatencyAsync(quick);
        if (which is "memory" or "all") await MemoryPerActivationAsync(quick);
        if (which is "ask" or "all") await AgentBenchmarks.RunAsync(quick);
        if (which is "formats" or "all") await FormatBenchmarks.RunAsync(quick);
        if (which is "cluster" or "all") await ClusterBenchmarks.RunAsync(quick, null);
        if (which.StartsWith("cluster-", StringComparison.Ordinal)) await ClusterBenchmarks.RunAsync(quick, which["cluster-".Length..]);
        return 0;
    }

    private static async Task<(ServiceProvider Provider, List<IHostedService> Hosted)> StartRuntimeAsync(bool serializeCalls)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddGrainRuntime(b => b.AddGrains(typeof(PingGrain).Assembly).Configure(o => o.SerializeCalls = serializeCalls));
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var h in hosted) await h.StartAsync(CancellationToken.None);
        return (provider, hosted);
    }

    private static async Task StopAsync(ServiceProvider provider, List<IHostedService> hosted)
    {
        for (var i = hosted.Count - 1; i >= 0; i--) await hosted[i].StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
    }

    /// <summary>Calls per second through grain references to activations in this silo, with many callers in flight.</summary>
    private static async Task LocalCallsAsync(bool quick)
    {
        Console.WriteLine("## Local grain calls");
        Console.WriteLine();
        Console.WriteLine("| mode | grains | callers | calls/s (median of trials) | range |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var serialize in new[] { false, true })
        {
            foreach (var (grains, callers) in new[] { (1000, 64), (1, 64) })
            {
                var (provider, hosted) = await StartRuntimeAsync(serialize);
                var factory = provider.GetRequiredService<IGrainFactory>();
                var refs = Enumerable.Range(0, grains).Select(i => factory.GetGrain<IPingGrain>($"g{i}")).ToArray();
                await Task.WhenAll(refs.Select(r => r.PingAsync(0)));
                var duration = TimeSpan.FromSeconds(quick ? 1 : 3);
                await RunCallersAsync(refs, callers, TimeSpan.FromSeconds(1)); // warm-up
                var trials = new List<double>();
                for (var t = 0; t < (quick ? 2 : 5); t++) trials.Add(await RunCallersAsync(refs, callers, duration));
                trials.Sort();
                Console.WriteLine($"| {(serialize ? "serialized calls" : "in-process")} | {grains:N0} | {callers} | {trials[trials.Count / 2]:N0} | {trials[0]:N0}–{trials[^1]:N0} |");
                await StopAsync(provider, hosted);
            }
        }

        // Round-trip latency of one caller making one call at a time.
        var (p, h) = await StartRuntimeAsync(false);
        var one = p.GetRequiredService<IGrainFactory>().GetGrain<IPingGrain>("latency");
        await one.PingAsync(0);
        var samples = new double[quick ? 20_000 : 200_000];
        for (var i = 0; i < 5000; i++) await one.PingAsync(i);
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await one.PingAsync(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(samples);
        Console.WriteLine();
        Console.WriteLine($"Sequential call round trip (one caller, in-process): p50 {samples[samples.Length / 2]:0.0} µs, p99 {samples[(int)(samples.Length * 0.99)]:0.0} µs, p99.9 {samples[(int)(samples.Length * 0.999)]:0.0} µs.");
        Console.WriteLine();
        await StopAsync(p, h);
    }

    private static async Task<double> RunCallersAsync(IPingGrain[] refs, int callers, TimeSpan duration)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new long[callers];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var n = 0L;
            var i = c;
            // Pipelined: each caller keeps a window of calls in flight, as a busy silo would.
            var window = new Task<int>[32];
            while (Stopwatch.GetTimestamp() < stop)
            {
                for (var w = 0; w < window.Length; w++) window[w] = refs[(i++) % refs.Length].PingAsync(w);
                for (var w = 0; w < window.Length; w++) await window[w];
                n += window.Length;
            }
            counts[c] = n;
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return counts.Sum() / seconds;
    }

    internal static async Task<SiloHost> StartSiloAsync(string data) => await SiloHost.StartAsync(new SiloLaunch
    {
        Listen = false,
        Overrides = new Dictionary<string, string?> { ["Silo:DataDirectory"] = data, ["Silo:SeedOnFirstStart"] = "false", ["Brief:Daily"] = "false" },
        LogLevel = LogLevel.Warning,
    });

    private static readonly string[] Tickers = ["AMZN", "MSFT", "GOOGL", "META", "ORCL", "NVDA", "AMD", "MU", "TSM", "ASML", "AAPL", "CRWV", "PLTR", "NOW", "DOCU", "NET", "BABA", "BIDU", "TCEHY", "PYPL"];

    /// <summary>Distinct signals spread over the watchlist, none raising alerts (so the figure is storage and grains).</summary>
    internal static List<Signal> SyntheticSignals(int count, string prefix)
    {
        var list = new List<Signal>(count);
        var start = new DateOnly(2000, 1, 3);
        for (var i = 0; i < count; i++)
        {
            var company = Tickers[i % Tickers.Length];
            var day = start.AddDays(i / Tickers.Length);
            list.Add(new MarketCap
            {
                Id = $"{prefix}-{i}", Company = company, Period = Period.Day(day), KnownOn = day,
                Source = new SourceRef("synthetic.csv", null, $"line {i + 2}"), Amount = Money.Usd(1_000_000_000m + i),
            });
        }
        return list;
    }

    /// <summary>Signals per second through the real ingestion path on SQLite (synchronous=full: every commit fsynced).</summary>
    private static async Task IngestAsync(bool quick)
    {
        Console.WriteLine("## Ingestion on SQLite");
        Console.WriteLine();
        Console.WriteLine("| signals | batch | seconds | signals/s | database |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var total in quick ? new[] { 20_000 } : new[] { 20_000, 100_000 })
        {
            var data = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
            try
            {
                await using var silo = await StartSiloAsync(data);
                var ingestor = silo.Services.GetRequiredService<SignalIngestor>();
                // Warm up until the JIT has tiered the hot path, so the figure is the steady state, not start-up.
                var warmup = SyntheticSignals(20_000, "warmup");
                for (var i = 0; i < warmup.Count; i += 2000) await ingestor.IngestAsync(warmup.GetRange(i, 2000));
                var signals = SyntheticSignals(total, "bench");
                const int batch = 2000;
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < signals.Count; i += batch)
                {
                    var report = await ingestor.IngestAsync(signals.GetRange(i, Math.Min(batch, signals.Count - i)));
                    if (report.New != Math.Min(batch, signals.Count - i)) throw new InvalidOperationException("ingestion lost signals");
                }
                sw.Stop();
                var size = new FileInfo(Path.Combine(data, "agentwatch.db")).Length + (File.Exists(Path.Combine(data, "agentwatch.db-wal")) ? new FileInfo(Path.Combine(data, "agentwatch.db-wal")).Length : 0);
                Console.WriteLine($"| {total:N0} | {batch:N0} | {sw.Elapsed.TotalSeconds:0.00} | {total / sw.Elapsed.TotalSeconds:N0} | {size / (1024 * 1024.0):0} MiB |");
            }
            finally
            {
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }
        Console.WriteLine();
    }

    /// <summary>From handing one alert-raising signal to ingestion until a live subscriber of the alert stream has the alert.</summary>
    private static async Task IngestToAlertLatencyAsync(bool quick)
    {
        var data = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
        try
        {
            await using var silo = await StartSiloAsync(data);
            var ingestor = silo.Services.GetRequiredService<SignalIngestor>();
            var alerts = silo.Services.GetRequiredService<AlertStream>();
            var n = quick ? 200 : 2000;
            var seen = new Dictionary<string, long>();
            var waiting = new Dictionary<string, TaskCompletionSource<long>>();
            var gate = new object();
            using var cts = new CancellationTokenSource();
            var subscriber = Task.Run(async () =>
            {
                await foreach (var alert in alerts.SubscribeAsync(0, cts.Token))
                {
                    var now = Stopwatch.GetTimestamp();
                    lock (gate)
                    {
                        if (waiting.Remove(alert.Evidence[0].SignalId, out var tcs)) tcs.TrySetResult(now);
                        else seen[alert.Evidence[0].SignalId] = now;
                    }
                }
            });
            var samples = new List<double>();
            for (var i = 0; i < n + 50; i++)
            {
                var company = Tickers[i % Tickers.Length];
                var signal = new Valuation
                {
                    Id = $"latency-{i}", Company = company, Period = Period.Day(new DateOnly(2026, 1, 1).AddDays(i)), KnownOn = new DateOnly(2026, 1, 1),
                    Source = new SourceRef("bench", null, null), PeRatio = 500,
                };
                var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                lock (gate) waiting[signal.Id] = tcs;
                var start = Stopwatch.GetTimestamp();
                await ingestor.IngestAsync([signal]);
                var arrived = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(10));
                if (i >= 50) samples.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
            }
            cts.Cancel();
            try { await subscriber; } catch (OperationCanceledException) { }
            samples.Sort();
            Console.WriteLine("## Ingest-to-alert latency (SQLite, synchronous=full)");
            Console.WriteLine();
            Console.WriteLine($"{samples.Count:N0} signals, one at a time, each raising an alert, timed until a live subscriber has it: " +
                              $"p50 {samples[samples.Count / 2]:0.00} ms, p99 {samples[(int)(samples.Count * 0.99)]:0.00} ms, max {samples[^1]:0.00} ms.");
            Console.WriteLine();
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    /// <summary>Managed memory held per idle activation: a trivial grain, and a company grain with an empty timeline.</summary>
    private static async Task MemoryPerActivationAsync(bool quick)
    {
        Console.WriteLine("## Memory per idle activation");
        Console.WriteLine();
        var count = quick ? 10_000 : 100_000;
        {
            var (provider, hosted) = await StartRuntimeAsync(false);
            var factory = provider.GetRequiredService<IGrainFactory>();
            var before = Settle();
            for (var i = 0; i < count; i += 1000)
                await Task.WhenAll(Enumerable.Range(i, 1000).Select(k => factory.GetGrain<IPingGrain>($"m{k}").PingAsync(0)));
            var after = Settle();
            Console.WriteLine($"Trivial grain: {(after - before) / (double)count:N0} bytes per activation ({count:N0} activations, {provider.GetRequiredService<GrainRuntime>().ActivationCount:N0} live).");
            await StopAsync(provider, hosted);
        }
        var data = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
        try
        {
            await using var silo = await StartSiloAsync(data);
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var companies = quick ? 2_000 : 20_000;
            await grains.GetGrain<ICompanyGrain>("WARM").GetSnapshotAsync(null);
            var before = Settle();
            for (var i = 0; i < companies; i += 500)
                await Task.WhenAll(Enumerable.Range(i, 500).Select(k => grains.GetGrain<ICompanyGrain>($"C{k}").GetSnapshotAsync(null)));
            var after = Settle();
            Console.WriteLine($"Company grain, empty timeline (journal loaded from SQLite): {(after - before) / (double)companies:N0} bytes per activation ({companies:N0} activations).");
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
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
