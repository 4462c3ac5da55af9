using System.Buffers.Text;
using System.Globalization;
using System.Text;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Silo;

/// <summary>
/// Where a page of signals ends: the timeline it reads (a company, a filer or the market), the filters it was asked
/// with, and the position in that timeline to go on from. Opaque to callers (base64url); the query is part of it so a
/// cursor passed back with other filters is refused instead of resuming in the wrong list.
/// </summary>
internal sealed record SignalCursor(string Timeline, string Filters, int Position)
{
    private const string Version = "s1";

    public static string FiltersOf(SignalQuery query) =>
        string.Join('|', query.Kind?.Id() ?? "", query.Year?.ToString(CultureInfo.InvariantCulture) ?? "",
            query.AsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Version, Timeline, Filters, Position.ToString(CultureInfo.InvariantCulture))));

    /// <summary>The cursor a page gave, checked against the query it is passed back with.</summary>
    public static SignalCursor Decode(string cursor, string timeline, SignalQuery query)
    {
        var parts = TryText(cursor)?.Split('\n');
        if (parts is not [Version, var t, var f, var p] || !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            throw new ArgumentException($"cursor '{Shorten(cursor)}' is not one this API gave out: pass back a page's \"next\" unchanged, or leave cursor out to start at the first page.", nameof(cursor));
        if (t != timeline || f != FiltersOf(query))
            throw new ArgumentException("cursor was given out for another query: pass it back with the same company, filer, kind, year and asOf, or leave cursor out to start at the first page.", nameof(cursor));
        return new SignalCursor(t, f, position);
    }

    private static string? TryText(string cursor)
    {
        if (cursor.Length > 512) return null;
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
