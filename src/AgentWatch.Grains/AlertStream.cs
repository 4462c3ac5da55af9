using System.Runtime.CompilerServices;
using AgentWatch.Abstractions;
using AgentWatch.Runtime.Streams;

namespace AgentWatch.Grains;

/// <summary>
/// The durable alert stream: alerts in the order they were raised, each once (by id), numbered by sequence. Readers and
/// subscribers resume after any sequence. An alert is immutable once raised; the sentinel's explanation of it is kept
/// in a stream of its own (one per alert, by alert id) and joined to the alert when it is read.
/// </summary>
public sealed class AlertStream(IStreamProvider streams, DomainMetrics metrics)
{
    public const string StreamName = "alerts";
    public const string ExplanationStreamName = "alert-explanations";

    private readonly IDurableStream<Alert> _stream = streams.GetStream<Alert>(StreamName);
    private readonly IDurableStream<AlertExplanation> _explanations = streams.GetStream<AlertExplanation>(ExplanationStreamName);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _explained = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _explainedUpTo;

    /// <summary>Stores the explanation of an alert; the first one written for an alert is kept.</summary>
    public async Task ExplainAsync(AlertExplanation explanation, CancellationToken cancellationToken = default)
    {
        await _explanations.AppendAsync(explanation.AlertId, explanation, cancellationToken).ConfigureAwait(false);
        await RefreshExplanationsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the explanations written since the last read (also by other silos sharing the store).</summary>
    private async Task RefreshExplanationsAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var page = await _explanations.ReadAsync(_explainedUpTo, 500, cancellationToken).ConfigureAwait(false);
                foreach (var e in page) _explained.TryAdd(e.Payload.AlertId, e.Payload.Text);
                if (page.Count > 0) _explainedUpTo = page[^1].Sequence;
                if (page.Count < 500) break;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    private Alert Explained(Alert alert) => _explained.TryGetValue(alert.Id, out var text) ? alert with { Explanation = text } : alert;

    /// <summary>Appends the alert unless its id is already in the stream; returns its sequence either way.</summary>
    public async Task<long> PublishAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        var result = await _stream.AppendAsync(alert.Id, alert with { Sequence = 0 }, cancellationToken).ConfigureAwait(false);
        if (result.IsNew)
            metrics.AlertsRaised.Add(1, new KeyValuePair<string, object?>("rule", alert.Rule), new KeyValuePair<string, object?>("severity", alert.Severity.ToString().ToLowerInvariant()));
        return result.Sequence;
    }

    public async Task<IReadOnlyList<Alert>> ReadAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        await RefreshExplanationsAsync(cancellationToken).ConfigureAwait(false);
        return (await _stream.ReadAsync(afterSequence, maxCount, cancellationToken).ConfigureAwait(false)).Select(e => Explained(WithSequence(e))).ToList();
    }

    /// <summary>Every alert in the stream after a sequence, in pages.</summary>
    public async IAsyncEnumerable<Alert> ReadAllAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await RefreshExplanationsAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var page = await _stream.ReadAsync(afterSequence, 500, cancellationToken).ConfigureAwait(false);
            foreach (var e in page) yield return Explained(WithSequence(e));
            if (page.Count < 500) yield break;
            afterSequence = page[^1].Sequence;
        }
    }

    public async IAsyncEnumerable<Alert> SubscribeAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await RefreshExplanationsAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var e in _stream.SubscribeAsync(afterSequence, cancellationToken).ConfigureAwait(false))
            yield return Explained(WithSequence(e));
    }

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => _stream.GetLastSequenceAsync(cancellationToken);

    private static Alert WithSequence(StreamEvent<Alert> e) => e.Payload with { Sequence = e.Sequence };
}
