using AgentWatch.Agents.Definitions;
using AgentWatch.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Running;

/// <summary>What every agent needs to start a run: the clock, and how tool results are written into its record.</summary>
public sealed class AgentContext(TimeProvider time, IOptions<AgentsOptions> options)
{
    // Run records are read by people (agentwatch runs): quotes and accents as they are, not \u escapes.
    private readonly System.Text.Json.JsonSerializerOptions _json = new(AgentWatchJson.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public TimeProvider Time => time;

    public RunScope Begin(string agent, string input, DateOnly? asOf) =>
        new(agent, input, asOf, time, new Tools.ToolCallLog(_json, options.Value.MaxToolResultChars));
}
