using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions.Signals;

/// <summary>
/// Whether a signal arriving under an id already stored says the same thing (a duplicate) or something else (a
/// conflict). For most signals that is their whole JSON. A 13F position or a filing event read from an EDGAR filing is
/// the filing's fact, named by its accession number: which file it was read from, and at which line, is provenance,
/// not content. A renamed copy of a filing, or its whole submission beside its documents, is therefore a duplicate;
/// its ids (accession, CUSIP, put/call) never held the file name, so stores written before read the same.
/// </summary>
public static partial class SignalContent
{
    public static bool Same(Signal stored, Signal incoming) =>
        AgentWatchJson.SameContent(stored, incoming)
        || (IsFilingFact(stored) && IsFilingFact(incoming) && AgentWatchJson.SameContent(WithoutPlace(stored), WithoutPlace(incoming)));

    private static bool IsFilingFact(Signal signal) =>
        signal is Holding or OptionPosition or Filing && signal.Source.Document is { } document && Accession().IsMatch(document);

    /// <summary>The signal with its source reduced to the filing: the file and the line within it left out.</summary>
    private static Signal WithoutPlace(Signal signal) => signal with { Source = new SourceRef("", signal.Source.Document) };

    [GeneratedRegex(@"^\d{10}-\d{2}-\d{6}$")]
    private static partial Regex Accession();
}
