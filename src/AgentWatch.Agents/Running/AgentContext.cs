using AgentWatch.Abstractions;
using AgentWatch.Agents.Definitions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Running;

/// <summary>What every agent needs to start a run: the clock, and a tool log for the run's record.</summary>
public sealed class AgentContext(TimeProvider time, IOptions<AgentsOptions> options, CompanyDirectory directory)
{
    public TimeProvider Time => time;

    public RunScope Begin(string agent, string input, DateOnly? asOf) =>
        new(agent, input, asOf, time, new Tools.ToolCallLog(options.Value.MaxToolResultChars, directory));
}
