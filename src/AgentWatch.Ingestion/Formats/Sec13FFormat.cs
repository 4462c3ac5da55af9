using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// SEC Form 13F-HR: the information table (any namespace spelling: default, <c>ns1:</c>, <c>n1:</c>), the cover page
/// (<c>primary_doc.xml</c>), and whole submissions (.txt, .nc) that hold both. Rows are grouped by CUSIP and put/call:
/// put and call rows become option positions of the filer (underlying shares, notional), share rows holdings. Values are
/// dollars in filings from 2023-01-03 on, thousands before. The table is checked against the cover page's entry count
/// and value total; a mismatch is a warning on the signals, not a rejection. CUSIPs map to watched tickers through the
/// watchlist; other issuers are kept by name. Cover page and table are told by their root elements, not their names,
/// and a table is read with the cover page of its filing in the same folder (<see cref="EdgarFolder"/> pairs them by
/// accession or, one filing to a folder, by folder); a cover page on its own becomes a filing event. After a table's positions comes its filing event,
/// which counts them, so that the filer's grain can tell when a quarter is whole and name the positions it closed.
/// </summary>
public sealed partial class Sec13FFormat : ISourceFormat
{
    private static readonly DateOnly DollarsFrom = new(2023, 1, 3);

    public string Name => "13f";

    public bool Accepts(string path, ReadOnlySpan<byte> head) => EdgarFolder.Classify(path, head) is EdgarPart.Cover or EdgarPart.Table or EdgarPart.Submission;

    public async IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(path);
        // What the file is decides how it is read, not its name: EDGAR names tables as the filer agent likes.
        var part = await PartAsync(path, stream, cancellationToken).ConfigureAwait(false);
        if (part is EdgarPart.Submission)
        {
            await foreach (var record in SubmissionAsync(stream, file, context, cancellationToken).ConfigureAwait(false))
                yield return record;
            yield break;
        }

        var reader = XmlReader.Create(stream, SafeXml.Settings(context.Limits));
        var root = await RootAsync(reader, file).ConfigureAwait(false);
        if (root.Error is { } rootError)
        {
            yield return rootError;
            yield break;
        }
        var folder = EdgarFolder.Of(path, EdgarFolder.AccessionInName(file));
        var self = folder.Find(path) ?? new EdgarFolder.Member(Path.GetFullPath(path), part, EdgarFolder.AccessionInName(file), "its file name");
        if (root.Name == "edgarSubmission")
        {
            var (cover, coverError) = await ReadCoverAsync(reader, file, 0).ConfigureAwait(false);
            if (coverError is not null) yield return coverError;
            // With its table beside it, the table's reading gives the filing, with the count of its positions.
            else if (!folder.HasTable(self))
                yield return FilingOf(cover!, new Header(self.Accession, folder.FiledOn(self.Accession)), file, context);
            yield break;
        }
        var (pair, problem) = folder.CoverOf(self);
        if (pair is null)
        {
            yield return ParsedRecord.Bad(file, problem!);
            yield break;
        }
        Cover? siblingCover;
        var coverFile = Path.GetFileName(pair.Path);
        await using (var coverStream = File.OpenRead(pair.Path))
        {
            var coverReader = XmlReader.Create(coverStream, SafeXml.Settings(context.Limits));
            var coverRoot = await RootAsync(coverReader, coverFile).ConfigureAwait(false);
            ParsedRecord? error = coverRoot.Error;
            siblingCover = null;
            if (error is null) (siblingCover, error) = await ReadCoverAsync(coverReader, coverFile, 0).ConfigureAwait(false);
            if (error is not null)
            {
                yield return error;
                yield break;
            }
        }
        var accession = self.Accession ?? pair.Accession;
        if (accession is null)
            yield return ParsedRecord.Warn(file, $"paired with {coverFile} by folder, but no file name, folder name or EDGAR index here gives the accession number: " +
                                                 "its signals are named by filer and period, so the same filing read with its accession later is stored again");
        await foreach (var record in TableRecordsAsync(reader, file, 0, siblingCover!, new Header(accession, folder.FiledOn(accession)), context, cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    /// <summary>What the file holds, from its first bytes; the stream is put back at its start.</summary>
    private static async Task<EdgarPart> PartAsync(string path, Stream stream, CancellationToken cancellationToken)
    {
        // Files are opened seekable; a stream that is not can only be told by its name.
        if (!stream.CanSeek) return Path.GetExtension(path).Equals(".xml", StringComparison.OrdinalIgnoreCase) ? EdgarPart.Table : EdgarPart.Submission;
        var head = new byte[FormatRegistry.HeadBytes];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        return EdgarFolder.Classify(path, head.AsSpan(0, read));
    }

    /// <summary>A whole submission: the SEC header, then documents whose &lt;XML&gt; blocks hold the cover page and the table.</summary>
    private async IAsyncEnumerable<ParsedRecord> SubmissionAsync(Stream stream, string file, FormatContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        var scanner = new SgmlScanner(text);
        var headerText = await scanner.ReadUntilAsync("<XML>", cancellationToken).ConfigureAwait(false);
        if (headerText is null)
        {
            yield return ParsedRecord.Bad(file, "a 13F submission holds XML documents between <XML> and </XML>; this file has none");
            yield break;
        }
        var header = Header.Parse(headerText) ?? new Header(AccessionFromName(file), null);
        Cover? cover = null;
        var blocks = 0;
        while (true)
        {
            blocks++;
            var block = new XmlBlockReader(scanner, "</XML>");
            block.SkipLeadingWhitespace();
            var startLine = scanner.Line;
            var reader = XmlReader.Create(block, SafeXml.Settings(context.Limits));
            var root = await RootAsync(reader, file, startLine - 1).ConfigureAwait(false);
            if (root.Error is { } error)
            {
                yield return error;
                yield break;
            }
            if (root.Name == "edgarSubmission")
            {
                ParsedRecord? coverError;
                (cover, coverError) = await ReadCoverAsync(reader, file, startLine - 1).ConfigureAwait(false);
                if (coverError is not null)
                {
                    yield return coverError;
                    yield break;
                }
            }
            else if (root.Name == "informationTable")
            {
                if (cover is null)
                {
                    yield return ParsedRecord.Bad($"{file}:{startLine}", "the information table comes before any cover page; the submission is not a 13F-HR as the SEC files it");
                    yield break;
                }
                await foreach (var record in TableRecordsAsync(reader, file, startLine - 1, cover, header, context, cancellationToken).ConfigureAwait(false))
                    yield return record;
            }
            block.SkipRest();
            if (await scanner.ReadUntilAsync("<XML>", cancellationToken).ConfigureAwait(false) is null) break;
        }
        if (cover is not null && blocks == 1) yield return FilingOf(cover, header, file, context);
    }

    private sealed record Root(string? Name, ParsedRecord? Error);

    private static async Task<Root> RootAsync(XmlReader reader, string file, int lineOffset = 0)
    {
        try
        {
            while (await reader.ReadAsync().ConfigureAwait(false))
                if (reader.NodeType == XmlNodeType.Element) return new Root(reader.LocalName, null);
            return new Root(null, ParsedRecord.Bad(file, "no XML element found"));
        }
        catch (XmlException ex)
        {
            return new Root(null, ParsedRecord.Bad(SafeXml.Where(file, ex, lineOffset), SafeXml.Describe(ex)));
        }
    }

    /// <summary>What the cover page says: who filed, for which quarter, and the table's size and value.</summary>
    private sealed record Cover(string FilerName, string? Cik, DateOnly Period, string Form, DateOnly? Signed, string? SchemaVersion, int? Entries, decimal? ValueTotal);

    private static async Task<(Cover?, ParsedRecord?)> ReadCoverAsync(XmlReader reader, string file, int lineOffset)
    {
        string? name = null, cik = null, period = null, form = null, signed = null, schema = null, entries = null, total = null;
        var inManager = false;
        try
        {
            await SafeXml.ForEachElementAsync(reader, async r =>
            {
                switch (r.LocalName)
                {
                    case "schemaVersion": schema = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "submissionType": form = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "cik" when cik is null: cik = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "reportCalendarOrQuarter": period = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "periodOfReport" when period is null: period = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "filingManager": inManager = true; return false;
                    case "name" when inManager && name is null: name = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "signatureDate": signed = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "tableEntryTotal": entries = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    case "tableValueTotal": total = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                    default: return false;
                }
            }).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            return (null, ParsedRecord.Bad(SafeXml.Where(file, ex, lineOffset), SafeXml.Describe(ex)));
        }
        if (name is null) return (null, ParsedRecord.Bad(file, "the cover page names no filing manager (<filingManager><name>)"));
        if (period is null || !TryDate(period, out var day)) return (null, ParsedRecord.Bad(file, $"the cover page's report period '{period}' is not a date (MM-DD-YYYY)"));
        DateOnly? signedOn = signed is not null && TryDate(signed, out var s) ? s : null;
        int? entryCount = int.TryParse(entries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) ? e : null;
        decimal? valueTotal = decimal.TryParse(total, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;
        return (new Cover(name, cik, day, form ?? "13F-HR", signedOn, schema, entryCount, valueTotal), null);
    }

    /// <summary>One row of the information table, as written.</summary>
    private sealed record Row(int Line, string Issuer, string Cusip, decimal Value, decimal Shares, string ShareType, string? PutCall);

    private async IAsyncEnumerable<ParsedRecord> TableRecordsAsync(XmlReader reader, string file, int lineOffset, Cover cover, Header header, FormatContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var groups = new Dictionary<(string Cusip, string? PutCall), Group>();
        var rows = 0;
        decimal valueSum = 0;
        var broken = false;
        var pending = new List<ParsedRecord>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Row? row = null;
            string? rowError = null;
            var rowLine = 0;
            try
            {
                if (!await NextRowAsync(reader).ConfigureAwait(false)) break;
                rowLine = SafeXml.Line(reader) + lineOffset;
                rows++;
                (row, rowError) = await ReadRowAsync(reader, rowLine).ConfigureAwait(false);
            }
            catch (XmlException ex)
            {
                pending.Add(ParsedRecord.Bad(SafeXml.Where(file, ex, lineOffset), SafeXml.Describe(ex) + "; the rows before it were read"));
                broken = true;
                break;
            }
            if (rowError is not null)
            {
                pending.Add(ParsedRecord.Bad($"{file}:{rowLine}", rowError));
                continue;
            }
            valueSum += row!.Value;
            var key = (row.Cusip, row.PutCall);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = new Group(row);
            else group.Add(row);
        }
        foreach (var p in pending) yield return p;

        var filed = header.Filed ?? cover.Signed;
        var inDollars = filed is { } f ? f >= DollarsFrom : cover.SchemaVersion == "X0202" || cover.Period >= new DateOnly(2022, 12, 31);
        if (!inDollars && LooksLikeDollars(groups))
        {
            // Some filers wrote dollars before the rule changed (KAHN's Q1 2022 table does): read as thousands, their
            // shares would be priced in the tens of thousands of dollars each. Say so rather than inflate them 1,000 times.
            inDollars = true;
            yield return ParsedRecord.Warn(file, "filed before 2023-01-03, when 13F values were in thousands, but read as thousands the median share would cost over $10,000: read as dollars");
        }
        var accession = header.Accession ?? AccessionFromName(file) ?? $"{Slug(cover.FilerName)}-{cover.Period:yyyyMMdd}";
        var warning = broken ? null : TotalsWarning(cover, rows, valueSum, inDollars);
        if (warning is not null) yield return ParsedRecord.Warn(file, warning);

        var filer = FilerKeyOf(cover, header, context);
        var knownOn = filed ?? cover.Period.AddDays(45);
        var period = Period.Parse(cover.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var ((cusip, putCall), group) in groups)
        {
            var ticker = context.Directory.TickerForCusip(cusip);
            var value = Money.Usd(inDollars ? group.Value : group.Value * 1000);
            var id = $"13f-{accession}-{cusip}-{(putCall ?? "sh")}".ToLowerInvariant();
            var source = new SourceRef(file, accession, group.Rows == 1 ? $"infoTable line {group.FirstLine}" : $"{group.Rows} infoTable rows from line {group.FirstLine}");
            Signal signal = putCall is null
                ? new Holding { Id = id, Company = ticker, Period = period, KnownOn = knownOn, Source = source, Filer = filer, Shares = group.Shares, Value = value, Cusip = cusip, Issuer = ticker is null ? group.Issuer : null, Note = warning }
                : new OptionPosition
                {
                    Id = id, Company = ticker, Period = period, KnownOn = knownOn, Source = source, Filer = filer, PutCall = putCall == "PUT" ? PutCall.Put : PutCall.Call,
                    Shares = group.Shares, Notional = value, Cusip = cusip, Issuer = ticker is null ? group.Issuer : null, Note = warning,
                };
            yield return ParsedRecord.Ok($"{file}:{group.FirstLine}", signal);
        }
        // The filing event comes last and counts the positions: once that many are stored, the table is known whole,
        // and positions of the previous quarter that are missing from it were closed. A table read only in part
        // claims no count, so nothing is taken for closed.
        var filingEvent = (Filing)FilingOf(cover, header with { Accession = accession, Filed = filed }, file, context).Signal!;
        yield return ParsedRecord.Ok(file, filingEvent with { Positions = broken || pending.Count > 0 ? null : groups.Count, Note = filingEvent.Note + (warning is null ? "" : "; " + warning) });
    }

    private static string FilerKeyOf(Cover cover, Header header, FormatContext context) =>
        context.Directory.FilerForCik(cover.Cik ?? header.Cik ?? "")?.Key ?? context.Directory.Filer(cover.FilerName)?.Key ?? Slug(cover.FilerName);

    /// <summary>Rows that share a CUSIP and put/call add up: a filer may split one position over several rows (managers, discretion).</summary>
    private sealed class Group(Row first)
    {
        public string Issuer { get; } = first.Issuer;
        public int FirstLine { get; } = first.Line;
        public decimal Value { get; private set; } = first.Value;
        public decimal Shares { get; private set; } = first.Shares;
        public int Rows { get; private set; } = 1;

        public void Add(Row row)
        {
            Value += row.Value;
            Shares += row.Shares;
            Rows++;
        }
    }

    /// <summary>Whether share rows priced as thousands would cost more than $10,000 a share, at the median.</summary>
    private static bool LooksLikeDollars(Dictionary<(string Cusip, string? PutCall), Group> groups)
    {
        var prices = groups.Where(g => g.Key.PutCall is null && g.Value.Shares > 0).Select(g => g.Value.Value * 1000 / g.Value.Shares).Order().ToList();
        return prices.Count > 0 && prices[prices.Count / 2] > 10_000;
    }

    private static string? TotalsWarning(Cover cover, int rows, decimal valueSum, bool inDollars)
    {
        var problems = new List<string>();
        if (cover.Entries is { } entries && entries != rows) problems.Add($"the cover page counts {entries:N0} entries, the table has {rows:N0}");
        if (cover.ValueTotal is { } total && total != valueSum)
            problems.Add($"the cover page's value total is {total:N0}, the rows add up to {valueSum:N0} ({(inDollars ? "dollars" : "thousands of dollars")})");
        return problems.Count == 0 ? null : $"13F totals disagree: {string.Join("; ", problems)}";
    }

    private static async Task<bool> NextRowAsync(XmlReader reader)
    {
        while (await reader.ReadAsync().ConfigureAwait(false))
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "infoTable") return true;
        return false;
    }

    private static async Task<(Row?, string?)> ReadRowAsync(XmlReader reader, int line)
    {
        // The reader is on <infoTable>; its children are read in one pass.
        string? issuer = null, cusip = null, value = null, shares = null, shareType = null, putCall = null;
        await SafeXml.ForEachElementAsync(reader, async r =>
        {
            switch (r.LocalName)
            {
                case "nameOfIssuer": issuer = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "cusip": cusip = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "value": value = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "sshPrnamt": shares = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "sshPrnamtType": shareType = await SafeXml.TextAsync(r).ConfigureAwait(false); return true;
                case "putCall": putCall = (await SafeXml.TextAsync(r).ConfigureAwait(false)).ToUpperInvariant(); return true;
                default: return false;
            }
        }).ConfigureAwait(false);
        if (string.IsNullOrEmpty(cusip)) return (null, "infoTable row without a <cusip>");
        if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) || v < 0) return (null, $"infoTable row {cusip}: <value> '{value}' is not a non-negative number");
        if (!decimal.TryParse(shares, NumberStyles.Number, CultureInfo.InvariantCulture, out var s) || s < 0) return (null, $"infoTable row {cusip}: <sshPrnamt> '{shares}' is not a non-negative number");
        if (putCall is not (null or "" or "PUT" or "CALL")) return (null, $"infoTable row {cusip}: <putCall> '{putCall}' is neither Put nor Call");
        return (new Row(line, issuer ?? cusip, cusip, v, s, shareType ?? "SH", string.IsNullOrEmpty(putCall) ? null : putCall), null);
    }

    private static ParsedRecord FilingOf(Cover cover, Header header, string file, FormatContext context)
    {
        var accession = header.Accession ?? $"{Slug(cover.FilerName)}-{cover.Period:yyyyMMdd}";
        var day = header.Filed ?? cover.Signed ?? cover.Period.AddDays(45);
        return ParsedRecord.Ok(file, new Filing
        {
            Id = $"filing-{accession}".ToLowerInvariant(),
            Period = Period.Parse(cover.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            KnownOn = day,
            Source = new SourceRef(file, accession, "cover page"),
            Form = cover.Form,
            Accession = accession,
            Filer = cover.FilerName,
            FilerKey = FilerKeyOf(cover, header, context),
            Cik = cover.Cik,
            Company = cover.Cik is { } cik ? context.Directory.TickerForCik(cik) : null,
            Note = $"{cover.Entries?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} entries, value total {cover.ValueTotal?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"}",
        });
    }

    private static string? AccessionFromName(string file) => EdgarFolder.AccessionInName(file);

    private static bool TryDate(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), ["MM-dd-yyyy", "yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static string Slug(string name) => SlugPattern().Replace(name.ToLowerInvariant(), "-").Trim('-');

    /// <summary>The SEC header of a submission: accession number, filing date, filer CIK.</summary>
    internal sealed partial record Header(string? Accession, DateOnly? Filed, string? Cik = null)
    {
        public static Header? Parse(string text)
        {
            var accession = HeaderField(text, "ACCESSION NUMBER:", "<ACCESSION-NUMBER>");
            var filed = HeaderField(text, "FILED AS OF DATE:", "<FILING-DATE>");
            var cik = HeaderField(text, "CENTRAL INDEX KEY:", "<CIK>");
            if (accession is null && filed is null) return null;
            return new Header(accession, filed is not null && TryDate(filed, out var d) ? d : null, cik);
        }

        private static string? HeaderField(string text, params string[] labels)
        {
            foreach (var label in labels)
            {
                var at = text.IndexOf(label, StringComparison.OrdinalIgnoreCase);
                if (at < 0) continue;
                var value = ValuePattern().Match(text, at + label.Length);
                if (value.Success) return value.Groups[1].Value;
            }
            return null;
        }

        [GeneratedRegex(@"\G\s*([0-9A-Za-z\-]+)")]
        private static partial Regex ValuePattern();
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex SlugPattern();
}
