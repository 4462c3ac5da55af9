namespace AgentWatch.Abstractions.Api;

/// <summary>Tokens a model counted for a run (zero for the offline engine).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.token-usage")]
public sealed record TokenUsage(long Input, long Output)
{
    public static TokenUsage None { get; } = new(0, 0);
    public long Total => Input + Output;
    public TokenUsage Add(TokenUsage other) => new(Input + other.Input, Output + other.Output);
}

/// <summary>One call an agent made to a read-only tool: what it asked and what it got back (JSON, possibly shortened).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.tool-call")]
public sealed record ToolCallRecord(string Tool, string Arguments, string Result, double DurationMs, string? Error = null);

/// <summary>
/// The record of one agent run: what it was asked, what it resolved the question to, every tool call with its
/// arguments and result, the model and its token counts, the time taken, the output and what the checks flagged.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.agent-run")]
public sealed record AgentRun
{
    /// <summary>"run-N", N being its place in the durable run log.</summary>
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public required string Agent { get; init; }

    /// <summary>The input: a question, the alert explained, the brief or view asked for.</summary>
    [Id(2)] public required string Input { get; init; }
    [Id(3)] public DateOnly? AsOf { get; init; }

    /// <summary>Companies the input was resolved to (tickers) before any model saw it.</summary>
    [Id(4)] public IReadOnlyList<string> Companies { get; init; } = [];

    /// <summary>"offline" or "llm".</summary>
    [Id(5)] public required string Engine { get; init; }
    [Id(6)] public string? Model { get; init; }
    [Id(7)] public IReadOnlyList<ToolCallRecord> ToolCalls { get; init; } = [];
    [Id(8)] public TokenUsage Tokens { get; init; } = TokenUsage.None;

    /// <summary>Model calls made (the offline engine makes none).</summary>
    [Id(9)] public int Steps { get; init; }
    [Id(10)] public required DateTimeOffset StartedAt { get; init; }
    [Id(11)] public double DurationMs { get; init; }
    [Id(12)] public required string Output { get; init; }

    /// <summary>What the checks found: figures no tool returned, the step limit, a timeout, malformed model output.</summary>
    [Id(13)] public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Why the run failed, when it did.</summary>
    [Id(14)] public string? Error { get; init; }
}

/// <summary>A run in a list: enough to pick one to show.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.agent-run-summary")]
public sealed record AgentRunSummary(string Id, string Agent, string Input, string Engine, string? Model, DateTimeOffset StartedAt, double DurationMs, long Tokens, int ToolCalls, int Flags, bool Failed)
{
    public static AgentRunSummary Of(AgentRun run) =>
        new(run.Id, run.Agent, run.Input.Length > 120 ? run.Input[..117] + "..." : run.Input, run.Engine, run.Model, run.StartedAt, run.DurationMs,
            run.Tokens.Total, run.ToolCalls.Count, run.Flags.Count, run.Error is not null);
}

[GenerateSerializer, Immutable, Alias("agentwatch.run-query")]
public sealed record RunQuery(int Limit = 20, string? Agent = null);
