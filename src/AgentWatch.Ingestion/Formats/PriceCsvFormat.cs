using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// Daily price files: Stooq (<c>Date,Open,High,Low,Close,Volume</c>), Stooq bulk (<c>&lt;TICKER&gt;,&lt;PER&gt;,&lt;DATE&gt;,…</c>,
/// dates yyyyMMdd), Yahoo (with <c>Adj Close</c>) and yfinance (<c>Date,Close,High,Low,Open,Volume</c>), told apart by
/// their header and read by column name, never by position. A day whose close moved at least
/// <see cref="PriceOptions.MinMovePercent"/> is a price move; with shares outstanding (watchlist or XBRL) the largest
/// market-cap changes within <see cref="PriceOptions.MarketCapWindowDays"/> trading days become market-cap moves. A
/// jump that matches a share split (2-for-1, 10-for-1, …) is reported as a split, not as a crash. The file's last close,
/// with the range of closes over <see cref="PriceOptions.RangeWeeks"/> before it, is one share-price signal. The company
/// is the bulk file's ticker column, or the watched ticker in the file's name.
/// </summary>
public sealed class PriceCsvFormat : ISourceFormat
{
    private static readonly int[] SplitFactors = [2, 3, 4, 5, 8, 10, 15, 20, 25, 40, 50];

    public string Name => "prices";

    public bool Accepts(string path, ReadOnlySpan<byte> head)
    {
        if (Path.GetExtension(path).ToLowerInvariant() is not (".csv" or ".txt")) return false;
        var first = FormatRegistry.Sniff(head).Split('\n')[0];
        return (first.Contains("date") || first.Contains("<date>")) && (first.Contains("close") || first.Contains("<close>"));
    }

    private sealed record Day(int Line, DateOnly Date, decimal Close, decimal? AdjClose, decimal? Volume, string? Ticker);

    public async IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(path);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        var lines = new LimitedLineReader(reader, context.Limits.MaxLineLength);
        var header = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (header is null)
        {
            yield return ParsedRecord.Bad(file, "the file is empty");
            yield break;
        }
        var columns = header.Split(',').Select(c => c.Trim().Trim('<', '>').ToLowerInvariant()).ToList();
        int Col(params string[] names) => columns.FindIndex(c => names.Contains(c));
        var (date, close, adj, volume, ticker) = (Col("date"), Col("close"), Col("adj close", "adj_close", "adjclose"), Col("volume", "vol"), Col("ticker"));
        var missing = new List<string>();
        if (date < 0) missing.Add("Date");
        if (close < 0) missing.Add("Close");
        if (missing.Count > 0)
        {
            yield return ParsedRecord.Bad($"{file}:1", $"the header has no {string.Join(" or ", missing)} column (it has {string.Join(", ", columns)})");
            yield break;
        }

        var days = new List<Day>();
        var lineNumber = 1;
        while (true)
        {
            string? line;
            string? lineError = null;
            try
            {
                line = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                line = "";
                lineError = ex.Message;
            }
            lineNumber++;
            if (line is null) break;
            if (lineError is not null)
            {
                yield return ParsedRecord.Bad($"{file}:{lineNumber}", lineError);
                continue;
            }
            if (line.Trim().Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length < columns.Count)
            {
                yield return ParsedRecord.Bad($"{file}:{lineNumber}", $"{cells.Length} values where the header has {columns.Count} columns");
                continue;
            }
            var dateText = cells[date].Trim();
            if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "yyyyMMdd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                yield return ParsedRecord.Bad($"{file}:{lineNumber}", $"'{dateText}' is not a date");
                continue;
            }
            if (!decimal.TryParse(cells[close], NumberStyles.Float, CultureInfo.InvariantCulture, out var c) || c <= 0)
            {
                // Yahoo writes "null" for days without trading; those are not prices.
                if (cells[close].Trim() is "null" or "") continue;
                yield return ParsedRecord.Bad($"{file}:{lineNumber}", $"close '{cells[close]}' is not a positive number");
                continue;
            }
            decimal? a = adj >= 0 && decimal.TryParse(cells[adj], NumberStyles.Float, CultureInfo.InvariantCulture, out var av) && av > 0 ? av : null;
            decimal? v = volume >= 0 && decimal.TryParse(cells[volume], NumberStyles.Float, CultureInfo.InvariantCulture, out var vv) ? vv : null;
            days.Add(new Day(lineNumber, day, c, a, v, ticker >= 0 ? cells[ticker].Trim() : null));
        }
        if (days.Count == 0)
        {
            yield return ParsedRecord.Bad(file, "no prices in the file");
            yield break;
        }

        var company = Company(days[0].Ticker, file, context);
        if (company is null)
        {
            yield return ParsedRecord.Bad(file, "cannot tell which company the prices are of: name the file after a watched ticker (e.g. NVDA.csv) or use a file with a ticker column");
            yield break;
        }
        days = days.OrderBy(d => d.Date).ToList();
        var duplicates = days.GroupBy(d => d.Date).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            yield return ParsedRecord.Warn(file, $"{duplicates.Count} dates appear twice (first {duplicates[0]:yyyy-MM-dd}); the first of each is used");
            days = days.DistinctBy(d => d.Date).ToList();
        }

        var splits = new HashSet<int>();
        for (var i = 1; i < days.Count; i++)
        {
            var (prev, cur) = (days[i - 1], days[i]);
            var ratio = cur.Close / prev.Close;
            if (SplitFactor(prev, cur) is { } factor)
            {
                splits.Add(i);
                yield return ParsedRecord.Warn($"{file}:{cur.Line}", $"{company} on {cur.Date:yyyy-MM-dd}: the close went from {prev.Close} to {cur.Close}, which matches a {factor}; read as a split, not a price move");
                continue;
            }
            // The threshold applies to the change itself: 4.998 % is not a 5 % move, though it shows as 5.00.
            var exact = (ratio - 1) * 100;
            if (Math.Abs(exact) < context.Options.Prices.MinMovePercent) continue;
            var change = Math.Round(exact, 2);
            yield return ParsedRecord.Ok($"{file}:{cur.Line}", new PriceMove
            {
                Id = $"price-{company}-{cur.Date:yyyyMMdd}-{FileTag(file)}".ToLowerInvariant(),
                Company = company,
                Period = Period.Parse(cur.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                KnownOn = cur.Date,
                Source = new SourceRef(file, null, $"line {cur.Line}"),
                ChangePercent = change,
                Session = "close-to-close",
                TradingDays = 1,
                Note = $"close {prev.Close.ToString(CultureInfo.InvariantCulture)} on {prev.Date:yyyy-MM-dd}, {cur.Close.ToString(CultureInfo.InvariantCulture)} on {cur.Date:yyyy-MM-dd}",
            });
        }

        if (context.SharesOf(company) is { } shares)
            foreach (var record in MarketCapMoves(days, splits, shares, company, file, context.Options.Prices)) yield return record;
        yield return LastClose(days, splits, company, file, context.Options.Prices);
    }

    /// <summary>
    /// The file's last close with the range of closes over the weeks before it: the price level, where the moves above
    /// give only changes. One signal per file, whatever its length; a range that would run across a split starts after it.
    /// </summary>
    private static ParsedRecord LastClose(List<Day> days, HashSet<int> splits, string company, string file, PriceOptions options)
    {
        var last = days[^1];
        var from = days.FindIndex(d => d.Date > last.Date.AddDays(-7 * Math.Max(1, options.RangeWeeks)));
        if (splits.Where(i => i > from).DefaultIfEmpty(-1).Max() is var split and >= 0) from = split;
        var range = days[from..];
        var (low, high) = (range.MinBy(d => d.Close)!, range.MaxBy(d => d.Close)!);
        // Price files state no currency; the formats read are US listings' (as the market-cap moves above assume).
        return ParsedRecord.Ok($"{file}:{last.Line}", new SharePrice
        {
            Id = $"close-{company}-{last.Date:yyyyMMdd}-{FileTag(file)}".ToLowerInvariant(),
            Company = company,
            Period = Period.Day(last.Date),
            KnownOn = last.Date,
            Source = new SourceRef(file, null, $"line {last.Line}; range lines {range[0].Line}–{last.Line}"),
            Close = Money.Usd(last.Close),
            Low = Money.Usd(low.Close),
            LowOn = low.Date,
            High = Money.Usd(high.Close),
            HighOn = high.Date,
            RangeFrom = range[0].Date,
        });
    }

    /// <summary>
    /// The largest market-cap changes over the window, at least the minimum, not overlapping each other; windows across
    /// a split are left out (the share count changed with it).
    /// </summary>
    private static IEnumerable<ParsedRecord> MarketCapMoves(List<Day> days, HashSet<int> splits, decimal shares, string company, string file, PriceOptions options)
    {
        var window = options.MarketCapWindowDays;
        var candidates = new List<(int From, int To, decimal Change)>();
        for (var to = window; to < days.Count; to++)
        {
            var from = to - window;
            if (splits.Any(s => s > from && s <= to)) continue;
            var change = (days[to].Close - days[from].Close) * shares;
            if (Math.Abs(change) >= options.MinMarketCapMoveUsd) candidates.Add((from, to, change));
        }
        var taken = new List<(int From, int To)>();
        foreach (var c in candidates.OrderByDescending(c => Math.Abs(c.Change)))
        {
            if (taken.Any(t => c.From < t.To && t.From < c.To)) continue;
            taken.Add((c.From, c.To));
            var (start, end) = (days[c.From + 1].Date, days[c.To].Date);
            yield return ParsedRecord.Ok($"{file}:{days[c.To].Line}", new MarketCapMove
            {
                Id = $"mcap-{company}-{start:yyyyMMdd}-{end:yyyyMMdd}-{FileTag(file)}".ToLowerInvariant(),
                Company = company,
                Period = Period.Parse($"{start:yyyy-MM-dd}..{end:yyyy-MM-dd}"),
                KnownOn = end,
                Source = new SourceRef(file, null, $"lines {days[c.From].Line}–{days[c.To].Line}"),
                Change = Money.Usd(Math.Round(c.Change, 0)),
                TradingDays = window,
                Note = $"close {days[c.From].Close.ToString(CultureInfo.InvariantCulture)} to {days[c.To].Close.ToString(CultureInfo.InvariantCulture)} × {shares.ToString("N0", CultureInfo.InvariantCulture)} shares outstanding",
            });
        }
    }

    /// <summary>"a 10-for-1 split" when the close jumped by a split factor and the adjusted close (or the volume) says so.</summary>
    private static string? SplitFactor(Day prev, Day cur)
    {
        var ratio = cur.Close / prev.Close;
        foreach (var k in SplitFactors)
        {
            foreach (var (expected, label) in new[] { (1m / k, $"{k}-for-1 split"), ((decimal)k, $"1-for-{k} reverse split") })
            {
                if (Math.Abs(ratio / expected - 1) > 0.06m) continue;
                // The adjusted close does not jump at a split; with only a volume, the traded shares scale with it.
                if (prev.AdjClose is { } pa && cur.AdjClose is { } ca) return Math.Abs(ca / pa - 1) < 0.25m ? label : null;
                if (prev.Volume is > 0 && cur.Volume is { } cv) return cv / prev.Volume.Value * expected is > 0.2m and < 5m ? label : null;
                return k >= 3 ? label : null;
            }
        }
        return null;
    }

    /// <summary>
    /// Ids carry the file they come from (a short hash of its name): two price files of one company may disagree in
    /// the last digit, and each is a source of its own; reading the same file again gives the same ids.
    /// </summary>
    private static string FileTag(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(file)))[..8];

    private static string? Company(string? tickerColumn, string file, FormatContext context)
    {
        if (tickerColumn is { Length: > 0 })
        {
            var t = tickerColumn.Split('.')[0].ToUpperInvariant();
            if (context.Directory.IsKnown(t)) return t;
        }
        foreach (var token in Path.GetFileNameWithoutExtension(file).Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries))
            if (token == token.ToUpperInvariant() && context.Directory.IsKnown(token)) return token;
        return null;
    }
}
