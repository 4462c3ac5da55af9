using AgentWatch.Abstractions.Signals;
using AgentWatch.Ingestion;

namespace AgentWatch.Dataset.Tests;

/// <summary>
/// The built-in dataset, read once through the real parser (the embedded resource, exactly as the silo loads it), and
/// the classification the tests share.
/// </summary>
public static class DatasetUnderTest
{
    private static readonly Lazy<Task<IReadOnlyList<ParsedRecord>>> Records = new(() => BuiltInDataset.ReadAsync());

    public static Task<IReadOnlyList<ParsedRecord>> ReadRecordsAsync() => Records.Value;

    /// <summary>The signals that parsed; records that did not are reported by the parse test, not silently dropped.</summary>
    public static async Task<IReadOnlyList<Signal>> ReadSignalsAsync() =>
        (await ReadRecordsAsync()).Where(r => r.Signal is not null).Select(r => r.Signal!).ToList();

    /// <summary>
    /// A signal is company-level when it names a company or concerns one (a party of a deal, an underlying of a short).
    /// Names that are not company keys ("bond investors") do not make a signal company-level.
    /// </summary>
    public static bool IsCompanyLevel(Signal signal) =>
        signal.Company is not null || signal.Subjects().Any(SignalRules.IsCompanyKey);

    /// <summary>One line for failure messages: id, kind, period and figures.</summary>
    public static string Describe(Signal s) =>
        $"{s.Id} ({s.Kind.Id()}, {s.Period}, {s.Source.ToShortString()}: " +
        string.Join(", ", s.Figures().Select(f => $"{f.Name}={f.Value} {f.Unit}")) + ")";
}
