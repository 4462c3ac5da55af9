using System.Diagnostics;
using AgentWatch.Agents.Evaluation;
using AgentWatch.Silo;
using AgentWatch.Testing;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Benchmarks;

/// <summary>
/// What telemetry costs: ingestion throughput and offline <c>ask</c> latency in a serving silo with telemetry off, with
/// the OTLP exporter (gRPC) to a collector stand-in on loopback that accepts every export, and with the console
/// exporter (its output to a file, as a silo's redirected standard output would go).
/// </summary>
public static class TelemetryBenchmarks
{
    private const int Batch = 2000;

    public static async Task RunAsync(bool quick)
    {
        var questions = EvalSet.Load(AgentBenchmarks.EvalFile()).Where(q => q.Answered).Select(q => (q.Question, q.AsOf)).ToList();
        var trials = quick ? 1 : 3;
        var signals = quick ? 20_000 : 40_000;
        var rounds = quick ? 1 : 3;
        Console.WriteLine("## What telemetry costs");
        Console.WriteLine();
        Console.WriteLine($"A serving silo on SQLite with the built-in dataset: ingestion of {signals:N0} daily market caps in batches of {Batch:N0} (after a warm-up of 10,000), " +
                          $"then the {questions.Count} answerable questions of the evaluation set asked offline {rounds} time(s) each (after one warm-up round); " +
                          $"{trials} trial(s) per setting, each in a new data directory. Median over trials; ask latency over all questions of all trials.");
        Console.WriteLine();
        Console.WriteLine("| telemetry | ingestion signals/s (median) | each trial | ask p50 | ask p95 | exported |");
        Console.WriteLine("|---|---|---|---|---|---|");
        await using var collector = await OtlpReceiver.StartAsync(grpc: true);
        string[] settings = ["none", "otlp", "console"];
        var rates = settings.ToDictionary(s => s, _ => new List<double>());
        var asks = settings.ToDictionary(s => s, _ => new List<double>());
        var exported = settings.ToDictionary(s => s, _ => 0L);
        // A first trial that is not counted warms the process (JIT tiering), then the settings take turns, so a drift of
        // the machine spreads over all of them.
        await TrialAsync("none", collector, questions, signals, rounds, new List<double>(), new List<double>());
        for (var trial = 0; trial < trials; trial++)
            foreach (var setting in settings)
                exported[setting] += await TrialAsync(setting, collector, questions, signals, rounds, rates[setting], asks[setting]);
        foreach (var setting in settings)
        {
            var sorted = asks[setting].Order().ToList();
            var what = setting switch
            {
                "none" => "nothing",
                "otlp" => $"{exported[setting] / trials / (1024 * 1024.0):0.0} MiB of OTLP per trial",
                _ => $"{exported[setting] / trials / (1024 * 1024.0):0.0} MiB of text per trial",
            };
            Console.WriteLine($"| {setting} | {Stats.Median(rates[setting]):N0} | {Stats.Each(rates[setting], "N0")} | {Stats.Percentile(sorted, 0.5):0.00} ms | {Stats.Percentile(sorted, 0.95):0.00} ms | {what} |");
        }
        Console.WriteLine();
    }

    /// <summary>One silo with one setting: the ingestion rate and the ask latencies into the lists; the bytes it exported.</summary>
    private static async Task<long> TrialAsync(string setting, OtlpReceiver collector, List<(string Question, DateOnly? AsOf)> questions, int signals, int rounds,
        List<double> rates, List<double> asks)
    {
        var data = Program.TempDirectory();
        var consoleFile = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-console-{Guid.NewGuid():N}.txt");
        var original = Console.Out;
        var before = collector.Totals.Bytes;
        StreamWriter? redirected = null;
        try
        {
            if (setting == "console")
            {
                redirected = new StreamWriter(consoleFile);
                Console.SetOut(redirected);
            }
            await using (var silo = await SiloHost.StartAsync(new SiloLaunch
            {
                Overrides = new Dictionary<string, string?>
                {
                    ["Silo:DataDirectory"] = data,
                    ["Silo:Port"] = "0",
                    ["Brief:Daily"] = "false",
                    // Only the measured work: no explanations, news readings or risk scoring in the background.
                    ["Agents:ExplainAlerts"] = "false",
                    ["Rules:MaterialNews:Enabled"] = "false",
                    ["Rules:BubbleRisk:Enabled"] = "false",
                    ["Telemetry:Exporter"] = setting,
                    ["Telemetry:OtlpEndpoint"] = collector.Url,
                    ["Telemetry:OtlpProtocol"] = "grpc",
                },
                LogLevel = LogLevel.Warning,
            }))
            {
                var api = silo.Api;
                var warmup = Program.SyntheticSignals(10_000, "warmup");
                for (var i = 0; i < warmup.Count; i += Batch) await api.IngestAsync(warmup.GetRange(i, Batch));
                var measured = Program.SyntheticSignals(signals, "bench");
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < measured.Count; i += Batch)
                {
                    var report = await api.IngestAsync(measured.GetRange(i, Batch));
                    if (report.New != Batch) throw new InvalidOperationException($"ingestion lost signals: {report.New} of {Batch} new");
                }
                rates.Add(signals / sw.Elapsed.TotalSeconds);

                foreach (var (q, asOf) in questions) await api.AskAsync(q, asOf);
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var (q, asOf) in questions)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await api.AskAsync(q, asOf);
                        asks.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
            if (redirected is not null)
            {
                await redirected.FlushAsync();
                return new FileInfo(consoleFile).Length;
            }
            return setting == "otlp" ? collector.Totals.Bytes - before : 0;
        }
        finally
        {
            if (redirected is not null)
            {
                Console.SetOut(original);
                await redirected.DisposeAsync();
            }
            if (File.Exists(consoleFile)) File.Delete(consoleFile);
            Program.DeleteDirectory(data);
        }
    }
}
