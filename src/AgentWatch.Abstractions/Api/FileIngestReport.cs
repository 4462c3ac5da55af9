namespace AgentWatch.Abstractions.Api;

/// <summary>What an ingestion of files did: the silo's report, with every problem placed at its file and line.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.file-ingest-report")]
public sealed record FileIngestReport(int Files, int Skipped, IngestReport Report)
{
    public bool HasErrors => Report.Errors > 0;

    /// <summary>Files read, by format ("13f": 2, "prices": 1).</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, int> Formats { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Every file not read, with why: not a format AgentWatch reads, binary, unreadable, too large. <see cref="Skipped"/>
    /// counts them. Those named on their own, and those that are binary, unreadable or too large, are errors as well.
    /// </summary>
    [Id(4)]
    public IReadOnlyList<SkippedFile> SkippedFiles { get; init; } = [];
}

/// <summary>A file an ingestion did not read, and why ("binary file (a PDF document, not text)").</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.skipped-file")]
public sealed record SkippedFile(string Path, string Reason);
