using System.Diagnostics;

namespace AgentWatch.Benchmarks;

[Alias("bench.ping-grain")]
public interface IPingGrain : IGrainWithStringKey
{
    [Alias("ping")]
    Task<int> PingAsync(int value);
}

/// <summary>A grain that does nothing but answer: measures the runtime, not the grain.</summary>
[GrainType("bench-ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;
    public Task<int> PingAsync(int value) => Task.FromResult(value + ++_calls * 0);
}

/// <summary>
/// Calls ping grains from inside a grain, as AgentWatch's own grains call each other (the API grain calling a company),
/// rather than from outside any grain (Orleans' hosted client, which every call from host code goes through).
/// </summary>
[Alias("bench.caller-grain")]
public interface ICallerGrain : IGrainWithIntegerKey
{
    /// <summary>Keeps <paramref name="window"/> calls in flight to ping grains "{prefix}0".."{prefix}{grains-1}" until the stop timestamp; returns the calls made.</summary>
    [Alias("pipelined")]
    Task<long> CallUntilAsync(string prefix, int grains, int offset, int window, long stopTimestamp);

    /// <summary>One call at a time to one ping grain; each round trip's time in microseconds.</summary>
    [Alias("sequential")]
    Task<double[]> SequentialAsync(string key, int warmup, int count);
}

[GrainType("bench-caller")]
public sealed class CallerGrain : Grain, ICallerGrain
{
    public async Task<long> CallUntilAsync(string prefix, int grains, int offset, int window, long stopTimestamp)
    {
        var refs = new IPingGrain[grains];
        for (var g = 0; g < grains; g++) refs[g] = GrainFactory.GetGrain<IPingGrain>($"{prefix}{g}");
        var calls = new Task<int>[window];
        var n = 0L;
        var i = offset;
        while (Stopwatch.GetTimestamp() < stopTimestamp)
        {
            for (var w = 0; w < window; w++) calls[w] = refs[(i++ & int.MaxValue) % grains].PingAsync(w);
            for (var w = 0; w < window; w++) await calls[w];
            n += window;
        }
        return n;
    }

    public async Task<double[]> SequentialAsync(string key, int warmup, int count)
    {
        var target = GrainFactory.GetGrain<IPingGrain>(key);
        for (var i = 0; i < warmup; i++) await target.PingAsync(i);
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await target.PingAsync(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        return samples;
    }
}
