using AgentWatch.Abstractions.Api;
using AgentWatch.Ingestion;
using AgentWatch.Silo;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// A real in-process silo (grains over SQLite) on a data directory of its own, the way the CLI runs one without
/// <c>--silo</c>. Disposing it stops the silo and removes the directory, so no test sees another's signals.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly string _root;
    private SiloHost _host;

    private readonly IDictionary<string, string?>? _settings;
    private readonly bool _serve;

    private EmbeddedSilo(string root, SiloHost host, IDictionary<string, string?>? settings = null, bool serve = false)
    {
        _root = root;
        _host = host;
        _settings = settings;
        _serve = serve;
    }

    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>A folder for files a test makes itself (an empty folder for globs, names that must not exist).</summary>
    public string WorkDirectory => Path.Combine(_root, "work");

    public IAgentWatchApi Api => _host.Api;

    public static Task<EmbeddedSilo> StartAsync() => StartAsync(_ => new Dictionary<string, string?>());

    /// <summary>
    /// A silo with more settings; the function gets the silo's root folder (its work folder is root/work). Serving, it
    /// runs as <c>agentwatch silo</c> does, with the HTTP API on a free loopback port and the inbox and polling.
    /// </summary>
    public static async Task<EmbeddedSilo> StartAsync(Func<string, IDictionary<string, string?>> settings, bool serve = false)
    {
        var root = Path.Combine(Path.GetTempPath(), "agentwatch-ingestion-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "work"));
        try
        {
            var extra = settings(root);
            if (serve) extra["Silo:Port"] = "0";
            return new EmbeddedSilo(root, await StartHostAsync(Path.Combine(root, "data"), extra, serve), extra, serve);
        }
        catch
        {
            DeleteQuietly(root);
            throw;
        }
    }

    /// <summary>Stops the silo and starts a new one on the same data directory: what is stored must have survived.</summary>
    public async Task RestartAsync()
    {
        await _host.DisposeAsync();
        _host = await StartHostAsync(DataDirectory, _settings, _serve);
    }

    /// <summary>Ingests through the same path the CLI takes: expansion, parsing, batching, the silo's API.</summary>
    public Task<FileIngestReport> IngestAsync(params string[] paths) => IngestAsync(new InputLimits(), paths);

    public Task<FileIngestReport> IngestAsync(InputLimits limits, params string[] paths) =>
        Ingestor(limits).IngestAsync(paths);

    /// <summary>The ingestor the CLI uses, with the repository's config (watchlist, lexicon) and the given limits.</summary>
    public FileIngestor Ingestor(InputLimits? limits = null)
    {
        var context = IngestionSetup.Context(AgentWatchConfiguration.Build(RepositoryConfig));
        return new FileIngestor(Api, Ingestion.Formats.FormatRegistry.CreateDefault(), context with { Limits = limits ?? new InputLimits() });
    }

    public static string RepositoryConfig
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
            return Path.Combine(dir!.FullName, "config");
        }
    }

    private static Task<SiloHost> StartHostAsync(string dataDirectory, IDictionary<string, string?>? settings = null, bool serve = false) => SiloHost.StartAsync(new SiloLaunch
    {
        Listen = serve,
        // Warnings only: the tests read reports, and a silo per test would otherwise flood the output.
        LogLevel = LogLevel.Warning,
        Overrides = new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = dataDirectory,
            // An empty silo, so every stored signal and alert is one the test put there.
            ["Silo:SeedOnFirstStart"] = "false",
            // No daily-brief reminder firing while a test runs.
            ["Brief:Daily"] = "false",
        }.Concat(settings ?? new Dictionary<string, string?>()).ToDictionary(),
    });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.DisposeAsync();
        }
        finally
        {
            DeleteQuietly(_root);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not turn a passing test into a failing one; the OS temp cleaner gets it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The bad-input corpus copied beside the test assembly.</summary>
public static class Corpus
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static string File(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
