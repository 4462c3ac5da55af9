namespace AgentWatch.Telemetry;

/// <summary>Where traces and metrics go (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>"none" (default), "otlp" (to <see cref="OtlpEndpoint"/>), or "console" (OpenTelemetry's console exporter, on
    /// standard output; only in <c>agentwatch silo</c> without <c>--json</c>, never in another command's own silo).</summary>
    public string Exporter { get; set; } = "none";

    /// <summary>The OTLP receiver's base address, e.g. a collector: <c>http://localhost:4317</c> (gRPC) or
    /// <c>http://localhost:4318</c> (HTTP, where <c>/v1/traces</c> and <c>/v1/metrics</c> are added).</summary>
    public string OtlpEndpoint { get; set; } = "http://localhost:4317";

    /// <summary>"grpc" or "http/protobuf".</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    public string ServiceName { get; set; } = "agentwatch";

    /// <summary>
    /// Whether Semantic Kernel's model spans carry the prompts, answers and tool arguments and results (its "sensitive"
    /// GenAI diagnostics). Off by default: they hold whatever the model was sent, ingested text included.
    /// </summary>
    public bool IncludeModelContent { get; set; }

    /// <summary>How often metrics are exported.</summary>
    public TimeSpan MetricInterval { get; set; } = TimeSpan.FromSeconds(10);

    public void Validate()
    {
        if (Exporter is not ("none" or "otlp" or "console"))
            throw new ArgumentException($"Telemetry:Exporter must be none, otlp or console, not '{Exporter}'.");
        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
            throw new ArgumentException($"Telemetry:OtlpProtocol must be grpc or http/protobuf, not '{OtlpProtocol}'.");
        if (MetricInterval <= TimeSpan.Zero)
            throw new ArgumentException($"Telemetry:MetricInterval must be positive, not {MetricInterval}.");
        if (Exporter == "otlp" && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
            throw new ArgumentException($"Telemetry:OtlpEndpoint '{OtlpEndpoint}' is not an absolute URL.");
    }
}
