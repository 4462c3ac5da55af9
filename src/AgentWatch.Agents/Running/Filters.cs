using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Agents.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace AgentWatch.Agents.Running;

/// <summary>
/// Records every kernel function call of a run (name, arguments, result, duration, error) in its tool log, with the
/// signals and alerts the result holds, whichever engine made the call. A call with bad arguments (an unknown company, a
/// date that is not one) gets an error result the caller reads and can correct; any other failure gets a plain error,
/// never an exception's text.
/// </summary>
public sealed partial class ToolCallRecorder : IFunctionInvocationFilter
{
    private readonly Histogram<double> _duration;
    private readonly ILogger<ToolCallRecorder> _logger;

    public ToolCallRecorder(IMeterFactory meters, ILogger<ToolCallRecorder> logger)
    {
        _logger = logger;
        _duration = meters.Create(new MeterOptions(AgentTelemetry.SourceName))
            .CreateHistogram<double>(TelemetryNames.Instruments.ToolDuration, unit: "ms", description: "Time a tool call took");
    }

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        var state = RunState.Find(context.Kernel);
        if (state is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var name = AgentTools.QualifiedName(context.Function.PluginName, context.Function.Name);
        using var activity = AgentTelemetry.Source.StartActivity(TelemetryNames.Spans.Tool(name));
        activity?.SetTag(TelemetryNames.Attributes.Agent, state.Agent);
        activity?.SetTag(TelemetryNames.Attributes.Tool, name);
        var arguments = ToolJson.Serialize(context.Arguments.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value));
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Text.Json.JsonException or NotSupportedException or KernelException)
        {
            error = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogToolFailed(ex, name);
            error = "reading the data failed; try again later";
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        _duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>(TelemetryNames.Attributes.Tool, name));
        if (error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
            context.Result = new FunctionResult(context.Function, ToolJson.Serialize(new { error }));
            state.Log.AddText(name, arguments, "", elapsed, error);
            return;
        }
        if (context.Result.GetValue<object>() is ToolResult result)
        {
            state.Log.AddText(name, arguments, result.Json, elapsed);
            state.Log.AddSources(result.Sources);
        }
        else state.Log.AddText(name, arguments, context.Result.ToString(), elapsed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The tool {Tool} failed")]
    private partial void LogToolFailed(Exception exception, string tool);
}

/// <summary>
/// Hands each tool result to the model as its JSON (shortened past <c>Agents:MaxToolResultChars</c>) and keeps the
/// typed value by tool-call id for the offline engine.
/// </summary>
public sealed class ToolResultFilter : IAutoFunctionInvocationFilter
{
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        await next(context).ConfigureAwait(false);
        if (RunState.Find(context.Kernel) is not { } state || context.Result.GetValue<object>() is not ToolResult result) return;
        if (context.ToolCallId is { } id) state.Results[id] = result;
        var json = result.Json.Length <= state.MaxToolResultChars ? result.Json
            : ToolJson.Serialize(new { truncated = true, note = $"The result was {result.Json.Length:N0} characters; ask for less (a company, a kind, a year).", partial = result.Json[..state.MaxToolResultChars] });
        context.Result = new FunctionResult(context.Result, json);
    }
}

/// <summary>
/// The step limit (<c>Agents:Model:MaxSteps</c>, or the agent file's <c>max_steps</c>): after the tool calls of the
/// last request but one, the loop stops, so one call remains for the answer, which the run makes without tools.
/// </summary>
public sealed class StepLimitFilter : IAutoFunctionInvocationFilter
{
    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        await next(context).ConfigureAwait(false);
        if (RunState.Find(context.Kernel) is not { } state) return;
        // Only after the request's last call, so that every call the model asked for in it is answered.
        if (context.FunctionSequenceIndex == context.FunctionCount - 1 && context.RequestSequenceIndex + 2 >= state.MaxSteps)
        {
            state.StepLimitReached = true;
            context.Terminate = true;
        }
    }
}
