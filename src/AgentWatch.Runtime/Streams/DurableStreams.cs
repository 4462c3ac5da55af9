using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AgentWatch.Runtime.Serialization;
using Microsoft.Extensions.Options;

namespace AgentWatch.Runtime.Streams;

/// <summary>One event of a durable stream, with the sequence number a subscriber resumes after.</summary>
public sealed record StreamEvent<T>(long Sequence, string EventId, DateTimeOffset Timestamp, T Payload);

/// <summary>The sequence an append got, and whether it was new or the event id was already there.</summary>
public readonly record struct StreamAppendResult(long Sequence, bool IsNew);

/// <summary>A stored stream event before its payload is read.</summary>
public sealed record StoredStreamEvent(long Sequence, string EventId, DateTimeOffset Timestamp, byte[] Payload);

/// <summary>
/// Storage of durable streams: per stream an append-only log with gap-free sequence numbers starting at 1, unique by
/// event id. A sequence is visible to readers only once every lower sequence is, so a reader that resumes after N
/// never skips an event. A returned append is durable.
/// </summary>
public interface IStreamStorage
{
    Task<StreamAppendResult> AppendAsync(string stream, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken);
    Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken);
    Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken);
}

/// <summary>A durable, ordered, resumable stream of events of one type.</summary>
public interface IDurableStream<T>
{
    string Name { get; }

    /// <summary>Appends an event once: appending an event id that is already in the stream returns its sequence and adds nothing.</summary>
    Task<StreamAppendResult> AppendAsync(string eventId, T payload, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StreamEvent<T>>> ReadAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default);

    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every event after <paramref name="afterSequence"/>: the stored ones first, then new ones as they are appended, in
    /// sequence order, each exactly once, until cancelled.
    /// </summary>
    IAsyncEnumerable<StreamEvent<T>> SubscribeAsync(long afterSequence, CancellationToken cancellationToken = default);
}

public interface IStreamProvider
{
    IDurableStream<T> GetStream<T>(string name);
}

/// <summary>Settings of durable streams (configuration section <c>Streams</c>).</summary>
public sealed class StreamOptions
{
    public const string SectionName = "Streams";

    /// <summary>
    /// How often a live subscriber looks for events it was not told about (appended by another process sharing the
    /// store). Appends in this process wake subscribers at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events read per storage round trip while catching up.</summary>
    public int ReadBatchSize { get; set; } = 256;
}

/// <summary>Wakes live subscribers when their stream grows. Grab <see cref="Changed"/> before reading, then await it.</summary>
public sealed class StreamNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    public Task Changed(string stream) => Signal(stream).Task;

    public void Notify(string stream)
    {
        // Nobody holds a signal that is not in the map, so when there is none there is nobody to wake.
        while (_signals.TryGetValue(stream, out var current))
        {
            if (_signals.TryUpdate(stream, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current))
            {
                current.TrySetResult();
                return;
            }
        }
    }

    private TaskCompletionSource Signal(string stream) =>
        _signals.GetOrAdd(stream, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

internal sealed class DurableStream<T>(string name, IStreamStorage storage, GrainSerializer serializer, StreamNotifier notifier, StreamOptions options, TimeProvider time)
    : IDurableStream<T>
{
    public string Name => name;

    public async Task<StreamAppendResult> AppendAsync(string eventId, T payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var result = await storage.AppendAsync(name, eventId, time.GetUtcNow(), serializer.Serialize(payload), cancellationToken).ConfigureAwait(false);
        if (result.IsNew) notifier.Notify(name);
        return result;
    }

    public async Task<IReadOnlyList<StreamEvent<T>>> ReadAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        var rows = await storage.ReadAsync(name, afterSequence, maxCount, cancellationToken).ConfigureAwait(false);
        return rows.Select(Decode).ToList();
    }

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => storage.GetLastSequenceAsync(name, cancellationToken);

    public async IAsyncEnumerable<StreamEvent<T>> SubscribeAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var changed = notifier.Changed(name);
            var rows = await storage.ReadAsync(name, last, options.ReadBatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                last = row.Sequence;
                yield return Decode(row);
            }
            if (rows.Count == options.ReadBatchSize) continue;
            try
            {
                await changed.WaitAsync(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private StreamEvent<T> Decode(StoredStreamEvent row)
    {
        T payload;
        try
        {
            payload = serializer.Deserialize<T>(row.Payload);
        }
        catch (Exception ex)
        {
            throw new GrainRuntimeException($"Event {row.Sequence} ('{row.EventId}') of stream '{name}' could not be read as {typeof(T).Name}: {ex.Message}", ex);
        }
        return new StreamEvent<T>(row.Sequence, row.EventId, row.Timestamp, payload);
    }
}

internal sealed class StreamProvider(IStreamStorage storage, GrainSerializer serializer, StreamNotifier notifier, IOptions<StreamOptions> options, TimeProvider time)
    : IStreamProvider
{
    public IDurableStream<T> GetStream<T>(string name) => new DurableStream<T>(name, storage, serializer, notifier, options.Value, time);
}

/// <summary>Streams kept in memory: for tests.</summary>
public sealed class InMemoryStreamStorage : IStreamStorage
{
    private readonly ConcurrentDictionary<string, List<StoredStreamEvent>> _streams = new(StringComparer.Ordinal);

    public Task<StreamAppendResult> AppendAsync(string stream, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken)
    {
        var log = _streams.GetOrAdd(stream, _ => []);
        lock (log)
        {
            var existing = log.Find(e => e.EventId == eventId);
            if (existing is not null) return Task.FromResult(new StreamAppendResult(existing.Sequence, false));
            var seq = log.Count + 1L;
            log.Add(new StoredStreamEvent(seq, eventId, timestamp, payload));
            return Task.FromResult(new StreamAppendResult(seq, true));
        }
    }

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(stream, out var log)) return Task.FromResult<IReadOnlyList<StoredStreamEvent>>([]);
        lock (log) return Task.FromResult<IReadOnlyList<StoredStreamEvent>>(log.Skip((int)Math.Max(0, afterSequence)).Take(maxCount).ToList());
    }

    public Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(stream, out var log)) return Task.FromResult(0L);
        lock (log) return Task.FromResult((long)log.Count);
    }
}
