using System.Net;
using System.Text;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Ingestion.Formats;
using AgentWatch.Silo;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// 13F filings as EDGAR serves them: a folder per filing (named by its accession's 18 digits), primary_doc.xml, the
/// information table under whatever name the filer agent gave it, EDGAR's index files. The files are the real
/// fixtures, copied under those names (or, for Acorn Creek, the two documents of its real whole submission written out
/// as EDGAR serves them beside it); what they must give is what the fixtures give as they are.
/// </summary>
public sealed class EdgarFolderTests : IDisposable
{
    private const string MfnAccession = "0000904454-26-000248";
    private const string AcornAccession = "0001951757-25-000093";
    private static readonly string MfnCover = F($"sec-13f/sec_13f_primary_doc_MFN_1732811_Q4-2025_13F-HR-A_{MfnAccession}.xml");
    private static readonly string MfnTable = F($"sec-13f/sec_13f_infotable_MFN_1732811_Q4-2025_13F-HR-A_{MfnAccession}.xml");
    private static readonly string AcornSubmission = F($"sec-13f/sec_13f_full_submission_ACORN_CREEK_1994827_Q4-2024_{AcornAccession}.nc.txt");

    private readonly string _work = Directory.CreateTempSubdirectory("agentwatch-edgar-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    private static string F(string relative) => Path.Combine(FixtureTests.Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private string Folder(params string[] parts)
    {
        var path = Path.Combine([_work, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static async Task<List<ParsedRecord>> ParseAsync(params string[] paths)
    {
        var reader = new SourceReader(FormatRegistry.CreateDefault(), IngestionSetup.Context(AgentWatchConfiguration.Build(EmbeddedSilo.RepositoryConfig)));
        var records = new List<ParsedRecord>();
        await foreach (var r in reader.ParseAsync(paths)) records.Add(r);
        return records;
    }

    private static List<Signal> Signals(List<ParsedRecord> records) => records.Select(r => r.Signal).OfType<Signal>().ToList();

    private static void NoProblems(List<ParsedRecord> records)
    {
        var problems = records.Where(r => r.Signal is null).Select(r => $"{r.Where}: {r.Error ?? r.Warning}").ToList();
        Assert.True(problems.Count == 0, "Unexpected problems:\n" + string.Join("\n", problems));
    }

    /// <summary>The same signals, id by id, with the same content but for the file they were read from.</summary>
    private static void SameSignals(List<Signal> expected, List<Signal> actual)
    {
        Assert.Equal(expected.Select(s => s.Id).Order(), actual.Select(s => s.Id).Order());
        foreach (var signal in actual)
        {
            var original = expected.Single(s => s.Id == signal.Id);
            Assert.True(SignalContent.Same(original, signal), $"{signal.Id} differs: {AgentWatch.Abstractions.AgentWatchJson.Serialize(original).Length} vs {AgentWatch.Abstractions.AgentWatchJson.Serialize(signal).Length} bytes\n{signal}\n{original}");
            Assert.Equal(original.KnownOn, signal.KnownOn);
        }
    }

    /// <summary>The cover page and table of the real Acorn Creek submission, as the two XML documents EDGAR serves beside it.</summary>
    private static (string Cover, string Table, string Header) AcornDocuments()
    {
        var text = File.ReadAllText(AcornSubmission);
        var blocks = new List<string>();
        for (var at = text.IndexOf("<XML>", StringComparison.Ordinal); at >= 0; at = text.IndexOf("<XML>", at + 1, StringComparison.Ordinal))
            blocks.Add(text[(at + 5)..text.IndexOf("</XML>", at, StringComparison.Ordinal)].TrimStart());
        Assert.Equal(2, blocks.Count);
        return (blocks[0], blocks[1], text[..text.IndexOf("<TEXT>", StringComparison.Ordinal)]);
    }

    /// <summary>EDGAR's ACCESSION-index-headers.html: the submission's SGML header, escaped, in a &lt;pre&gt;, with each document's file name.</summary>
    private static string IndexHeaders(string header, params string[] documents) =>
        $"<html><head><title>{AcornAccession}.hdr.sgml</title></head><body><pre>\n{WebUtility.HtmlEncode(header)}\n" +
        string.Concat(documents.Select((d, i) => WebUtility.HtmlEncode($"<DOCUMENT>\n<TYPE>{(i == 0 ? "13F-HR" : "INFORMATION TABLE")}\n<SEQUENCE>{i + 1}\n<FILENAME>{d}\n</DOCUMENT>\n"))) +
        "</pre></body></html>\n";

    /// <summary>EDGAR's index.json of a filing's folder: the directory's path (CIK and accession digits) and its files.</summary>
    private static string IndexJson(string cik, string accession, params string[] files)
    {
        var items = files.Select(f => $"{{\"last-modified\":\"2026-04-29 16:05:12\",\"name\":\"{f}\",\"type\":\"text.gif\",\"size\":\"2 KB\"}}");
        var directory = $"/Archives/edgar/data/{cik}/{accession.Replace("-", "")}";
        return $"{{\"directory\":{{\"item\":[{string.Join(",", items)}],\"name\":\"{directory}\",\"parent-dir\":\"/Archives/edgar/data/{cik}\"}}}}";
    }

    [Theory]
    [InlineData("000090445426000248", "46994.xml", false)]
    [InlineData("0000904454-26-000248", "form13fInfoTable.xml", false)]
    [InlineData("mfn-q4-2025", "infotable.xml", true)]
    public async Task A_folder_as_edgar_serves_it_is_one_filing_with_the_fixtures_signals(string folderName, string tableName, bool withIndex)
    {
        var expected = Signals(await ParseAsync(MfnCover, MfnTable));
        var folder = Folder(folderName);
        File.Copy(MfnCover, Path.Combine(folder, "primary_doc.xml"));
        File.Copy(MfnTable, Path.Combine(folder, tableName));
        // Without the accession in the folder's name, EDGAR's index.json beside the documents gives it.
        if (withIndex) File.WriteAllText(Path.Combine(folder, "index.json"), IndexJson("1732811", MfnAccession, "primary_doc.xml", tableName, $"{MfnAccession}-index.htm"));

        var records = await ParseAsync(folder);

        NoProblems(records);
        var signals = Signals(records);
        SameSignals(expected, signals);
        Assert.Equal(2, Assert.Single(signals.OfType<Filing>()).Positions);
        Assert.All(signals, s => Assert.Equal(MfnAccession, s.Source.Document));
        Assert.Contains(signals, s => s.Source.File == tableName);
    }

    [Fact]
    public async Task A_folder_with_no_accession_anywhere_is_still_one_filing_and_says_its_ids_are_by_filer_and_period()
    {
        var folder = Folder("mfn");
        File.Copy(MfnCover, Path.Combine(folder, "primary_doc.xml"));
        File.Copy(MfnTable, Path.Combine(folder, "infotable.xml"));

        var records = await ParseAsync(folder);

        var warning = Assert.Single(records, r => r.Signal is null);
        Assert.Equal("infotable.xml", warning.Where);
        Assert.Contains("primary_doc.xml", warning.Warning);
        Assert.Contains("accession number", warning.Warning);
        var signals = Signals(records);
        Assert.Equal(2, signals.OfType<Holding>().Count());
        Assert.Equal(2, Assert.Single(signals.OfType<Filing>()).Positions);
        Assert.All(signals.OfType<Holding>(), h => Assert.StartsWith("13f-mfn-partners-management-lp-20251231-", h.Id));
    }

    [Fact]
    public async Task Two_filings_in_one_folder_pair_by_the_accession_in_their_names_and_in_an_index()
    {
        var expected = Signals(await ParseAsync(MfnCover, MfnTable)).Concat(Signals(await ParseAsync(AcornSubmission))).ToList();
        var folder = Folder("filings");
        // MFN: the accession in the file names. Acorn Creek: EDGAR's names (primary_doc.xml and the table's own name),
        // with the accession and the filing date in EDGAR's index-headers file.
        File.Copy(MfnCover, Path.Combine(folder, $"{MfnAccession}-primary_doc.xml"));
        File.Copy(MfnTable, Path.Combine(folder, $"{MfnAccession}-46994.xml"));
        var (cover, table, header) = AcornDocuments();
        File.WriteAllText(Path.Combine(folder, "primary_doc.xml"), cover);
        File.WriteAllText(Path.Combine(folder, "F_13F_AcornCreek_Q42024.xml"), table);
        File.WriteAllText(Path.Combine(folder, $"{AcornAccession}-index-headers.html"), IndexHeaders(header, "primary_doc.xml", "F_13F_AcornCreek_Q42024.xml"));

        var records = await ParseAsync(folder);

        NoProblems(records);
        var signals = Signals(records);
        SameSignals(expected, signals);
        Assert.Equal([2, 77], signals.OfType<Filing>().Select(f => f.Positions ?? -1).Order());
        Assert.Equal(194_611_845m, signals.OfType<Holding>().Where(h => h.Source.Document == AcornAccession).Sum(h => h.Value.Amount));
    }

    /// <summary>EDGAR's ACCESSION-index.htm: the filing's page, its filing date in a div and each document as a link into the filing's folder.</summary>
    private static string IndexHtm(string cik, string accession, string filed, params string[] documents)
    {
        var folder = $"/Archives/edgar/data/{cik}/{accession.Replace("-", "")}";
        return "<html><body><div id=\"formDiv\"><div id=\"secNum\"><strong>SEC Accession No.</strong> " + accession + "</div>\n" +
               "<div class=\"formGrouping\"><div class=\"infoHead\">Filing Date</div>\n<div class=\"info\">" + filed + "</div></div>\n" +
               "<table class=\"tableFile\" summary=\"Document Format Files\">\n" +
               string.Concat(documents.Select((d, i) =>
                   $"<tr><td scope=\"row\">{i + 1}</td><td scope=\"row\"><a href=\"{folder}/xslForm13F_X02/{d}\">{d}</a></td><td scope=\"row\"><a href=\"{folder}/{d}\">{d}</a></td></tr>\n")) +
               "</table></div></body></html>\n";
    }

    [Fact]
    public async Task An_edgar_index_htm_pairs_a_table_with_its_cover_page_where_another_cover_page_lies_beside_them()
    {
        var expected = Signals(await ParseAsync(MfnCover, MfnTable));
        var folder = Folder("mixed");
        // EDGAR's names, no accession in them or in the folder's; a second filing's cover page beside them.
        File.Copy(MfnCover, Path.Combine(folder, "primary_doc.xml"));
        File.Copy(MfnTable, Path.Combine(folder, "46994.xml"));
        File.Copy(F("sec-13f/sec_13f_primary_doc_KAHN_1039565_Q1-2022_0001039565-22-000009.xml"), Path.Combine(folder, "0001039565-22-000009-primary_doc.xml"));
        File.WriteAllText(Path.Combine(folder, $"{MfnAccession}-index.htm"), IndexHtm("1732811", MfnAccession, "2026-04-29", "primary_doc.xml", "46994.xml"));

        var records = await ParseAsync(folder);

        NoProblems(records);
        var signals = Signals(records);
        SameSignals(expected, signals.Where(s => s.Source.Document == MfnAccession).ToList());
        Assert.Equal(2, signals.OfType<Holding>().Count());
        Assert.Equal([MfnAccession, "0001039565-22-000009"], signals.OfType<Filing>().Select(f => f.Accession).Order(StringComparer.Ordinal));
        Assert.Equal(2, signals.OfType<Filing>().Single(f => f.Accession == MfnAccession).Positions);
    }

    [Fact]
    public async Task Two_cover_pages_and_nothing_to_tell_them_apart_is_an_error_naming_the_table_and_the_cover_pages()
    {
        var folder = Folder("unsorted");
        File.Copy(MfnCover, Path.Combine(folder, "primary_doc.xml"));
        File.Copy(F("sec-13f/sec_13f_primary_doc_ABACUS_1978011_Q4-2020.xml"), Path.Combine(folder, "cover2.xml"));
        File.Copy(MfnTable, Path.Combine(folder, "infotable.xml"));

        var records = await ParseAsync(folder);

        var error = Assert.Single(records, r => r.Error is not null);
        Assert.Equal("infotable.xml", error.Where);
        Assert.Contains("2 cover pages (cover2.xml, primary_doc.xml)", error.Error);
        Assert.Contains("accession", error.Error);
        Assert.Empty(Signals(records).OfType<Holding>());
        // The cover pages still give their filing events.
        Assert.Equal(2, Signals(records).OfType<Filing>().Count());
    }

    [Fact]
    public async Task A_renamed_copy_of_a_stored_filing_is_all_duplicates_and_the_stored_signals_keep_their_source()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var first = await silo.IngestAsync(MfnCover, MfnTable, AcornSubmission);
        ReportAssert.Counts(first, @new: 3 + 78, rejected: 0, errors: 0);

        // MFN under EDGAR's names in EDGAR's folder; Acorn Creek as its two documents beside EDGAR's index, not the whole submission.
        var mfn = Folder("1732811", "000090445426000248");
        File.Copy(MfnCover, Path.Combine(mfn, "primary_doc.xml"));
        File.Copy(MfnTable, Path.Combine(mfn, "46994.xml"));
        var acorn = Folder("1994827", "acorn-q4");
        var (cover, table, header) = AcornDocuments();
        File.WriteAllText(Path.Combine(acorn, "primary_doc.xml"), cover);
        File.WriteAllText(Path.Combine(acorn, "F_13F_AcornCreek_Q42024.xml"), table);
        File.WriteAllText(Path.Combine(acorn, $"{AcornAccession}-index-headers.html"), IndexHeaders(header, "primary_doc.xml", "F_13F_AcornCreek_Q42024.xml"));
        var alertsBefore = (await silo.Api.GetAlertsAsync(new AlertQuery(0, 1000, null, null))).Select(a => a.Id).ToList();

        var again = await silo.IngestAsync(_work);

        ReportAssert.Counts(again, @new: 0, rejected: 0, errors: 0, duplicates: 3 + 78);
        Assert.Empty(again.Report.AlertIds);
        Assert.Equal(alertsBefore, (await silo.Api.GetAlertsAsync(new AlertQuery(0, 1000, null, null))).Select(a => a.Id).ToList());
        var stored = (await silo.Api.GetSignalAsync($"13f-{MfnAccession}-g7553x114-sh"))!.Signal;
        Assert.Equal(Path.GetFileName(MfnTable), stored.Source.File);
        Assert.Equal(Path.GetFileName(AcornSubmission), (await silo.Api.GetSignalAsync($"13f-{AcornAccession}-023135106-sh"))!.Signal.Source.File);
    }

    [Fact]
    public async Task A_copy_whose_figures_differ_is_still_a_conflict_and_the_stored_position_stays()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        ReportAssert.Counts(await silo.IngestAsync(MfnCover, MfnTable), @new: 3, rejected: 0, errors: 0);
        var folder = Folder("000090445426000248");
        File.Copy(MfnCover, Path.Combine(folder, "primary_doc.xml"));
        File.WriteAllText(Path.Combine(folder, "46994.xml"), File.ReadAllText(MfnTable).Replace("<sshPrnamt>400000</sshPrnamt>", "<sshPrnamt>400001</sshPrnamt>", StringComparison.Ordinal));

        var report = await silo.IngestAsync(folder);

        ReportAssert.Counts(report, @new: 0, rejected: 0, errors: 0, conflicts: 1, duplicates: 2);
        var stored = Assert.IsType<Holding>((await silo.Api.GetSignalAsync($"13f-{MfnAccession}-g7553x114-sh"))!.Signal);
        Assert.Equal(400_000m, stored.Shares);
    }

    [Fact]
    public async Task A_binary_or_unreadable_file_among_good_files_is_one_error_naming_it_and_the_good_files_land()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var folder = Folder("mixed");
        File.Copy(Corpus.File("good.jsonl"), Path.Combine(folder, "good.jsonl"));
        File.Copy(MfnCover, Path.Combine(folder, $"{MfnAccession}-primary_doc.xml"));
        File.Copy(MfnTable, Path.Combine(folder, $"{MfnAccession}-infotable.xml"));
        File.WriteAllBytes(Path.Combine(folder, "report.pdf"), [.. "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8, .. Noise(4000, 1)]);
        // Bytes that are no text, under a name a format reads: read as JSON Lines, every line would be an error.
        File.WriteAllBytes(Path.Combine(folder, "export.jsonl"), Noise(20_000, 2));
        File.WriteAllBytes(Path.Combine(folder, "chart.png"), [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, .. Noise(1000, 3)]);
        // A link to nothing cannot be opened, by any user (a file without read permission cannot be made unreadable to root).
        File.CreateSymbolicLink(Path.Combine(folder, "gone.jsonl"), Path.Combine(folder, "no-such-target.jsonl"));
        File.WriteAllText(Path.Combine(folder, "notes.md"), "# Notes\nNothing to ingest here.\n");

        var report = await silo.IngestAsync(folder);

        ReportAssert.Issue(report, IssueSeverity.Error, "report.pdf", "", "binary file (a PDF document, not text), skipped");
        ReportAssert.Issue(report, IssueSeverity.Error, "export.jsonl", "", "binary file (not text), skipped");
        ReportAssert.Issue(report, IssueSeverity.Error, "chart.png", "", "binary file (a PNG image, not text), skipped");
        ReportAssert.Issue(report, IssueSeverity.Error, "gone.jsonl", "", "cannot be read", "skipped");
        // One error per bad file, none for the files that are fine, and nothing rejected from the good ones.
        ReportAssert.Counts(report, @new: 4 + 3, rejected: 0, errors: 4);
        Assert.Equal(3, report.Files);
        Assert.Equal(["chart.png", "export.jsonl", "gone.jsonl", "notes.md", "report.pdf"], report.SkippedFiles.Select(f => Path.GetFileName(f.Path)).Order());
        Assert.Equal(5, report.Skipped);
        Assert.Contains("neither", Assert.Single(report.SkippedFiles, f => f.Path.EndsWith("notes.md", StringComparison.Ordinal)).Reason);
        Assert.DoesNotContain(report.Report.Issues, i => i.Where.EndsWith("notes.md", StringComparison.Ordinal));
        Assert.NotNull(await silo.Api.GetSignalAsync("good-1"));
        Assert.NotNull(await silo.Api.GetSignalAsync($"13f-{MfnAccession}-g7553x114-sh"));
    }

    [Fact]
    public async Task A_file_too_large_is_named_among_the_skipped_files()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var folder = Folder("sizes");
        File.Copy(Corpus.File("good.jsonl"), Path.Combine(folder, "good.jsonl"));
        File.Copy(Corpus.File("mixed/a.jsonl"), Path.Combine(folder, "a.jsonl"));

        var report = await silo.IngestAsync(new InputLimits { MaxFileBytes = 300 }, folder);

        var skipped = Assert.Single(report.SkippedFiles);
        Assert.EndsWith("good.jsonl", skipped.Path);
        Assert.Contains("over the limit of 300", skipped.Reason);
        ReportAssert.Issue(report, IssueSeverity.Error, "good.jsonl", "", "over the limit of 300", "MaxFileBytes");
        ReportAssert.Counts(report, @new: 1, rejected: 0, errors: 1);
    }

    /// <summary>Bytes no text holds (zero bytes and control characters among them), the same for a seed.</summary>
    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[length / 2] = 0;
        return bytes;
    }

    [Fact]
    public void Binary_files_are_told_from_text_in_any_encoding()
    {
        Assert.Null(FormatRegistry.BinaryKind(Encoding.UTF8.GetBytes("Date,Open,High,Low,Close\n2025-01-02,1,2,3,4\n")));
        Assert.Null(FormatRegistry.BinaryKind(Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss>Café</rss>")));
        Assert.Null(FormatRegistry.BinaryKind([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<rss/>")]));
        Assert.Null(FormatRegistry.BinaryKind([]));
        Assert.Equal("a zip archive (or .xlsx, .docx)", FormatRegistry.BinaryKind([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]));
        Assert.Equal("", FormatRegistry.BinaryKind(Encoding.UTF8.GetBytes("{\"kind\":\"capex\"}\0")));
    }
}
