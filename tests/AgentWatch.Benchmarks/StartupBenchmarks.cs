using System.Diagnostics;
using AgentWatch.Testing;

namespace AgentWatch.Benchmarks;

/// <summary>
/// Cold starts of the agentwatch command, each a new process: an embedded command (<c>ask</c> with no silo running),
/// a command against a running silo (<c>status</c>, as an Orleans client), and <c>agentwatch silo</c> until it says it
/// listens, on an existing and on a new data directory. Each with the published command (<c>dotnet publish</c>, which
/// compiles it ahead of time: ReadyToRun) and with the plain build output (everything compiled by the JIT at run time).
/// </summary>
internal static class StartupBenchmarks
{
    private const string Question = "What is Amazon's capex guidance for 2026?";

    public static async Task RunAsync(bool quick)
    {
        var runs = quick ? 2 : 5;
        var work = Program.TempDirectory();
        Directory.CreateDirectory(work);
        try
        {
            var published = Environment.GetEnvironmentVariable("AGENTWATCH_BENCH_PUBLISHED") is { Length: > 0 } given ? Path.GetFullPath(given) : await PublishAsync(Path.Combine(work, "published"));
            var builds = new List<(string Name, string Dll)>
            {
                ("published (ReadyToRun)", Path.Combine(published, "agentwatch.dll")),
                ("build output (JIT)", CliProcess.CliPath),
            };
            foreach (var (_, dll) in builds)
                if (!File.Exists(dll)) throw new FileNotFoundException("No agentwatch.dll at " + dll);

            Console.WriteLine("## Cold start of the agentwatch command");
            Console.WriteLine();
            Console.WriteLine($"Each run a new process (`dotnet agentwatch.dll …`), timed from starting it to its exit (or, for `silo`, to its \"listening\" line); {runs} runs per row after one untimed run (so files are in the OS cache), " +
                              "the two builds taking turns. Published: `dotnet publish src/AgentWatch.Cli -c Release -o DIR` (ReadyToRun, compiled ahead of time); build output: `src/AgentWatch.Cli/bin/Release/net10.0` (JIT only).");
            Console.WriteLine();
            Console.WriteLine("| command | build | seconds (median) | range | each run |");
            Console.WriteLine("|---|---|---|---|---|");

            var existing = Path.Combine(work, "existing");
            var seeded = await RunToExitAsync(builds[0].Dll, work, "seed", "--data", existing);
            if (seeded.ExitCode != 0) throw new InvalidOperationException($"agentwatch seed failed: {seeded.Output}");

            await RowsAsync("`agentwatch --version` (the .NET host and the command line only)", builds, runs, async dll =>
            {
                var r = await RunToExitAsync(dll, work, "--version");
                return r.ExitCode == 0 ? r.Seconds : throw new InvalidOperationException(r.Output);
            });
            await RowsAsync($"`agentwatch ask \"{Question}\"`, no silo running (embedded silo on an existing data directory)", builds, runs, async dll =>
            {
                var r = await RunToExitAsync(dll, work, "ask", Question, "--data", existing);
                return r.ExitCode == 0 ? r.Seconds : throw new InvalidOperationException(r.Output);
            });
            await RowsAsync("`agentwatch silo` to \"listening\", existing data directory", builds, runs, async dll =>
            {
                var (seconds, _) = await SiloUntilListeningAsync(dll, work, existing, stop: true);
                return seconds;
            });

            // A command against a running silo: it finds the silo through the data directory and connects as an Orleans client.
            var (_, silo) = await SiloUntilListeningAsync(builds[0].Dll, work, existing, stop: false);
            try
            {
                await RowsAsync("`agentwatch status` against a running silo (Orleans client through its gateway)", builds, runs, async dll =>
                {
                    var r = await RunToExitAsync(dll, work, "status", "--data", existing);
                    return r.ExitCode == 0 && r.Output.Contains("Orleans client", StringComparison.Ordinal)
                        ? r.Seconds
                        : throw new InvalidOperationException($"status did not reach the running silo as a client: {r.Output}");
                });
            }
            finally
            {
                await StopAsync(silo!);
            }

            await RowsAsync("`agentwatch silo` to \"listening\", new data directory (loads the built-in dataset)", builds, runs, async dll =>
            {
                var fresh = Path.Combine(work, $"new-{Guid.NewGuid():N}");
                try
                {
                    var (seconds, _) = await SiloUntilListeningAsync(dll, work, fresh, stop: true);
                    return seconds;
                }
                finally
                {
                    Program.DeleteDirectory(fresh);
                }
            });
            Console.WriteLine();
        }
        finally
        {
            Program.DeleteDirectory(work);
        }
    }

    /// <summary>One untimed run per build, then the builds take turns; a row per build.</summary>
    private static async Task RowsAsync(string what, List<(string Name, string Dll)> builds, int runs, Func<string, Task<double>> once)
    {
        var times = builds.ToDictionary(b => b.Name, _ => new List<double>());
        foreach (var (_, dll) in builds) await once(dll);
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, dll) in builds) times[name].Add(await once(dll));
        }
        foreach (var (name, _) in builds)
            Console.WriteLine($"| {what} | {name} | {Stats.Median(times[name]):0.00} | {times[name].Min():0.00}–{times[name].Max():0.00} | {Stats.Each(times[name], "0.00")} |");
    }

    private static ProcessStartInfo Info(string dll, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("AGENTWATCH_CONFIG");
        return info;
    }

    private static async Task<(int ExitCode, double Seconds, string Output)> RunToExitAsync(string dll, string workingDirectory, params string[] args)
    {
        var info = Info(dll, workingDirectory, args);
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (process.ExitCode, seconds, await stdout + await stderr);
    }

    /// <summary>Starts <c>agentwatch silo</c> and times it to its "listening" line; stops it (Ctrl+C) when asked.</summary>
    private static async Task<(double Seconds, Process? Silo)> SiloUntilListeningAsync(string dll, string workingDirectory, string data, bool stop)
    {
        var info = Info(dll, workingDirectory, "silo", "--port", "0", "--data", data);
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        double? seconds = null;
        var output = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            output.Add(line);
            if (line.Contains("listening on http://", StringComparison.Ordinal))
            {
                seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                break;
            }
        }
        if (seconds is null)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw new InvalidOperationException($"agentwatch silo never said it listens: {string.Join('\n', output)}\n{await stderr}");
        }
        // Keep draining its output, or a chatty silo blocks on a full pipe.
        _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
        if (!stop) return (seconds.Value, process);
        await StopAsync(process);
        return (seconds.Value, null);
    }

    /// <summary>
    /// SIGTERM, as `docker stop` and systemd stop a silo (Ctrl+C, SIGINT, does the same in a terminal; a process started
    /// in the background of a script inherits SIGINT ignored, so it is not used here); it leaves the cluster and frees
    /// the data directory.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await terminate.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    /// <summary>`dotnet publish src/AgentWatch.Cli -c Release -o DIR`, as the README gives the command; tried again once after a minute.</summary>
    private static async Task<string> PublishAsync(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "AgentWatch.Cli");
        for (var attempt = 1; ; attempt++)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "publish", project, "-c", "Release", "-o", output, "--nologo" }) info.ArgumentList.Add(a);
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode == 0) return output;
            if (attempt == 2) throw new InvalidOperationException($"dotnet publish failed:\n{await stdout}\n{await stderr}");
            Console.Error.WriteLine("dotnet publish failed (another build under way?); trying again in a minute.");
            await Task.Delay(TimeSpan.FromMinutes(1));
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
