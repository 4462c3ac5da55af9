using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AgentWatch.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary directory as the postgres user (the server
/// refuses to run as root), on a free loopback port; stopped and deleted afterwards. Each test gets its own database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;

    private PostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The folder holding initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/N/bin.</summary>
    public static string? FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Where(d => d.Length > 0))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
    }

    public static bool Installed => FindBinaries() is not null;

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: initdb was found neither on PATH nor in /usr/lib/postgresql/*/bin. Install it (apt-get install -y postgresql); .ci/run does.");
        var dir = Path.Combine(Path.GetTempPath(), $"agentwatch-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var root = Environment.UserName == "root";
        if (root) await RunAsync("chown", "-R", "postgres:postgres", dir);
        await RunAsPostgresAsync(root, Path.Combine(bin, "initdb"), "-D", Path.Combine(dir, "db"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        var port = FreePort();
        await RunAsPostgresAsync(root, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(dir, "db"), "-l", Path.Combine(dir, "pg.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=on", "start");
        return new PostgresServer(bin, dir, port);
    }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>A new, empty database on this server.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await create.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsPostgresAsync(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_dir, "db"), "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
        }
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Task RunAsPostgresAsync(bool root, string program, params string[] args) =>
        root ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr} {await stdout}");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
