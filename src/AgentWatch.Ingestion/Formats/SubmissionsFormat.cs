using System.Globalization;
using System.Text.Json;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// SEC submissions JSON (data.sec.gov/submissions/CIK….json): the recent filings as parallel arrays under
/// <c>filings.recent</c>. Filings of the forms in <see cref="FilingOptions.Forms"/> become filing events; the rest
/// (insider forms, registrations) are left out.
/// </summary>
public static class SubmissionsFormat
{
    public static IEnumerable<ParsedRecord> Read(JsonElement root, string file, string cik, string company, FormatContext context)
    {
        if (!root.TryGetProperty("filings", out var filings) || !filings.TryGetProperty("recent", out var recent))
        {
            yield return ParsedRecord.Bad(file, "a submissions document without filings.recent");
            yield break;
        }
        string[] Column(string name) => recent.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.ToString()).ToArray() : [];
        var accessions = Column("accessionNumber");
        var forms = Column("form");
        var filed = Column("filingDate");
        var reports = Column("reportDate");
        var documents = Column("primaryDocument");
        var descriptions = Column("primaryDocDescription");
        if (forms.Length != accessions.Length || filed.Length != accessions.Length)
        {
            yield return ParsedRecord.Bad(file, $"filings.recent's arrays differ in length (accessionNumber {accessions.Length}, form {forms.Length}, filingDate {filed.Length})");
            yield break;
        }
        var wanted = context.Options.Filings.Forms.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var name = root.TryGetProperty("name", out var n) ? n.GetString() : null;
        for (var i = 0; i < accessions.Length; i++)
        {
            if (!wanted.Contains(forms[i])) continue;
            var where = $"{file}: filings.recent[{i}]";
            if (!DateOnly.TryParseExact(filed[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var filedOn))
            {
                yield return ParsedRecord.Bad(where, $"filingDate '{filed[i]}' is not a date");
                continue;
            }
            var report = i < reports.Length && DateOnly.TryParseExact(reports[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var r) ? r : filedOn;
            var document = i < documents.Length ? documents[i] : "";
            yield return ParsedRecord.Ok(where, new Filing
            {
                Id = $"filing-{accessions[i]}".ToLowerInvariant(),
                Company = context.Directory.IsKnown(company) ? company : null,
                Period = Period.Parse(report.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                KnownOn = filedOn,
                Source = new SourceRef(file, accessions[i], $"filings.recent[{i}]"),
                Form = forms[i],
                Accession = accessions[i],
                Filer = name,
                Cik = cik.TrimStart('0'),
                Url = document.Length == 0 ? null : $"https://www.sec.gov/Archives/edgar/data/{cik.TrimStart('0')}/{accessions[i].Replace("-", "", StringComparison.Ordinal)}/{document}",
                Note = i < descriptions.Length && descriptions[i].Length > 0 ? descriptions[i] : null,
            });
        }
    }
}

/// <summary>Which SEC forms become filing events (configuration section <c>Ingestion:Filings</c>).</summary>
public sealed class FilingOptions
{
    public const string SectionName = "Ingestion:Filings";

    public List<string> Forms { get; set; } = ["10-K", "10-K/A", "10-Q", "10-Q/A", "8-K", "20-F", "40-F", "6-K", "13F-HR", "13F-HR/A", "SC 13D", "SC 13D/A", "SC 13G", "SC 13G/A", "SCHEDULE 13D", "SCHEDULE 13D/A", "SCHEDULE 13G", "SCHEDULE 13G/A", "S-1"];
}
