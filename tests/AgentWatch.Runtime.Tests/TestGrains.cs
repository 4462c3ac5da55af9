using System.Collections.Concurrent;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;

namespace AgentWatch.Runtime.Tests;

/// <summary>Records lifecycle events and concurrency, shared by test grains through DI.</summary>
public sealed class LifecycleLog
{
    public ConcurrentQueue<string> Events { get; } = new();
    public int Activations(string key) => Events.Count(e => e == $"activate:{key}");
    public int Deactivations(string key) => Events.Count(e => e.StartsWith($"deactivate:{key}:", StringComparison.Ordinal));
}

public sealed class CounterState
{
    public int Count { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
    Task<int> IncrementWithoutWritingAsync();
    [ReadOnly] Task<int> GetAsync();
    [ReadOnly] Task<string?> GetEtagAsync();
    Task DeactivateAsync();
}

public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, LifecycleLog log) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Events.Enqueue($"activate:{GrainKey}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Events.Enqueue($"deactivate:{GrainKey}:{reason}");
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        // Read, yield, write: without one-turn-at-a-time execution, concurrent increments would be lost.
        var current = state.State.Count;
        await Task.Yield();
        state.State.Count = current + 1;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> IncrementWithoutWritingAsync() => Task.FromResult(++state.State.Count);
    public Task<int> GetAsync() => Task.FromResult(state.State.Count);
    public Task<string?> GetEtagAsync() => Task.FromResult(state.Etag);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface ISequenceGrain : IGrainWithStringKey
{
    Task AppendAsync(int value, int delayMs);
    [ReadOnly] Task<IReadOnlyList<int>> GetAsync();
    [ReadOnly] Task<int> MaxConcurrencyAsync();
}

public sealed class SequenceGrain : Grain, ISequenceGrain
{
    private readonly List<int> _values = [];
    private int _inside;
    private int _max;

    public async Task AppendAsync(int value, int delayMs)
    {
        _max = Math.Max(_max, Interlocked.Increment(ref _inside));
        if (delayMs > 0) await Task.Delay(delayMs);
        _values.Add(value);
        Interlocked.Decrement(ref _inside);
    }

    public Task<IReadOnlyList<int>> GetAsync() => Task.FromResult<IReadOnlyList<int>>(_values.ToList());
    public Task<int> MaxConcurrencyAsync() => Task.FromResult(_max);
}

public interface IReaderWriterGrain : IGrainWithStringKey
{
    [ReadOnly] Task<int> ReadAsync(int delayMs);
    Task WriteAsync(int delayMs);
    [AlwaysInterleave] Task<int> PeekRunningAsync();
    [ReadOnly] Task<(int MaxReaders, bool ReaderSawWriter, bool WriterSawReader)> StatsAsync();
}

public sealed class ReaderWriterGrain : Grain, IReaderWriterGrain
{
    private int _readers;
    private int _writers;
    private int _maxReaders;
    private bool _readerSawWriter;
    private bool _writerSawReader;

    public async Task<int> ReadAsync(int delayMs)
    {
        var now = Interlocked.Increment(ref _readers);
        InterlockedMax(ref _maxReaders, now);
        if (Volatile.Read(ref _writers) > 0) _readerSawWriter = true;
        await Task.Delay(delayMs);
        if (Volatile.Read(ref _writers) > 0) _readerSawWriter = true;
        Interlocked.Decrement(ref _readers);
        return now;
    }

    public async Task WriteAsync(int delayMs)
    {
        Interlocked.Increment(ref _writers);
        if (Volatile.Read(ref _readers) > 0) _writerSawReader = true;
        await Task.Delay(delayMs);
        if (Volatile.Read(ref _readers) > 0) _writerSawReader = true;
        Interlocked.Decrement(ref _writers);
    }

    public Task<int> PeekRunningAsync() => Task.FromResult(Volatile.Read(ref _readers) + Volatile.Read(ref _writers));

    public Task<(int MaxReaders, bool ReaderSawWriter, bool WriterSawReader)> StatsAsync() =>
        Task.FromResult((_maxReaders, _readerSawWriter, _writerSawReader));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}

public sealed class GrainFailedException(string message) : Exception(message);

public interface IBehaviourGrain : IGrainWithStringKey
{
    Task SleepAsync(int milliseconds);
    Task ThrowAsync(string message);
    Task<string> CallAsync(string otherKey, int depth);
    [ReadOnly] Task<string> ReadThroughAsync(string otherKey, int depth);
    Task<Unserializable> GetUnserializableAsync();
}

/// <summary>A result type that cannot cross a serialization boundary (a delegate property).</summary>
public sealed record Unserializable(Func<int> Compute);

public sealed class BehaviourGrain : Grain, IBehaviourGrain
{
    public Task SleepAsync(int milliseconds) => Task.Delay(milliseconds);

    public Task ThrowAsync(string message) => throw new GrainFailedException(message);

    public async Task<string> CallAsync(string otherKey, int depth) =>
        depth == 0 ? GrainKey : $"{GrainKey}>" + await GrainFactory.GetGrain<IBehaviourGrain>(otherKey).CallAsync(GrainKey, depth - 1);

    public async Task<string> ReadThroughAsync(string otherKey, int depth) =>
        depth == 0 ? GrainKey : $"{GrainKey}>" + await GrainFactory.GetGrain<IBehaviourGrain>(otherKey).ReadThroughAsync(GrainKey, depth - 1);

    public Task<Unserializable> GetUnserializableAsync() => Task.FromResult(new Unserializable(() => 1));
}

public sealed class NoteLog : IJournalState<string>
{
    public List<string> Notes { get; } = [];
    public void Apply(string @event) => Notes.Add(@event);
}

public interface IJournalGrain : IGrainWithStringKey
{
    Task AddAsync(params string[] notes);
    Task AddWithoutConfirmAsync(string note);
    [ReadOnly] Task<(long Version, IReadOnlyList<string> Notes)> GetAsync();
}

public sealed class JournalGrain([JournaledState("notes")] IJournaledState<NoteLog, string> journal) : Grain, IJournalGrain
{
    public async Task AddAsync(params string[] notes)
    {
        foreach (var n in notes) journal.RaiseEvent(n);
        await journal.ConfirmEventsAsync();
    }

    public Task AddWithoutConfirmAsync(string note)
    {
        journal.RaiseEvent(note);
        return Task.CompletedTask;
    }

    public Task<(long Version, IReadOnlyList<string> Notes)> GetAsync() =>
        Task.FromResult<(long, IReadOnlyList<string>)>((journal.Version, journal.State.Notes.ToList()));
}

public interface IReminderTestGrain : IGrainWithStringKey
{
    Task StartAsync(int dueMs, int periodMs);
    Task StopAsync();
    [ReadOnly] Task<int> TicksAsync();
}

public sealed class ReminderTestGrain([PersistentState("ticks")] IPersistentState<CounterState> ticks, LifecycleLog log)
    : Grain, IReminderTestGrain, IRemindable
{
    public Task StartAsync(int dueMs, int periodMs) =>
        RegisterOrUpdateReminderAsync("tick", TimeSpan.FromMilliseconds(dueMs), TimeSpan.FromMilliseconds(periodMs));

    public Task StopAsync() => UnregisterReminderAsync("tick");

    public Task<int> TicksAsync() => Task.FromResult(ticks.State.Count);

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        ticks.State.Count++;
        await ticks.WriteStateAsync();
        log.Events.Enqueue($"reminder:{GrainKey}:{reminderName}");
    }
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMs, int callbackMs);
    [ReadOnly] Task<(int Ticks, int MaxOverlap)> GetAsync();
}

public sealed class TimerGrain : Grain, ITimerGrain
{
    private int _ticks;
    private int _inside;
    private int _maxOverlap;

    public Task StartAsync(int periodMs, int callbackMs)
    {
        RegisterTimer(async _ =>
        {
            _maxOverlap = Math.Max(_maxOverlap, Interlocked.Increment(ref _inside));
            await Task.Delay(callbackMs);
            _ticks++;
            Interlocked.Decrement(ref _inside);
        }, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
        return Task.CompletedTask;
    }

    public Task<(int Ticks, int MaxOverlap)> GetAsync() => Task.FromResult((_ticks, _maxOverlap));
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<int> PingAsync();
}

public sealed class FailingActivationGrain : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        GrainKey.StartsWith("bad", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"cannot activate {GrainKey}")
            : Task.CompletedTask;

    public Task<int> PingAsync() => Task.FromResult(1);
}
