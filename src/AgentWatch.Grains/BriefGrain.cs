using System.Globalization;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
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

[GenerateSerializer, Alias("agentwatch.brief-state")]
public sealed class BriefState
{
    [Id(0)] public BriefRecord? Latest { get; set; }

    /// <summary>When the daily reminder was first registered: ticks due before it are not missed ones.</summary>
    [Id(1)] public DateTimeOffset? ScheduledAt { get; set; }
}

/// <summary>
/// Writes the daily brief to the data directory when its reminder fires. Orleans drops a tick that fell while no silo
/// ran, so each start also writes the brief a missed tick owed (once, however many were missed).
/// </summary>
[GrainType("brief")]
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
        var now = time.GetUtcNow();
        if (await this.GetReminder(ReminderName) is null)
        {
            var next = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), options.Value.DailyAtUtc, TimeSpan.Zero);
            if (next <= now) next = next.AddDays(1);
            await this.RegisterOrUpdateReminder(ReminderName, next - now, TimeSpan.FromDays(1));
        }
        if (state.State.ScheduledAt is null)
        {
            state.State.ScheduledAt = now;
            await state.WriteStateAsync();
            return;
        }
        // The latest tick that was due by now; if it fell after scheduling and no brief was written since, it was missed.
        var due = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), options.Value.DailyAtUtc, TimeSpan.Zero);
        if (due > now) due = due.AddDays(-1);
        if (due > state.State.ScheduledAt && (state.State.Latest is null || state.State.Latest.WrittenAt < due))
        {
            logger.LogInformation("The daily brief due at {Due:u} was not written (no silo was running); writing it now", due);
            await WriteAsync();
        }
    }

    public Task<BriefRecord?> GetLatestAsync() => Task.FromResult(state.State.Latest);

    public Task ReceiveReminder(string reminderName, TickStatus status) => reminderName == ReminderName ? WriteAsync() : Task.CompletedTask;

    private async Task WriteAsync()
    {
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
