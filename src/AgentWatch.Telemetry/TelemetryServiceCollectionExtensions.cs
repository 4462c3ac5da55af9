using AgentWatch.Abstractions.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AgentWatch.Telemetry;

/// <summary>Which silo telemetry comes from: its name and its cluster's id.</summary>
public sealed record TelemetrySource(string Silo, string Cluster);

public static class TelemetryServiceCollectionExtensions
{
    private const string SemanticKernelDiagnostics = "Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnostics";
    private const string SemanticKernelSensitive = "Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive";

    /// <summary>
    /// OpenTelemetry on its own hosting: a resource naming the service, the silo and the cluster; traces, metrics and
    /// logs from AgentWatch, Orleans, Semantic Kernel, ASP.NET Core, HttpClient, Npgsql and the runtime; exported as
    /// <c>Telemetry</c> says (nothing, OTLP, or the console). With no exporter no span is made and the meters have no
    /// reader, so telemetry costs nothing; a host may still add a reader of its own (tests do).
    /// </summary>
    /// <param name="consoleAllowed">
    /// False where standard output is someone else's (a CLI command's own silo, <c>agentwatch silo --json</c>): the
    /// console exporter writes only there, so <c>console</c> is taken as <c>none</c>.
    /// </param>
    public static IServiceCollection AddAgentWatchTelemetry(this IServiceCollection services, IConfiguration configuration, TelemetrySource source, bool consoleAllowed)
    {
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.Validate();
        services.Configure<TelemetryOptions>(section);
        var exporter = options.Exporter == "console" && !consoleAllowed ? "none" : options.Exporter;

        var otel = services.AddOpenTelemetry().ConfigureResource(r => r
            .AddService(options.ServiceName, serviceInstanceId: source.Silo)
            .AddAttributes([new(TelemetryNames.SiloAttribute, source.Silo), new(TelemetryNames.ClusterAttribute, source.Cluster)]));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter([.. TelemetryNames.Meters, "Microsoft.Orleans", "Microsoft.SemanticKernel*"])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation();
            if (exporter == "otlp")
                metrics.AddOtlpExporter((e, reader) =>
                {
                    Configure(e, options, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricInterval.TotalMilliseconds;
                });
            else if (exporter == "console")
                metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricInterval.TotalMilliseconds);
        });
        if (exporter == "none") return services;

        // Semantic Kernel reads its switches once, into static fields, when its diagnostics are first used: before any
        // agent runs, which is after the host is built.
        AppContext.SetSwitch(SemanticKernelDiagnostics, true);
        if (options.IncludeModelContent) AppContext.SetSwitch(SemanticKernelSensitive, true);
        otel.WithTracing(tracing =>
        {
            tracing.AddSource([.. TelemetryNames.Sources, "Microsoft.Orleans.*", "Microsoft.SemanticKernel*"])
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql();
            if (exporter == "otlp") tracing.AddOtlpExporter(e => Configure(e, options, "v1/traces"));
            else tracing.AddConsoleExporter();
        });
        otel.WithLogging(logging =>
        {
            if (exporter == "otlp") logging.AddOtlpExporter(e => Configure(e, options, "v1/logs"));
            else logging.AddConsoleExporter();
        }, o =>
        {
            // A log line keeps its message as written and its scopes; the trace and span ids come with every record.
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });
        return services;
    }

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options, string signalPath)
    {
        var endpoint = new Uri(options.OtlpEndpoint);
        if (options.OtlpProtocol == "grpc")
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
            return;
        }
        // Over HTTP an endpoint set in code is taken as the full URL, so the signal's path is ours to add, as the
        // OTEL_EXPORTER_OTLP_ENDPOINT convention does: one base address for every signal.
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        var root = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        foreach (var known in (string[])["/v1/traces", "/v1/metrics", "/v1/logs"])
            if (root.EndsWith(known, StringComparison.Ordinal)) root = root[..^known.Length];
        exporter.Endpoint = new Uri(root + "/" + signalPath);
    }
}
