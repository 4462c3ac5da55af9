namespace AgentWatch.Ingestion.Inbox;

/// <summary>The inbox folder a silo watches (configuration section <c>Ingestion:Inbox</c>).</summary>
public sealed class InboxOptions
{
    public const string SectionName = "Ingestion:Inbox";

    /// <summary>Off by default: two silos of a cluster watching one folder would race to move the same files.</summary>
    public bool Enabled { get; set; }

    /// <summary>The folder; relative paths are under the silo's data directory. Processed files go to <c>done/</c> or <c>failed/</c> inside it.</summary>
    public string Path { get; set; } = "inbox";

    /// <summary>How often the folder is looked at.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A file is read once its size and time have not changed for this long, so a file still being copied in is left alone.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<string> Validate()
    {
        if (Enabled && string.IsNullOrWhiteSpace(Path)) yield return "Ingestion:Inbox:Path is empty";
        if (PollInterval <= TimeSpan.Zero) yield return "Ingestion:Inbox:PollInterval must be positive";
        if (SettleTime < TimeSpan.Zero) yield return "Ingestion:Inbox:SettleTime cannot be negative";
    }
}
