using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Tools;

/// <summary>
/// What one agent run read through its tools: each call with its arguments and result (as JSON, shortened past a
/// limit), and every signal and alert the results held, which is what the run's answer may cite and the figure check
/// compares against. The run's function-invocation filter writes each kernel function call here, whichever engine
/// made it.
/// </summary>
/// <param name="directory">The watchlist, for evidence that names fiscal years with the month they end in.</param>
public sealed class ToolCallLog(int maxResultChars, CompanyDirectory? directory = null)
{
    private readonly Lock _gate = new();
    private readonly List<ToolCallRecord> _calls = [];
    private readonly Dictionary<string, Signal> _signals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public IReadOnlyList<ToolCallRecord> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    /// <summary>Every signal a tool returned, by id.</summary>
    public IReadOnlyDictionary<string, Signal> Signals
    {
        get { lock (_gate) return new Dictionary<string, Signal>(_signals, StringComparer.Ordinal); }
    }

    /// <summary>Every tool result as JSON, in full: what the figure check searches.</summary>
    public IReadOnlyList<string> ResultTexts
    {
        get { lock (_gate) return [.. _texts]; }
    }

    /// <summary>A call: its arguments and the result it was given (JSON), or the error it was told.</summary>
    public void AddText(string tool, string arguments, string resultText, TimeSpan duration, string? error = null)
    {
        lock (_gate)
        {
            _calls.Add(new ToolCallRecord(tool, arguments, Shorten(resultText), duration.TotalMilliseconds, error));
            if (error is null) _texts.Add(resultText);
        }
    }

    /// <summary>The signals and alerts a result was made from: what an answer may cite.</summary>
    public void AddSources(IEnumerable<object> sources)
    {
        lock (_gate)
            foreach (var source in sources) Collect(source);
    }

    /// <summary>Evidence for the signals given, in the order given, skipping any a tool did not return.</summary>
    public IReadOnlyList<Evidence> EvidenceFor(IEnumerable<string> signalIds)
    {
        lock (_gate)
        {
            return signalIds.Distinct(StringComparer.Ordinal)
                .Select(id => _signals.GetValueOrDefault(id))
                .OfType<Signal>()
                .Select(s => new Evidence(s.Id, s.Source, s.Describe(directory), s.KnownOn))
                .Concat(signalIds.Select(id => _alerts.GetValueOrDefault(id)).OfType<Alert>().SelectMany(a => a.Evidence))
                .DistinctBy(e => e.SignalId)
                .ToList();
        }
    }

    private string Shorten(string text) =>
        text.Length <= maxResultChars ? text : text[..maxResultChars] + $"… ({text.Length - maxResultChars:N0} more characters)";

    private void Collect(object? result)
    {
        switch (result)
        {
            case Signal s: _signals[s.Id] = s; break;
            case Alert a: _alerts[a.Id] = a; break;
            case System.Collections.IEnumerable items and not string:
                foreach (var item in items) Collect(item);
                break;
        }
    }
}
