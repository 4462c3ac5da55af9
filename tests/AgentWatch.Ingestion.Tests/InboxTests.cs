using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Testing;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// The inbox a silo watches: files dropped in it are ingested through the same path as the CLI and moved to done/ or
/// failed/, with a report beside each file that had problems.
/// </summary>
public sealed class InboxTests
{
    private static Task<EmbeddedSilo> StartWithInboxAsync() => EmbeddedSilo.StartAsync(root => new Dictionary<string, string?>
    {
        ["Ingestion:Inbox:Enabled"] = "true",
        ["Ingestion:Inbox:Path"] = Path.Combine(root, "work", "inbox"),
        ["Ingestion:Inbox:PollInterval"] = "00:00:00.2",
        ["Ingestion:Inbox:SettleTime"] = "00:00:00.3",
    }, serve: true);

    [Fact]
    public async Task Dropped_files_are_ingested_and_moved_to_done_or_failed_with_a_report()
    {
        // The inbox's metrics, as an OpenTelemetry exporter reads them: files by outcome, and the lag of each.
        var files = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var lags = new System.Collections.Concurrent.ConcurrentBag<double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == "AgentWatch.Ingestion") l.EnableMeasurementEvents(i); },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var (source, outcome) = ("", "");
            foreach (var t in tags) { if (t.Key == "source") source = (string)t.Value!; if (t.Key == "outcome") outcome = (string)t.Value!; }
            if (source == "inbox") files.AddOrUpdate(outcome, value, (_, v) => v + value);
        });
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var t in tags) if (t.Key == "source" && (string)t.Value! == "inbox") lags.Add(value);
        });
        listener.Start();
        await using var silo = await StartWithInboxAsync();
        var inbox = Path.Combine(silo.WorkDirectory, "inbox");
        await Eventually.WaitForAsync(() => Directory.Exists(Path.Combine(inbox, "done")), "the inbox to be watched");

        // Written under a temporary name and renamed, the way a careful copy does; the .part file is never read.
        File.Copy(Corpus.File("formats/puts-and-calls.txt"), Path.Combine(inbox, "puts-and-calls.txt.part"));
        File.Move(Path.Combine(inbox, "puts-and-calls.txt.part"), Path.Combine(inbox, "puts-and-calls.txt"));
        File.Copy(Corpus.File("formats/ORCL_bad-rows.csv"), Path.Combine(inbox, "ORCL_bad-rows.csv"));
        File.WriteAllText(Path.Combine(inbox, "notes.xyz"), "not data");

        var done = Path.Combine(inbox, "done");
        var failed = Path.Combine(inbox, "failed");
        await Eventually.WaitForAsync(() => File.Exists(Path.Combine(done, "puts-and-calls.txt")) && File.Exists(Path.Combine(failed, "ORCL_bad-rows.csv.report.txt"))
            && File.Exists(Path.Combine(failed, "notes.xyz.report.txt")), "the three files to be processed");

        Assert.Empty(Directory.EnumerateFiles(inbox));
        Assert.False(File.Exists(Path.Combine(done, "puts-and-calls.txt.report.txt")));
        Assert.NotNull(await silo.Api.GetSignalAsync("13f-0009999999-25-000001-67066g104-put"));

        var report = File.ReadAllText(Path.Combine(failed, "ORCL_bad-rows.csv.report.txt"));
        Assert.Contains("ORCL_bad-rows.csv:4: close 'oops' is not a positive number", report);
        Assert.Contains("ORCL_bad-rows.csv:6: '2025-13-45' is not a date", report);
        Assert.True(File.Exists(Path.Combine(failed, "ORCL_bad-rows.csv")));
        // The good rows of the failed file are stored all the same.
        Assert.Equal(3, (await silo.Api.GetSignalsAsync(new SignalQuery(Company: "ORCL", Kind: SignalKind.PriceMove))).Count);

        Assert.Contains("not a format AgentWatch reads", File.ReadAllText(Path.Combine(failed, "notes.xyz.report.txt")));

        // The metrics are recorded once the look at the inbox has moved every file, a moment after the last move.
        await Eventually.WaitForAsync(() => files.Values.Sum() >= 3, "the inbox's metrics for the three files");
        Assert.Equal((1L, 2L), (files.GetValueOrDefault("ok"), files.GetValueOrDefault("failed")));
        Assert.Equal(3, lags.Count);
        Assert.All(lags, l => Assert.InRange(l, 0, 60));
    }

    [Fact]
    public async Task The_same_file_dropped_twice_adds_nothing_and_both_copies_are_kept()
    {
        await using var silo = await StartWithInboxAsync();
        var inbox = Path.Combine(silo.WorkDirectory, "inbox");
        await Eventually.WaitForAsync(() => Directory.Exists(Path.Combine(inbox, "done")), "the inbox to be watched");
        var done = Path.Combine(inbox, "done");

        File.Copy(Corpus.File("formats/totals-mismatch.txt"), Path.Combine(inbox, "q3.txt"));
        await Eventually.WaitForAsync(() => File.Exists(Path.Combine(done, "q3.txt")), "the first copy");
        File.Copy(Corpus.File("formats/totals-mismatch.txt"), Path.Combine(inbox, "q3.txt"));
        await Eventually.WaitForAsync(() => File.Exists(Path.Combine(done, "q3-1.txt.report.txt")), "the second copy");

        // A warning (the totals disagree) is no failure, but it is written down.
        Assert.Contains("13F totals disagree", File.ReadAllText(Path.Combine(done, "q3.txt.report.txt")));
        Assert.Contains("0 new, 3 duplicates", File.ReadAllText(Path.Combine(done, "q3-1.txt.report.txt")));
    }

    [Fact]
    public async Task A_cli_commands_silo_leaves_the_inbox_alone()
    {
        // Not serving: the silo an agentwatch command runs in for a moment, which must not move files about.
        await using var silo = await EmbeddedSilo.StartAsync(root => new Dictionary<string, string?>
        {
            ["Ingestion:Inbox:Enabled"] = "true",
            ["Ingestion:Inbox:Path"] = Path.Combine(root, "work", "inbox"),
            ["Ingestion:Inbox:PollInterval"] = "00:00:00.1",
            ["Ingestion:Inbox:SettleTime"] = "00:00:00",
        });
        var inbox = Path.Combine(silo.WorkDirectory, "inbox");
        Directory.CreateDirectory(inbox);
        File.Copy(Corpus.File("formats/totals-mismatch.txt"), Path.Combine(inbox, "q3.txt"));
        await Task.Delay(1500);
        Assert.True(File.Exists(Path.Combine(inbox, "q3.txt")));
        Assert.False(Directory.Exists(Path.Combine(inbox, "done")));
    }
}
