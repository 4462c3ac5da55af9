using System.Diagnostics.Metrics;
using AgentWatch.Abstractions.Diagnostics;

namespace AgentWatch.Silo;

/// <summary>Metrics of the silo's own ingestion (the inbox and polling): files by outcome, and the ingest lag.</summary>
public sealed class IngestionMetrics
{
    public const string MeterName = TelemetryNames.Ingestion;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(new MeterOptions(MeterName));
        Lag = meter.CreateHistogram<double>(TelemetryNames.Instruments.IngestLag, unit: "s",
            description: "From a file's arrival (its last write in the inbox, or the request that fetched it) to its signals stored, by source");
        Files = meter.CreateCounter<long>(TelemetryNames.Instruments.IngestFiles, description: "Files ingested by the inbox and polling, by source and outcome (ok, failed)");
    }

    public Histogram<double> Lag { get; }
    public Counter<long> Files { get; }

    public void Record(string source, DateTimeOffset arrived, DateTimeOffset now, bool failed)
    {
        var tag = new KeyValuePair<string, object?>(TelemetryNames.Attributes.Source, source);
        Lag.Record(Math.Max(0, (now - arrived).TotalSeconds), tag);
        Files.Add(1, tag, new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, failed ? "failed" : "ok"));
    }
}
