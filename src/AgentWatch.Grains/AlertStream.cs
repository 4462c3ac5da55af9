using System.Runtime.CompilerServices;
using AgentWatch.Abstractions;
using AgentWatch.Runtime.Streams;

namespace AgentWatch.Grains;

/// <summary>
/// The durable alert stream: alerts in the order they were raised, each once (by id), numbered by sequence. Readers and
/// subscribers resume after any sequence.
/// </summary>
public sealed class AlertStream(IStreamProvider streams, DomainMetrics metrics)
{
    public const string StreamName = "alerts";

    private readonly IDurableStream<Alert> _stream = streams.GetStream<Alert>(StreamName);

    /// <summary>Appends the alert unless its id is already in the stream; returns its sequence either way.</summary>
    public async Task<long> PublishAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        var result = await _stream.AppendAsync(alert.Id, alert with { Sequence = 0 }, cancellationToken).ConfigureAwait(false);
        if (result.IsNew)
            metrics.AlertsRaised.Add(1, new KeyValuePair<string, object?>("rule", alert.Rule), new KeyValuePair<string, object?>("severity", alert.Severity.ToString().ToLowerInvariant()));
        return result.Sequence;
    }

    public async Task<IReadOnlyList<Alert>> ReadAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
        (await _stream.ReadAsync(afterSequence, maxCount, cancellationToken).ConfigureAwait(false)).Select(WithSequence).ToList();

    /// <summary>Every alert in the stream after a sequence, in pages.</summary>
    public async IAsyncEnumerable<Alert> ReadAllAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await _stream.ReadAsync(afterSequence, 500, cancellationToken).ConfigureAwait(false);
            foreach (var e in page) yield return WithSequence(e);
            if (page.Count < 500) yield break;
            afterSequence = page[^1].Sequence;
        }
    }

    public async IAsyncEnumerable<Alert> SubscribeAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in _stream.SubscribeAsync(afterSequence, cancellationToken).ConfigureAwait(false))
            yield return WithSequence(e);
    }

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => _stream.GetLastSequenceAsync(cancellationToken);

    private static Alert WithSequence(StreamEvent<Alert> e) => e.Payload with { Sequence = e.Sequence };
}
