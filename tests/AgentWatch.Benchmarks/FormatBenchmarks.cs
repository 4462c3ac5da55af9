using System.Diagnostics;
using System.Globalization;
using System.Text;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Grains.Timeline;
using AgentWatch.Ingestion;
using AgentWatch.Ingestion.Formats;
using AgentWatch.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Benchmarks;

/// <summary>
/// Reading the real formats: records per second per format (parsing only, the fixture files read again and again),
/// the fixture folder through the whole path into an embedded silo, and a 250,000-row 13F table (the form's maximum)
/// in time and memory.
/// </summary>
internal static class FormatBenchmarks
{
    public static async Task RunAsync(bool quick)
    {
        var root = RepositoryRoot();
        var fixtures = Path.Combine(root, "tests", "fixtures");
        var context = IngestionSetup.Context(AgentWatchConfiguration.Build(Path.Combine(root, "config")));
        var formats = FormatRegistry.CreateDefault();

        Console.WriteLine("## Reading the real formats (parse only)");
        Console.WriteLine();
        Console.WriteLine("Each file parsed repeatedly for about two seconds after a warm-up. Rows or items: what the reader goes through (table rows, feed entries, CSV lines, XBRL facts of the tags read, filings listed, text lines); signals: what it yields (with warnings and errors).");
        Console.WriteLine();
        Console.WriteLine("| format | file | MB | rows or items per read | signals per read | reads/s | rows or items/s | signals/s | MB/s |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var file in new[]
                 {
                     "sec-13f/sec_13f_full_submission_ACORN_CREEK_1994827_Q4-2024_0001951757-25-000093.nc.txt",
                     "sec-xbrl/sec_companyfacts_NVDA_CIK0001045810.json",
                     "sec-xbrl/sec_submissions_MSFT_CIK0000789019.json",
                     "feeds/sec_edgar_getcurrent_atom_2025-12-12.xml",
                     "feeds/reuters_business_news_rss2.0_2019-01-19.xml",
                     "prices/stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv",
                     "prices/yahoo_daily_AMZN_2000-01-03_to_2024-03-08_dieperdev.csv",
                     "text/amzn_q4-2025_earnings_press_release_2026-02-05.txt",
                 })
        {
            var path = Path.Combine(fixtures, file);
            var format = formats.Detect(path) ?? throw new InvalidOperationException($"no format reads {file}");
            var bytes = await File.ReadAllBytesAsync(path);
            async Task<int> ReadOnce()
            {
                using var stream = new MemoryStream(bytes, writable: false);
                var n = 0;
                await foreach (var _ in format.ParseAsync(path, stream, context, CancellationToken.None)) n++;
                return n;
            }
            var records = 0;
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(quick ? 0.3 : 1)) records = await ReadOnce();
            var reads = 0;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(quick ? 0.5 : 2))
            {
                await ReadOnce();
                reads++;
            }
            var perSecond = reads / sw.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {format.Name} | {Path.GetFileName(file)} | {bytes.Length / 1048576.0:0.00} | {Units(path, bytes):N0} | {records:N0} | {perSecond:N1} | {Units(path, bytes) * perSecond:N0} | {records * perSecond:N0} | {bytes.Length * perSecond / 1048576:N1} |"));
        }
        Console.WriteLine();

        await FolderIntoSiloAsync(fixtures);
        await LargestTableAsync(context, formats, quick);
    }

    /// <summary>What a reader of the format goes through: table rows, feed entries, CSV lines, XBRL facts of the tags read, filings listed, text lines.</summary>
    private static int Units(string path, byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        int Count(string s) => (text.Length - text.Replace(s, "", StringComparison.Ordinal).Length) / s.Length;
        var name = Path.GetFileName(path);
        if (name.Contains("13f", StringComparison.Ordinal)) return Count("infoTable>") / 2;
        if (name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".rss", StringComparison.Ordinal)) return Count("<item>") + Count("<entry>");
        if (name.Contains("submissions", StringComparison.Ordinal))
            return System.Text.Json.JsonDocument.Parse(bytes).RootElement.GetProperty("filings").GetProperty("recent").GetProperty("form").GetArrayLength();
        if (name.Contains("companyfacts", StringComparison.Ordinal))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(bytes);
            var gaap = doc.RootElement.GetProperty("facts").GetProperty("us-gaap");
            return new[] { "PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets", "NetCashProvidedByUsedInOperatingActivities" }
                .Where(t => gaap.TryGetProperty(t, out _)).Sum(t => gaap.GetProperty(t).GetProperty("units").GetProperty("USD").GetArrayLength());
        }
        return Count("\n") - (name.EndsWith(".csv", StringComparison.Ordinal) ? 1 : 0);
    }

    private static async Task FolderIntoSiloAsync(string fixtures)
    {
        Console.WriteLine("## The fixture folder into an embedded silo (SQLite, every commit fsynced)");
        Console.WriteLine();
        Console.WriteLine("| run | files | records | new | seconds | records/s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var data = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-{Guid.NewGuid():N}");
        try
        {
            await using var silo = await Program.StartSiloAsync(data);
            var ingestor = new FileIngestor(silo.Api, FormatRegistry.CreateDefault(), IngestionSetup.Context(AgentWatchConfiguration.Build(Path.Combine(RepositoryRoot(), "config"))));
            foreach (var run in new[] { "first (all new)", "second (all duplicates)" })
            {
                var sw = Stopwatch.StartNew();
                var report = await ingestor.IngestAsync([fixtures]);
                sw.Stop();
                Console.WriteLine($"| {run} | {report.Files} | {report.Report.Received:N0} | {report.Report.New:N0} | {sw.Elapsed.TotalSeconds:0.00} | {report.Report.Received / sw.Elapsed.TotalSeconds:N0} |");
            }
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
        Console.WriteLine();
    }

    /// <summary>
    /// A whole 13F submission whose table has 250,000 rows, each a different CUSIP: parsed alone, then ingested (each run
    /// in a new data directory). Then where the storing time goes: the filer grain's journal appends timed one by one as
    /// its timeline grows (the parsed signals handed straight to the grain in the ingestor's chunks), and the copy of
    /// the timeline that Orleans' journal makes for each batch's tentative state, alone.
    /// </summary>
    private static async Task LargestTableAsync(FormatContext context, FormatRegistry formats, bool quick)
    {
        var rows = quick ? 50_000 : 250_000;
        var runs = quick ? 1 : 3;
        var dir = Path.Combine(Path.GetTempPath(), $"agentwatch-bench-13f-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "big-13f-0009999999-25-000099.txt");
            WriteSubmission(path, rows);
            var size = new FileInfo(path).Length;
            Console.WriteLine($"## A 13F table of {rows:N0} rows ({size / 1048576.0:0} MB)");
            Console.WriteLine();
            var format = formats.Detect(path)!;
            var process = Process.GetCurrentProcess();
            var parseTimes = new List<double>();
            var memory = "";
            var parsed = new List<Signal>();
            for (var run = 0; run < runs; run++)
            {
                parsed.Clear();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                process.Refresh();
                var workingSetBefore = process.WorkingSet64;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var sw = Stopwatch.StartNew();
                long peak = 0;
                await using (var stream = File.OpenRead(path))
                {
                    await foreach (var r in format.ParseAsync(path, stream, context, CancellationToken.None))
                    {
                        if (r.Signal is not null) parsed.Add(r.Signal);
                        if ((parsed.Count & 0x3FFF) == 0)
                        {
                            process.Refresh();
                            peak = Math.Max(peak, process.WorkingSet64);
                        }
                    }
                }
                sw.Stop();
                parseTimes.Add(sw.Elapsed.TotalSeconds);
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                if (run == 0) memory = $"working set {workingSetBefore / 1048576:N0} → peak {peak / 1048576:N0} MiB (the signals kept); {allocated / 1048576:N0} MiB allocated in all";
            }
            Console.WriteLine($"{runs} run(s) per step; median (range).");
            Console.WriteLine();
            Console.WriteLine("| step | seconds | rows/s | memory |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| parse ({parsed.Count:N0} signals) | {Stats.MedianRange(parseTimes, "0.00")} | {rows / Stats.Median(parseTimes):N0} | {memory} |");

            var storeTimes = new List<double>();
            var workingSetAfter = 0L;
            for (var run = 0; run < runs; run++)
            {
                var data = Path.Combine(dir, $"data{run}");
                await using (var silo = await Program.StartSiloAsync(data))
                {
                    var ingestor = new FileIngestor(silo.Api, formats, context);
                    var sw = Stopwatch.StartNew();
                    var report = await ingestor.IngestAsync([path]);
                    sw.Stop();
                    if (report.Report.New != rows + 1) throw new InvalidOperationException($"expected {rows + 1} new signals, got {report.Report.New}");
                    storeTimes.Add(sw.Elapsed.TotalSeconds);
                    process.Refresh();
                    workingSetAfter = Math.Max(workingSetAfter, process.WorkingSet64);
                }
                Program.DeleteDirectory(data);
            }
            Console.WriteLine($"| parse and store in an embedded silo | {Stats.MedianRange(storeTimes, "0.00")} | {rows / Stats.Median(storeTimes):N0} | working set after, largest {workingSetAfter / 1048576:N0} MiB |");
            Console.WriteLine();

            await JournalAppendsAsync(dir, parsed, quick);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The parsed signals handed straight to one filer grain in chunks of <see cref="SignalIngestor.ChunkSize"/>, one call
    /// at a time, each timed: what a journal append costs as the timeline grows (no claims in the signal index, no
    /// parsing). Then the copy Orleans' journal makes of the confirmed timeline for each batch's tentative state, alone.
    /// </summary>
    private static async Task JournalAppendsAsync(string dir, List<Signal> signals, bool quick)
    {
        var chunk = SignalIngestor.ChunkSize;
        var times = new List<double>();
        var data = Path.Combine(dir, "journal");
        var total = Stopwatch.StartNew();
        await using (var silo = await Program.StartSiloAsync(data))
        {
            var filer = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IFilerGrain>("bench-13f");
            for (var i = 0; i < signals.Count; i += chunk)
            {
                var part = signals.GetRange(i, Math.Min(chunk, signals.Count - i));
                var sw = Stopwatch.StartNew();
                var result = await filer.RecordAsync(part);
                times.Add(sw.Elapsed.TotalMilliseconds);
                if (result.Outcomes.Count(o => o.Status == RecordStatus.New) != part.Count) throw new InvalidOperationException("the filer grain did not take every signal as new");
            }
        }
        total.Stop();
        Program.DeleteDirectory(data);

        // The other stages of the ingestor, alone: each signal serialized as AgentWatch's JSON (its claim's payload), and
        // the claims in the signal index (chunks of 250, 8 in flight, as the ingestor sends them), in a new silo.
        var now0 = DateTimeOffset.UtcNow;
        var json = Stopwatch.StartNew();
        var entries = signals.Select(s => new AgentWatch.Storage.IndexedSignal(s.Id, "filer/bench-13f", AgentWatch.Abstractions.AgentWatchJson.Serialize(s), now0)).ToList();
        json.Stop();
        var claimData = Path.Combine(dir, "claims");
        var claims = Stopwatch.StartNew();
        await using (var silo = await Program.StartSiloAsync(claimData))
        {
            var index = silo.Services.GetRequiredService<AgentWatch.Storage.ISignalIndex>();
            claims.Restart();
            await Parallel.ForEachAsync(entries.Chunk(250), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (claimed, ct) =>
            {
                var stored = await index.ClaimAsync(claimed, ct);
                if (stored.Any(c => !c.IsNew)) throw new InvalidOperationException("a claim was not new");
            });
            claims.Stop();
        }
        Program.DeleteDirectory(claimData);

        Console.WriteLine($"### Where storing the table goes ({signals.Count:N0} signals)");
        Console.WriteLine();
        Console.WriteLine("Each stage alone, one run:");
        Console.WriteLine();
        Console.WriteLine("| stage | seconds |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| serializing every signal as AgentWatch's JSON (the claim's payload) | {json.Elapsed.TotalSeconds:0.00} |");
        Console.WriteLine($"| claiming every id in the signal index (SQLite, chunks of 250, 8 in flight, as the ingestor does; JSON already made) | {claims.Elapsed.TotalSeconds:0.00} |");
        Console.WriteLine($"| `RecordAsync` on the filer grain, {chunk} signals per call, {times.Count:N0} calls one after another (journal appends, fsynced) | {times.Sum() / 1000:0.00} |");
        Console.WriteLine();
        Console.WriteLine($"Each `RecordAsync` call reads the rule limits from the alert desk, raises the events, takes the tentative state (a copy of the timeline), runs the rules and appends to the journal; by the timeline's size when the call starts:");
        Console.WriteLine();
        Console.WriteLine("| timeline size when the call starts | calls | ms per call (median) | p90 |");
        Console.WriteLine("|---|---|---|---|");
        var tenth = Math.Max(1, times.Count / 10);
        foreach (var (from, count) in new[] { (0, tenth), (times.Count / 2 - tenth / 2, tenth), (times.Count - tenth, tenth) })
        {
            var slice = times.Skip(from).Take(count).Order().ToList();
            Console.WriteLine($"| {from * chunk:N0}–{(from + count) * chunk:N0} | {slice.Count} | {Stats.Median(slice):0.0} | {Stats.Percentile(slice, 0.9):0.0} |");
        }
        Console.WriteLine();

        // The copy alone: TimelineState.Clone, which Orleans' journal calls (through the registered copier) for each batch.
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine("The timeline copy alone (`TimelineState.Clone`, Orleans' journal makes one per batch for its tentative state), median of 5:");
        Console.WriteLine();
        Console.WriteLine("| signals in the timeline | ms per copy | copies for the whole table at that size |");
        Console.WriteLine("|---|---|---|");
        foreach (var n in new[] { signals.Count / 10, signals.Count / 2, signals.Count })
        {
            var state = new TimelineState();
            for (var i = 0; i < n; i++) state.Apply(new SignalRecorded(signals[i], now));
            var copies = new List<double>();
            for (var k = 0; k < (quick ? 3 : 5); k++)
            {
                var sw = Stopwatch.StartNew();
                GC.KeepAlive(state.Clone());
                copies.Add(sw.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"| {n:N0} | {Stats.Median(copies):0.0} | {Stats.Median(copies) * signals.Count / chunk / 1000:0.0} s if every one of the {signals.Count / chunk:N0} batches copied this many |");
        }
        Console.WriteLine();
    }

    private static void WriteSubmission(string path, int rows)
    {
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        w.Write("<SEC-DOCUMENT>0009999999-25-000099.txt : 20251114\n<SEC-HEADER>\nACCESSION NUMBER:\t\t0009999999-25-000099\nCONFORMED SUBMISSION TYPE:\t13F-HR\nFILED AS OF DATE:\t\t20251114\n</SEC-HEADER>\n");
        w.Write("<DOCUMENT>\n<TYPE>13F-HR\n<TEXT>\n<XML>\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<edgarSubmission xmlns=\"http://www.sec.gov/edgar/thirteenffiler\">\n");
        w.Write("<headerData><submissionType>13F-HR</submissionType><filerInfo><filer><credentials><cik>0009999999</cik></credentials></filer><periodOfReport>09-30-2025</periodOfReport></filerInfo></headerData>\n");
        w.Write($"<formData><coverPage><reportCalendarOrQuarter>09-30-2025</reportCalendarOrQuarter><filingManager><name>Bench Capital LP</name></filingManager></coverPage><summaryPage><tableEntryTotal>{rows}</tableEntryTotal><tableValueTotal>{(long)rows * 1000}</tableValueTotal></summaryPage></formData>\n</edgarSubmission>\n</XML>\n</TEXT>\n</DOCUMENT>\n");
        w.Write("<DOCUMENT>\n<TYPE>INFORMATION TABLE\n<TEXT>\n<XML>\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ns1:informationTable xmlns:ns1=\"http://www.sec.gov/edgar/document/thirteenf/informationtable\">\n");
        for (var i = 0; i < rows; i++)
        {
            // A made-up CUSIP per row: every row its own position, the worst case for grouping.
            var cusip = $"Z{i:D7}X";
            w.Write($"<ns1:infoTable><ns1:nameOfIssuer>ISSUER {i}</ns1:nameOfIssuer><ns1:titleOfClass>COM</ns1:titleOfClass><ns1:cusip>{cusip}</ns1:cusip><ns1:value>1000</ns1:value>" +
                    $"<ns1:shrsOrPrnAmt><ns1:sshPrnamt>{10 + i % 1000}</ns1:sshPrnamt><ns1:sshPrnamtType>SH</ns1:sshPrnamtType></ns1:shrsOrPrnAmt><ns1:investmentDiscretion>SOLE</ns1:investmentDiscretion>" +
                    "<ns1:votingAuthority><ns1:Sole>0</ns1:Sole><ns1:Shared>0</ns1:Shared><ns1:None>0</ns1:None></ns1:votingAuthority></ns1:infoTable>\n");
        }
        w.Write("</ns1:informationTable>\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
