using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AgentWatch.Testing;

/// <summary>The agentwatch command as a child process: its output is collected line by line as it comes.</summary>
public sealed partial class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _stdoutLines = new();
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private CliProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { _stdoutLines.CompleteAdding(); return; }
            _stdout.Enqueue(e.Data);
            _stdoutLines.Add(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _stderr.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;
    public string Stdout => string.Join('\n', _stdout);
    public string Stderr => string.Join('\n', _stderr);

    /// <summary>The built agentwatch.dll, next to this test project in the CLI project's own output folder.</summary>
    public static string CliPath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException("Cannot find the repository root (AgentWatch.sln) above " + AppContext.BaseDirectory);
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var path = Path.Combine(dir.FullName, "src", "AgentWatch.Cli", "bin", configuration, "net10.0", "agentwatch.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the CLI first: " + path);
        }
    }

    public static CliProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, null, args);

    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (InheritsSigintIgnored.Value)
        {
            // A test run started in the background of a script ignores SIGINT, and so would every child: Interrupt (Ctrl+C)
            // would then do nothing. coreutils' env gives the child SIGINT's default back and execs it under the same pid.
            info.FileName = "env";
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add("dotnet");
        }
        info.ArgumentList.Add(CliPath);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("AGENTWATCH_CONFIG");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return new CliProcess(Process.Start(info)!);
    }

    private static readonly Lazy<bool> InheritsSigintIgnored = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return false;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        // SigIgn is a hexadecimal mask with bit n-1 set for each ignored signal n; SIGINT is 2.
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    });

    /// <summary>Runs a command to its end and returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        await using var process = Start(workingDirectory, args);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (code, process.Stdout, process.Stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>The next stdout line that matches, waiting at most <paramref name="timeout"/>.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_stdoutLines.TryTake(out var line, TimeSpan.FromMilliseconds(100)))
            {
                if (match(line)) return line;
            }
            else if (_stdoutLines.IsCompleted) break;
        }
        throw new TimeoutException($"No line {what} within {timeout.TotalSeconds} s.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>The URL a started silo prints.</summary>
    public string WaitForSiloUrl() =>
        UrlPattern().Match(WaitForLine(l => UrlPattern().IsMatch(l), TimeSpan.FromSeconds(60), "with the silo's URL")).Value;

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void KillHard()
    {
        using var kill = Process.Start("kill", ["-9", _process.Id.ToString()]);
        kill.WaitForExit();
        _process.WaitForExit();
    }

    /// <summary>kill -STOP: the process freezes, its sockets stay open (a hung silo, not a dead one).</summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>kill -CONT: a frozen process runs on.</summary>
    public void Thaw() => Signal("-CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString()]);
        kill.WaitForExit();
    }

    /// <summary>Every stdout line so far.</summary>
    public IReadOnlyList<string> StdoutLines => [.. _stdout];

    public bool HasExited => _process.HasExited;

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.WaitForExit();
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex UrlPattern();
}
