using System.Net;
using System.Net.Http.Json;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Silo.Tests;

/// <summary>
/// A silo's traces and metrics (AgentWatch's and Orleans') reach an OTLP receiver on loopback, over gRPC (what
/// docker-compose's collector listens to) and over HTTP/protobuf; OpenTelemetry's console exporter prints an ask's spans
/// and the logs with their traces; an in-memory reader gets the metrics. Each silo seeds the built-in dataset on start,
/// so ingestion, grain calls and alerts all happen before it stops and flushes.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Traces_metrics_and_logs_are_exported_over_otlp(string protocol)
    {
        var grpc = protocol == "grpc";
        await using var receiver = await OtlpReceiver.StartAsync(grpc);
        var settings = Settings("otlp");
        settings["Telemetry:OtlpProtocol"] = protocol;
        settings["Telemetry:OtlpEndpoint"] = receiver.Url;
        settings["Telemetry:ServiceName"] = "agentwatch-test";
        settings["Cluster:ClusterId"] = "otlp-test-cluster";
        // Information, so that the dataset's ingestion at start writes its log line.
        await using (var silo = await SiloHost.StartAsync(new SiloLaunch { Overrides = settings, LogLevel = LogLevel.Information }))
        {
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(silo.Url + "/companies/NVDA")).StatusCode);
        }

        // Protobuf keeps strings as UTF-8 bytes, so names and tag values can be found in the raw payloads.
        var tracesPath = grpc ? "/opentelemetry.proto.collector.trace.v1.TraceService/Export" : "/v1/traces";
        var logsPath = grpc ? "/opentelemetry.proto.collector.logs.v1.LogsService/Export" : "/v1/logs";
        var traces = receiver.Received(tracesPath);
        var metrics = receiver.Received(grpc ? "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export" : "/v1/metrics");
        var logs = receiver.Received(logsPath);
        Assert.Contains("agentwatch-test", traces);
        // Orleans' own spans of grain calls, with the grain each call went to.
        Assert.Contains("orleans.rpc.target_id", traces);
        Assert.Contains("company/NVDA", traces);
        Assert.Contains("ingest", traces);
        Assert.Contains("GET /companies/{name}", traces);
        Assert.Contains("http.route", traces);
        Assert.Contains("orleans-catalog-activations", metrics);
        Assert.Contains("orleans-app-requests-latency", metrics);
        Assert.Contains("agentwatch.alerts.raised", metrics);
        Assert.Contains("agentwatch.signals.ingested", metrics);
        // The resource names the cluster on every signal.
        foreach (var payload in new[] { traces, metrics, logs })
        {
            Assert.Contains(TelemetryNames.ClusterAttribute, payload);
            Assert.Contains("otlp-test-cluster", payload);
        }

        // The dataset's ingestion log line went out as a log record carrying the trace and span of its ingest span.
        var ingest = Assert.Single(OtlpPayload.Spans(receiver.Bodies(tracesPath), grpc), s => s.Name == TelemetryNames.Spans.Ingest);
        var log = Assert.Single(OtlpPayload.Logs(receiver.Bodies(logsPath), grpc), l => l.Body.StartsWith("Ingested ", StringComparison.Ordinal));
        Assert.Equal(32, log.TraceId.Length);
        Assert.Equal(ingest.TraceId, log.TraceId);
        Assert.Equal(ingest.SpanId, log.SpanId);
        Assert.All(receiver.ContentTypes, t => Assert.StartsWith(grpc ? "application/grpc" : "application/x-protobuf", t));

        // Semantic Kernel's GenAI diagnostics are on with an exporter; prompts and answers only when configured.
        Assert.True(AppContext.TryGetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnostics", out var diagnostics) && diagnostics);
        Assert.False(AppContext.TryGetSwitch("Microsoft.SemanticKernel.Experimental.GenAI.EnableOTelDiagnosticsSensitive", out var sensitive) && sensitive);
    }

    private Dictionary<string, string?> Settings(string exporter) => new()
    {
        ["Silo:DataDirectory"] = _temp.Sub("data"),
        ["Silo:Port"] = "0",
        ["Brief:Daily"] = "false",
        ["Telemetry:Exporter"] = exporter,
        ["Rules:MaterialNews:Enabled"] = "false",
        ["Rules:BubbleRisk:Enabled"] = "false",
    };

    [Fact]
    public async Task The_console_exporter_prints_an_asks_spans_from_agentwatch_orleans_and_aspnetcore_and_logs_with_their_trace()
    {
        // OpenTelemetry's console exporter writes to the process's standard output; this collection runs alone.
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(output));
        try
        {
            await using var silo = await SiloHost.StartAsync(new SiloLaunch { Overrides = Settings("console"), LogLevel = LogLevel.Information });
            using var http = new HttpClient();
            var response = await http.PostAsJsonAsync(silo.Url + "/ask", new { question = "What is Amazon's capex guidance for 2026?" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var spans = ConsoleTelemetry.Spans(lines);
        var request = Assert.Single(spans, s => s.Name == "POST /ask" && s.Source == "Microsoft.AspNetCore");
        var trace = spans.Where(s => s.TraceId == request.TraceId).ToList();
        // The agent's run and its tool calls, and the grain calls they made, all in the request's trace.
        Assert.Contains(trace, s => s.Source == TelemetryNames.Agents && s.Name == "agent analyst");
        Assert.Contains(trace, s => s.Source == TelemetryNames.Agents && s.Name.StartsWith("tool ", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Source.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
            && s.Tags.GetValueOrDefault("orleans.rpc.target_id")?.StartsWith("company/", StringComparison.Ordinal) == true);

        // The dataset's ingestion at start: its span, and its log line carrying the span's trace.
        var ingest = Assert.Single(spans, s => s.Name == "ingest" && s.Source == TelemetryNames.Ingestion);
        var log = Assert.Single(ConsoleTelemetry.Logs(lines), l => l.Message.StartsWith("Ingested 118 signals", StringComparison.Ordinal));
        Assert.Equal(ingest.TraceId, log.TraceId);
        Assert.Contains(lines, l => l.Contains("agentwatch.silo: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_reach_an_in_memory_reader_ingestion_and_alert_counts_request_latency_and_orleans_instruments()
    {
        var exported = new List<Metric>();
        await using var silo = await SiloHost.StartAsync(new SiloLaunch
        {
            Overrides = Settings("none"),
            LogLevel = LogLevel.Warning,
            // No exporter configured: a reader added by the host still gets every instrument the silo subscribes to.
            ConfigureServices = s => s.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(exported)),
        });
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(silo.Url + "/companies/NVDA")).StatusCode);
        var seeded = silo.Startup.Seeded!;
        Assert.True(silo.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        long Sum(string name, string? tag = null, string? value = null)
        {
            long sum = 0;
            foreach (var metric in exported.Where(m => m.Name == name))
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var matches = tag is null;
                    foreach (var t in point.Tags) if (t.Key == tag && Equals(t.Value, value)) matches = true;
                    if (matches) sum += point.GetSumLong();
                }
            return sum;
        }
        Assert.Equal(seeded.New, Sum("agentwatch.signals.ingested", "outcome", "new"));
        Assert.Equal(seeded.AlertIds.Count, Sum("agentwatch.alerts.raised"));
        var names = exported.Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("agentwatch.ingest.duration", names);
        Assert.Contains("orleans-app-requests-latency", names);
        Assert.Contains(names, n => n.StartsWith("dotnet.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Telemetry:Exporter", "jaeger", "Telemetry:Exporter must be none, otlp or console, not 'jaeger'")]
    [InlineData("Telemetry:OtlpProtocol", "udp", "Telemetry:OtlpProtocol must be grpc or http/protobuf, not 'udp'")]
    public async Task A_misspelt_telemetry_setting_stops_the_silo_with_a_clear_error(string key, string value, string message)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Silos.StartAsync(_temp.Sub("data"), new() { [key] = value }));
        Assert.Contains(message, error.Message);
    }

    /// <summary>
    /// Span and metric listeners are process-wide: run alone, so no other test's silo adds its spans to what the
    /// exporter under test sees.
    /// </summary>
    [CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
    public sealed class RunAlone;
}
