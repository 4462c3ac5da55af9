using System.Text.Json;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Serialization;

namespace AgentWatch.Runtime.Core;

/// <summary>Which grain turn a call chain is waiting on; used to catch call cycles before they deadlock.</summary>
internal sealed record CallChain(GrainId Grain, bool ReadOnly, CallChain? Parent)
{
    public bool TryFind(GrainId grain, out CallChain entry)
    {
        for (var c = this; c is not null; c = c.Parent)
        {
            if (c.Grain == grain)
            {
                entry = c;
                return true;
            }
        }
        entry = null!;
        return false;
    }

    public IReadOnlyList<RemoteChainLink> ToLinks()
    {
        var links = new List<RemoteChainLink>();
        for (var c = this; c is not null; c = c.Parent) links.Add(new RemoteChainLink(c.Grain.Type, c.Grain.Key, c.ReadOnly));
        return links;
    }

    public static CallChain? FromLinks(IReadOnlyList<RemoteChainLink>? links)
    {
        CallChain? chain = null;
        for (var i = (links?.Count ?? 0) - 1; i >= 0; i--) chain = new CallChain(new GrainId(links![i].GrainType, links[i].GrainKey), links[i].ReadOnly, chain);
        return chain;
    }

    public List<GrainId> PathFrom(GrainId start)
    {
        var path = new List<GrainId>();
        for (var c = this; c is not null; c = c.Parent)
        {
            path.Add(c.Grain);
            if (c.Grain == start) break;
        }
        path.Reverse();
        return path;
    }
}

internal enum Interleaving
{
    /// <summary>Runs alone: nothing else runs on the activation during its turn.</summary>
    Exclusive,
    /// <summary>May run beside other read-only turns, never beside an exclusive one.</summary>
    ReadOnly,
    /// <summary>May run beside anything.</summary>
    Always,
}

/// <summary>A unit of work queued on an activation: a call, a timer tick, a reminder or a deactivation.</summary>
internal abstract class WorkItem
{
    protected WorkItem(long enqueuedAt, CallChain? chain)
    {
        EnqueuedAt = enqueuedAt;
        Chain = chain;
    }

    public long EnqueuedAt { get; }
    public CallChain? Chain { get; }

    /// <summary>The caller's span, so the turn's span joins its trace (also across silos).</summary>
    public System.Diagnostics.ActivityContext TraceParent { get; init; }
    public virtual Interleaving Interleaving => Interleaving.Exclusive;

    /// <summary>Incoming calls and reminders keep an activation alive; timers do not (as in Orleans).</summary>
    public virtual bool CountsAsActivity => true;

    /// <summary>True once the caller has its answer (including a timeout); a queued item that is done is skipped.</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Whether a call timeout applies to this item.</summary>
    public virtual bool HasTimeout => true;

    public abstract string Describe();

    /// <summary>Runs the item against the grain. Never throws: failures go to the caller.</summary>
    public abstract Task ExecuteAsync(Activation activation, object grain);

    public abstract void Fail(Exception exception);

    /// <summary>The item as a call to another silo; null for work that belongs to this activation (timers, deactivation).</summary>
    public virtual RemoteRequest? ToRemote(GrainId grain, GrainSerializer serializer, int hops) => null;

    /// <summary>Completes the item with what another silo answered.</summary>
    public virtual void CompleteRemote(RemoteResponse response, GrainSerializer serializer) =>
        Fail(response.Exception is { } e ? ExceptionCodec.Decode(e) : new GrainRuntimeException("This work cannot run on another silo."));
}

/// <summary>A grain method call.</summary>
internal abstract class CallWorkItem : WorkItem
{
    protected CallWorkItem(GrainMethod method, object?[] args, long enqueuedAt, CallChain? chain, GrainSerializer? copier)
        : base(enqueuedAt, chain)
    {
        Method = method;
        Args = args;
        Copier = copier;
    }

    public GrainMethod Method { get; }
    public object?[] Args { get; }

    /// <summary>Set when calls are serialized: results and exceptions make a serialization round trip.</summary>
    protected GrainSerializer? Copier { get; }

    public override Interleaving Interleaving =>
        Method.IsAlwaysInterleave ? Interleaving.Always : Method.IsReadOnly ? Interleaving.ReadOnly : Interleaving.Exclusive;

    public override string Describe() => Method.Name;

    public override Task ExecuteAsync(Activation activation, object grain)
    {
        Task task;
        try
        {
            task = Method.Invoker(grain, Args);
        }
        catch (Exception ex)
        {
            OnGrainException(activation, ex);
            return Task.CompletedTask;
        }
        if (task.IsCompletedSuccessfully)
        {
            Complete(task);
            return Task.CompletedTask;
        }
        return AwaitAsync(activation, task);
    }

    private async Task AwaitAsync(Activation activation, Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            OnGrainException(activation, ex);
            return;
        }
        Complete(task);
    }

    private void OnGrainException(Activation activation, Exception ex)
    {
        if (ex is InconsistentStateException)
            activation.DeactivateAfterTurn(DeactivationReason.StateConflict);
        Fail(Copier is null ? ex : ExceptionCodec.Decode(ExceptionCodec.Encode(ex)));
    }

    protected abstract void Complete(Task finished);

    public override RemoteRequest ToRemote(GrainId grain, GrainSerializer serializer, int hops)
    {
        var args = new JsonElement[Args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var type = Method.ParameterTypes[i];
            args[i] = type == typeof(CancellationToken) ? default : JsonSerializer.SerializeToElement(Args[i], type, serializer.Options);
        }
        return new RemoteRequest(grain.Type, grain.Key, Method.Id, args, Chain?.ToLinks(), hops, TraceParent: TraceContext.Format(TraceParent));
    }

    public override void CompleteRemote(RemoteResponse response, GrainSerializer serializer)
    {
        if (response.Exception is { } e) Fail(ExceptionCodec.Decode(e));
        else CompleteFromRemote(response.Result, serializer);
    }

    protected abstract void CompleteFromRemote(JsonElement? result, GrainSerializer serializer);
}

internal sealed class CallWorkItem<TResult>(GrainMethod method, object?[] args, long enqueuedAt, CallChain? chain, GrainSerializer? copier)
    : CallWorkItem(method, args, enqueuedAt, chain, copier)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Task => _completion.Task;
    public override bool IsCompleted => _completion.Task.IsCompleted;

    protected override void Complete(Task finished)
    {
        var result = ((Task<TResult>)finished).Result;
        if (Copier is not null)
        {
            try
            {
                result = Copier.RoundTrip(result);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(new GrainRuntimeException($"The result of {Method.Name} ({typeof(TResult).Name}) does not serialize: {ex.Message}", ex));
                return;
            }
        }
        _completion.TrySetResult(result);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    protected override void CompleteFromRemote(JsonElement? result, GrainSerializer serializer)
    {
        try
        {
            _completion.TrySetResult(result is { ValueKind: not JsonValueKind.Undefined } r ? r.Deserialize<TResult>(serializer.Options)! : default!);
        }
        catch (JsonException ex)
        {
            _completion.TrySetException(new GrainRuntimeException($"The result of {Method.Name} from another silo could not be read: {ex.Message}", ex));
        }
    }
}

internal sealed class VoidCallWorkItem(GrainMethod method, object?[] args, long enqueuedAt, CallChain? chain, GrainSerializer? copier)
    : CallWorkItem(method, args, enqueuedAt, chain, copier)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _completion.Task;
    public override bool IsCompleted => _completion.Task.IsCompleted;

    protected override void Complete(Task finished) => _completion.TrySetResult();
    public override void Fail(Exception exception) => _completion.TrySetException(exception);
    protected override void CompleteFromRemote(JsonElement? result, GrainSerializer serializer) => _completion.TrySetResult();
}

/// <summary>
/// A call that came from another silo: the arguments arrive as JSON, the result leaves as JSON, and the answer records
/// which silo ran it so the caller can go straight there next time.
/// </summary>
internal sealed class RemoteCallWorkItem : WorkItem
{
    private readonly TaskCompletionSource<RemoteResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GrainSerializer _serializer;
    private readonly string _self;

    public RemoteCallWorkItem(GrainMethod method, object?[] args, RemoteRequest request, long enqueuedAt, GrainSerializer serializer, string self)
        : base(enqueuedAt, CallChain.FromLinks(request.Chain))
    {
        Method = method;
        Args = args;
        Request = request;
        _serializer = serializer;
        _self = self;
    }

    public GrainMethod Method { get; }
    public object?[] Args { get; }
    public RemoteRequest Request { get; }
    public Task<RemoteResponse> Task => _completion.Task;
    public override bool IsCompleted => _completion.Task.IsCompleted;
    public override Interleaving Interleaving =>
        Method.IsAlwaysInterleave ? Interleaving.Always : Method.IsReadOnly ? Interleaving.ReadOnly : Interleaving.Exclusive;
    public override string Describe() => Method.Name;

    public override async Task ExecuteAsync(Activation activation, object grain)
    {
        try
        {
            var task = Method.Invoker(grain, Args);
            await task.ConfigureAwait(false);
            var result = Method.ResultType is { } type ? JsonSerializer.SerializeToElement(Method.GetResult(task), type, _serializer.Options) : (JsonElement?)null;
            _completion.TrySetResult(new RemoteResponse(RemoteOutcome.Completed, result, null, Owner: _self));
        }
        catch (Exception ex)
        {
            if (ex is InconsistentStateException) activation.DeactivateAfterTurn(DeactivationReason.StateConflict);
            _completion.TrySetResult(new RemoteResponse(RemoteOutcome.Completed, null, ExceptionCodec.Encode(ex), Owner: _self));
        }
    }

    public override void Fail(Exception exception) =>
        _completion.TrySetResult(new RemoteResponse(RemoteOutcome.Completed, null, ExceptionCodec.Encode(exception), Owner: null));

    public override RemoteRequest ToRemote(GrainId grain, GrainSerializer serializer, int hops) => Request with { Hops = hops };

    public override void CompleteRemote(RemoteResponse response, GrainSerializer serializer) => _completion.TrySetResult(response);
}

/// <summary>Work the runtime itself runs as a turn of the grain: a timer tick or a reminder.</summary>
internal sealed class CallbackWorkItem : WorkItem
{
    private readonly Func<object, Task> _callback;
    private readonly string _description;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _countsAsActivity;
    private readonly bool _hasTimeout;

    public CallbackWorkItem(Func<object, Task> callback, string description, long enqueuedAt, bool countsAsActivity, bool hasTimeout,
        (string Name, TickStatus Tick)? reminder = null)
        : base(enqueuedAt, chain: null)
    {
        _callback = callback;
        _description = description;
        _countsAsActivity = countsAsActivity;
        _hasTimeout = hasTimeout;
        _reminder = reminder;
    }

    private readonly (string Name, TickStatus Tick)? _reminder;

    /// <summary>A reminder tick travels to the silo that holds its grain; a timer tick never leaves its activation.</summary>
    public override RemoteRequest? ToRemote(GrainId grain, GrainSerializer serializer, int hops) =>
        _reminder is { } r ? new RemoteRequest(grain.Type, grain.Key, "", [], null, hops, r.Name, r.Tick, TraceContext.Format(TraceParent)) : null;

    public override void CompleteRemote(RemoteResponse response, GrainSerializer serializer)
    {
        if (response.Exception is { } e) _completion.TrySetException(ExceptionCodec.Decode(e));
        else _completion.TrySetResult();
    }

    public Task Task => _completion.Task;
    public override bool CountsAsActivity => _countsAsActivity;
    public override bool HasTimeout => _hasTimeout;
    public override bool IsCompleted => _completion.Task.IsCompleted;
    public override string Describe() => _description;

    public override async Task ExecuteAsync(Activation activation, object grain)
    {
        try
        {
            await _callback(grain).ConfigureAwait(false);
            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            if (ex is InconsistentStateException)
                activation.DeactivateAfterTurn(DeactivationReason.StateConflict);
            _completion.TrySetException(ex);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>Ends the activation once every earlier item has run.</summary>
internal sealed class DeactivationWorkItem(DeactivationReason reason, long enqueuedAt) : WorkItem(enqueuedAt, chain: null)
{
    public DeactivationReason Reason { get; } = reason;
    public override bool CountsAsActivity => false;
    public override bool HasTimeout => false;
    public override bool IsCompleted => false;
    public override string Describe() => $"deactivation ({Reason})";
    public override Task ExecuteAsync(Activation activation, object grain) => Task.CompletedTask;
    public override void Fail(Exception exception) { }
}

/// <summary>W3C traceparent text for a span context crossing silos.</summary>
internal static class TraceContext
{
    public static string? Format(System.Diagnostics.ActivityContext context) =>
        context == default ? null : $"00-{context.TraceId}-{context.SpanId}-{((int)context.TraceFlags):x2}";

    public static System.Diagnostics.ActivityContext Parse(string? traceParent) =>
        traceParent is not null && System.Diagnostics.ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
}
