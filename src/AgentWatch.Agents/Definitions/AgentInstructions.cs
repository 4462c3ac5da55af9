using System.Globalization;
using Microsoft.SemanticKernel;

namespace AgentWatch.Agents.Definitions;

/// <summary>
/// An agent file's instructions are a Semantic Kernel prompt template: plain text, with <c>{{$today}}</c>,
/// <c>{{$as_of}}</c> (empty when the run sees today's state) and <c>{{$agent}}</c> filled in per run. The template is
/// rendered on a kernel without plugins, so it can name variables but not call functions: what an agent reads goes
/// through its tool calls, recorded in its run.
/// </summary>
public static class AgentInstructions
{
    private static readonly KernelPromptTemplateFactory Factory = new();

    public static Task<string> RenderAsync(AgentDefinition agent, DateOnly today, DateOnly? asOf) =>
        RenderAsync(agent.Instructions, agent.Name, today, asOf);

    /// <summary>Why the instructions cannot be used as a template (a syntax error, a function call); null when they can.</summary>
    public static string? Problem(string instructions)
    {
        try
        {
            // Rendered once with sample values: on a kernel without plugins this runs synchronously (no I/O), and it is
            // the only way Semantic Kernel reports a function call in a template.
            RenderAsync(instructions, "agent", new DateOnly(2026, 1, 1), null).GetAwaiter().GetResult();
            return null;
        }
        catch (KernelException ex)
        {
            return $"the instructions are not a valid prompt template ({ex.Message}); write a literal '{{{{' as {{{{ \"{{{{\" }}}}";
        }
        catch (KeyNotFoundException)
        {
            return "the instructions call a function; a template here may use only the variables {{$today}}, {{$as_of}} and {{$agent}} (the agent reads through its tools)";
        }
    }

    private static Task<string> RenderAsync(string instructions, string agent, DateOnly today, DateOnly? asOf)
    {
        var template = Factory.Create(new PromptTemplateConfig(instructions));
        return template.RenderAsync(new Kernel(), new KernelArguments
        {
            ["today"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["as_of"] = asOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ["agent"] = agent,
        });
    }
}
