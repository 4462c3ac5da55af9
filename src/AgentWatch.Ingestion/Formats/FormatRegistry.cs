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

    /// <summary>Text of a head for sniffing: its bytes as Latin-1 (every byte a character), lower-cased.</summary>
    internal static string Sniff(ReadOnlySpan<byte> head) => Encoding.Latin1.GetString(head).ToLowerInvariant();
}
