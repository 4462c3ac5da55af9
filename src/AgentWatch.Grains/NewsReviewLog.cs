using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Storage;

namespace AgentWatch.Grains;

/// <summary>
/// The news items (from feeds, files and earnings texts) waiting for the newsdesk agent's reading, in the order they
/// were stored: a durable log, each item once by its signal id, so an item read again adds nothing and an item stored
/// before a crash is still read after it. The newsdesk's place in it is kept by its cursor grain.
/// </summary>
public sealed class NewsReviewLog(ILogStore store, CompanyDirectory directory, TimeProvider time)
{
    public const string LogName = "news-review";

    /// <summary>Whether the item concerns a watched company: only those can be material to a user here.</summary>
    public bool Wants(Signal signal) => signal is News && signal.Subjects().Any(directory.IsWatched);

    /// <summary>Adds the items it does not hold yet.</summary>
    public async Task EnqueueAsync(IEnumerable<Signal> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items.Where(Wants))
            await store.AppendAsync(LogName, item.Id, time.GetUtcNow(), AgentWatchJson.Serialize(item), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(long Sequence, News Item)>> ReadAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
        (await store.ReadAsync(LogName, afterSequence, maxCount, cancellationToken).ConfigureAwait(false))
            .Select(e => (e.Sequence, (News)AgentWatchJson.Deserialize<Signal>(e.Payload))).ToList();

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => store.GetLastSequenceAsync(LogName, cancellationToken);
}
