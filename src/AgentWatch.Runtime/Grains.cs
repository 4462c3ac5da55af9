namespace AgentWatch.Runtime;

/// <summary>Marker for every grain interface.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key, as in Orleans' <c>IGrainWithStringKey</c>.</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>
/// Marks a grain interface method that does not change the grain's state. Read-only calls may run
/// at the same time as other read-only calls on the same activation, never beside a writing call.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>
/// Marks a grain interface method that may run while any other call is in progress on the same
/// activation. Use it for methods that touch no mutable state (health probes, cheap getters).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>
/// Names a grain class's type in storage and diagnostics. Without it the name is the class name
/// without its "Grain" suffix, in kebab case (<c>CompanyGrain</c> → <c>company</c>). Keep it stable:
/// stored state is found by it.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Places a new activation of the grain on the silo that calls it first, as Orleans' attribute of the same name does,
/// instead of spreading grains over the cluster by hash. For grains used once, near their caller (a signal's claim):
/// the call stays in the silo. Single activation still holds: the directory decides when two silos race.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PreferLocalPlacementAttribute : Attribute;

/// <summary>Identity of one grain: its type name and key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}

/// <summary>Creates references to grains. A reference is cheap; the grain activates on its first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}

/// <summary>A grain that receives durable reminders.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminderAsync(string reminderName, TickStatus status);
}

/// <summary>When a reminder tick was due and when it was delivered.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>No call arrived for longer than the collection age.</summary>
    Idle,
    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    Requested,
    /// <summary>Its stored state changed under it (an ETag conflict); the next call reloads it.</summary>
    StateConflict,
    /// <summary>The runtime is shutting down.</summary>
    Shutdown,
}
