using System.Text.Json.Serialization;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Abstractions.Api;

/// <summary>
/// One page of a listing: at most <see cref="Limit"/> items, starting after the cursor a previous page gave as its
/// <see cref="SignalPage.Next"/> (none: from the start).
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.page-request")]
public sealed record PageRequest(int Limit = PageRequest.DefaultLimit, string? Cursor = null)
{
    /// <summary>A page's length when the caller names none.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The longest page a silo gives: enough to list thousands of signals in a few calls, short enough that one page is one modest response.</summary>
    public const int MaxLimit = 1000;
}

/// <summary>
/// One page of signals, in the order their grain stored them. <see cref="Total"/> counts every signal the query matches
/// at the time of this page; <see cref="Next"/> is an opaque cursor that resumes right after this page's last signal
/// (null: there is nothing after it). Signals are only ever appended, so following the cursors gives every signal once,
/// with none left out, and signals stored meanwhile come at the end.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.signal-page")]
public sealed record SignalPage(
    IReadOnlyList<Signal> Signals,
    int Total,
    // Written as null at the end, not left out: "no more" is said, not implied.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next);

public static class SignalPaging
{
    /// <summary>
    /// Every signal the query matches, however many: the pages are followed to the end, so a caller that wants the
    /// whole list never gets a cut-off one.
    /// </summary>
    public static async Task<IReadOnlyList<Signal>> GetSignalsAsync(this IAgentWatchApi api, SignalQuery query, CancellationToken cancellationToken = default)
    {
        var all = new List<Signal>();
        string? cursor = null;
        do
        {
            var page = await api.GetSignalPageAsync(query, new PageRequest(PageRequest.MaxLimit, cursor), cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Signals);
            cursor = page.Next;
        }
        while (cursor is not null);
        return all;
    }
}
