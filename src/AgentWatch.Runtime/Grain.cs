namespace AgentWatch.Runtime;

/// <summary>
/// What a grain knows about its own activation: who it is and the runtime services it may use.
/// </summary>
public interface IGrainContext
{
    GrainId GrainId { get; }
    IGrainFactory GrainFactory { get; }
    IServiceProvider Services { get; }

    /// <summary>Registers a timer whose ticks run as turns of this activation, never overlapping each other.</summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);

    Task RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period);
    Task<IReadOnlyList<Reminders.ReminderEntry>> GetRemindersAsync();
    Task UnregisterReminderAsync(string name);

    /// <summary>Deactivates this activation once the current turn ends.</summary>
    void DeactivateOnIdle();
}

/// <summary>
/// Base class of grain implementations, shaped like Orleans' <c>Grain</c>: a grain class implements one or more
/// grain interfaces, takes its dependencies and persistent state through its constructor, and overrides the
/// lifecycle methods it needs.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>This activation's context. Available from <see cref="OnActivateAsync"/> on, not in the constructor.</summary>
    protected IGrainContext Context =>
        _context ?? throw new InvalidOperationException("The grain context is set after construction; use it from OnActivateAsync on.");

    protected GrainId GrainId => Context.GrainId;

    /// <summary>The key this grain was addressed by (Orleans: <c>this.GetPrimaryKeyString()</c>).</summary>
    protected string GrainKey => Context.GrainId.Key;

    protected IGrainFactory GrainFactory => Context.GrainFactory;

    internal void Attach(IGrainContext context) => _context = context;

    /// <summary>Runs once per activation, after persistent state is loaded and before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is collected or shut down. Do not rely on it after a crash.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    protected Task RegisterOrUpdateReminderAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterOrUpdateReminderAsync(name, dueTime, period);

    protected Task UnregisterReminderAsync(string name) => Context.UnregisterReminderAsync(name);

    /// <summary>This grain's registered reminders.</summary>
    protected Task<IReadOnlyList<Reminders.ReminderEntry>> GetRemindersAsync() => Context.GetRemindersAsync();

    protected void DeactivateOnIdle() => Context.DeactivateOnIdle();
}
