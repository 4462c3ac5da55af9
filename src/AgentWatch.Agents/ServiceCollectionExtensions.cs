using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Briefs;
using AgentWatch.Agents.Offline;
using AgentWatch.Agents.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentWatch.Agents;

public static class ServiceCollectionExtensions
{
    /// <summary>The agents' read-only tools, the offline question engine and the brief writer.</summary>
    public static IServiceCollection AddAgents(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MarketTools>();
        services.TryAddSingleton<QuestionParser>();
        services.TryAddSingleton<IQuestionAnswerer, OfflineEngine>();
        services.TryAddSingleton<IBriefWriter, BriefWriter>();
        return services;
    }
}
