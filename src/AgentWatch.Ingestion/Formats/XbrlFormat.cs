using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// SEC XBRL JSON: <c>companyfacts</c> (every fact of a company) and <c>companyconcept</c> (one concept). Capex is the
/// tag with the latest period end of PaymentsToAcquirePropertyPlantAndEquipment and PaymentsToAcquireProductiveAssets
/// (companies switch); operating cash flow is NetCashProvidedByUsedInOperatingActivities. Both by fiscal year and by
/// quarter: 10-Q cash-flow values are year-to-date, so a quarter is the difference of two of them, and the fourth
/// quarter is the year less nine months. <c>fy</c> and <c>fp</c> describe the filing, not the fact, so periods come from
/// the fact's own start and end. A value first filed in one filing and restated in a later one becomes a revision with
/// the later filing date. Shares outstanding (dei) become a metric, used for market-cap moves in the same ingestion.
/// </summary>
public sealed class XbrlFormat : ISourceFormat
{
    public static readonly string[] CapexTags = ["PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"];
    public const string OperatingCashFlowTag = "NetCashProvidedByUsedInOperatingActivities";
    public const string SharesTag = "EntityCommonStockSharesOutstanding";

    public string Name => "xbrl";

    /// <summary>Whether a JSON head is an SEC API document (companyfacts, companyconcept, submissions) rather than signals.</summary>
    public static bool LooksLikeSec(string lowerHead) =>
        lowerHead.Contains("\"cik\"") && (lowerHead.Contains("\"facts\"") || lowerHead.Contains("\"taxonomy\"") || lowerHead.Contains("\"filings\""));

    public bool Accepts(string path, ReadOnlySpan<byte> head) =>
        Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) && LooksLikeSec(FormatRegistry.Sniff(head));

    /// <summary>One reported value of a concept.</summary>
    private sealed record Fact(string Tag, DateOnly? Start, DateOnly End, decimal Value, string Accession, DateOnly Filed, string Form);

    public async IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(path);
        if (stream.CanSeek && stream.Length > context.Limits.MaxJsonDocumentBytes)
        {
            yield return ParsedRecord.Bad(file, $"file is {stream.Length:N0} bytes, over the JSON document limit of {context.Limits.MaxJsonDocumentBytes:N0} (Ingestion:Limits:MaxJsonDocumentBytes)");
            yield break;
        }
        JsonDocument document;
        string? parseError = null;
        try
        {
            document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            document = null!;
            parseError = $"{file}:{(ex.LineNumber ?? 0) + 1}|not valid JSON: {ex.Message.Split(" Path:")[0]}";
        }
        if (parseError is not null)
        {
            var parts = parseError.Split('|', 2);
            yield return ParsedRecord.Bad(parts[0], parts[1]);
            yield break;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cik", out var cikElement))
            {
                yield return ParsedRecord.Bad(file, "not an SEC companyfacts, companyconcept or submissions document (no \"cik\")");
                yield break;
            }
            var cik = cikElement.ValueKind == JsonValueKind.Number ? cikElement.GetInt64().ToString(CultureInfo.InvariantCulture) : cikElement.GetString() ?? "";
            var company = context.Directory.TickerForCik(cik);
            if (company is null)
                yield return ParsedRecord.Warn(file, $"CIK {cik} is not on the watchlist (config/watchlist.json, Cik); its figures are kept under CIK{cik.TrimStart('0')}");
            company ??= $"CIK{cik.TrimStart('0')}";

            if (root.TryGetProperty("filings", out _))
            {
                foreach (var record in SubmissionsFormat.Read(root, file, cik, company, context)) yield return record;
                yield break;
            }

            var facts = new Dictionary<string, List<Fact>>(StringComparer.Ordinal);
            var problems = new List<ParsedRecord>();
            if (root.TryGetProperty("facts", out var taxonomies))
            {
                foreach (var taxonomy in taxonomies.EnumerateObject())
                    foreach (var concept in taxonomy.Value.EnumerateObject())
                        if (Wanted(concept.Name)) facts[concept.Name] = ReadFacts(concept.Name, concept.Value, file, problems);
            }
            else if (root.TryGetProperty("tag", out var tag) && tag.GetString() is { } name && Wanted(name))
                facts[name] = ReadFacts(name, root, file, problems);
            foreach (var p in problems) yield return p;
            if (facts.Count == 0)
            {
                yield return ParsedRecord.Warn(file, $"no capex, operating cash flow or shares outstanding facts in it (looked for {string.Join(", ", CapexTags.Append(OperatingCashFlowTag).Append(SharesTag))})");
                yield break;
            }

            var fiscalYearEnd = context.Directory.IsKnown(company) ? context.Directory.Profile(company).FiscalYearEndMonth : 12;
            var capexTag = CapexTags.Where(facts.ContainsKey).OrderByDescending(t => facts[t].Max(f => f.End)).FirstOrDefault();
            if (capexTag is not null)
                foreach (var r in CashFlowSignals(facts[capexTag], company, cik, file, fiscalYearEnd, capex: true)) yield return r;
            if (facts.TryGetValue(OperatingCashFlowTag, out var ocf))
                foreach (var r in CashFlowSignals(ocf, company, cik, file, fiscalYearEnd, capex: false)) yield return r;
            if (facts.TryGetValue(SharesTag, out var shares))
                foreach (var r in SharesSignals(shares, company, cik, file, context)) yield return r;
        }
    }

    private static bool Wanted(string tag) => CapexTags.Contains(tag) || tag == OperatingCashFlowTag || tag == SharesTag;

    private static List<Fact> ReadFacts(string tag, JsonElement concept, string file, List<ParsedRecord> problems)
    {
        var list = new List<Fact>();
        if (!concept.TryGetProperty("units", out var units)) return list;
        foreach (var unit in units.EnumerateObject())
        {
            // Cash flows are in USD, shares in shares; anything else is not what these tags mean here.
            if (unit.Name is not ("USD" or "shares")) continue;
            var index = 0;
            foreach (var row in unit.Value.EnumerateArray())
            {
                index++;
                try
                {
                    DateOnly? start = row.TryGetProperty("start", out var s) ? DateOnly.ParseExact(s.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
                    var end = DateOnly.ParseExact(row.GetProperty("end").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var filed = DateOnly.ParseExact(row.GetProperty("filed").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    list.Add(new Fact(tag, start, end, row.GetProperty("val").GetDecimal(), row.GetProperty("accn").GetString()!, filed, row.TryGetProperty("form", out var f) ? f.GetString() ?? "" : ""));
                }
                catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
                {
                    problems.Add(ParsedRecord.Bad($"{file}: {tag} {unit.Name}[{index - 1}]", $"a fact without a valid start, end, val, accn or filed ({ex.Message})"));
                }
            }
        }
        return list;
    }

    /// <summary>A value as first filed, and each later restatement with its own filing date.</summary>
    private sealed record Reported(decimal Value, string Accession, DateOnly Filed);

    private static IEnumerable<ParsedRecord> CashFlowSignals(List<Fact> facts, string company, string cik, string file, int fiscalYearEnd, bool capex)
    {
        // Each (start, end) with its values in filing order; repeated values are one.
        var byPeriod = facts.Where(f => f.Start is not null)
            .GroupBy(f => (Start: f.Start!.Value, f.End))
            .ToDictionary(g => g.Key, g => Versions(g));

        // A fiscal year starts where a year-long fact starts, or the day after one ends: that places the latest Q1, which
        // no half-year fact continues yet.
        var yearStarts = byPeriod.Keys.Where(k => k.End.DayNumber - k.Start.DayNumber is >= 350 and <= 380)
            .SelectMany(k => new[] { k.Start, k.End.AddDays(1) }).ToHashSet();
        foreach (var ((start, end), versions) in byPeriod.OrderBy(p => p.Key.End))
        {
            var days = end.DayNumber - start.DayNumber;
            if (days is >= 350 and <= 380)
            {
                var fy = FiscalYear(end, fiscalYearEnd);
                foreach (var v in versions) yield return Make($"FY{fy}", v.Value, v, "fiscal year", start, end);
            }
            else if (days is >= 80 and <= 100 && (yearStarts.Contains(start) || byPeriod.Keys.Any(k => k.Start == start && k.End > end)))
            {
                // Cash flows are reported year to date: a three-month fact from the start of a fiscal year, or one that a
                // longer fact of the same start continues, is the fiscal year's first quarter; other three-month facts
                // (comparatives some filers add) are not.
                var fy = FiscalYear(FiscalYearEndFrom(start), fiscalYearEnd);
                foreach (var v in versions) yield return Make($"FY{fy}-Q1", v.Value, v, "quarter", start, end);
            }
        }
        // Year to date: H1 − Q1 = Q2, 9M − H1 = Q3, FY − 9M = Q4, each from the latest versions of both.
        foreach (var group in byPeriod.Keys.GroupBy(k => k.Start))
        {
            var ordered = group.OrderBy(k => k.End).ToList();
            var fy = FiscalYear(FiscalYearEndFrom(group.Key), fiscalYearEnd);
            for (var i = 1; i < ordered.Count; i++)
            {
                var (prev, cur) = (ordered[i - 1], ordered[i]);
                var months = (int)Math.Round((cur.End.DayNumber - group.Key.DayNumber) / 91.3);
                if (months is < 2 or > 4) continue;
                var previousMonths = (int)Math.Round((prev.End.DayNumber - group.Key.DayNumber) / 91.3);
                if (previousMonths != months - 1) continue;
                var latest = byPeriod[cur][^1];
                var before = byPeriod[prev][^1];
                var later = latest.Filed >= before.Filed ? latest : before;
                yield return Make($"FY{fy}-Q{months}", latest.Value - before.Value, later, $"quarter, derived: {Label(months)} less {Label(months - 1)}", prev.End.AddDays(1), cur.End);
            }
        }

        ParsedRecord Make(string period, decimal value, Reported v, string what, DateOnly from, DateOnly to)
        {
            var concept = capex ? "capex" : "ocf";
            var id = $"xbrl-{cik.TrimStart('0')}-{concept}-{period}-{v.Accession}".ToLowerInvariant();
            var source = new SourceRef(file, v.Accession, $"{(capex ? facts[0].Tag : OperatingCashFlowTag)} {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ({what})");
            var money = Money.Usd(value);
            Signal signal = capex
                ? new Capex { Id = id, Company = company, Period = Period.Parse(period), KnownOn = v.Filed, Source = source, Amount = money }
                : new OperatingCashFlow { Id = id, Company = company, Period = Period.Parse(period), KnownOn = v.Filed, Source = source, Amount = money };
            return ParsedRecord.Ok($"{file}: {period} {concept}", signal);
        }
    }

    private static List<Reported> Versions(IEnumerable<Fact> facts)
    {
        var versions = new List<Reported>();
        foreach (var f in facts.OrderBy(f => f.Filed).ThenBy(f => f.Accession, StringComparer.Ordinal))
            if (versions.Count == 0 || versions[^1].Value != f.Value) versions.Add(new Reported(f.Value, f.Accession, f.Filed));
        return versions;
    }

    private static IEnumerable<ParsedRecord> SharesSignals(List<Fact> facts, string company, string cik, string file, FormatContext context)
    {
        var latest = facts.OrderByDescending(f => f.End).ThenByDescending(f => f.Filed).FirstOrDefault();
        if (latest is not null) context.SharesOutstanding[company] = latest.Value;
        foreach (var f in facts.GroupBy(f => f.End).Select(g => g.OrderBy(x => x.Filed).First()).OrderBy(f => f.End))
        {
            yield return ParsedRecord.Ok($"{file}: shares {f.End:yyyy-MM-dd}", new Metric
            {
                Id = $"xbrl-{cik.TrimStart('0')}-shares-{f.End:yyyyMMdd}".ToLowerInvariant(),
                Company = company,
                Period = Period.Parse(f.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                KnownOn = f.Filed,
                Source = new SourceRef(file, f.Accession, $"dei:{SharesTag} {f.End:yyyy-MM-dd}"),
                Name = "shares outstanding",
                Value = f.Value,
                Unit = "shares",
            });
        }
    }

    /// <summary>The fiscal year a period ending on <paramref name="end"/> belongs to: the year it ends in, except a 52/53-week year that runs a few days into January.</summary>
    private static int FiscalYear(DateOnly end, int fiscalYearEndMonth) =>
        end.Month == 1 && end.Day <= 7 && fiscalYearEndMonth == 12 ? end.Year - 1 : end.Year;

    /// <summary>The approximate end of the fiscal year that starts on <paramref name="start"/>.</summary>
    private static DateOnly FiscalYearEndFrom(DateOnly start) => start.AddDays(364);

    private static string Label(int quarters) => quarters switch { 1 => "Q1", 2 => "first half", 3 => "nine months", _ => "full year" };
}
