using System.Reflection;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Grains;
using AgentWatch.Grains.Rules;
using AgentWatch.Ingestion;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Runtime.Streams;
using AgentWatch.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using YamlDotNet.RepresentationModel;

namespace AgentWatch.Silo.Tests;

/// <summary>
/// Every setting the shipped files pass is one the silo reads: a misspelt key in config/, the Dockerfile or
/// docker-compose.yml would otherwise be ignored without a word.
/// </summary>
public sealed partial class SettingsTests
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (SiloOptions.SectionName, typeof(SiloOptions)),
        (GrainRuntimeOptions.SectionName, typeof(GrainRuntimeOptions)),
        (SqliteStorageOptions.SectionName, typeof(SqliteStorageOptions)),
        (StreamOptions.SectionName, typeof(StreamOptions)),
        (BriefOptions.SectionName, typeof(BriefOptions)),
        (InputLimits.SectionName, typeof(InputLimits)),
        (RulesOptions.SectionName, typeof(RulesOptions)),
        (WatchlistOptions.SectionName, typeof(WatchlistOptions)),
    ];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_key_in_the_shipped_config_files_is_a_setting_the_silo_reads()
    {
        var config = AgentWatchConfiguration.Build(Path.Combine(RepositoryRoot(), "config"));
        var unknown = config.AsEnumerable().Where(kv => kv.Value is not null).Select(kv => kv.Key).Where(k => !IsKnown(k)).ToList();
        Assert.True(unknown.Count == 0, "Unknown settings in config/: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_environment_setting_in_docker_compose_and_the_dockerfile_exists()
    {
        var root = RepositoryRoot();
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(root, "docker-compose.yml"))) yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var keys = new List<string>();
        foreach (var (_, service) in services.Children)
        {
            if (((YamlMappingNode)service).Children.TryGetValue("environment", out var env))
                keys.AddRange(((YamlMappingNode)env).Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
        }
        keys.AddRange(EnvPattern().Matches(File.ReadAllText(Path.Combine(root, "Dockerfile"))).Select(m => m.Groups[1].Value));
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.StartsWith("AGENTWATCH_", key);
            Assert.True(IsKnown(key["AGENTWATCH_".Length..].Replace("__", ":")), $"{key} is not a setting AgentWatch reads");
        }
    }

    [Fact]
    public void The_checker_itself_refuses_a_misspelt_setting()
    {
        Assert.True(IsKnown("Silo:Port"));
        Assert.True(IsKnown("Rules:CapexVsCashFlow:MinRatioPercent"));
        Assert.True(IsKnown("Watchlist:Companies:NVDA:Aliases:0"));
        Assert.False(IsKnown("Silo:Prot"));
        Assert.False(IsKnown("Rules:CapexVsCashFlow:MinRatio"));
        Assert.False(IsKnown("Nonsense:Key"));
    }

    /// <summary>A configuration key names a property path under one of the options sections (dictionary keys and list indexes allowed).</summary>
    private static bool IsKnown(string key)
    {
        foreach (var (section, type) in Sections.OrderByDescending(s => s.Section.Length))
        {
            if (!key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)) continue;
            var current = type;
            foreach (var part in key[(section.Length + 1)..].Split(':'))
            {
                if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(Dictionary<,>)) { current = current.GetGenericArguments()[1]; continue; }
                if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(List<>) && int.TryParse(part, out _)) { current = current.GetGenericArguments()[0]; continue; }
                var property = current.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null || !property.CanWrite) return false;
                current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            }
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"(AGENTWATCH_[A-Za-z_]+)=")]
    private static partial Regex EnvPattern();
}
