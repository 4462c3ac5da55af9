namespace AgentWatch.Abstractions.Diagnostics;

/// <summary>
/// What is AgentWatch's own to say in telemetry, in one place: the names of its activity sources and meters, its spans,
/// its instruments and the attributes it puts on them, and the resource attributes it adds. Dashboards and alerts are
/// built on these names, so they change here or nowhere. Everything else (Orleans', Semantic Kernel's, ASP.NET Core's,
/// HttpClient's, Npgsql's, the runtime's) comes from their own instrumentation, subscribed by their names.
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

    /// <summary>Spans: their names, or the start of names that end with what they are about.</summary>
    public static class Spans
    {
        /// <summary>One ingested batch.</summary>
        public const string Ingest = "ingest";

        /// <summary>One agent run, whatever its engine: <c>agent analyst</c>.</summary>
        public static string Agent(string agent) => $"agent {agent}";

        /// <summary>The model's or the offline engine's loop within a run: <c>model run analyst</c>, <c>offline run analyst</c>.</summary>
        public static string Run(bool model, string agent) => $"{(model ? "model" : "offline")} run {agent}";

        /// <summary>One kernel function call: <c>tool companies.signals</c>.</summary>
        public static string Tool(string tool) => $"tool {tool}";
    }

    /// <summary>Instruments, by the meter that makes them.</summary>
    public static class Instruments
    {
        // Market: tagged rule and severity.
        public const string AlertsRaised = "agentwatch.alerts.raised";

        // Market: tagged outcome (new, duplicate, conflict, rejected).
        public const string SignalsIngested = "agentwatch.signals.ingested";

        // Market, in ms.
        public const string IngestDuration = "agentwatch.ingest.duration";

        // Market: tagged subscription and outcome (delivered, failed).
        public const string WebhookDeliveries = "agentwatch.webhook.deliveries";

        // Ingestion, in s: tagged source.
        public const string IngestLag = "agentwatch.ingest.lag";

        // Ingestion: tagged source and outcome (ok, failed).
        public const string IngestFiles = "agentwatch.ingest.files";

        // Agents, in ms: tagged tool.
        public const string ToolDuration = "agentwatch.agent.tool.duration";

        // Agents: tagged agent and direction (input, output).
        public const string Tokens = "agentwatch.agent.tokens";

        // Agents: tagged agent and outcome (ok, flagged, failed).
        public const string ModelRuns = "agentwatch.agent.model_runs";
    }

    /// <summary>Attribute keys on AgentWatch's spans and metric points.</summary>
    public static class Attributes
    {
        public const string Agent = "agent";
        public const string Tool = "tool";
        public const string Model = "model";
        public const string Engine = "engine";
        public const string AsOf = "as_of";
        public const string Steps = "steps";
        public const string ToolCalls = "tool_calls";
        public const string Flags = "flags";
        public const string TokensInput = "tokens.input";
        public const string TokensOutput = "tokens.output";
        public const string Direction = "direction";
        public const string Outcome = "outcome";
        public const string Rule = "rule";
        public const string Severity = "severity";
        public const string Source = "source";
        public const string Subscription = "subscription";
        public const string Signals = "signals";
        public const string New = "new";
        public const string Alerts = "alerts";
    }
}
