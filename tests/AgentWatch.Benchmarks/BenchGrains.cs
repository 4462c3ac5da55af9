using AgentWatch.Runtime;

namespace AgentWatch.Benchmarks;

public interface IPingGrain : IGrainWithStringKey
{
    Task<int> PingAsync(int value);
}

/// <summary>A grain that does nothing but answer: measures the runtime, not the grain.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;
    public Task<int> PingAsync(int value) => Task.FromResult(value + ++_calls * 0);
}
