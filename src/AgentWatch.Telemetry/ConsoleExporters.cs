using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace AgentWatch.Telemetry;

/// <summary>Spans as single lines: time, duration, name, status and tags.</summary>
public sealed class ConsoleSpanExporter(TextWriter writer) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (writer)
        {
            foreach (var span in batch)
            {
                var tags = string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
                writer.WriteLine($"span {span.StartTimeUtc:HH:mm:ss.fff} {span.Duration.TotalMilliseconds,8:0.000} ms {span.DisplayName} [{span.Status}] trace={span.TraceId} {tags}");
            }
            writer.Flush();
        }
        return ExportResult.Success;
    }
}

/// <summary>Metric points as single lines: name, tags and value.</summary>
public sealed class ConsoleMetricExporter(TextWriter writer) : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch)
    {
        lock (writer)
        {
            foreach (var metric in batch)
            {
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var tags = new List<string>();
                    foreach (var tag in point.Tags) tags.Add($"{tag.Key}={tag.Value}");
                    var value = metric.MetricType switch
                    {
                        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong().ToString(),
                        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble().ToString("0.###"),
                        MetricType.LongGauge => point.GetGaugeLastValueLong().ToString(),
                        MetricType.DoubleGauge => point.GetGaugeLastValueDouble().ToString("0.###"),
                        MetricType.Histogram => $"count={point.GetHistogramCount()} sum={point.GetHistogramSum():0.###}",
                        _ => "?",
                    };
                    writer.WriteLine($"metric {metric.Name} {string.Join(' ', tags)} {value}".Replace("  ", " ", StringComparison.Ordinal));
                }
            }
            writer.Flush();
        }
        return ExportResult.Success;
    }
}
