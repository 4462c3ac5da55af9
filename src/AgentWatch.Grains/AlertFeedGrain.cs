using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace AgentWatch.Grains;

/// <summary>
/// Pushes each logged alert to the observers subscribed (silos' followers, clients' <c>alerts --follow</c>). A
/// subscription lapses a minute after its last renewal, so a client that vanished stops costing pushes. It keeps
/// nothing durable: if its silo dies it comes back empty, and followers renew and read the log meanwhile.
/// </summary>
[GrainType("alert-feed")]
public sealed class AlertFeedGrain(ILogger<AlertFeedGrain> logger) : Grain, IAlertFeedGrain
{
    private readonly ObserverManager<IAlertObserver> _observers = new(TimeSpan.FromMinutes(1), logger);

    public Task SubscribeAsync(IAlertObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IAlertObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task PublishAsync(Alert alert) => _observers.Notify(o => o.OnAlertAsync(alert));
}
