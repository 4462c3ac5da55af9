using System.Globalization;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Grains;

/// <summary>Where and when the daily brief is written (configuration section <c>Brief</c>).</summary>
public sealed class BriefOptions
{
    public const string SectionName = "Brief";

    /// <summary>Write a daily brief on a durable reminder.</summary>
    public bool Daily { get; set; } = true;

    /// <summary>Time of day (UTC) the daily brief is written.</summary>
    public TimeOnly DailyAtUtc { get; set; } = new(6, 0);

    /// <summary>Folder the briefs are written to; the silo sets it to the data directory's <c>briefs</c> folder.</summary>
    public string OutputDirectory { get; set; } = "briefs";
}

public sealed class BriefState
{
    public BriefRecord? Latest { get; set; }
}

/// <summary>Writes the daily brief to the data directory when its reminder fires.</summary>
public sealed class BriefGrain(
    [PersistentState("brief")] IPersistentState<BriefState> state,
    IBriefWriter writer,
    IOptions<BriefOptions> options,
    TimeProvider time,
    ILogger<BriefGrain> logger) : Grain, IBriefGrain, IRemindable
{
    public const string ReminderName = "daily-brief";

    public async Task EnsureScheduledAsync()
    {
        var existing = await GetRemindersAsync();
        if (existing.Any(r => r.Name == ReminderName)) return;
        var now = time.GetUtcNow();
        var next = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), options.Value.DailyAtUtc, TimeSpan.Zero);
        if (next <= now) next = next.AddDays(1);
        await RegisterOrUpdateReminderAsync(ReminderName, next - now, TimeSpan.FromDays(1));
    }

    public Task<BriefRecord?> GetLatestAsync() => Task.FromResult(state.State.Latest);

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName) return;
        var brief = await writer.WriteAsync(BriefPeriod.Day, null, CancellationToken.None);
        Directory.CreateDirectory(options.Value.OutputDirectory);
        var path = Path.Combine(options.Value.OutputDirectory, $"brief-{brief.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.md");
        // Write to a temporary file and rename, so a crash never leaves half a brief behind.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, brief.Markdown);
        File.Move(temporary, path, overwrite: true);
        state.State.Latest = new BriefRecord(brief.Date, "day", path, time.GetUtcNow());
        await state.WriteStateAsync();
        logger.LogInformation("Daily brief written to {Path}", path);
    }
}
