namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// EDGAR's index of a filing (<c>ACCESSION-index.htm</c>, <c>ACCESSION-index-headers.html</c>, <c>index.json</c>), as it
/// sits in a filing's folder. It holds no signals; the 13F format reads it for the accession and filing date of the
/// documents beside it. Taken here so that it is neither skipped as unknown nor misread (index.json as a signal file).
/// </summary>
public sealed class EdgarIndexFormat : ISourceFormat
{
    public string Name => "edgar-index";

    public bool Accepts(string path, ReadOnlySpan<byte> head) => EdgarFolder.Classify(path, head) == EdgarPart.Index;

    public IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<ParsedRecord>();
}
