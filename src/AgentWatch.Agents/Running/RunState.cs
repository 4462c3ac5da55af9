using System.Collections.Concurrent;
using System.Diagnostics;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Agents.Tools;
using Microsoft.SemanticKernel;

namespace AgentWatch.Agents.Running;

/// <summary>Where the agents' spans and metrics are named.</summary>
public static class AgentTelemetry
{
    public const string SourceName = TelemetryNames.Agents;

    // ActivitySource is meant to be static: listeners attach to it by name, and it holds no state of ours.
    public static readonly ActivitySource Source = new(SourceName);
}

/// <summary>
/// One run's state, carried in its kernel's <see cref="Kernel.Data"/> so that the kernel functions and the filters,
/// which are shared, act for the run they are called in: its as-of day, its tool log, its step limit, and the typed
/// results of its calls by tool-call id (what the offline engine reads back).
/// </summary>
public sealed class RunState(string agent, DateOnly? asOf, ToolCallLog log, int maxSteps, int maxToolResultChars)
{
    public const string Key = "agentwatch.run";

    public string Agent => agent;
    public DateOnly? AsOf => asOf;
    public ToolCallLog Log => log;

    /// <summary>Model calls allowed, the last one (without tools) included.</summary>
    public int MaxSteps => maxSteps;

    public int MaxToolResultChars => maxToolResultChars;

    /// <summary>Set when the step limit stopped the tool calls; the run then asks once more, without tools.</summary>
    public bool StepLimitReached { get; set; }

    public ConcurrentDictionary<string, ToolResult> Results { get; } = new(StringComparer.Ordinal);

    public static RunState? Find(Kernel kernel) => kernel.Data.TryGetValue(Key, out var state) ? state as RunState : null;
}
