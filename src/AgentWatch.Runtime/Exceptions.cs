namespace AgentWatch.Runtime;

/// <summary>Base of the runtime's own exceptions.</summary>
public class GrainRuntimeException : Exception
{
    public GrainRuntimeException(string message) : base(message) { }
    public GrainRuntimeException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>A grain call did not complete within the call timeout.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException(GrainId grain, string method, TimeSpan timeout, string? detail)
        : this(grain, method, timeout, $"Call to {grain} {method} timed out after {Format(timeout)}{(detail is null ? "" : $" ({detail})")}.", 0)
    {
    }

    private GrainCallTimeoutException(GrainId grain, string method, TimeSpan timeout, string message, int _) : base(message)
    {
        Grain = grain;
        Method = method;
        Timeout = timeout;
    }

    internal static GrainCallTimeoutException FromMessage(GrainId grain, string method, TimeSpan timeout, string message) =>
        new(grain, method, timeout, message, 0);

    public GrainId Grain { get; }
    public string Method { get; }
    public TimeSpan Timeout { get; }

    internal static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###} s" : $"{t.TotalMilliseconds:0} ms";
}

/// <summary>
/// A grain called back into a grain that is waiting for it (A → B → A). Turns are not reentrant, so
/// the call could only end in a timeout; the runtime fails it at once instead.
/// </summary>
public sealed class GrainCallCycleException(IReadOnlyList<GrainId> cycle, string method)
    : GrainRuntimeException(
        $"Call cycle: {string.Join(" → ", cycle)} ({method}). The first grain is still in the turn that started " +
        "this chain and grain turns are not reentrant, so this call would wait forever. Mark the method [ReadOnly] " +
        "or [AlwaysInterleave] if it only reads, or restructure the calls.")
{
    public IReadOnlyList<GrainId> Cycle { get; } = cycle;
    public string Method { get; } = method;
}

/// <summary>
/// Stored state changed since this activation read it: another writer got there first. The write was not
/// applied. The activation is deactivated so that the next call reads the current state.
/// </summary>
public sealed class InconsistentStateException(string message) : GrainRuntimeException(message);

/// <summary>
/// An exception raised inside a grain whose type could not be recreated on the caller's side
/// (only when calls are serialized). It carries the original type name and message.
/// </summary>
public sealed class RemoteGrainException(string originalType, string message, string? remoteStackTrace)
    : GrainRuntimeException($"{originalType}: {message}")
{
    public string OriginalType { get; } = originalType;
    public string? RemoteStackTrace { get; } = remoteStackTrace;
}
