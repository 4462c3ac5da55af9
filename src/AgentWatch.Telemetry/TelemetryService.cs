using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AgentWatch.Telemetry;

/// <summary>
/// Builds the OpenTelemetry tracer and meter providers for the silo's lifetime (what OpenTelemetry.Extensions.Hosting
/// would do, had it restored) and flushes them at shutdown.
/// </summary>
public sealed class TelemetryService(IOptions<TelemetryOptions> options, TelemetryIdentity identity, TelemetryConsole? console = null) : IHostedService, IDisposable
{
    private TracerProvider? _tracer;
    private MeterProvider? _meter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        o.Validate();
        if (o.Exporter == "none") return Task.CompletedTask;
        var resource = ResourceBuilder.CreateDefault().AddService(o.ServiceName, serviceInstanceId: identity.InstanceId);
        var tracer = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(TelemetryNames.Sources);
        var meter = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(TelemetryNames.Meters);
        if (o.Exporter == "otlp")
        {
            tracer.AddOtlpExporter(e => Configure(e, o, "v1/traces"));
            meter.AddOtlpExporter((e, reader) =>
            {
                Configure(e, o, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)o.MetricInterval.TotalMilliseconds;
            });
        }
        else
        {
            var writer = console?.Writer ?? Console.Error;
            tracer.AddProcessor(new SimpleActivityExportProcessor(new ConsoleSpanExporter(writer)));
            meter.AddReader(new PeriodicExportingMetricReader(new ConsoleMetricExporter(writer), (int)o.MetricInterval.TotalMilliseconds));
        }
        _tracer = tracer.Build();
        _meter = meter.Build();
        return Task.CompletedTask;
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
        // OTEL_EXPORTER_OTLP_ENDPOINT convention does: one base address for traces and metrics.
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        var root = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        foreach (var known in (string[])["/v1/traces", "/v1/metrics"])
            if (root.EndsWith(known, StringComparison.Ordinal)) root = root[..^known.Length];
        exporter.Endpoint = new Uri(root + "/" + signalPath);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _tracer?.ForceFlush(5000);
        _meter?.ForceFlush(5000);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
    }
}

/// <summary>Which silo the telemetry comes from.</summary>
public sealed record TelemetryIdentity(string InstanceId);

/// <summary>Where the console exporter writes; standard error unless one is registered.</summary>
public sealed record TelemetryConsole(TextWriter Writer);
