using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentWatch.Runtime;

/// <summary>
/// The runtime's traces and metrics. A span per grain turn (grain type, key, method, silo), parented on the caller's
/// span, across silos too; calls, activations and queue lengths as metrics. With no listener attached this costs a
/// branch per call.
/// </summary>
public static class RuntimeTelemetry
{
    public const string SourceName = "AgentWatch.Runtime";
    public const string MeterName = "AgentWatch.Runtime";

    // ActivitySource is meant to be static: listeners attach to it by name, and it holds no state of ours.
    public static readonly ActivitySource Source = new(SourceName);
}

/// <summary>The runtime's meter instruments, created from DI's meter factory.</summary>
public sealed class RuntimeMetrics
{
    public RuntimeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(new MeterOptions(RuntimeTelemetry.MeterName));
        Calls = meter.CreateCounter<long>("agentwatch.grain.calls", description: "Grain calls started in this silo");
        RemoteCalls = meter.CreateCounter<long>("agentwatch.grain.remote_calls", description: "Grain calls sent to another silo");
        Meter = meter;
    }

    internal Meter Meter { get; }
    public Counter<long> Calls { get; }
    public Counter<long> RemoteCalls { get; }
}
