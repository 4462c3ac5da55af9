using AgentWatch.Agents.Definitions;
using AgentWatch.Client;
using AgentWatch.Telemetry;
using Microsoft.Extensions.Configuration;

namespace AgentWatch.Silo;

/// <summary>
/// The settings a silo starts from, read and checked together before anything listens or opens a file, so that a
/// wrong value stops the start with a message naming the setting instead of failing later or running insecurely.
/// </summary>
public sealed record SiloSettings(SiloOptions Silo, ClusterMode Mode, ClusteringOptions Cluster, TelemetryOptions Telemetry, AgentsOptions Agents)
{
    /// <param name="listen">Whether the silo serves HTTP (a standalone or cluster silo) or is embedded in a CLI command.</param>
    public static SiloSettings Read(IConfiguration configuration, bool listen)
    {
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        silo.DataDirectory = Path.GetFullPath(silo.DataDirectory);
        var mode = silo.ClusterMode;
        var cluster = configuration.GetSection(ClusteringOptions.SectionName).Get<ClusteringOptions>() ?? new ClusteringOptions();
        var telemetry = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();

        if (silo.Port is < 0 or > 65535) throw new ArgumentException($"Silo:Port must be 0 to 65535, not {silo.Port}.");
        if (listen && !HttpApi.IsLoopback(silo.Bind) && string.IsNullOrWhiteSpace(silo.ApiKey))
            throw new InvalidOperationException(
                $"The silo would listen on {silo.Bind}, beyond this machine, without an API key. Set Silo:ApiKey (or AGENTWATCH_Silo__ApiKey), or bind to 127.0.0.1.");
        if (mode.Clustered && !listen)
            throw new InvalidOperationException("A cluster member must serve HTTP (other silos and clients rely on it). Start one with `agentwatch silo --cluster …`; other commands connect to the cluster's running silos.");
        if (cluster.Problems().FirstOrDefault() is { } problem) throw new ArgumentException(problem);
        if (listen && !HttpApi.IsLoopback(cluster.Bind) && string.IsNullOrWhiteSpace(cluster.Certificate))
            throw new InvalidOperationException(
                $"The silo and gateway endpoints would listen on {cluster.Bind}, beyond this machine, where anyone who reaches them could call every grain. " +
                "Set Cluster:Certificate (a .pfx file, the same on every silo and client; AGENTWATCH_Cluster__Certificate) so that silos and clients prove themselves to each other over TLS, or bind to 127.0.0.1.");
        telemetry.Validate();
        var agents = configuration.GetSection(AgentsOptions.SectionName).Get<AgentsOptions>() ?? new AgentsOptions();
        agents.Validate();
        return new SiloSettings(silo, mode, cluster, telemetry, agents);
    }
}
