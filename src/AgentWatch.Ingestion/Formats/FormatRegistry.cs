using System.Text;

namespace AgentWatch.Ingestion.Formats;

/// <summary>The formats AgentWatch reads, asked in order which one reads a file.</summary>
public sealed class FormatRegistry
{
    public const int HeadBytes = 8192;

    public FormatRegistry(IEnumerable<ISourceFormat> formats)
    {
        // Feeds in the wild declare windows-1252 and other code pages; .NET knows them once this provider is there.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Formats = formats.ToList();
    }

    /// <summary>Every format of this build, most specific first.</summary>
    public static FormatRegistry CreateDefault() => new(
    [
        new Sec13FFormat(),
        new EdgarIndexFormat(),
        new XbrlFormat(),
        new FeedFormat(),
        new PriceCsvFormat(),
        new SignalFileFormat(),
        new EarningsTextFormat(),
        new LegacyStoreFormat(),
    ]);

    public IReadOnlyList<ISourceFormat> Formats { get; }

    /// <summary>The format that reads the file, or null.</summary>
    public ISourceFormat? Detect(string path)
    {
        var head = new byte[HeadBytes];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(path, head.AsSpan(0, read));
    }

    public ISourceFormat? Detect(string path, ReadOnlySpan<byte> head)
    {
        foreach (var format in Formats)
            if (format.Accepts(path, head)) return format;
        return null;
    }

    /// <summary>
    /// What a file is when it is not text, from its first bytes: "a PDF document", "a zip archive", …, or "" when it is
    /// binary of no kind named here (a zero byte, or many control characters); null for text. Formats read text, and
    /// a binary file read as text would fail on every line.
    /// </summary>
    public static string? BinaryKind(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return null;
        var named = head switch
        {
            [0x25, 0x50, 0x44, 0x46, ..] => "a PDF document",
            [0x50, 0x4B, 0x03 or 0x05 or 0x07, 0x04 or 0x06 or 0x08, ..] => "a zip archive (or .xlsx, .docx)",
            [0x1F, 0x8B, ..] => "gzip-compressed",
            [0x89, 0x50, 0x4E, 0x47, ..] => "a PNG image",
            [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
            [0x47, 0x49, 0x46, 0x38, ..] => "a GIF image",
            [0xD0, 0xCF, 0x11, 0xE0, ..] => "an Office 97-2003 document (.xls, .doc)",
            [0x37, 0x7A, 0xBC, 0xAF, ..] => "a 7-Zip archive",
            [0x7F, 0x45, 0x4C, 0x46, ..] => "an executable",
            _ => null,
        };
        if (named is not null) return named;
        // UTF-16 and UTF-32 text is full of zero bytes; its byte-order mark says it is text.
        if (head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..]) return null;
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0) return "";
            // Tab, line feed, form feed, carriage return and escape appear in text; other control characters hardly.
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0C or 0x0D or 0x1B)) control++;
        }
        return control * 20 > head.Length ? "" : null;
    }

    /// <summary>Text of a head for sniffing: its bytes as Latin-1 (every byte a character), lower-cased.</summary>
    internal static string Sniff(ReadOnlySpan<byte> head) => Encoding.Latin1.GetString(head).ToLowerInvariant();
}
