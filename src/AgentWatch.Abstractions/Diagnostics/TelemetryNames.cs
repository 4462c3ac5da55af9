namespace AgentWatch.Abstractions.Diagnostics;

/// <summary>
/// What is AgentWatch's own to say in telemetry, in one place: the names of its activity sources and meters, and the
/// resource attributes it adds. Everything else (Orleans', Semantic Kernel's, ASP.NET Core's, HttpClient's, Npgsql's,
/// the runtime's) comes from their own instrumentation, subscribed by their names.
/// </summary>
public static class TelemetryNames
{
    /// <summary>Ingestion: the <c>ingest</c> span of a batch (source), and the inbox's and polling's files and lag (meter).</summary>
    public const string Ingestion = "AgentWatch.Ingestion";

    /// <summary>The market domain's meter: alerts raised, signals ingested by outcome, ingestion time, webhook deliveries.</summary>
    public const string Market = "AgentWatch.Market";

    /// <summary>The agents: a span per run, per model or offline loop and per tool call (source); tool durations and tokens (meter).</summary>
    public const string Agents = "AgentWatch.Agents";

    public static readonly IReadOnlyList<string> Sources = [Ingestion, Agents];
    public static readonly IReadOnlyList<string> Meters = [Ingestion, Market, Agents];

    /// <summary>Resource attributes: the silo's name and its cluster's id, beside <c>service.name</c> and <c>service.instance.id</c>.</summary>
    public const string SiloAttribute = "agentwatch.silo";
    public const string ClusterAttribute = "agentwatch.cluster";
}
