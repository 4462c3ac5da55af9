using Microsoft.Extensions.Configuration;

namespace AgentWatch.Silo;

/// <summary>
/// Where settings come from, weakest first: the defaults shipped beside the binary (config/), a config folder (the
/// <c>--config</c> option, else <c>AGENTWATCH_CONFIG</c>, else ./config), environment variables prefixed
/// <c>AGENTWATCH_</c> (<c>AGENTWATCH_Rules__ExtremeValuation__MinPeRatio=50</c>), then command-line options.
/// </summary>
public static class AgentWatchConfiguration
{
    /// <summary>The files read from each config folder, in order.</summary>
    public static readonly IReadOnlyList<string> Files = ["agentwatch.json", "watchlist.json", "rules.json"];

    public static string DefaultsDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    public static IConfigurationRoot Build(string? configDirectory = null, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        AddFolder(builder, DefaultsDirectory, required: false);

        var explicitFolder = configDirectory ?? Environment.GetEnvironmentVariable("AGENTWATCH_CONFIG");
        if (explicitFolder is not null && !Directory.Exists(explicitFolder))
            throw new DirectoryNotFoundException($"Config folder '{explicitFolder}' does not exist.");
        var folder = explicitFolder ?? (Directory.Exists("config") ? "config" : null);
        if (folder is not null && !SamePath(folder, DefaultsDirectory)) AddFolder(builder, folder, required: false);

        builder.AddEnvironmentVariables("AGENTWATCH_");
        if (overrides is not null) builder.AddInMemoryCollection(overrides.Where(o => o.Value is not null));
        return builder.Build();
    }

    private static void AddFolder(ConfigurationBuilder builder, string folder, bool required)
    {
        foreach (var file in Files)
        {
            var path = Path.GetFullPath(Path.Combine(folder, file));
            if (File.Exists(path) || required) builder.AddJsonFile(path, optional: !required, reloadOnChange: false);
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
}
