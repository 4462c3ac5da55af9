using AgentWatch.Abstractions;
using AgentWatch.Ingestion;
using AgentWatch.Ingestion.Formats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Silo;

/// <summary>What reading input files needs, from configuration: the watchlist (names, CUSIPs, CIKs, shares), limits, the news lexicon and price settings.</summary>
public static class IngestionSetup
{
    /// <summary>The context with the silo's extractor agent, when a model is configured: earnings texts then get a model's reading too.</summary>
    public static FormatContext Context(IConfiguration configuration, IServiceProvider services) =>
        services.GetService<Agents.Extraction.GuidanceExtractorAgent>() is { Available: true } extractor
            ? Context(configuration) with { Extractor = extractor }
            : Context(configuration);

    public static FormatContext Context(IConfiguration configuration)
    {
        var watchlist = configuration.GetSection(WatchlistOptions.SectionName).Get<WatchlistOptions>() ?? new WatchlistOptions();
        var limits = configuration.GetSection(InputLimits.SectionName).Get<InputLimits>() ?? new InputLimits();
        var options = new FormatOptions
        {
            News = Bind(configuration, NewsOptions.SectionName, new NewsOptions()),
            Prices = Bind(configuration, PriceOptions.SectionName, new PriceOptions()),
            Filings = Bind(configuration, FilingOptions.SectionName, new FilingOptions()),
        };
        return new FormatContext(new CompanyDirectory(watchlist), limits, options);
    }

    /// <summary>Binds over the defaults, except that a list or map given in configuration replaces the default one instead of adding to it.</summary>
    private static T Bind<T>(IConfiguration configuration, string section, T defaults) where T : class
    {
        var configured = configuration.GetSection(section);
        if (!configured.Exists()) return defaults;
        foreach (var property in typeof(T).GetProperties())
        {
            if (property.PropertyType.IsGenericType && configured.GetSection(property.Name).Exists() && property.CanWrite)
                property.SetValue(defaults, Activator.CreateInstance(property.PropertyType, property.PropertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? [StringComparer.OrdinalIgnoreCase] : []));
        }
        configured.Bind(defaults);
        return defaults;
    }
}
