using AgentWatch.Abstractions;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Grains.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The market domain's services: watchlist, rules, alert log and ingestion, bound to configuration and checked at
    /// start so a mistake in config/ is reported before anything runs. Grain classes are registered with the runtime
    /// (Orleans finds them in this assembly).
    /// </summary>
    public static IServiceCollection AddMarketDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WatchlistOptions>().Bind(configuration.GetSection(WatchlistOptions.SectionName)).ValidateOnStart();
        services.AddOptions<RulesOptions>().Bind(configuration.GetSection(RulesOptions.SectionName))
            .PostConfigure(o => o.BubbleRisk.Levels = [.. o.BubbleRisk.LevelsOrDefault]).ValidateOnStart();
        services.AddOptions<BriefOptions>().Bind(configuration.GetSection(BriefOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WatchlistOptions>, ListValidator<WatchlistOptions>>(
            _ => new ListValidator<WatchlistOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RulesOptions>, ListValidator<RulesOptions>>(
            _ => new ListValidator<RulesOptions>(o => o.Validate())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new CompanyDirectory(sp.GetRequiredService<IOptions<WatchlistOptions>>().Value));
        services.AddMetrics();
        services.TryAddSingleton<DomainMetrics>();
        services.TryAddSingleton<AlertLog>();
        services.TryAddSingleton<NewsReviewLog>();
        services.TryAddSingleton<Timeline.TimelineServices>();
        services.TryAddSingleton<SignalRouting>();
        services.TryAddSingleton<SignalIngestor>();
        services.TryAddSingleton<SignalRetractor>();
        return services;
    }

    private sealed class ListValidator<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = validate(options).ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
