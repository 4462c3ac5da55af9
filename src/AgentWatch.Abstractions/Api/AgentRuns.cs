namespace AgentWatch.Abstractions.Api;

/// <summary>Tokens a model counted for a run (zero for the offline engine).</summary>
public sealed record TokenUsage(long Input, long Output)
{
    public static TokenUsage None { get; } = new(0, 0);
    public long Total => Input + Output;
    public TokenUsage Add(TokenUsage other) => new(Input + other.Input, Output + other.Output);
}

/// <summary>One call an agent made to a read-only tool: what it asked and what it got back (JSON, possibly shortened).</summary>
public sealed record ToolCallRecord(string Tool, string Arguments, string Result, double DurationMs, string? Error = null);

/// <summary>
/// The record of one agent run: what it was asked, what it resolved the question to, every tool call with its
/// arguments and result, the model and its token counts, the time taken, the output and what the checks flagged.
/// </summary>
public sealed record AgentRun
{
    /// <summary>"run-N", N being its place in the durable run log.</summary>
    public string Id { get; init; } = "";
    public required string Agent { get; init; }

    /// <summary>The input: a question, the alert explained, the brief or view asked for.</summary>
    public required string Input { get; init; }
    public DateOnly? AsOf { get; init; }

    /// <summary>Companies the input was resolved to (tickers) before any model saw it.</summary>
    public IReadOnlyList<string> Companies { get; init; } = [];

    /// <summary>"offline" or "llm".</summary>
    public required string Engine { get; init; }
    public string? Model { get; init; }
    public IReadOnlyList<ToolCallRecord> ToolCalls { get; init; } = [];
    public TokenUsage Tokens { get; init; } = TokenUsage.None;

    /// <summary>Model calls made (the offline engine makes none).</summary>
    public int Steps { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public double DurationMs { get; init; }
    public required string Output { get; init; }

    /// <summary>What the checks found: figures no tool returned, the step limit, a timeout, malformed model output.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; init; }
}

/// <summary>A run in a list: enough to pick one to show.</summary>
public sealed record AgentRunSummary(string Id, string Agent, string Input, string Engine, string? Model, DateTimeOffset StartedAt, double DurationMs, long Tokens, int ToolCalls, int Flags, bool Failed)
{
    public static AgentRunSummary Of(AgentRun run) =>
        new(run.Id, run.Agent, run.Input.Length > 120 ? run.Input[..117] + "..." : run.Input, run.Engine, run.Model, run.StartedAt, run.DurationMs,
            run.Tokens.Total, run.ToolCalls.Count, run.Flags.Count, run.Error is not null);
}

public sealed record RunQuery(int Limit = 20, string? Agent = null);
