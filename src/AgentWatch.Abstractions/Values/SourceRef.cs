namespace AgentWatch.Abstractions.Values;

/// <summary>
/// Where a figure came from: the file (a seed article, a filing, a feed, a CSV), the document within it (title,
/// accession number, feed item) and the item (paragraph, table row, line). Every signal carries one.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.source")]
public sealed record SourceRef(string File, string? Document = null, string? Item = null)
{
    public override string ToString() =>
        string.Join(", ", new[] { File, Document, Item }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>File and item only, for lines where the document title would crowd the figure out.</summary>
    public string ToShortString() => Item is null ? File : $"{File}, {Item}";
}

/// <summary>One number a signal states, with its unit: what answers and fact checks are built from.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.figure")]
public sealed record Figure(string Name, decimal Value, string Unit);
