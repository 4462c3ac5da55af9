using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Agents.Checking;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Running;

/// <summary>
/// One agent run while it happens: its tool log, its clock, and at the end its record. Every agent (analyst, sentinel,
/// narrator, skeptic) runs in one, offline or with a model, so every run is recorded the same way.
/// </summary>
public sealed partial class RunScope(string agent, string input, DateOnly? asOf, TimeProvider time, ToolCallLog log)
{
    private readonly long _started = time.GetTimestamp();

    // A span per run, whatever the engine; the model's calls and the tools' calls nest under it.
    private readonly System.Diagnostics.Activity? _activity = StartActivity(agent, asOf);

    private static System.Diagnostics.Activity? StartActivity(string agent, DateOnly? asOf)
    {
        var activity = AgentTelemetry.Source.StartActivity(TelemetryNames.Spans.Agent(agent));
        activity?.SetTag(TelemetryNames.Attributes.Agent, agent);
        if (asOf is { } d) activity?.SetTag(TelemetryNames.Attributes.AsOf, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return activity;
    }

    public string Agent => agent;
    public string Input => input;
    public DateOnly? AsOf => asOf;
    public ToolCallLog Log => log;
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public AgentRun Complete(string engine, string? model, IReadOnlyList<string> companies, string output, IReadOnlyList<string> flags,
        TokenUsage? tokens = null, int steps = 0, string? error = null)
    {
        if (_activity is { } activity)
        {
            activity.SetTag(TelemetryNames.Attributes.Engine, engine);
            activity.SetTag(TelemetryNames.Attributes.Model, model);
            activity.SetTag(TelemetryNames.Attributes.TokensInput, tokens?.Input ?? 0);
            activity.SetTag(TelemetryNames.Attributes.TokensOutput, tokens?.Output ?? 0);
            activity.SetTag(TelemetryNames.Attributes.ToolCalls, log.Calls.Count);
            activity.SetTag(TelemetryNames.Attributes.Flags, flags.Count);
            if (error is not null) activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error);
            activity.Dispose();
        }
        return Record(engine, model, companies, output, flags, tokens, steps, error);
    }

    private AgentRun Record(string engine, string? model, IReadOnlyList<string> companies, string output, IReadOnlyList<string> flags,
        TokenUsage? tokens, int steps, string? error) => new()
    {
        Agent = agent,
        Input = input,
        AsOf = asOf,
        Companies = companies,
        Engine = engine,
        Model = model,
        ToolCalls = log.Calls,
        Tokens = tokens ?? TokenUsage.None,
        Steps = steps,
        StartedAt = StartedAt,
        DurationMs = time.GetElapsedTime(_started).TotalMilliseconds,
        Output = output,
        Flags = flags,
        Error = error,
    };

    /// <summary>The figures in a text that no tool result of this run states.</summary>
    public IReadOnlyList<string> UnsupportedFigures(string text) => FigureCheck.Unsupported(text, log.ResultTexts, log.Signals.Values);

    /// <summary>
    /// The evidence of a text: the signals (and alerts' signals) it cites by id, or, when it cites none, the signals
    /// whose figures it states.
    /// </summary>
    public IReadOnlyList<Evidence> EvidenceOf(string text)
    {
        var cited = CitedId().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var evidence = log.EvidenceFor(cited);
        if (evidence.Count > 0) return evidence;
        var figures = FigureCheck.Read(text, skipSmall: true).ToList();
        var stating = log.Signals.Values.Where(s => s.Figures().Any(f => figures.Any(w => FigureCheck.States(w, f.Value)))).Select(s => s.Id);
        return log.EvidenceFor(stating);
    }

    [GeneratedRegex(@"\[([A-Za-z0-9][A-Za-z0-9._:#/-]{2,})\]")]
    private static partial Regex CitedId();
}
