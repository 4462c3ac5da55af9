using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Analyst;
using AgentWatch.Agents.Narrator;
using AgentWatch.Agents.Sentinel;
using AgentWatch.Agents.Skeptic;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Offline;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The agents (analyst, sentinel, narrator, skeptic), their files, their read-only tools, the run log and the
    /// tool-calling loop. Without a <see cref="ChatModel"/> registered (see AgentWatch.Agents.OpenAI) they run offline.
    /// </summary>
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentsOptions>().Bind(configuration.GetSection(AgentsOptions.SectionName))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(ChatModel.None);
        services.TryAddSingleton<AgentCatalog>();
        services.TryAddSingleton<AgentContext>();
        services.TryAddSingleton<AgentRunner>();
        services.TryAddSingleton<RunLog>();
        services.TryAddSingleton<MarketTools>();
        services.TryAddSingleton<QuestionParser>();
        services.TryAddSingleton<IQuestionAnswerer, AnalystAgent>();
        services.TryAddSingleton<IBriefWriter, NarratorAgent>();
        services.TryAddSingleton<SentinelAgent>();
        services.TryAddSingleton<SkepticAgent>();
        services.TryAddSingleton<Extraction.GuidanceExtractorAgent>();
        return services;
    }
}
