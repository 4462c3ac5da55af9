using System.Reflection;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Grains;
using AgentWatch.Grains.Rules;
using AgentWatch.Ingestion;
using AgentWatch.Client;
using AgentWatch.Storage.Sqlite;
using AgentWatch.Telemetry;
using AgentWatch.Silo;
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
        (RuntimeOptions.SectionName, typeof(RuntimeOptions)),
        (SqliteStoreOptions.SectionName, typeof(SqliteStoreOptions)),
        (BriefOptions.SectionName, typeof(BriefOptions)),
        (InputLimits.SectionName, typeof(InputLimits)),
        (Ingestion.Inbox.InboxOptions.SectionName, typeof(Ingestion.Inbox.InboxOptions)),
        (Ingestion.Polling.PollingOptions.SectionName, typeof(Ingestion.Polling.PollingOptions)),
        (Ingestion.Formats.NewsOptions.SectionName, typeof(Ingestion.Formats.NewsOptions)),
        (Ingestion.Formats.PriceOptions.SectionName, typeof(Ingestion.Formats.PriceOptions)),
        (Ingestion.Formats.FilingOptions.SectionName, typeof(Ingestion.Formats.FilingOptions)),
        (WebhookOptions.SectionName, typeof(WebhookOptions)),
        (RulesOptions.SectionName, typeof(RulesOptions)),
        (WatchlistOptions.SectionName, typeof(WatchlistOptions)),
        (ClusteringOptions.SectionName, typeof(ClusteringOptions)),
        (FailureDetection.SectionName, typeof(Orleans.Configuration.ClusterMembershipOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
        (Agents.Definitions.AgentsOptions.SectionName, typeof(Agents.Definitions.AgentsOptions)),
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
        var keys = Compose.Load(root).Services.Values.SelectMany(s => s.Environment.Keys).Where(k => k.StartsWith("AGENTWATCH_", StringComparison.Ordinal)).ToList();
        keys.AddRange(EnvPattern().Matches(File.ReadAllText(Path.Combine(root, "Dockerfile"))).Select(m => m.Groups[1].Value));
        Assert.NotEmpty(keys);
        foreach (var key in keys)
            Assert.True(IsKnown(ToConfigurationKey(key)), $"{key} is not a setting AgentWatch reads");
    }

    /// <summary>
    /// docker compose cannot run here, so the file is checked the way compose and the silos would read it: each silo's
    /// settings pass the silo's own start-up checks, and every name one service uses for another resolves.
    /// </summary>
    [Fact]
    public void The_compose_cluster_is_three_silos_whose_settings_start_and_point_at_its_database_and_collector()
    {
        var root = RepositoryRoot();
        var compose = Compose.Load(root);
        var silos = compose.Services.Where(s => s.Value.Command.Contains("silo")).ToList();
        Assert.Equal(3, silos.Count);
        var postgres = compose.Services["postgres"];
        var collectorConfig = new YamlStream();
        var collector = compose.Services["otel-collector"];
        var mount = Assert.Single(collector.Volumes, v => v.StartsWith("./config/", StringComparison.Ordinal)).Split(':');
        using (var reader = new StreamReader(Path.Combine(root, mount[0]))) collectorConfig.Load(reader);
        Assert.Contains(mount[1], collector.Command.Single(c => c.StartsWith("--config=", StringComparison.Ordinal)));
        var grpcEndpoint = Node(collectorConfig.Documents[0].RootNode, "receivers", "otlp", "protocols", "grpc", "endpoint");
        // The silos send all three signals: the collector takes each of them from its OTLP receiver.
        var pipelines = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)collectorConfig.Documents[0].RootNode)["service"])["pipelines"];
        foreach (var signal in new[] { "traces", "metrics", "logs" })
            Assert.Contains("otlp", ((YamlSequenceNode)((YamlMappingNode)pipelines[signal])["receivers"]).Select(n => ((YamlScalarNode)n).Value));

        var hostPorts = new HashSet<string>();
        foreach (var (name, silo) in silos)
        {
            var settings = new Dictionary<string, string?>();
            foreach (Match m in EnvPattern().Matches(File.ReadAllText(Path.Combine(root, "Dockerfile")))) settings[ToConfigurationKey(m.Groups[1].Value)] = m.Groups[2].Value;
            foreach (var (key, value) in silo.Environment) settings[ToConfigurationKey(key)] = value;
            var read = SiloSettings.Read(AgentWatchConfiguration.Build(Path.Combine(root, "config"), settings), listen: true);

            Assert.Equal(ClusterKind.Postgres, read.Mode.Kind);
            var db = new Npgsql.NpgsqlConnectionStringBuilder(read.Mode.ConnectionString);
            Assert.True(compose.Services.ContainsKey(db.Host!), $"{name} connects to {db.Host}, which is no service");
            Assert.Equal(postgres.Environment["POSTGRES_DB"], db.Database);
            Assert.Equal(postgres.Environment["POSTGRES_USER"], db.Username);
            Assert.Equal(postgres.Environment["POSTGRES_PASSWORD"], db.Password);
            // Peers and clients dial the advertised address: the service name, never loopback, and fixed ports.
            Assert.Equal(name, read.Cluster.AdvertisedHost);
            Assert.NotEqual(0, read.Cluster.SiloPort);
            Assert.NotEqual(0, read.Cluster.GatewayPort);
            Assert.Equal("0.0.0.0", read.Cluster.Bind);
            var certificate = Assert.Single(silo.Secrets);
            Assert.Equal($"/run/secrets/{certificate}", read.Cluster.Certificate);
            Assert.True(compose.Secrets.ContainsKey(certificate), $"{name} mounts secret {certificate}, which the file does not declare");
            Assert.False(string.IsNullOrEmpty(read.Cluster.CertificatePassword));
            Assert.Equal("otlp", read.Telemetry.Exporter);
            var otlp = new Uri(read.Telemetry.OtlpEndpoint);
            Assert.Equal("otel-collector", otlp.Host);
            Assert.Equal("grpc", read.Telemetry.OtlpProtocol);
            Assert.EndsWith(":" + otlp.Port, grpcEndpoint);
            Assert.Contains("postgres", silo.DependsOn);
            Assert.Contains("otel-collector", silo.DependsOn);
            var published = Assert.Single(silo.Ports).Split(':');
            Assert.Equal("127.0.0.1", published[0]);
            Assert.Equal(read.Silo.Port.ToString(), published[2]);
            Assert.True(hostPorts.Add(published[1]), $"{name} publishes host port {published[1]} twice");
            Assert.All(silo.Volumes, v => Assert.Contains(v.Split(':')[0], compose.Volumes));
        }
    }

    private static string ToConfigurationKey(string variable)
    {
        Assert.StartsWith("AGENTWATCH_", variable);
        return variable["AGENTWATCH_".Length..].Replace("__", ":", StringComparison.Ordinal);
    }

    private static string Node(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key])).Value!;

    [Fact]
    public void The_checker_itself_refuses_a_misspelt_setting()
    {
        Assert.True(IsKnown("Silo:Port"));
        Assert.True(IsKnown("Rules:CapexVsCashFlow:MinRatioPercent"));
        Assert.True(IsKnown("Watchlist:Companies:NVDA:Aliases:0"));
        Assert.True(IsKnown("Rules:BubbleRisk:Levels:2"));
        Assert.False(IsKnown("Rules:BubbleRisk:Levels:x"));
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
                if (current.IsArray && int.TryParse(part, out _)) { current = current.GetElementType()!; continue; }
                var property = current.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null || !property.CanWrite) return false;
                current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            }
            return true;
        }
        return false;
    }

    [GeneratedRegex(@"(AGENTWATCH_[A-Za-z_]+)=(\S*)")]
    private static partial Regex EnvPattern();
}
