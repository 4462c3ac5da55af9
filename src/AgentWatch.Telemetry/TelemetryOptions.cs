namespace AgentWatch.Telemetry;

/// <summary>Where traces and metrics go (configuration section <c>Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>"none" (default), "otlp" (to <see cref="OtlpEndpoint"/>), or "console" (one line per span and metric, on stderr).</summary>
    public string Exporter { get; set; } = "none";

    /// <summary>The OTLP receiver's base address, e.g. a collector: <c>http://localhost:4317</c> (gRPC) or
    /// <c>http://localhost:4318</c> (HTTP, where <c>/v1/traces</c> and <c>/v1/metrics</c> are added).</summary>
    public string OtlpEndpoint { get; set; } = "http://localhost:4317";

    /// <summary>"grpc" or "http/protobuf".</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    public string ServiceName { get; set; } = "agentwatch";

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

/// <summary>The names AgentWatch traces and measures under; listeners subscribe by them.</summary>
public static class TelemetryNames
{
    public static readonly string[] Sources = ["AgentWatch.*", "Microsoft.Orleans.*", "Microsoft.AspNetCore", "System.Net.Http"];
    public static readonly string[] Meters = ["AgentWatch.*", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];
}
