namespace AgentWatch.Ingestion.Formats;

/// <summary>AgentWatch's own signal files: JSON Lines or a JSON array of signals (see <see cref="SignalFileParser"/>).</summary>
public sealed class SignalFileFormat : ISourceFormat
{
    public string Name => "signals";

    public bool Accepts(string path, ReadOnlySpan<byte> head)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".jsonl" or ".ndjson") return true;
        if (ext != ".json") return false;
        // XBRL and submissions JSON are objects; a signal file is an array (or, rarely, one signal with a kind).
        var text = FormatRegistry.Sniff(head).TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', ' ', '\t', '\r', '\n');
        return text.StartsWith('[') || (text.StartsWith('{') && !XbrlFormat.LooksLikeSec(text));
    }

    public IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, CancellationToken cancellationToken)
    {
        var parser = new SignalFileParser(context.Limits);
        return Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? parser.ParseArrayAsync(stream, path, cancellationToken)
            : parser.ParseLinesAsync(stream, path, cancellationToken);
    }
}
