using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.OpenAI;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The agents' model: an OpenAI-compatible endpoint when <c>Agents:Model:Endpoint</c> is set, otherwise none (the
    /// offline engine answers). A model registered before (a test's) is kept.
    /// </summary>
    public static IServiceCollection AddOpenAIChatModel(this IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var model = sp.GetRequiredService<IOptions<AgentsOptions>>().Value.Model;
            return model.Configured ? new ChatModel(new OpenAIChatClient(model), model.Model) : ChatModel.None;
        });
        return services;
    }
}
