using Microsoft.Extensions.Logging;

namespace AgentWatch.Runtime.Core;

/// <summary>
/// The one in-memory instance of a grain. Calls are queued in FIFO order and run as turns: one exclusive turn at a
/// time across its awaits, read-only turns side by side, and <see cref="AlwaysInterleaveAttribute"/> calls whenever
/// they arrive. The first turn activates the grain (state loaded, then OnActivateAsync); a deactivation turn ends it,
/// and calls that arrive meanwhile are sent on to the next activation.
/// </summary>
internal sealed class Activation : IGrainContext, IThreadPoolWorkItem
{
    private enum Status { Created, Valid, Deactivating, Deactivated }

    private readonly GrainRuntime _runtime;
    private readonly GrainClass _class;
    private readonly object _gate = new();
    private readonly Queue<WorkItem> _queue = new();
    private readonly List<WorkItem> _running = new(2);
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<GrainTimer> _timers = [];
    private volatile Status _status;
    private bool _pumping;
    private bool _waitingForReadOnly;
    private int _readOnlyRunning;
    private DeactivationReason? _deactivateAfterTurn;
    private long _lastActivity;
    private object? _grain;
    private IReadOnlyList<IActivationLifecycleParticipant> _participants = [];

    public Activation(GrainRuntime runtime, GrainId grainId, GrainClass grainClass)
    {
        _runtime = runtime;
        _class = grainClass;
        GrainId = grainId;
        _lastActivity = runtime.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }
    public IGrainFactory GrainFactory => _runtime;
    public IServiceProvider Services => _runtime.Services;

    /// <summary>Completes when this activation is gone; callers turned away meanwhile wait on it and retry.</summary>
    public Task Deactivated => _deactivated.Task;

    public bool IsDefunct => _status >= Status.Deactivating;
    public bool IsValid => _status == Status.Valid;

    /// <summary>Queues a work item; false when the activation is deactivating and the caller must retry elsewhere.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        var schedule = false;
        var runNow = false;
        lock (_gate)
        {
            if (_status >= Status.Deactivating) return false;
            if (item.CountsAsActivity) _lastActivity = _runtime.Time.GetTimestamp();
            if (item.Interleaving == Interleaving.Always && _status == Status.Valid)
            {
                _running.Add(item);
                runNow = true;
            }
            else
            {
                _queue.Enqueue(item);
                if (!_pumping)
                {
                    _pumping = true;
                    schedule = true;
                }
            }
        }
        if (runNow) _ = RunConcurrentAsync(item, countsAsReadOnly: false);
        if (schedule) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    void IThreadPoolWorkItem.Execute() => _ = PumpAsync();

    private async Task PumpAsync()
    {
        if (_status == Status.Created && !await ActivateAsync().ConfigureAwait(false))
            return;

        while (true)
        {
            WorkItem item;
            lock (_gate)
            {
                while (_queue.Count > 0 && _queue.Peek().IsCompleted) _queue.Dequeue();
                if (_queue.Count == 0)
                {
                    _pumping = false;
                    return;
                }
                var head = _queue.Peek();
                if (head.Interleaving != Interleaving.Exclusive)
                {
                    _queue.Dequeue();
                    _running.Add(head);
                    if (head.Interleaving == Interleaving.ReadOnly) _readOnlyRunning++;
                    item = head;
                }
                else if (_readOnlyRunning > 0)
                {
                    // The last read-only turn to finish starts the pump again.
                    _waitingForReadOnly = true;
                    _pumping = false;
                    return;
                }
                else
                {
                    _queue.Dequeue();
                    if (head is DeactivationWorkItem deactivation)
                    {
                        _deactivateAfterTurn ??= deactivation.Reason;
                        item = head;
                    }
                    else
                    {
                        _running.Add(head);
                        item = head;
                    }
                }
            }

            if (item is DeactivationWorkItem)
            {
                await DeactivateAsync(_deactivateAfterTurn ?? DeactivationReason.Requested).ConfigureAwait(false);
                return;
            }
            if (item.Interleaving != Interleaving.Exclusive)
            {
                _ = RunConcurrentAsync(item, countsAsReadOnly: item.Interleaving == Interleaving.ReadOnly);
                continue;
            }

            await RunTurnAsync(item).ConfigureAwait(false);
            lock (_gate) _running.Remove(item);

            if (_deactivateAfterTurn is { } reason)
            {
                await DeactivateAsync(reason).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task RunConcurrentAsync(WorkItem item, bool countsAsReadOnly)
    {
        await RunTurnAsync(item).ConfigureAwait(false);
        // A deactivation asked for in a read-only turn is queued, so it runs after whatever is already waiting.
        if (_deactivateAfterTurn is { } reason) RequestDeactivation(reason);
        var schedule = false;
        lock (_gate)
        {
            _running.Remove(item);
            if (countsAsReadOnly && --_readOnlyRunning == 0 && _waitingForReadOnly)
            {
                _waitingForReadOnly = false;
                if (!_pumping && _status < Status.Deactivating)
                {
                    _pumping = true;
                    schedule = true;
                }
            }
        }
        if (schedule) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private Task RunTurnAsync(WorkItem item)
    {
        // The chain flows into everything the turn awaits, so a call back into a grain that is waiting is caught.
        _runtime.CurrentChain = new CallChain(GrainId, item.Interleaving != Interleaving.Exclusive, item.Chain);
        var activity = RuntimeTelemetry.Source.HasListeners()
            ? RuntimeTelemetry.Source.StartActivity($"{GrainId.Type} {item.Describe()}", System.Diagnostics.ActivityKind.Server, item.TraceParent)
            : null;
        if (activity is null) return item.ExecuteAsync(this, _grain!);
        activity.SetTag("grain.type", GrainId.Type);
        activity.SetTag("grain.key", GrainId.Key);
        activity.SetTag("grain.method", item.Describe());
        activity.SetTag("silo", _runtime.Cluster?.Self.ToString() ?? "standalone");
        return TracedAsync(item, activity);
    }

    private async Task TracedAsync(WorkItem item, System.Diagnostics.Activity activity)
    {
        using (activity)
        {
            await item.ExecuteAsync(this, _grain!).ConfigureAwait(false);
        }
    }

    /// <summary>Calls waiting in the queue, for the queue-length metric.</summary>
    internal int QueueLength
    {
        get
        {
            lock (_gate) return _queue.Count;
        }
    }

    private async Task<bool> ActivateAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_runtime.Options.ActivationTimeout);
            if (_runtime.Cluster is { } cluster)
            {
                // Registered before OnActivateAsync: if another silo holds the grain, this activation never runs grain
                // code and hands its calls to the owner.
                var owner = await cluster.RegisterAsync(GrainId, timeout.Token).ConfigureAwait(false);
                if (owner != cluster.Self)
                {
                    HandOverTo(owner);
                    return false;
                }
            }
            var (grain, participants) = _runtime.Activator.Create(_class, this);
            _grain = grain;
            _participants = participants;
            foreach (var participant in participants)
                await participant.OnActivatingAsync(timeout.Token).ConfigureAwait(false);
            _runtime.CurrentChain = new CallChain(GrainId, false, null);
            await grain.OnActivateAsync(timeout.Token).ConfigureAwait(false);
            lock (_gate) _status = Status.Valid;
            _runtime.Logger.LogDebug("Activated {Grain}", GrainId);
            return true;
        }
        catch (Exception ex)
        {
            _runtime.Logger.LogWarning(ex, "Activation of {Grain} failed", GrainId);
            List<WorkItem> failed;
            lock (_gate)
            {
                _status = Status.Deactivated;
                failed = [.. _queue];
                _queue.Clear();
                _pumping = false;
            }
            _runtime.Remove(this);
            _deactivated.TrySetResult();
            foreach (var item in failed) item.Fail(ex);
            return false;
        }
    }

    private void HandOverTo(Cluster.SiloAddress owner)
    {
        List<WorkItem> queued;
        lock (_gate)
        {
            _status = Status.Deactivated;
            queued = [.. _queue];
            _queue.Clear();
            _pumping = false;
        }
        _runtime.Remove(this);
        _deactivated.TrySetResult();
        foreach (var item in queued) _runtime.HandOver(GrainId, _class, item, owner);
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        lock (_gate) _status = Status.Deactivating;
        foreach (var timer in _timers) timer.Dispose();
        _timers.Clear();
        if (_grain is Grain grain)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_runtime.Options.DeactivationTimeout);
                _runtime.CurrentChain = new CallChain(GrainId, false, null);
                await grain.OnDeactivateAsync(reason, timeout.Token).WaitAsync(_runtime.Options.DeactivationTimeout).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _runtime.Logger.LogWarning(ex, "OnDeactivateAsync of {Grain} failed", GrainId);
            }
        }
        if (_runtime.Cluster is { } cluster)
        {
            try
            {
                await cluster.Directory.UnregisterAsync(GrainId, cluster.Self, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The entry stays until this silo leaves or is declared dead; a call routed here meanwhile reactivates the grain.
                _runtime.Logger.LogWarning(ex, "Could not remove {Grain} from the grain directory", GrainId);
            }
        }
        _runtime.Remove(this);
        List<WorkItem> leftovers;
        lock (_gate)
        {
            _status = Status.Deactivated;
            leftovers = [.. _queue];
            _queue.Clear();
            _pumping = false;
        }
        _runtime.Logger.LogDebug("Deactivated {Grain} ({Reason})", GrainId, reason);
        _deactivated.TrySetResult();
        foreach (var item in leftovers)
        {
            if (item is DeactivationWorkItem || item.IsCompleted) continue;
            _runtime.Redispatch(GrainId, _class, item);
        }
    }

    /// <summary>Ends the activation once the running turn finishes (ETag conflict, or the grain asked).</summary>
    public void DeactivateAfterTurn(DeactivationReason reason) => _deactivateAfterTurn ??= reason;

    public void DeactivateOnIdle() => DeactivateAfterTurn(DeactivationReason.Requested);

    /// <summary>Queues a deactivation if nothing ran for longer than <paramref name="age"/>.</summary>
    public bool TryCollectIfIdle(long now, TimeSpan age)
    {
        lock (_gate)
        {
            if (_status != Status.Valid || _pumping || _running.Count > 0 || _queue.Count > 0) return false;
            if (_runtime.Time.GetElapsedTime(_lastActivity, now) < age) return false;
        }
        return RequestDeactivation(DeactivationReason.Idle);
    }

    public bool RequestDeactivation(DeactivationReason reason) =>
        TryEnqueue(new DeactivationWorkItem(reason, _runtime.Time.GetTimestamp()));

    /// <summary>Fails every call that has waited longer than the call timeout, whether queued or running.</summary>
    public void ExpireCalls(long now, TimeSpan timeout)
    {
        List<(WorkItem Item, string Detail)>? expired = null;
        lock (_gate)
        {
            foreach (var item in _running)
            {
                if (item.HasTimeout && !item.IsCompleted && _runtime.Time.GetElapsedTime(item.EnqueuedAt, now) >= timeout)
                    (expired ??= []).Add((item, "the grain method was still running"));
            }
            var busyWith = _running.Count > 0 ? $"queued behind {_running[0].Describe()}" : "queued";
            foreach (var item in _queue)
            {
                if (item.IsCompleted || !item.HasTimeout) continue;
                if (_runtime.Time.GetElapsedTime(item.EnqueuedAt, now) < timeout) break;
                (expired ??= []).Add((item, _status == Status.Created ? "the grain was still activating" : busyWith));
            }
        }
        if (expired is null) return;
        foreach (var (item, detail) in expired)
            item.Fail(new GrainCallTimeoutException(GrainId, item.Describe(), timeout, detail));
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, _runtime.Time, callback, dueTime, period);
        _timers.Add(timer);
        return timer;
    }

    public Task RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        _runtime.Reminders.RegisterOrUpdateAsync(GrainId, name, dueTime, period);

    public Task UnregisterReminderAsync(string name) => _runtime.Reminders.UnregisterAsync(GrainId, name);

    public Task<IReadOnlyList<Reminders.ReminderEntry>> GetRemindersAsync() => _runtime.Reminders.GetRemindersAsync(GrainId);

    internal long Timestamp() => _runtime.Time.GetTimestamp();

    internal ILogger Logger => _runtime.Logger;
}
