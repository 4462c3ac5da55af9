using System.Collections.Concurrent;
using System.Reflection;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Runtime.Reminders;
using System.Text.Json;
using AgentWatch.Runtime.Serialization;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>A call handed on more often than this is in a routing loop (silos disagreeing for too long).</summary>
    private const int MaxHops = 4;
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
        // Resolved lazily: the cluster's membership counts this runtime's activations.
        _cluster = new Lazy<ClusterContext?>(() => services.GetService<ClusterContext>());
        if (services.GetService<System.Diagnostics.Metrics.IMeterFactory>() is { } meters)
        {
            Metrics = new RuntimeMetrics(meters);
            Metrics.Meter.CreateObservableGauge("agentwatch.grain.activations", () => _activations.Count, description: "Activations in this silo");
            Metrics.Meter.CreateObservableGauge("agentwatch.grain.queued_calls", () => _activations.Values.Sum(a => a.QueueLength), description: "Calls waiting in activation queues");
        }
    }

    internal RuntimeMetrics? Metrics { get; }

    private readonly Lazy<ClusterContext?> _cluster;

    /// <summary>The cluster this silo belongs to; null for a silo on its own.</summary>
    internal ClusterContext? Cluster => _cluster.Value;

    internal IServiceProvider Services { get; }
    internal GrainRuntimeOptions Options { get; }
    public GrainSerializer Serializer { get; }
    internal IReminderRegistry Reminders { get; }
    internal TimeProvider Time { get; }
    internal ILogger Logger { get; }
    internal GrainActivator Activator { get; }

    internal CallChain? CurrentChain
    {
        get => _chain.Value;
        set => _chain.Value = value;
    }

    /// <summary>Whether this silo holds a live activation of the grain.</summary>
    public bool IsActive(GrainId grain) => _activations.TryGetValue(grain, out var a) && a.IsValid;

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
        var item = new CallWorkItem<TResult>(method, PrepareArguments(method, args), Time.GetTimestamp(), chain, Options.SerializeCalls ? Serializer : null)
        {
            TraceParent = System.Diagnostics.Activity.Current?.Context ?? default,
        };
        Metrics?.Calls.Add(1, new KeyValuePair<string, object?>("grain.type", target.Id.Type));
        Dispatch(target, item);
        return item.Task;
    }

    internal Task InvokeVoidAsync(GrainReference target, GrainMethod method, object?[] args)
    {
        var chain = CheckForCycle(target.Id, method);
        var item = new VoidCallWorkItem(method, PrepareArguments(method, args), Time.GetTimestamp(), chain, Options.SerializeCalls ? Serializer : null)
        {
            TraceParent = System.Diagnostics.Activity.Current?.Context ?? default,
        };
        Metrics?.Calls.Add(1, new KeyValuePair<string, object?>("grain.type", target.Id.Type));
        Dispatch(target, item);
        return item.Task;
    }

    /// <summary>Delivers a reminder tick as a turn of the grain, activating it if needed.</summary>
    internal Task DeliverReminderAsync(GrainId grainId, string reminderName, TickStatus status)
    {
        var grainClass = _registry.GetClass(grainId.Type);
        if (!typeof(IRemindable).IsAssignableFrom(grainClass.Type))
            return Task.FromException(new InvalidOperationException($"Grain type {grainId.Type} has a reminder '{reminderName}' but does not implement IRemindable."));
        var item = ReminderItem(reminderName, status);
        Dispatch(grainId, grainClass, cachedHolder: null, item);
        return item.Task;
    }

    private CallbackWorkItem ReminderItem(string reminderName, TickStatus status) =>
        new(g => ((IRemindable)g).ReceiveReminderAsync(reminderName, status), $"reminder '{reminderName}'", Time.GetTimestamp(),
            countsAsActivity: true, hasTimeout: true, reminder: (reminderName, status));

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

    /// <summary>
    /// Sends a work item to its grain's activation: the one in this silo if there is one; otherwise, in a cluster, the
    /// silo known to hold the grain or the one placement picks. <paramref name="placeHere"/> (a call another silo sent
    /// here) activates the grain here; its registration in the directory settles who owns it.
    /// </summary>
    private void Dispatch(GrainId id, GrainClass grainClass, GrainReference? cachedHolder, WorkItem item, bool placeHere = false, int hops = 0)
    {
        if (_stopping.IsCancellationRequested)
        {
            item.Fail(new GrainRuntimeException($"The silo is shutting down; {item.Describe()} on {id} was not run."));
            return;
        }
        var activation = cachedHolder?.Activation;
        if (activation is null || activation.IsDefunct)
        {
            if (!_activations.TryGetValue(id, out activation))
            {
                if (Cluster is { } cluster && !placeHere)
                {
                    var target = cluster.KnownOwner(id) ?? (grainClass.PreferLocal && cluster.Membership.MayOwn(cluster.Self) ? cluster.Self : cluster.Place(id));
                    if (target != cluster.Self)
                    {
                        _ = ForwardAsync(id, grainClass, item, target, hops);
                        return;
                    }
                }
                activation = _activations.GetOrAdd(id, static (key, state) => new Activation(state.Runtime, key, state.Class), (Runtime: this, Class: grainClass));
            }
            if (cachedHolder is not null) cachedHolder.Activation = activation;
        }
        if (!activation.TryEnqueue(item))
            _ = RetryWhenDeactivatedAsync(activation, id, grainClass, cachedHolder, item, placeHere, hops);
    }

    private async Task RetryWhenDeactivatedAsync(Activation old, GrainId id, GrainClass grainClass, GrainReference? holder, WorkItem item, bool placeHere, int hops)
    {
        await old.Deactivated.ConfigureAwait(false);
        if (holder is not null && holder.Activation == old) holder.Activation = null;
        Dispatch(id, grainClass, holder, item, placeHere, hops);
    }

    /// <summary>Sends a call that reached a deactivating activation to the next one.</summary>
    internal void Redispatch(GrainId id, GrainClass grainClass, WorkItem item) => Dispatch(id, grainClass, null, item);

    /// <summary>Hands the calls an activation queued before it lost its registration to the owner that won.</summary>
    internal void HandOver(GrainId id, GrainClass grainClass, WorkItem item, SiloAddress owner)
    {
        if (item is DeactivationWorkItem || item.IsCompleted) return;
        _ = ForwardAsync(id, grainClass, item, owner, hops: item is RemoteCallWorkItem remote ? remote.Request.Hops : 0);
    }

    /// <summary>
    /// Carries a work item to another silo. A silo that cannot be reached never got the call, so it is tried again,
    /// re-resolving the owner, until the membership declares the silo dead and the grain moves (or the retry limit).
    /// Anything that may have run is never sent twice.
    /// </summary>
    private async Task ForwardAsync(GrainId id, GrainClass grainClass, WorkItem item, SiloAddress target, int hops)
    {
        var cluster = Cluster!;
        if (hops >= MaxHops)
        {
            item.Fail(new GrainRuntimeException($"The call {item.Describe()} to {id} was handed on {hops} times without finding its grain; the silos disagree on who holds it. Try again."));
            return;
        }
        var request = item.ToRemote(id, Serializer, hops + 1);
        if (request is null)
        {
            item.Fail(new GrainRuntimeException($"{item.Describe()} of {id} cannot run on another silo."));
            return;
        }
        var started = Time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var remaining = item.HasTimeout ? Options.CallTimeout - Time.GetElapsedTime(item.EnqueuedAt) : Timeout.InfiniteTimeSpan;
            if (item.HasTimeout && remaining <= TimeSpan.Zero)
            {
                item.Fail(new GrainCallTimeoutException(id, item.Describe(), Options.CallTimeout, $"waiting for silo {target}"));
                return;
            }
            RemoteResponse response;
            try
            {
                Metrics?.RemoteCalls.Add(1, new KeyValuePair<string, object?>("grain.type", id.Type));
                response = await cluster.Transport.SendAsync(target, request, remaining, _stopping.Token).ConfigureAwait(false);
            }
            catch (SiloUnreachableException ex)
            {
                response = new RemoteResponse(RemoteOutcome.Refused, null, null, ex.Message);
            }
            catch (SiloUnavailableException ex) when (item.Interleaving == Interleaving.ReadOnly)
            {
                // A read-only call changes nothing, so running it again elsewhere cannot do harm.
                response = new RemoteResponse(RemoteOutcome.Refused, null, null, ex.Message);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or GrainCallTimeoutException or OperationCanceledException)
            {
                item.Fail(ex is OperationCanceledException ? new GrainRuntimeException($"The silo is shutting down; {item.Describe()} on {id} was abandoned.") : ex);
                return;
            }
            if (response.Outcome == RemoteOutcome.Completed)
            {
                if (response.Owner is { } owner) cluster.Remember(id, SiloAddress.Parse(owner));
                item.CompleteRemote(response, Serializer);
                return;
            }

            // Not delivered: wait a little, find the owner again (the silo may have been declared dead meanwhile).
            cluster.Forget(id, target);
            if (Time.GetElapsedTime(started) > cluster.Options.UnreachableRetryLimit)
            {
                item.Fail(new SiloUnavailableException(target, item.Describe(), $"not reachable for {cluster.Options.UnreachableRetryLimit.TotalSeconds:0} s: {response.Reason}"));
                return;
            }
            try
            {
                await Task.Delay(delay, Time, _stopping.Token).ConfigureAwait(false);
                target = await cluster.ResolveAsync(id, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                item.Fail(ex);
                return;
            }
            catch (OperationCanceledException)
            {
                item.Fail(new GrainRuntimeException($"The silo is shutting down; {item.Describe()} on {id} was abandoned."));
                return;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(1).Ticks));
            if (target == cluster.Self)
            {
                Dispatch(id, grainClass, null, item, placeHere: true, hops);
                return;
            }
        }
    }

    /// <summary>Runs a call another silo sent here, or refuses it when this silo is leaving.</summary>
    public async Task<RemoteResponse> ReceiveAsync(RemoteRequest request)
    {
        if (_stopping.IsCancellationRequested || Cluster is not { } cluster)
            return new RemoteResponse(RemoteOutcome.Refused, null, null, "the silo is shutting down");
        if (!_registry.TryGetClass(request.GrainType, out var grainClass))
            return Failed(new GrainRuntimeException($"Unknown grain type '{request.GrainType}' (silos of different versions?)."));
        var id = new GrainId(request.GrainType, request.GrainKey);
        if (request.ReminderName is { } reminder)
        {
            var tick = ReminderItem(reminder, request.Tick ?? default);
            Dispatch(id, grainClass, null, tick, placeHere: true, request.Hops);
            try
            {
                await tick.Task.ConfigureAwait(false);
                return new RemoteResponse(RemoteOutcome.Completed, null, null, Owner: cluster.Self.ToString());
            }
            catch (Exception ex)
            {
                return Failed(ex);
            }
        }
        if (!_registry.TryGetMethod(request.Method, out var method))
            return Failed(new GrainRuntimeException($"Unknown grain method '{request.Method}' (silos of different versions?)."));
        var args = new object?[method.ParameterTypes.Length];
        try
        {
            for (var i = 0; i < args.Length; i++)
                args[i] = method.ParameterTypes[i] == typeof(CancellationToken) ? CancellationToken.None : request.Args[i].Deserialize(method.ParameterTypes[i], Serializer.Options);
        }
        catch (Exception ex) when (ex is JsonException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return Failed(new GrainRuntimeException($"The arguments of {method.Name} could not be read: {ex.Message}", ex));
        }
        var item = new RemoteCallWorkItem(method, args, request, Time.GetTimestamp(), Serializer, cluster.Self.ToString())
        {
            TraceParent = TraceContext.Parse(request.TraceParent),
        };
        Dispatch(id, grainClass, null, item, placeHere: true, request.Hops);
        return await item.Task.ConfigureAwait(false);

        static RemoteResponse Failed(Exception ex) => new(RemoteOutcome.Completed, null, Serialization.ExceptionCodec.Encode(ex));
    }

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
        if (Cluster is { } cluster)
        {
            // Tell the others first, so they stop sending new work here while the activations wind down.
            try
            {
                await cluster.Membership.AnnounceShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logger.LogWarning(ex, "Could not announce the shutdown to the cluster");
            }
        }
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
