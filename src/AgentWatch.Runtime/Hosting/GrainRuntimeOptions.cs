namespace AgentWatch.Runtime.Hosting;

/// <summary>Settings of the grain runtime (configuration section <c>Runtime</c>). Defaults follow Orleans'.</summary>
public sealed class GrainRuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>How long a caller waits for a grain call before it fails with a timeout naming grain and method.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation with no incoming call or reminder for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Serialize every call's arguments, results and exceptions even in-process, as a call between silos would.
    /// Tests turn it on so that a type that would not cross silos fails at once.
    /// </summary>
    public bool SerializeCalls { get; set; }

    /// <summary>How often due reminders are checked for.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (CallTimeout <= TimeSpan.Zero) throw new ArgumentException("Runtime:CallTimeout must be positive.");
        if (CollectionAge <= TimeSpan.Zero) throw new ArgumentException("Runtime:CollectionAge must be positive.");
        if (CollectionScanInterval <= TimeSpan.Zero) throw new ArgumentException("Runtime:CollectionScanInterval must be positive.");
        if (ReminderPollInterval <= TimeSpan.Zero) throw new ArgumentException("Runtime:ReminderPollInterval must be positive.");
    }
}
