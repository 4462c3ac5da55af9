using AgentWatch.Abstractions.Api;
using AgentWatch.Ingestion;

namespace AgentWatch.Ingestion.Tests;

/// <summary>Whole files and paths that are wrong: encoding, shape, type, size, names that match nothing.</summary>
public sealed class FileInputTests
{
    /// <summary>A row names the file and the id of its record that holds the Windows-1252 bytes.</summary>
    [Theory]
    [InlineData("windows-1252.jsonl", "cp1252-2")]
    [InlineData("windows-1252.json", "cp1252-json")]
    // A UTF-8 byte-order mark in front must not switch the check off for the rest of the file.
    [InlineData("bom-windows-1252.jsonl", "cp1252-2")]
    public async Task A_file_that_is_not_utf8_gives_a_clear_error_naming_the_file(string name, string badId)
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File(name));

        Assert.True(report.HasErrors, ReportAssert.Describe(report));
        var issue = Assert.Single(report.Report.Issues, i => i.Severity == IssueSeverity.Error);
        Assert.Contains(name, issue.Where, StringComparison.Ordinal);
        Assert.Contains("UTF-8", issue.Message, StringComparison.OrdinalIgnoreCase);
        // The record holding the Windows-1252 bytes never lands, mangled (U+FFFD) or otherwise.
        Assert.Null(await silo.Api.GetSignalAsync(badId));
    }

    /// <summary>The other side of the UTF-8 check: a byte-order mark is legal UTF-8 and must not be taken for bad input.</summary>
    [Theory]
    [InlineData("bom.jsonl")]
    [InlineData("bom.json")]
    public async Task A_utf8_file_with_a_byte_order_mark_is_read_with_its_text_intact(string name)
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File(name));

        ReportAssert.Counts(report, @new: 1, rejected: 0, errors: 0);
        Assert.Equal("Geschäftsjahr, € 131 Mrd.", (await silo.Api.GetSignalAsync("bom-1"))!.Signal.Note);
    }

    /// <summary>
    /// Line 1 is plain ASCII; the Windows-1252 bytes are on line 2. An error that names a line must name that one, or
    /// the reader goes looking for a fault on a line that has none.
    /// </summary>
    [Fact]
    public async Task A_non_utf8_error_names_the_line_that_holds_the_bad_bytes()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File("windows-1252.jsonl"));

        ReportAssert.Issue(report, IssueSeverity.Error, "windows-1252.jsonl", ":2", "UTF-8");
    }

    [Fact]
    public async Task A_json_file_that_is_not_an_array_is_rejected_naming_the_file()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File("not-array.json"));

        ReportAssert.Counts(report, @new: 0, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "not-array.json", "", "array");
        Assert.Null(await silo.Api.GetSignalAsync("not-array-1"));
    }

    [Fact]
    public async Task A_bad_element_of_a_json_array_is_named_by_its_index_and_the_other_elements_are_stored()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File("array-bad-element.json"));

        ReportAssert.Counts(report, @new: 2, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "array-bad-element.json", "[1]", "USD lots");
        Assert.NotNull(await silo.Api.GetSignalAsync("array-0"));
        Assert.NotNull(await silo.Api.GetSignalAsync("array-2"));
        Assert.Null(await silo.Api.GetSignalAsync("array-1"));
    }

    [Fact]
    public async Task An_empty_file_and_blank_or_comment_lines_reject_nothing()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File("empty.jsonl"), Corpus.File("blank-and-comments.jsonl"));

        Assert.Equal(2, report.Files);
        Assert.Empty(report.Report.Issues);
        // Blank and comment lines are not records: only line 9 was received, and it landed.
        Assert.Equal(1, report.Report.Received);
        ReportAssert.Counts(report, @new: 1, rejected: 0, errors: 0);
        Assert.NotNull(await silo.Api.GetSignalAsync("after-comments"));
    }

    [Fact]
    public async Task An_unsupported_extension_is_an_error_naming_the_file()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var path = Corpus.File("signals.csv");

        var report = await silo.IngestAsync(path);

        Assert.Equal(0, report.Files);
        var issue = ReportAssert.Issue(report, IssueSeverity.Error, "signals.csv", "", ".csv");
        Assert.Equal(path, issue.Where);
        Assert.Null(await silo.Api.GetSignalAsync("csv-1"));
    }

    [Fact]
    public async Task A_missing_path_is_an_error_and_the_other_paths_are_still_ingested()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var missing = Path.Combine(silo.WorkDirectory, "no-such-file.jsonl");

        var report = await silo.IngestAsync(missing, Corpus.File("good.jsonl"));

        var issue = ReportAssert.Issue(report, IssueSeverity.Error, "no-such-file.jsonl", "", "no such file");
        Assert.Equal(missing, issue.Where);
        ReportAssert.Counts(report, @new: 4, rejected: 0, errors: 1);
    }

    [Fact]
    public async Task A_glob_that_matches_nothing_is_an_error_naming_the_pattern()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var pattern = Path.Combine(silo.WorkDirectory, "*.jsonl");

        var report = await silo.IngestAsync(pattern);

        Assert.Equal(0, report.Files);
        var issue = ReportAssert.Issue(report, IssueSeverity.Error, "*.jsonl", "", "no file matches");
        Assert.Equal(pattern, issue.Where);
    }

    [Fact]
    public async Task A_folder_with_mixed_files_ingests_the_signal_files_and_counts_the_others_as_skipped()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        // mixed/ holds a.jsonl, b.json, sub/c.ndjson (signal files, one nested) and notes.txt, table.csv (not).
        var report = await silo.IngestAsync(Corpus.File("mixed"));

        Assert.Equal(3, report.Files);
        Assert.Equal(2, report.Skipped);
        ReportAssert.Counts(report, @new: 3, rejected: 0, errors: 0);
        foreach (var id in new[] { "mixed-a", "mixed-b", "mixed-c" })
            Assert.NotNull(await silo.Api.GetSignalAsync(id));
        Assert.Null(await silo.Api.GetSignalAsync("mixed-csv"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_a_message_naming_the_limit()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        // good.jsonl is some 800 bytes, mixed/a.jsonl some 150: one over the limit, one under it.
        var limits = new InputLimits { MaxFileBytes = 300 };

        var report = await silo.IngestAsync(limits, Corpus.File("good.jsonl"), Corpus.File("mixed/a.jsonl"));

        ReportAssert.Issue(report, IssueSeverity.Error, "good.jsonl", "", "over the limit of 300", "MaxFileBytes");
        // The file is skipped whole, before any record of it is read: an error, no record rejected.
        ReportAssert.Counts(report, @new: 1, rejected: 0, errors: 1);
        Assert.EndsWith("good.jsonl", Assert.Single(report.SkippedFiles).Path);
        Assert.Null(await silo.Api.GetSignalAsync("good-1"));
        Assert.NotNull(await silo.Api.GetSignalAsync("mixed-a"));
    }
}
