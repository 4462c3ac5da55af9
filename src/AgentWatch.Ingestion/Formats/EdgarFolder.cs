using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentWatch.Ingestion.Formats;

/// <summary>What a file is to a 13F filing, told by its content (and, for EDGAR's index files, by its name).</summary>
internal enum EdgarPart
{
    None,
    /// <summary>The cover page: root <c>edgarSubmission</c> in the 13F filer namespace (EDGAR names it primary_doc.xml).</summary>
    Cover,
    /// <summary>The information table: root <c>informationTable</c> in the 13F namespace, under any name (infotable.xml, 46994.xml, …).</summary>
    Table,
    /// <summary>A whole submission (.txt, .nc): SGML around both documents.</summary>
    Submission,
    /// <summary>EDGAR's index of a filing: <c>ACCESSION-index.htm</c>, <c>ACCESSION-index-headers.html</c>, <c>index.json</c>.</summary>
    Index,
}

/// <summary>
/// The 13F filings one folder holds, as EDGAR serves them: a filing's folder is named by its accession number
/// (<c>000090445426000248</c>), holds <c>primary_doc.xml</c>, the information table under a name of the filer agent's
/// choosing and index files naming the accession, the filing date and the documents. Copies people keep may put several
/// filings in one folder with the accession in the file names instead. Each cover page and table here gets the accession
/// the nearest source gives: its own file name, an index that lists it, the folder's name, or the one accession the
/// folder's files name between them; then tables are paired with cover pages by accession, and a folder with one cover
/// page is one filing.
/// </summary>
internal sealed partial class EdgarFolder
{
    private const string TableNamespace = "http://www.sec.gov/edgar/document/thirteenf/informationtable";
    private const string CoverNamespace = "http://www.sec.gov/edgar/thirteenffiler";

    /// <summary>An index file is small (EDGAR's are a few KB); more than this is not one.</summary>
    private const int MaxIndexBytes = 1024 * 1024;

    /// <summary>A cover page or table, with the accession it belongs to and where that came from ("its file name", "index.json").</summary>
    public sealed record Member(string Path, EdgarPart Part, string? Accession, string? AccessionFrom);

    /// <summary>What an index (or a whole submission's SEC header) says about one accession.</summary>
    private sealed record Listing(string Source, string? Accession, DateOnly? Filed, IReadOnlySet<string> Files);

    private readonly List<Member> _members;
    private readonly List<Listing> _listings;

    private EdgarFolder(List<Member> members, List<Listing> listings)
    {
        _members = members;
        _listings = listings;
    }

    public static EdgarPart Classify(string path, ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        if (IsIndexName(Path.GetFileName(path)) && LooksLikeIndex(Path.GetFileName(path), text)) return EdgarPart.Index;
        if (RootOf(text) is { } root)
        {
            if (root.Local == "informationTable" && string.Equals(root.Namespace, TableNamespace, StringComparison.OrdinalIgnoreCase)) return EdgarPart.Table;
            if (root.Local == "edgarSubmission" && string.Equals(root.Namespace, CoverNamespace, StringComparison.OrdinalIgnoreCase)) return EdgarPart.Cover;
        }
        var lower = text.ToLowerInvariant();
        return Path.GetExtension(path).ToLowerInvariant() is ".txt" or ".nc" && (lower.Contains("<sec-document>") || lower.Contains("<submission>")) && lower.Contains("13f")
            ? EdgarPart.Submission
            : EdgarPart.None;
    }

    /// <summary>
    /// The folder of <paramref name="path"/>, read for its filings. Files whose names carry an accession other than
    /// <paramref name="accession"/> belong to other filings and are not opened, so a folder of many named filings costs
    /// each file a look at its own few companions.
    /// </summary>
    public static EdgarFolder Of(string path, string? accession)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var members = new List<(string Path, EdgarPart Part, string? Named)>();
        var listings = new List<Listing>();
        var namedHere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var inName = AccessionInName(System.IO.Path.GetFileName(file));
            if (inName is not null) namedHere.Add(inName);
            var isIndex = IsIndexName(System.IO.Path.GetFileName(file));
            if (!isIndex && accession is not null && inName is not null && inName != accession) continue;
            var ext = System.IO.Path.GetExtension(file).ToLowerInvariant();
            if (!isIndex && ext is not (".xml" or ".txt" or ".nc")) continue;
            byte[] head;
            try
            {
                head = ReadHead(file, isIndex ? MaxIndexBytes : FormatRegistry.HeadBytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // An unreadable companion is reported when its own turn comes; here it is simply not one.
                continue;
            }
            var part = Classify(file, head);
            switch (part)
            {
                case EdgarPart.Cover or EdgarPart.Table:
                    members.Add((file, part, inName));
                    break;
                case EdgarPart.Index:
                    listings.Add(ReadIndex(System.IO.Path.GetFileName(file), Encoding.Latin1.GetString(head)));
                    break;
                case EdgarPart.Submission:
                    // A whole submission beside the documents gives their accession and filing date, as an index does.
                    var header = Sec13FFormat.Header.Parse(Encoding.Latin1.GetString(head));
                    listings.Add(new Listing(System.IO.Path.GetFileName(file), header?.Accession ?? inName, header?.Filed, new HashSet<string>()));
                    break;
            }
        }

        var folderName = System.IO.Path.GetFileName(folder);
        var fromFolder = AccessionInFolderName(folderName);
        // The one accession the folder's files name between them (a submission 0001649339-25-000007.txt, an index):
        // the folder is that filing's, whatever the folder itself is called.
        var named = namedHere.Concat(listings.Select(l => l.Accession)).OfType<string>().Distinct().ToList();
        var sole = named.Count == 1 ? named[0] : null;
        var resolved = members.Select(m =>
        {
            var name = System.IO.Path.GetFileName(m.Path);
            if (m.Named is { } n) return new Member(m.Path, m.Part, n, "its file name");
            if (listings.FirstOrDefault(l => l.Accession is not null && l.Files.Contains(name)) is { } listing) return new Member(m.Path, m.Part, listing.Accession, listing.Source);
            if (fromFolder is not null) return new Member(m.Path, m.Part, fromFolder, $"the folder's name '{folderName}'");
            if (sole is not null) return new Member(m.Path, m.Part, sole, "the file names beside it");
            return new Member(m.Path, m.Part, null, null);
        }).ToList();
        return new EdgarFolder(resolved, listings);
    }

    public Member? Find(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return _members.FirstOrDefault(m => m.Path == full);
    }

    /// <summary>The day an index or whole submission beside the documents says the filing was filed.</summary>
    public DateOnly? FiledOn(string? accession) =>
        accession is null ? null : _listings.FirstOrDefault(l => l.Accession == accession && l.Filed is not null)?.Filed;

    /// <summary>The cover page of a table, or why there is none to be sure of.</summary>
    public (Member? Cover, string? Problem) CoverOf(Member table)
    {
        var covers = _members.Where(m => m.Part == EdgarPart.Cover).ToList();
        if (table.Accession is { } accession)
        {
            var same = covers.Where(c => c.Accession == accession).ToList();
            if (same.Count == 1) return (same[0], null);
            if (same.Count > 1)
                return (null, $"{same.Count} cover pages here have accession {accession} ({Names(same)}); keep one");
        }
        // Cover pages that no table claims by accession: with one of them, the folder is one filing.
        var open = covers.Where(c => c.Accession is null || !_members.Any(t => t.Part == EdgarPart.Table && t.Accession == c.Accession)).ToList();
        if (open.Count == 1 && (open[0].Accession is null || table.Accession is null || open[0].Accession == table.Accession)) return (open[0], null);
        var known = table.Accession is null ? "" : $" (accession {table.Accession}, from {table.AccessionFrom})";
        if (covers.Count == 0)
            return (null, $"an information table{known} alone has no filer or period: put its cover page (primary_doc.xml) in the same folder, or ingest the whole submission (.txt)");
        if (open.Count == 1)
            return (null, $"this information table{known} and the only cover page here, {System.IO.Path.GetFileName(open[0].Path)} (accession {open[0].Accession}, from {open[0].AccessionFrom}), are of different filings");
        return (null, $"this folder holds {covers.Count} cover pages ({Names(covers)}) and nothing says which is this information table's{known}: " +
                      "keep each filing in a folder of its own (named by its accession number, as EDGAR serves them), put the accession number in the file names " +
                      "(0000904454-26-000248-primary_doc.xml), or keep EDGAR's index file (ACCESSION-index.htm, index.json) beside them");
    }

    /// <summary>The tables that pair with a cover page: when there are any, they give the filing and the cover page gives nothing of its own.</summary>
    public bool HasTable(Member cover) =>
        _members.Any(t => t.Part == EdgarPart.Table && CoverOf(t).Cover?.Path == cover.Path);

    private static string Names(IEnumerable<Member> members) => string.Join(", ", members.Select(m => System.IO.Path.GetFileName(m.Path)));

    private static byte[] ReadHead(string file, int max)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[max];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..read];
    }

    /// <summary>The root element's local name and namespace, from the start of an XML document; null when the text does not start as XML.</summary>
    internal static (string Local, string? Namespace)? RootOf(string text)
    {
        var i = text.StartsWith("\u00EF\u00BB\u00BF", StringComparison.Ordinal) ? 3 : text.StartsWith('\uFEFF') ? 1 : 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] != '<') return null;
            if (text.AsSpan(i).StartsWith("<?")) i = After(text, i, "?>");
            else if (text.AsSpan(i).StartsWith("<!--")) i = After(text, i, "-->");
            else if (text.AsSpan(i).StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                // A DTD may hold an internal subset in brackets, with '>' inside; the document is refused later, by the reader.
                var bracket = text.IndexOf('[', i);
                var close = text.IndexOf('>', i);
                if (bracket >= 0 && (close < 0 || bracket < close))
                {
                    var shut = text.IndexOf(']', bracket);
                    i = shut < 0 ? -1 : After(text, shut, ">");
                }
                else i = close < 0 ? -1 : close + 1;
            }
            else break;
            if (i < 0) return null;
        }
        var end = text.IndexOf('>', i);
        if (end < 0) return null;
        var tag = text[(i + 1)..end];
        var name = TagName().Match(tag);
        if (!name.Success) return null;
        var prefix = name.Groups["prefix"].Success ? name.Groups["prefix"].Value : null;
        string? ns = null;
        foreach (Match attribute in NamespaceDeclaration().Matches(tag))
            if ((attribute.Groups["prefix"].Success ? attribute.Groups["prefix"].Value : null) == prefix) ns = attribute.Groups["uri"].Value;
        return (name.Groups["local"].Value, ns);
    }

    private static int After(string text, int from, string marker)
    {
        var at = text.IndexOf(marker, from, StringComparison.Ordinal);
        return at < 0 ? -1 : at + marker.Length;
    }

    public static string? AccessionInName(string name) => Accession().Match(name) is { Success: true } m ? m.Value : null;

    /// <summary>A folder named as EDGAR names a filing's (18 digits: 000090445426000248), or with the accession in it.</summary>
    private static string? AccessionInFolderName(string name)
    {
        if (AccessionInName(name) is { } dashed) return dashed;
        return UndashedAccession().IsMatch(name) ? $"{name[..10]}-{name[10..12]}-{name[12..]}" : null;
    }

    private static bool IsIndexName(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower == "index.json" || IndexName().IsMatch(lower);
    }

    /// <summary>index.json is a common name, so it must also read as EDGAR's directory listing; the other names carry an accession already.</summary>
    private static bool LooksLikeIndex(string name, string text)
    {
        var lower = text.ToLowerInvariant();
        return !name.Equals("index.json", StringComparison.OrdinalIgnoreCase) || (lower.Contains("\"directory\"") && lower.Contains("\"item\""));
    }

    /// <summary>
    /// An index as EDGAR writes it: the accession (the file's name, "SEC Accession No.", &lt;ACCESSION-NUMBER&gt;, or the
    /// directory's 18 digits in index.json), the filing date ("Filing Date", &lt;FILING-DATE&gt;) and the documents it lists.
    /// </summary>
    private static Listing ReadIndex(string name, string text)
    {
        // -index-headers.html writes the SEC header's tags escaped.
        var plain = WebUtility.HtmlDecode(text);
        var accession = AccessionInName(name) ?? AccessionInName(plain)
            ?? (DirectoryName().Match(plain) is { Success: true } dir ? AccessionInFolderName(dir.Groups["digits"].Value) : null);
        DateOnly? filed = null;
        if (FilingDate().Match(plain) is { Success: true } date
            && DateOnly.TryParseExact(date.Groups["date"].Value, ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            filed = day;
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in ListedFile().Matches(plain)) files.Add(m.Groups["name"].Value);
        return new Listing(name, accession, filed, files);
    }

    [GeneratedRegex(@"\d{10}-\d{2}-\d{6}")]
    private static partial Regex Accession();

    [GeneratedRegex(@"^\d{18}$")]
    private static partial Regex UndashedAccession();

    [GeneratedRegex(@"^\d{10}-\d{2}-\d{6}-index(-headers)?\.html?$")]
    private static partial Regex IndexName();

    [GeneratedRegex(@"/Archives/edgar/data/\d+/(?<digits>\d{18})\b")]
    private static partial Regex DirectoryName();

    [GeneratedRegex(@"(?:Filing Date</div>\s*<div[^>]*>\s*|<FILING-DATE>\s*)(?<date>\d{4}-\d{2}-\d{2}|\d{8})", RegexOptions.IgnoreCase)]
    private static partial Regex FilingDate();

    /// <summary>Documents an index lists: &lt;FILENAME&gt; in the headers, links in index.htm, "name" entries in index.json.</summary>
    [GeneratedRegex(@"(?:<FILENAME>\s*|href=""[^""]*/|""name""\s*:\s*"")(?<name>[A-Za-z0-9_.\-]+\.xml)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListedFile();

    [GeneratedRegex(@"^(?:(?<prefix>[A-Za-z_][\w.\-]*):)?(?<local>[A-Za-z_][\w.\-]*)")]
    private static partial Regex TagName();

    [GeneratedRegex(@"\sxmlns(?::(?<prefix>[A-Za-z_][\w.\-]*))?\s*=\s*[""'](?<uri>[^""']*)[""']")]
    private static partial Regex NamespaceDeclaration();
}
