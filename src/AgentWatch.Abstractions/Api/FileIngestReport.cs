namespace AgentWatch.Abstractions.Api;

/// <summary>What an ingestion of files did: the silo's report, with every problem placed at its file and line.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.file-ingest-report")]
public sealed record FileIngestReport(int Files, int Skipped, IngestReport Report)
{
    public bool HasErrors => Report.Errors > 0;

    /// <summary>Files read, by format ("13f": 2, "prices": 1).</summary>
    [Id(3)]
    public IReadOnlyDictionary<string, int> Formats { get; init; } = new Dictionary<string, int>();
}
