using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Ingestion;

/// <summary>
/// The figures of the five seed articles as signals (BuiltIn/signals.jsonl, embedded in this assembly). It loads into an
/// empty data directory on the first start, and again (changing nothing) on <c>agentwatch seed</c>.
/// </summary>
public static class BuiltInDataset
{
    public const string SourceName = "built-in dataset";
    private const string ResourceName = "AgentWatch.BuiltIn.signals.jsonl";

    public static Stream Open() =>
        typeof(BuiltInDataset).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The built-in dataset resource {ResourceName} is missing from this build.");

    /// <summary>Every record of the dataset, including any that fail to parse (a test keeps that list empty).</summary>
    public static async Task<IReadOnlyList<ParsedRecord>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = Open();
        var records = new List<ParsedRecord>();
        await foreach (var r in new SignalFileParser().ParseLinesAsync(stream, SourceName, cancellationToken).ConfigureAwait(false))
            records.Add(r);
        return records;
    }

    public static async Task<IReadOnlyList<Signal>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var records = await ReadAsync(cancellationToken).ConfigureAwait(false);
        var bad = records.FirstOrDefault(r => r.Error is not null);
        if (bad is not null) throw new InvalidDataException($"The built-in dataset is broken at {bad.Where}: {bad.Error}");
        return records.Select(r => r.Signal!).ToList();
    }
}
