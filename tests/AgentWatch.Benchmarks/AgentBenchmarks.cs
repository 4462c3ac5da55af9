using System.Diagnostics;
using System.Text.Json;
using AgentWatch.Agents.Evaluation;
using AgentWatch.Silo;
using AgentWatch.Testing;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Benchmarks;

/// <summary>
/// How long an answer takes: the offline engine over the whole evaluation (development and held-out sets) in-process
/// and through the CLI (`agentwatch ask --silo`, a new process per question, against a silo running in another), and
/// the LLM path with a model that answers at once (a scripted server on loopback), so that what is measured is
/// AgentWatch's own work: resolving names, the tool-calling loop, the SDK and HTTP, the tools, the figure check and
/// recording the run.
/// </summary>
public static class AgentBenchmarks
{
    public static async Task RunAsync(bool quick)
    {
        var whole = EvalFiles().SelectMany(EvalSet.Load).Select(q => (q.Question, q.AsOf)).ToList();
        var questions = EvalSet.Load(EvalFile()).Where(q => q.Answered).Select(q => (q.Question, q.AsOf)).ToList();
        Console.WriteLine("## Answering questions");
        Console.WriteLine();
        Console.WriteLine($"The offline engine over the whole evaluation ({whole.Count} questions, development and held-out sets), in-process (embedded silo, " +
                          "SQLite, each run recorded durably) and through the CLI (`agentwatch ask --silo URL`, one new process per question, against a silo " +
                          $"process on the same machine); the LLM path over the {questions.Count} answerable questions of the development set, in-process.");
        Console.WriteLine();
        Console.WriteLine("| path | questions asked | p50 | p95 | p99 | max |");
        Console.WriteLine("|---|---|---|---|---|---|");

        var (offline, _) = await MeasureAsync(whole, quick ? 2 : 5, model: null);
        Console.WriteLine(Row("offline engine, in-process", offline));
        var cli = await MeasureCliAsync(quick ? whole.Where((_, i) => i % 8 == 0).ToList() : whole);
        Console.WriteLine(Row("offline engine, CLI process against a running silo", cli));

        await using var server = await ScriptedModelServer.StartAsync();
        var modelTime = new List<double>();
        server.Otherwise = request =>
        {
            var started = Stopwatch.GetTimestamp();
            var reply = Script(request);
            lock (modelTime) modelTime.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return reply;
        };
        var (llm, notModel) = await MeasureAsync(questions, quick ? 1 : 3, server.Endpoint);
        Console.WriteLine(Row("LLM path, model answering at once (2 model calls, 1 tool call)", llm));
        if (notModel > 0)
            Console.WriteLine($"({notModel} of the {questions.Count} were answered before the model was called, naming a company not on the watchlist or a name that fits several, and are not in the LLM figures.)");
        Console.WriteLine();
        Console.WriteLine($"The scripted model's own time per call: median {Percentile(modelTime, 0.5):0.000} ms, so the LLM figures are AgentWatch's overhead " +
                          $"(loopback HTTP and JSON both ways included); a real model adds its own latency on top.");
        Console.WriteLine();
    }

    private static async Task<(List<double> Samples, int NotModel)> MeasureAsync(List<(string Question, DateOnly? AsOf)> questions, int rounds, string? model)
    {
        var data = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
        try
        {
            await using var silo = await SiloHost.StartAsync(new SiloLaunch
            {
                Listen = false,
                Overrides = new Dictionary<string, string?>
                {
                    ["Silo:DataDirectory"] = data,
                    ["Brief:Daily"] = "false",
                    ["Agents:Model:Endpoint"] = model,
                    ["Agents:Model:Model"] = "scripted",
                    ["Agents:Model:ApiKey"] = "bench",
                },
                LogLevel = LogLevel.Warning,
            });
            // Warm-up: every question once, so the JIT and the grains are ready. With a model, a question the pipeline
            // answers before calling it (a company it does not know, named) measures no model path and is left out.
            var measured = new List<(string Question, DateOnly? AsOf)>();
            foreach (var (q, asOf) in questions)
                if ((await silo.Api.AskAsync(q, asOf)).Engine == "llm" || model is null) measured.Add((q, asOf));
            var samples = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (q, asOf) in measured)
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await silo.Api.AskAsync(q, asOf);
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (model is not null && answer.Engine != "llm") throw new InvalidOperationException($"'{q}' was not answered by the model path: {string.Join("; ", answer.Flags ?? [])}");
                }
            }
            return (samples, questions.Count - measured.Count);
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    /// <summary>`agentwatch ask --silo URL "…"` as a user runs it: a new process per question, timed from start to exit.</summary>
    private static async Task<List<double>> MeasureCliAsync(List<(string Question, DateOnly? AsOf)> questions)
    {
        var work = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await using var silo = CliProcess.Start(work, "silo", "--port", "0", "--data", "data");
            var url = silo.WaitForSiloUrl();
            // Warm-up: the silo's JIT and grains, and the CLI's files in the OS cache.
            foreach (var (q, asOf) in questions.Take(20)) await AskAsync(q, asOf);
            var samples = new List<double>();
            foreach (var (q, asOf) in questions)
            {
                var started = Stopwatch.GetTimestamp();
                await AskAsync(q, asOf);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            silo.Interrupt();
            return samples;

            async Task AskAsync(string question, DateOnly? asOf)
            {
                string[] args = asOf is { } d ? ["ask", "--silo", url, "--as-of", d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), question] : ["ask", "--silo", url, question];
                var (code, _, stderr) = await CliProcess.RunAsync(work, args);
                if (code != 0) throw new InvalidOperationException($"agentwatch ask exited {code}: {stderr}");
            }
        }
        finally
        {
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    /// <summary>The scripted model: first a tool call for the question's first company (or the league table), then an answer citing what came back.</summary>
    private static ModelReply Script(JsonElement request)
    {
        var messages = request.GetProperty("messages").EnumerateArray().ToList();
        var tool = messages.LastOrDefault(m => m.GetProperty("role").GetString() == "tool");
        if (tool.ValueKind == JsonValueKind.Undefined)
        {
            var user = messages.First(m => m.GetProperty("role").GetString() == "user").GetProperty("content").GetString()!;
            var resolved = System.Text.RegularExpressions.Regex.Match(user, @"\(([A-Z][A-Z0-9.\-]+)\)");
            return resolved.Success
                ? ModelReply.Tools(("companies-snapshot", $$"""{"company":"{{resolved.Groups[1].Value}}"}"""))
                : ModelReply.Tools(("market-capex_league_table", """{"year":2026}"""));
        }
        var result = tool.GetProperty("content").GetString()!;
        var id = System.Text.RegularExpressions.Regex.Match(result, "\"id\":\"([^\"]+)\"");
        return ModelReply.Text(id.Success ? $"See [{id.Groups[1].Value}]." : "Nothing found.");
    }

    private static string Row(string path, List<double> samples) =>
        $"| {path} | {samples.Count:N0} | {Percentile(samples, 0.5):0.00} ms | {Percentile(samples, 0.95):0.00} ms | {Percentile(samples, 0.99):0.00} ms | {samples.Max():0.00} ms |";

    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
    }

    internal static IEnumerable<string> EvalFiles() => [EvalFile(), Path.Combine(Path.GetDirectoryName(EvalFile())!, "heldout.yaml")];

    internal static string EvalFile()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "tests", "AgentWatch.Agents.Tests", "Eval", "questions.yaml");
    }
}
