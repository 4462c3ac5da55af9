using System.Diagnostics;
using System.Text;
using AgentWatch.Testing;

namespace AgentWatch.Cli.Tests;

/// <summary>
/// `agentwatch ask` on a terminal, with a model: the answer appears as the model writes it, and the figure check's
/// verdict follows it. The terminal is real (a pseudo-terminal from util-linux's `script`), the model is the scripted
/// OpenAI-compatible server, which stops halfway through its answer until the test has seen the first half on screen.
/// </summary>
public sealed class StreamingTests : IDisposable
{
    private const string AmazonCapex2026 = "seed-002-amzn-capex-guidance-fy2026";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "agentwatch-cli-tests", Guid.NewGuid().ToString("N"));

    public StreamingTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        try { Directory.Delete(_work, true); } catch (IOException) { }
    }

    [Fact]
    public async Task On_a_terminal_a_models_answer_appears_as_it_is_written_through_the_cluster_client_and_over_http()
    {
        await using var model = await ScriptedModelServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AGENTWATCH_Agents__Model__Endpoint"] = model.Endpoint,
            ["AGENTWATCH_Agents__Model__Model"] = "scripted-model",
            ["AGENTWATCH_Agents__Model__ApiKey"] = "test-key",
            ["AGENTWATCH_Agents__ExplainAlerts"] = "false",
            // The scripted model answers the questions only: the newsdesk and the skeptic would take its replies.
            ["AGENTWATCH_Rules__MaterialNews__Enabled"] = "false",
            ["AGENTWATCH_Rules__BubbleRisk__Enabled"] = "false",
        };
        await using var silo = CliProcess.Start(_work, environment, "silo", "--port", "0", "--data", "data");
        var url = silo.WaitForSiloUrl();

        // Through the data directory (an Orleans client of the running silo), then over its HTTP API.
        foreach (var route in new[] { new[] { "--data", "data" }, new[] { "--silo", url } })
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            model.Enqueue(ModelReply.Tools(("companies-signals", """{"company":"AMZN","kind":"capex-guidance","year":2026}""")));
            model.Enqueue(ModelReply.Paused("Amazon guides capex ", release.Task, $"of $200 billion for 2026 [{AmazonCapex2026}]."));

            await using var terminal = Terminal.Start(_work, environment, ["ask", "Amazon capex guidance 2026", .. route]);
            await terminal.WaitForAsync("Amazon guides capex", TimeSpan.FromSeconds(90));
            // The model has not finished: what is on screen came as it wrote it, before the rest existed.
            Assert.DoesNotContain("$200 billion", terminal.Screen);
            release.SetResult();
            Assert.Equal(0, await terminal.WaitForExitAsync(TimeSpan.FromSeconds(60)));

            var screen = terminal.Screen;
            Assert.Contains($"Amazon guides capex of $200 billion for 2026 [{AmazonCapex2026}].", screen);
            Assert.Equal(1, Count(screen, "Amazon guides capex"));
            // The check's verdict and the evidence follow the streamed text.
            Assert.True(screen.IndexOf("Evidence:", StringComparison.Ordinal) > screen.IndexOf("[seed-002", StringComparison.Ordinal), screen);
            Assert.Contains("(llm, scripted-model", screen);
            Assert.Contains(model.Requests, r => r.TryGetProperty("stream", out var s) && s.GetBoolean());
        }
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>The agentwatch command on a pseudo-terminal (`script`), its screen read as it is written, not by lines.</summary>
    private sealed class Terminal : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _screen = new();
        private readonly Lock _gate = new();
        private readonly Task _reading;

        private Terminal(Process process)
        {
            _process = process;
            _reading = Task.Run(async () =>
            {
                var buffer = new char[256];
                int n;
                while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
                    lock (_gate) _screen.Append(buffer, 0, n);
            });
        }

        public string Screen
        {
            get { lock (_gate) return _screen.ToString().Replace("\r", "", StringComparison.Ordinal); }
        }

        public static Terminal Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
        {
            var command = string.Join(' ', new[] { "dotnet", CliProcess.CliPath }.Concat(args).Select(Quote));
            var info = new ProcessStartInfo("script", ["-qfec", command, "/dev/null"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (k, v) in environment) info.Environment[k] = v;
            return new Terminal(Process.Start(info)!);
        }

        public async Task WaitForAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Screen.Contains(text, StringComparison.Ordinal))
            {
                if (DateTime.UtcNow > deadline || _process.HasExited && _reading.IsCompleted)
                    throw new TimeoutException($"'{text}' did not appear on the terminal within {timeout.TotalSeconds:0} s:\n{Screen}");
                await Task.Delay(50);
            }
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cts.Token);
            await _reading.WaitAsync(cts.Token);
            return _process.ExitCode;
        }

        private static string Quote(string arg) => "'" + arg.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            try { await _reading.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { }
            _process.Dispose();
        }
    }
}
