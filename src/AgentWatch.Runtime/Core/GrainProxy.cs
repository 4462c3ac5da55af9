using System.Reflection;

namespace AgentWatch.Runtime.Core;

/// <summary>What a grain reference points at; caches the activation it last reached.</summary>
internal sealed class GrainReference(GrainId id, GrainInterface grainInterface)
{
    public GrainId Id { get; } = id;
    public GrainInterface Interface { get; } = grainInterface;

    /// <summary>The activation the last call went to. Stale after deactivation; the runtime then looks it up again.</summary>
    public Activation? Activation;
}

/// <summary>
/// The object <see cref="IGrainFactory.GetGrain{T}"/> returns: every interface call becomes a queued call on the grain's
/// single activation.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainRuntime _runtime = null!;
    private GrainReference _reference = null!;

    internal void Initialize(GrainRuntime runtime, GrainReference reference)
    {
        _runtime = runtime;
        _reference = reference;
    }

    /// <summary>The grain this proxy addresses.</summary>
    public GrainId GrainId => _reference.Id;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _reference.Interface.GetMethod(targetMethod!).Call(_runtime, _reference, args ?? []);

    public override string ToString() => $"GrainReference({_reference.Id})";
}
