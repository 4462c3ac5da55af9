using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentWatch.Abstractions.Grains;

namespace AgentWatch.Abstractions.Alerts;

/// <summary>
/// Follows the alert log from a sequence: catches up by reading the log, then reads again whenever the live feed says
/// a new alert is there (and, as a backstop for a push that was lost, every <see cref="Backstop"/>). Pushes are only
/// wake-ups, so a lost or repeated push never loses or repeats an alert: what comes out is every alert after the start,
/// in sequence order, each once. Silos use it for their subscribers (the SSE stream, the sentinel, webhooks) reading the
/// log directly; a client uses it reading the log through a silo.
/// </summary>
/// <param name="grains">Where the feed grain is reached and the observer is created: a silo's or a client's.</param>
/// <param name="readAfter">Reads up to a page of alerts after a sequence, in order.</param>
public sealed class AlertFollower(IGrainFactory grains, Func<long, CancellationToken, Task<IReadOnlyList<Alert>>> readAfter)
{
    /// <summary>Longest wait before reading the log again when no push came.</summary>
    public TimeSpan Backstop { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the subscription is renewed: well within the feed's expiry, and soon after the feed moved silo.</summary>
    public TimeSpan Renewal { get; init; } = TimeSpan.FromSeconds(15);

    public async IAsyncEnumerable<Alert> FollowAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var observer = new Observer(wakeups.Writer);
        var reference = grains.CreateObjectReference<IAlertObserver>(observer);
        var feed = grains.GetGrain<IAlertFeedGrain>(IAlertFeedGrain.Key);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Subscribed before the first read, so an alert logged between the read and the subscription still wakes us.
        await TrySubscribeAsync(feed, reference).ConfigureAwait(false);
        var renewing = RenewAsync(feed, reference, stop.Token);
        try
        {
            var last = afterSequence;
            while (!cancellationToken.IsCancellationRequested)
            {
                var page = await readAfter(last, cancellationToken).ConfigureAwait(false);
                foreach (var alert in page)
                {
                    if (alert.Sequence <= last) continue;
                    last = alert.Sequence;
                    yield return alert;
                }
                if (page.Count > 0) continue;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(Backstop);
                try
                {
                    await wakeups.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }
        }
        finally
        {
            stop.Cancel();
            try { await renewing.ConfigureAwait(false); } catch (OperationCanceledException) { }
            // Briefly: a follower stopping because its silo is gone must not wait out a call timeout; the feed expires it anyway.
            try { await feed.UnsubscribeAsync(reference).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (Exception) { }
            grains.DeleteObjectReference<IAlertObserver>(reference);
            // Orleans holds the object behind an object reference weakly: without this the observer is collected at the
            // first garbage collection and every push after it goes nowhere (the backstop reads would hide it, slowly).
            GC.KeepAlive(observer);
        }
    }

    private async Task RenewAsync(IAlertFeedGrain feed, IAlertObserver reference, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(Renewal, cancellationToken).ConfigureAwait(false);
            await TrySubscribeAsync(feed, reference).ConfigureAwait(false);
        }
    }

    private static async Task TrySubscribeAsync(IAlertFeedGrain feed, IAlertObserver reference)
    {
        try
        {
            await feed.SubscribeAsync(reference).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // No live pushes until the next renewal; the backstop reads keep the follower going meanwhile.
        }
    }

    private sealed class Observer(ChannelWriter<bool> wakeups) : IAlertObserver
    {
        public Task OnAlertAsync(Alert alert)
        {
            wakeups.TryWrite(true);
            return Task.CompletedTask;
        }
    }
}
