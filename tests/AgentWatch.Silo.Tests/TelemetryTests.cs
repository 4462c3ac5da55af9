using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AgentWatch.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Silo.Tests;

/// <summary>
/// A silo's traces and metrics (AgentWatch's and Orleans') reach an OTLP receiver on loopback, over gRPC (what
/// docker-compose's collector listens to) and over HTTP/protobuf, and our console exporter writes them as lines. Each
/// silo seeds the built-in dataset on start, so ingestion, grain calls and alerts all happen before it stops and flushes.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task Traces_and_metrics_are_exported_over_otlp(string protocol)
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: protocol == "grpc");
        await using (var silo = await Silos.StartAsync(_temp.Sub("data"), new()
        {
            ["Telemetry:Exporter"] = "otlp",
            ["Telemetry:OtlpProtocol"] = protocol,
            ["Telemetry:OtlpEndpoint"] = receiver.Url,
            ["Telemetry:ServiceName"] = "agentwatch-test",
        }))
        {
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(silo.Url + "/companies/NVDA")).StatusCode);
        }

        // Protobuf keeps strings as UTF-8 bytes, so names and tag values can be found in the raw payloads.
        var traces = receiver.Received(protocol == "grpc" ? "/opentelemetry.proto.collector.trace.v1.TraceService/Export" : "/v1/traces");
        var metrics = receiver.Received(protocol == "grpc" ? "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export" : "/v1/metrics");
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
        Assert.All(receiver.ContentTypes, t => Assert.StartsWith(protocol == "grpc" ? "application/grpc" : "application/x-protobuf", t));
    }

    [Fact]
    public async Task The_console_exporter_writes_a_line_per_span_and_metric_point()
    {
        var output = new StringWriter();
        await using (var silo = await SiloHost.StartAsync(new SiloLaunch
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Silo:DataDirectory"] = _temp.Sub("data"),
                ["Silo:Port"] = "0",
                ["Brief:Daily"] = "false",
                ["Telemetry:Exporter"] = "console",
            },
            LogLevel = LogLevel.Warning,
            ConfigureServices = s => s.AddSingleton(new TelemetryConsole(output)),
        }))
        {
            await silo.Api.AskAsync("What is Amazon's capex guidance for 2026?", null);
        }

        var lines = output.ToString().Split('\n');
        var ingest = Assert.Single(lines, l => l.StartsWith("span ", StringComparison.Ordinal) && l.Contains(" ingest ") && l.Contains("signals="));
        var trace = Field(ingest, "trace");
        // The grain turns the seeding caused belong to its trace: the span context flows into every call.
        var turns = lines.Where(l => l.StartsWith("span ", StringComparison.Ordinal) && l.Contains("orleans.rpc.target_id=market/global") && l.Contains("RecordAsync")).ToList();
        Assert.NotEmpty(turns);
        Assert.All(turns, l => Assert.Equal(trace, Field(l, "trace")));
        // An agent run is a span, its tool calls and the grain calls they make nest under it.
        var run = Assert.Single(lines, l => l.StartsWith("span ", StringComparison.Ordinal) && l.Contains(" agent analyst ") && l.Contains("engine=offline"));
        var tools = lines.Where(l => l.StartsWith("span ", StringComparison.Ordinal) && l.Contains(" tool companies.signals ")).ToList();
        Assert.NotEmpty(tools);
        Assert.All(tools, l => Assert.Equal(Field(run, "trace"), Field(l, "trace")));
        Assert.Contains(lines, l => l.StartsWith("span ", StringComparison.Ordinal) && l.Contains("orleans.rpc.target_id=company/") && Field(l, "trace") == Field(run, "trace"));
        var calls = lines.Where(l => l.StartsWith("metric orleans-app-requests-latency ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        Assert.Contains(calls, l => long.Parse(Field(l, "count")) > 0);
        var alerts = lines.Where(l => l.StartsWith("metric agentwatch.alerts.raised ", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(' ')[^1]));
        Assert.True(alerts >= 10, $"only {alerts} alerts counted");
    }

    private static string Field(string line, string name) =>
        line.Split(' ').Single(part => part.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

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

    /// <summary>An OTLP endpoint on loopback that accepts every export and keeps the payloads.</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _requests;

        private OtlpReceiver(WebApplication app, ConcurrentQueue<(string, string, byte[])> requests, string url)
        {
            _app = app;
            _requests = requests;
            Url = url;
        }

        public string Url { get; }
        public IEnumerable<string> ContentTypes => _requests.Select(r => r.ContentType);

        /// <summary>All payloads sent to the path, as Latin-1 text so every byte maps to one character.</summary>
        public string Received(string path)
        {
            var bodies = _requests.Where(r => r.Path == path).Select(r => Encoding.Latin1.GetString(r.Body)).ToList();
            Assert.True(bodies.Count > 0, $"nothing was exported to {path}; received: {string.Join(", ", _requests.Select(r => r.Path).Distinct())}");
            return string.Concat(bodies);
        }

        public static async Task<OtlpReceiver> StartAsync(bool grpc)
        {
            var requests = new ConcurrentQueue<(string, string, byte[])>();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            // gRPC without TLS needs HTTP/2 with prior knowledge, as a collector's 4317 port speaks it.
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2));
            var app = builder.Build();
            app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                requests.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body.ToArray()));
                if (grpc)
                {
                    context.Response.ContentType = "application/grpc";
                    // One uncompressed, empty Export*ServiceResponse message, then status OK in the trailers.
                    await context.Response.Body.WriteAsync(new byte[5]);
                    context.Response.AppendTrailer("grpc-status", "0");
                }
                else
                {
                    context.Response.ContentType = "application/x-protobuf";
                }
            });
            await app.StartAsync();
            var address = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
            return new OtlpReceiver(app, requests, address);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
