using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// Finds capex guidance that the sentence patterns of <see cref="EarningsTextFormat"/> miss, with a language model.
/// It is given candidate sentences as data and returns what it read in them; the format keeps only answers whose
/// sentence is one it was given and whose figures that sentence states, and marks them model-extracted.
/// </summary>
public interface IGuidanceExtractor
{
    /// <summary>The model's name, for the mark on what it extracted.</summary>
    string Model { get; }

    Task<IReadOnlyList<ExtractedGuidance>> ExtractAsync(GuidanceRequest request, CancellationToken cancellationToken);
}

/// <summary>The company and release of a text, and its sentences that talk of spending with a figure but gave no guidance to the patterns.</summary>
public sealed record GuidanceRequest(string File, string Company, DateOnly Released, IReadOnlyList<string> Sentences);

/// <summary>
/// One piece of guidance as the model read it: the sentence (by its number in the request, and as quoted), the fiscal
/// year, and an amount or a range in units of the currency.
/// </summary>
public sealed record ExtractedGuidance(int Sentence, int Year, decimal? Amount, decimal? Low, decimal? High, string Currency, Qualifier Qualifier);
