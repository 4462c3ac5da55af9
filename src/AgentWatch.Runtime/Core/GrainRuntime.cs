using System.Collections.Concurrent;
using System.Reflection;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Runtime.Reminders;
using AgentWatch.Runtime.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Runtime.Core;

/// <summary>
/// The catalog of activations and the grain factory. It keeps at most one activation per grain in this silo,
/// routes calls to it, expires calls that exceed the call timeout and collects idle activations.
/// </summary>
public sealed class GrainRuntime : IGrainFactory, IHostedService, IAsyncDisposable
{
    private const int MaxKeyLength = 512;
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly GrainTypeRegistry _registry;
    private readonly AsyncLocal<CallChain?> _chain = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweeper;
    private long _lastCollection;
    private bool _stopped;

    public GrainRuntime(
        GrainTypeRegistry registry,
        IServiceProvider services,
        IEnumerable<IGrainFacetFactory> facetFactories,
        IOptions<GrainRuntimeOptions> options,
        GrainSerializer serializer,
        IReminderRegistry reminders,
        TimeProvider time,
        ILogger<GrainRuntime> logger)
    {
        options.Value.Validate();
        _registry = registry;
        Services = services;
        Options = options.Value;
        Serializer = serializer;
        Reminders = reminders;
        Time = time;
        Logger = logger;
        Activator = new GrainActivator(services, facetFactories);
    }

    internal IServiceProvider Services { get; }
    internal GrainRuntimeOptions Options { get; }
    internal GrainSerializer Serializer { get; }
    internal IReminderRegistry Reminders { get; }
    internal TimeProvider Time { get; }
    internal ILogger Logger { get; }
    internal GrainActivator Activator { get; }

    internal CallChain? CurrentChain
    {
        get => _chain.Value;
        set => _chain.Value = value;
    }

    /// <summary>Number of activations in this silo.</summary>
    public int ActivationCount => _activations.Count;

    /// <summary>Activations per grain type.</summary>
    public IReadOnlyDictionary<string, int> ActivationsByType() =>
        _activations.Keys.GroupBy(k => k.Type).ToDictionary(g => g.Key, g => g.Count());

    public GrainTypeRegistry Registry => _registry;

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Length > MaxKeyLength)
            throw new ArgumentException($"A grain key must have 1 to {MaxKeyLength} characters; got {key.Length}.", nameof(key));
        var grainInterface = _registry.GetInterface(typeof(TGrainInterface));
        var reference = new GrainReference(new GrainId(grainInterface.Implementation.Name, key), grainInterface);
        var proxy = DispatchProxy.Create<TGrainInterface, GrainProxy>();
        ((GrainProxy)(object)proxy).Initialize(this, reference);
        return proxy;
    }

    internal Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainMethod method, object?[] args)
    {
        var chain = CheckForCycle(target.Id, method);
        var item = new CallWorkItem<TResult>(method, PrepareArguments(method, args), Time.GetTimestamp(), chain, Options.SerializeCalls ? Serializer : null);
        Dispatch(target, item);
        return item.Task;
    }

    internal Task InvokeVoidAsync(GrainReference target, GrainMethod method, object?[] args)
    {
        var chain = CheckForCycle(target.Id, method);
        var item = new VoidCallWorkItem(method, PrepareArguments(method, args), Time.GetTimestamp(), chain, Options.SerializeCalls ? Serializer : null);
        Dispatch(target, item);
        return item.Task;
    }

    /// <summary>Delivers a reminder tick as a turn of the grain, activating it if needed.</summary>
    internal Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status)
    {
        var grainClass = _registry.GetClass(grainId.Type);
        if (!typeof(IRemindable).IsAssignableFrom(grainClass.Type))
            return Task.FromException(new InvalidOperationException($"Grain type {grainId.Type} has a reminder '{reminderName}' but does not implement IRemindable."));
        var item = new CallbackWorkItem(g => ((IRemindable)g).ReceiveReminderAsync(reminderName, status),
            $"reminder '{reminderName}'", Time.GetTimestamp(), countsAsActivity: true, hasTimeout: true);
        Dispatch(grainId, grainClass, cachedHolder: null, item);
        return item.Task;
    }

    private CallChain? CheckForCycle(GrainId target, GrainMethod method)
    {
        var chain = _chain.Value;
        if (chain is null || method.IsAlwaysInterleave) return chain;
        if (chain.TryFind(target, out var entry) && !(method.IsReadOnly && entry.ReadOnly))
        {
            var path = chain.PathFrom(target);
            path.Add(target);
            throw new GrainCallCycleException(path, method.Name);
        }
        return chain;
    }

    private object?[] PrepareArguments(GrainMethod method, object?[] args)
    {
        if (!Options.SerializeCalls || args.Length == 0) return args;
        var copy = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var type = method.ParameterTypes[i];
            if (type == typeof(CancellationToken)) { copy[i] = args[i]; continue; }
            try
            {
                copy[i] = Serializer.RoundTrip(args[i], type);
            }
            catch (Exception ex)
            {
                throw new GrainRuntimeException($"Argument {i} of {method.Name} ({type.Name}) does not serialize: {ex.Message}", ex);
            }
        }
        return copy;
    }

    private void Dispatch(GrainReference target, WorkItem item) =>
        Dispatch(target.Id, target.Interface.Implementation, target, item);

    private void Dispatch(GrainId id, GrainClass grainClass, GrainReference? cachedHolder, WorkItem item)
    {
        if (_stopping.IsCancellationRequested)
        {
            item.Fail(new GrainRuntimeException($"The silo is shutting down; {item.Describe()} on {id} was not run."));
            return;
        }
        var activation = cachedHolder?.Activation;
        if (activation is null || activation.IsDefunct)
        {
            activation = _activations.GetOrAdd(id, static (key, state) => new Activation(state.Runtime, key, state.Class), (Runtime: this, Class: grainClass));
            if (cachedHolder is not null) cachedHolder.Activation = activation;
        }
        if (!activation.TryEnqueue(item))
            _ = RetryWhenDeactivatedAsync(activation, id, grainClass, cachedHolder, item);
    }

    private async Task RetryWhenDeactivatedAsync(Activation old, GrainId id, GrainClass grainClass, GrainReference? holder, WorkItem item)
    {
        await old.Deactivated.ConfigureAwait(false);
        if (holder is not null && holder.Activation == old) holder.Activation = null;
        Dispatch(id, grainClass, holder, item);
    }

    /// <summary>Sends a call that reached a deactivating activation to the next one.</summary>
    internal void Redispatch(GrainId id, GrainClass grainClass, WorkItem item) => Dispatch(id, grainClass, null, item);

    internal void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lastCollection = Time.GetTimestamp();
        _sweeper = Task.Run(SweepAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task SweepAsync()
    {
        // Call timeouts need a finer grain than idle collection: check ten times per timeout, at most every second.
        var interval = TimeSpan.FromTicks(Math.Clamp(Options.CallTimeout.Ticks / 10, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromSeconds(1).Ticks));
        using var timer = new PeriodicTimer(interval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var now = Time.GetTimestamp();
                var collect = Time.GetElapsedTime(_lastCollection, now) >= Options.CollectionScanInterval;
                if (collect) _lastCollection = now;
                foreach (var activation in _activations.Values)
                {
                    activation.ExpireCalls(now, Options.CallTimeout);
                    if (collect) activation.TryCollectIfIdle(now, Options.CollectionAge);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Deactivates every activation (OnDeactivateAsync runs) and stops accepting calls.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped) return;
        _stopped = true;
        _stopping.Cancel();
        var all = _activations.Values.ToList();
        foreach (var activation in all) activation.RequestDeactivation(DeactivationReason.Shutdown);
        try
        {
            await Task.WhenAll(all.Select(a => a.Deactivated)).WaitAsync(Options.DeactivationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            Logger.LogWarning("{Count} activations did not deactivate in time", _activations.Count);
        }
        if (_sweeper is not null) await _sweeper.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
