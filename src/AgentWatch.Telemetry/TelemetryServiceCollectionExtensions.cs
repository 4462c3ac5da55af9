using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgentWatch.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Exports traces and metrics as configured in <c>Telemetry</c> (nothing, OTLP, or the console).</summary>
    public static IServiceCollection AddAgentWatchTelemetry(this IServiceCollection services, IConfiguration configuration, string instanceId)
    {
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.SectionName));
        services.AddSingleton(new TelemetryIdentity(instanceId));
        services.AddSingleton<TelemetryService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TelemetryService>());
        return services;
    }
}
