using System.Diagnostics.Metrics;
using AgentWatch.Abstractions.Diagnostics;

namespace AgentWatch.Grains;

/// <summary>The market domain's metrics: alerts raised, signals ingested by outcome, ingestion time, webhook deliveries.</summary>
public sealed class DomainMetrics
{
    public const string MeterName = TelemetryNames.Market;

    public DomainMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(new MeterOptions(MeterName));
        AlertsRaised = meter.CreateCounter<long>(TelemetryNames.Instruments.AlertsRaised, description: "Alerts added to the alert stream");
        SignalsIngested = meter.CreateCounter<long>(TelemetryNames.Instruments.SignalsIngested, description: "Signals handed to ingestion, by outcome");
        IngestDuration = meter.CreateHistogram<double>(TelemetryNames.Instruments.IngestDuration, unit: "ms", description: "Time to ingest one batch");
        WebhookDeliveries = meter.CreateCounter<long>(TelemetryNames.Instruments.WebhookDeliveries, description: "Alerts sent to webhooks, by subscription and outcome (delivered, failed)");
    }

    public Counter<long> AlertsRaised { get; }
    public Counter<long> SignalsIngested { get; }
    public Histogram<double> IngestDuration { get; }
    public Counter<long> WebhookDeliveries { get; }
}
