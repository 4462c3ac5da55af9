using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// RSS 2.0 and Atom feeds. EDGAR's Atom feeds (latest filings, a company's filings) become filing events (form,
/// company, accession, date); news feeds become news items, classified by the lexicon in config (export controls,
/// China, chip names, tariffs, financing, capex) and linked to watched companies by name and alias. An item about
/// export controls that names a watched company is an export-control signal. Items repeated in a feed (same GUID, link
/// or title) count once, and ids come from them, so reading a feed again adds nothing. The feed's declared encoding is
/// honoured (windows-1252 feeds are real); DTDs are refused.
/// </summary>
public sealed partial class FeedFormat : ISourceFormat
{
    public string Name => "feed";

    public bool Accepts(string path, ReadOnlySpan<byte> head)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".xml" or ".rss" or ".atom")) return false;
        var text = FormatRegistry.Sniff(head);
        return text.Contains("<rss") || text.Contains("<feed") || text.Contains("<rdf:rdf");
    }

    /// <summary>One item or entry as read.</summary>
    private sealed record Item(int Line, string? Title, string? Link, string? Guid, string? Date, string? Text, string? Form, string? Accession, string? FilingDate, string? Company, string? Cik);

    public async IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(path);
        var items = new List<Item>();
        ParsedRecord? failure = null;
        string? feedDate = null, feedCompany = null, feedCik = null;
        try
        {
            using var reader = XmlReader.Create(stream, SafeXml.Settings(context.Limits));
            // A read of an element's content moves the reader past it; only otherwise is the next node read.
            var advanced = false;
            while (advanced || await reader.ReadAsync().ConfigureAwait(false))
            {
                advanced = false;
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType != XmlNodeType.Element) continue;
                switch (reader.LocalName)
                {
                    case "item" or "entry":
                        if (items.Count >= context.Limits.MaxFeedItems)
                        {
                            failure = ParsedRecord.Warn(file, $"the feed has more than {context.Limits.MaxFeedItems:N0} items (Ingestion:Limits:MaxFeedItems); the rest were not read");
                            goto done;
                        }
                        items.Add(await ReadItemAsync(reader).ConfigureAwait(false));
                        break;
                    case "lastBuildDate" or "updated" or "pubDate" when feedDate is null && reader.Depth <= 2:
                        feedDate = await SafeXml.TextAsync(reader).ConfigureAwait(false);
                        advanced = true;
                        break;
                    case "conformed-name" when feedCompany is null:
                        feedCompany = await SafeXml.TextAsync(reader).ConfigureAwait(false);
                        advanced = true;
                        break;
                    case "cik" when feedCik is null:
                        feedCik = await SafeXml.TextAsync(reader).ConfigureAwait(false);
                        advanced = true;
                        break;
                }
            }
        done:;
        }
        catch (XmlException ex)
        {
            failure = ParsedRecord.Bad(SafeXml.Where(file, ex), SafeXml.Describe(ex) + (items.Count > 0 ? $"; the {items.Count} items before it were read" : ""));
        }
        catch (DecoderFallbackException ex)
        {
            failure = ParsedRecord.Bad(file, $"the bytes do not match the feed's declared encoding ({ex.Message}); the {items.Count} items before them were read");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var record = item.Accession is not null || item.Form is not null
                ? Filing(item, file, feedCompany, feedCik, context)
                : News(item, file, feedDate, context);
            if (record is null) continue;
            // The same item twice in one feed (EDGAR lists a filing once per party) counts once.
            if (record.Signal is { } s && !seen.Add(s.Id)) continue;
            yield return record;
        }
        if (failure is not null) yield return failure;
    }

    private static async Task<Item> ReadItemAsync(XmlReader reader)
    {
        var line = SafeXml.Line(reader);
        string? title = null, link = null, guid = null, date = null, text = null, form = null, accession = null, filingDate = null, company = null, cik = null;
        await SafeXml.ForEachElementAsync(reader, async r =>
        {
            switch (r.LocalName)
            {
                case "title": title = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "link":
                    if (r.GetAttribute("href") is { } href) { link ??= href; return false; }
                    var text0 = await SafeXml.TextAsync(r).ConfigureAwait(false);
                    link ??= text0;
                    return true;
                case "guid" or "id": guid = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "pubDate" or "published" or "date": date = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "updated":
                    var updated = await SafeXml.TextAsync(r).ConfigureAwait(false);
                    date ??= updated;
                    return true;
                case "description" or "summary":
                    var summary = await SafeXml.TextAsync(r).ConfigureAwait(false);
                    text ??= summary;
                    return true;
                case "category" when r.GetAttribute("label") == "form type": form = r.GetAttribute("term"); return false;
                case "filing-type": form = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "accession-number" or "accession-nunber": accession = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "filing-date": filingDate = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "filing-href":
                    var filingHref = await SafeXml.TextAsync(r).ConfigureAwait(false);
                    link ??= filingHref;
                    return true;
                default: return false;
            }
        }).ConfigureAwait(false);
        // EDGAR's latest-filings titles: "8-K - MICROSOFT CORP (0000789019) (Filer)".
        if (title is not null && EdgarTitle().Match(title) is { Success: true } m)
        {
            form ??= m.Groups["form"].Value.Trim();
            company = m.Groups["name"].Value.Trim();
            cik = m.Groups["cik"].Value;
        }
        if (accession is null && guid is not null && AccessionInId().Match(guid) is { Success: true } a) accession = a.Groups[1].Value;
        return new Item(line, title, link, guid, date, text, form, accession, filingDate, company, cik);
    }

    private static ParsedRecord? Filing(Item item, string file, string? feedCompany, string? feedCik, FormatContext context)
    {
        var where = $"{file}:{item.Line}";
        var form = item.Form?.Trim();
        if (string.IsNullOrEmpty(form) || item.Accession is null) return ParsedRecord.Bad(where, "an EDGAR entry without a form type or an accession number");
        if (!context.Options.Filings.Forms.Contains(form, StringComparer.OrdinalIgnoreCase)) return null;
        var filed = ParseDate(item.FilingDate ?? FiledInSummary(item.Text) ?? item.Date);
        if (filed is null) return ParsedRecord.Bad(where, $"the entry for {item.Accession} has no filing date");
        var cik = item.Cik ?? feedCik;
        var name = item.Company ?? feedCompany;
        return ParsedRecord.Ok(where, new Filing
        {
            Id = $"filing-{item.Accession}".ToLowerInvariant(),
            Company = cik is null ? null : context.Directory.TickerForCik(cik),
            Period = Period.Parse(filed.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            KnownOn = filed.Value,
            Source = new SourceRef(file, item.Accession, $"entry line {item.Line}"),
            Form = form,
            Accession = item.Accession,
            Filer = name,
            Cik = cik?.TrimStart('0'),
            Url = item.Link,
        });
    }

    private static ParsedRecord? News(Item item, string file, string? feedDate, FormatContext context)
    {
        var where = $"{file}:{item.Line}";
        var title = Clean(item.Title);
        if (string.IsNullOrEmpty(title)) return ParsedRecord.Bad(where, "an item without a title");
        var date = ParseDate(item.Date) ?? ParseDate(feedDate);
        if (date is null) return ParsedRecord.Bad(where, $"the item '{Shorten(title, 80)}' has no date it was published (pubDate, published or updated)");
        var text = Clean(item.Text);
        var body = $"{title} {text}";
        var companies = context.Directory.FindMentions(body).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).Distinct().ToList();
        var topics = Topics(body, context.Options.News);
        var key = item.Guid ?? item.Link ?? title;
        var id = "news-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];
        var period = Period.Month(date.Value.Year, date.Value.Month);
        var source = new SourceRef(file, item.Link ?? item.Guid, $"item line {item.Line}");
        var note = text.Length == 0 ? null : Shorten(text, 1500);
        if (topics.Contains("export-controls") && companies.Count > 0)
        {
            var chipWords = context.Options.News.Topics.GetValueOrDefault("chips") ?? [];
            return ParsedRecord.Ok(where, new ExportControl
            {
                Id = id, Company = companies[0], Companies = companies.Count > 1 ? companies.Skip(1).ToList() : null, Period = period, KnownOn = date.Value,
                Source = source, Headline = Shorten(title, 500), Url = item.Link, Note = note,
                Region = topics.Contains("china") ? "China" : null,
                Products = chipWords.Where(w => ContainsWord(Padded(body), w)).Select(w => w.ToUpperInvariant() == w ? w : char.ToUpperInvariant(w[0]) + w[1..]).Distinct().ToList() is { Count: > 0 } p ? p : null,
            });
        }
        return ParsedRecord.Ok(where, new News
        {
            Id = id, Company = companies.FirstOrDefault(), Companies = companies.Count > 1 ? companies.Skip(1).ToList() : null, Period = period, KnownOn = date.Value,
            Source = source, Headline = Shorten(title, 500), Url = item.Link, Note = note, Topics = topics.Count > 0 ? topics : null,
        });
    }

    /// <summary>The lexicon's topics whose words the text holds.</summary>
    public static List<string> Topics(string text, NewsOptions options)
    {
        // The text is normalised once, not once per lexicon phrase.
        var normalized = Padded(text);
        return options.Topics.Where(t => t.Value.Any(w => ContainsWord(normalized, w))).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
    }

    private static string Padded(string text) => " " + CompanyDirectory.Normalize(text) + " ";

    /// <param name="padded">Text as <see cref="Padded"/> gives it.</param>
    private static bool ContainsWord(string padded, string phrase) => padded.Contains(Padded(phrase), StringComparison.Ordinal);

    /// <summary>HTML in a feed's text (tags, entities) as plain text.</summary>
    private static string Clean(string? html) =>
        html is null ? "" : Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string? FiledInSummary(string? summary) => summary is not null && FiledPattern().Match(summary) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>A feed date: RFC 822 (RSS, with or without named zones) or ISO 8601 (Atom).</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        foreach (var (zone, offset) in Zones)
            if (t.EndsWith(" " + zone, StringComparison.Ordinal)) { t = t[..^zone.Length] + offset; break; }
        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var dto))
            return DateOnly.FromDateTime(dto.UtcDateTime);
        foreach (var format in new[] { "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, dd MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz" })
            if (DateTimeOffset.TryParseExact(t, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out dto)) return DateOnly.FromDateTime(dto.UtcDateTime);
        return DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    private static readonly (string Zone, string Offset)[] Zones =
        [("GMT", "+00:00"), ("UT", "+00:00"), ("UTC", "+00:00"), ("Z", "+00:00"), ("EST", "-05:00"), ("EDT", "-04:00"), ("CST", "-06:00"), ("CDT", "-05:00"), ("PST", "-08:00"), ("PDT", "-07:00"), ("MST", "-07:00"), ("MDT", "-06:00")];

    [GeneratedRegex(@"^(?<form>[^ ].*?) - (?<name>.+) \((?<cik>\d{6,10})\) \((?<role>[^)]+)\)$")]
    private static partial Regex EdgarTitle();

    [GeneratedRegex(@"accession-number=(\d{10}-\d{2}-\d{6})")]
    private static partial Regex AccessionInId();

    [GeneratedRegex(@"Filed:\s*(?:</b>)?\s*(\d{4}-\d{2}-\d{2})")]
    private static partial Regex FiledPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
