using System.Collections.Concurrent;
using System.Reflection;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Serialization;

namespace AgentWatch.Runtime.Journaling;

/// <summary>State built by applying events in order. Apply must be deterministic: it runs again on every activation.</summary>
public interface IJournalState<in TEvent>
{
    void Apply(TEvent @event);
}

/// <summary>
/// Event-sourced grain state, shaped like Orleans' <c>JournaledGrain&lt;TState, TEvent&gt;</c>: the grain raises events,
/// which apply to <see cref="State"/> at once, and confirms them, which appends them to a durable log. Only new events are
/// written, so a long history costs one row per event rather than a rewrite of the whole state.
/// </summary>
public interface IJournaledState<out TState, TEvent> where TState : class, IJournalState<TEvent>, new()
{
    TState State { get; }

    /// <summary>Number of confirmed events.</summary>
    long Version { get; }

    int UnconfirmedCount { get; }

    void RaiseEvent(TEvent @event);

    /// <summary>
    /// Appends raised events to the log. On failure (including <see cref="InconsistentStateException"/>) the activation is
    /// deactivated after the turn, because <see cref="State"/> then holds events the log does not.
    /// </summary>
    Task ConfirmEventsAsync();
}

/// <summary>Marks a grain constructor parameter of type <see cref="IJournaledState{TState,TEvent}"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class JournaledStateAttribute(string logName, string? storageName = null) : Attribute
{
    public string LogName { get; } = logName;
    public string? StorageName { get; } = storageName;
}

/// <summary>
/// Storage for event logs. Appends are conditional on the log's current version; a mismatch throws
/// <see cref="InconsistentStateException"/> and writes nothing. A returned append is durable.
/// </summary>
public interface IEventLogStorage
{
    /// <summary>Events after <paramref name="afterVersion"/>, in order.</summary>
    Task<IReadOnlyList<byte[]>> ReadAsync(GrainStateKey key, long afterVersion, CancellationToken cancellationToken);

    Task AppendAsync(GrainStateKey key, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken);
}

internal sealed class JournaledState<TState, TEvent>(GrainStateKey key, IEventLogStorage storage, GrainSerializer serializer, IGrainContext context)
    : IJournaledState<TState, TEvent>, IActivationLifecycleParticipant where TState : class, IJournalState<TEvent>, new()
{
    private readonly List<TEvent> _unconfirmed = [];

    public TState State { get; private set; } = new();
    public long Version { get; private set; }
    public int UnconfirmedCount => _unconfirmed.Count;

    public async Task OnActivatingAsync(CancellationToken cancellationToken)
    {
        var rows = await storage.ReadAsync(key, 0, cancellationToken).ConfigureAwait(false);
        var state = new TState();
        for (var i = 0; i < rows.Count; i++)
        {
            TEvent e;
            try
            {
                e = serializer.Deserialize<TEvent>(rows[i]);
            }
            catch (Exception ex)
            {
                throw new GrainRuntimeException($"Event {i + 1} of log {key} could not be read as {typeof(TEvent).Name}: {ex.Message}", ex);
            }
            state.Apply(e);
        }
        State = state;
        Version = rows.Count;
    }

    public void RaiseEvent(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        State.Apply(@event);
        _unconfirmed.Add(@event);
    }

    public async Task ConfirmEventsAsync()
    {
        if (_unconfirmed.Count == 0) return;
        var payloads = new byte[_unconfirmed.Count][];
        for (var i = 0; i < payloads.Length; i++) payloads[i] = serializer.Serialize(_unconfirmed[i]);
        try
        {
            await storage.AppendAsync(key, Version, payloads, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            context.DeactivateOnIdle();
            throw;
        }
        Version += payloads.Length;
        _unconfirmed.Clear();
    }
}

internal sealed class JournaledStateFacetFactory(IServiceProvider services, GrainSerializer serializer) : IGrainFacetFactory
{
    public Type AttributeType => typeof(JournaledStateAttribute);

    public Func<IGrainContext, object> Prepare(ParameterInfo parameter, Attribute attribute)
    {
        var a = (JournaledStateAttribute)attribute;
        var t = parameter.ParameterType;
        if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(IJournaledState<,>))
            throw new InvalidOperationException($"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType?.Name} has [JournaledState] but is not an IJournaledState<TState, TEvent>.");
        var storage = StorageResolver.Resolve<IEventLogStorage>(services, a.StorageName, $"log '{a.LogName}' of {parameter.Member.DeclaringType?.Name}");
        var create = (Func<GrainStateKey, IEventLogStorage, GrainSerializer, IGrainContext, object>)typeof(JournaledStateFacetFactory)
            .GetMethod(nameof(Creator), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(t.GetGenericArguments()).Invoke(null, null)!;
        return context => create(new GrainStateKey(context.GrainId.Type, context.GrainId.Key, a.LogName), storage, serializer, context);
    }

    private static Func<GrainStateKey, IEventLogStorage, GrainSerializer, IGrainContext, object> Creator<TState, TEvent>()
        where TState : class, IJournalState<TEvent>, new() =>
        (key, storage, serializer, context) => new JournaledState<TState, TEvent>(key, storage, serializer, context);
}

/// <summary>Event logs kept in memory, with the same version rules as durable storage: for tests.</summary>
public sealed class InMemoryEventLogStorage : IEventLogStorage
{
    private readonly ConcurrentDictionary<GrainStateKey, List<byte[]>> _logs = new();

    public Task<IReadOnlyList<byte[]>> ReadAsync(GrainStateKey key, long afterVersion, CancellationToken cancellationToken)
    {
        if (!_logs.TryGetValue(key, out var log)) return Task.FromResult<IReadOnlyList<byte[]>>([]);
        lock (log) return Task.FromResult<IReadOnlyList<byte[]>>(log.Skip((int)afterVersion).ToList());
    }

    public Task AppendAsync(GrainStateKey key, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        var log = _logs.GetOrAdd(key, _ => []);
        lock (log)
        {
            if (log.Count != expectedVersion) throw new InconsistentStateException(StorageErrors.LogConflict(key, expectedVersion));
            log.AddRange(events);
        }
        return Task.CompletedTask;
    }
}
