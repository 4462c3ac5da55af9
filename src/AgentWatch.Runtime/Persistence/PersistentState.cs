using System.Collections.Concurrent;
using System.Reflection;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Runtime.Persistence;

/// <summary>
/// A grain's durable state, as Orleans' <c>IPersistentState&lt;T&gt;</c>: loaded before OnActivateAsync, written only when
/// the grain says so, guarded by an ETag so that a writer holding stale state fails instead of overwriting.
/// </summary>
public interface IPersistentState<TState> where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The stored version this activation last read or wrote; null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <summary>Writes <see cref="State"/>. Throws <see cref="InconsistentStateException"/> when the stored ETag moved on.</summary>
    Task WriteStateAsync();

    Task ClearStateAsync();
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;
    public string? StorageName { get; } = storageName;
}

/// <summary>Where one piece of grain state lives.</summary>
public readonly record struct GrainStateKey(string GrainType, string GrainKey, string StateName)
{
    public override string ToString() => $"{GrainType}/{GrainKey} '{StateName}'";
}

/// <summary>A stored state blob with its version.</summary>
public sealed record StoredState(byte[] Payload, string Etag);

/// <summary>
/// Storage for <see cref="IPersistentState{TState}"/>. A write names the ETag it expects (null: the row must not exist)
/// and returns the new one; a mismatch throws <see cref="InconsistentStateException"/>. A returned write is durable.
/// </summary>
public interface IGrainStorage
{
    Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken);
    Task<string> WriteAsync(GrainStateKey key, byte[] payload, string? expectedEtag, CancellationToken cancellationToken);
    Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken);
}

internal sealed class PersistentState<TState>(GrainStateKey key, IGrainStorage storage, GrainSerializer serializer)
    : IPersistentState<TState>, IActivationLifecycleParticipant where TState : class, new()
{
    public TState State { get; set; } = new();
    public string? Etag { get; private set; }
    public bool RecordExists => Etag is not null;

    public Task OnActivatingAsync(CancellationToken cancellationToken) => ReadStateAsync();

    public async Task ReadStateAsync()
    {
        var stored = await storage.ReadAsync(key, CancellationToken.None).ConfigureAwait(false);
        if (stored is null)
        {
            State = new TState();
            Etag = null;
            return;
        }
        try
        {
            State = serializer.Deserialize<TState>(stored.Payload);
        }
        catch (Exception ex)
        {
            throw new GrainRuntimeException($"Stored state {key} could not be read as {typeof(TState).Name}: {ex.Message}", ex);
        }
        Etag = stored.Etag;
    }

    public async Task WriteStateAsync()
    {
        var payload = serializer.Serialize(State);
        Etag = await storage.WriteAsync(key, payload, Etag, CancellationToken.None).ConfigureAwait(false);
    }

    public async Task ClearStateAsync()
    {
        await storage.ClearAsync(key, Etag, CancellationToken.None).ConfigureAwait(false);
        State = new TState();
        Etag = null;
    }
}

/// <summary>Resolves the storage provider by name: a keyed <see cref="IGrainStorage"/>, or the default one.</summary>
internal static class StorageResolver
{
    public static T Resolve<T>(IServiceProvider services, string? name, string what) where T : notnull =>
        name is null
            ? services.GetService<T>() ?? throw new InvalidOperationException($"No default {typeof(T).Name} is registered for {what}.")
            : services.GetKeyedService<T>(name) ?? throw new InvalidOperationException($"No {typeof(T).Name} named '{name}' is registered for {what}.");
}

internal sealed class PersistentStateFacetFactory(IServiceProvider services, GrainSerializer serializer) : IGrainFacetFactory
{
    public Type AttributeType => typeof(PersistentStateAttribute);

    public Func<IGrainContext, object> Prepare(ParameterInfo parameter, Attribute attribute)
    {
        var a = (PersistentStateAttribute)attribute;
        var t = parameter.ParameterType;
        if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            throw new InvalidOperationException($"Parameter '{parameter.Name}' of {parameter.Member.DeclaringType?.Name} has [PersistentState] but is not an IPersistentState<T>.");
        var storage = StorageResolver.Resolve<IGrainStorage>(services, a.StorageName, $"state '{a.StateName}' of {parameter.Member.DeclaringType?.Name}");
        var create = (Func<GrainStateKey, IGrainStorage, GrainSerializer, object>)typeof(PersistentStateFacetFactory)
            .GetMethod(nameof(Creator), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(t.GetGenericArguments()[0]).Invoke(null, null)!;
        return context => create(new GrainStateKey(context.GrainId.Type, context.GrainId.Key, a.StateName), storage, serializer);
    }

    private static Func<GrainStateKey, IGrainStorage, GrainSerializer, object> Creator<TState>() where TState : class, new() =>
        (key, storage, serializer) => new PersistentState<TState>(key, storage, serializer);
}

/// <summary>Grain state kept in memory, with the same ETag rules as durable storage: for tests.</summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainStateKey, StoredState> _rows = new();
    private readonly object _gate = new();

    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue(key, out var row) ? row : null);

    public Task<string> WriteAsync(GrainStateKey key, byte[] payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _rows.TryGetValue(key, out var current);
            if (current?.Etag != expectedEtag)
                throw new InconsistentStateException(StorageErrors.Conflict(key, expectedEtag, current?.Etag));
            var etag = ((current is null ? 0 : long.Parse(current.Etag)) + 1).ToString();
            _rows[key] = new StoredState(payload, etag);
            return Task.FromResult(etag);
        }
    }

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _rows.TryGetValue(key, out var current);
            if (current?.Etag != expectedEtag)
                throw new InconsistentStateException(StorageErrors.Conflict(key, expectedEtag, current?.Etag));
            _rows.TryRemove(key, out _);
            return Task.CompletedTask;
        }
    }
}

/// <summary>The wording of storage errors, shared by every storage provider.</summary>
public static class StorageErrors
{
    public static string Conflict(GrainStateKey key, string? expected, string? actual) =>
        $"State {key} was changed by another writer: this activation expected version {expected ?? "(none)"} but storage has {actual ?? "(none)"}. " +
        "The write was not applied; the next call reloads the current state.";

    public static string LogConflict(GrainStateKey key, long expected) =>
        $"Event log {key} was appended to by another writer: this activation expected version {expected}. " +
        "The events were not applied; the next call reloads the log.";
}
