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
    /// The agents (analyst, sentinel, narrator, skeptic, newsdesk, extractor), their files, their read-only kernel functions, the
    /// run log and the Semantic Kernel pipeline they run on. The model is the OpenAI-compatible endpoint at
    /// <c>Agents:Model:Endpoint</c>; without one (or with a <see cref="ChatModel"/> registered before, a test's) they
    /// run offline.
    /// </summary>
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentsOptions>().Bind(configuration.GetSection(AgentsOptions.SectionName))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton(sp =>
        {
            var model = sp.GetRequiredService<IOptions<AgentsOptions>>().Value.Model;
            if (!model.Configured) return ChatModel.None;
            // Connections are renewed now and then, so a model server that moved (DNS) is found again.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = model.Timeout };
            return ChatModel.Create(model, http);
        });
        services.TryAddSingleton<AgentCatalog>();
        services.TryAddSingleton<AgentContext>();
        services.TryAddSingleton<AgentPipeline>();
        services.TryAddSingleton<ToolCallRecorder>();
        services.TryAddSingleton<RunLog>();
        services.TryAddSingleton<MarketReader>();
        services.TryAddSingleton<QuestionParser>();
        services.TryAddSingleton<IQuestionAnswerer, AnalystAgent>();
        services.TryAddSingleton<IBriefWriter, NarratorAgent>();
        services.TryAddSingleton<SentinelAgent>();
        services.TryAddSingleton<SkepticAgent>();
        services.TryAddSingleton<Newsdesk.NewsdeskAgent>();
        // The services that raise agents' alerts, also reachable as themselves (the demo has them catch up at once).
        services.TryAddSingleton<Newsdesk.NewsdeskService>();
        services.TryAddSingleton<BubbleRiskService>();
        services.TryAddSingleton<Extraction.GuidanceExtractorAgent>();
        return services;
    }
}
