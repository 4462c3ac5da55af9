using System.Xml;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// XML as AgentWatch reads it: no DTD processing (a document with one is refused, so entity expansion never happens),
/// no external resources, a cap on size; errors placed at their line.
/// </summary>
public static class SafeXml
{
    public static XmlReaderSettings Settings(InputLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = limits.MaxXmlCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        Async = true,
    };

    /// <summary>"file:line" for an XML error; the file alone when the parser gave no line (it gives none for a refused DTD).</summary>
    public static string Where(string file, XmlException ex, int lineOffset = 0) => ex.LineNumber > 0 ? $"{file}:{ex.LineNumber + lineOffset}" : file;

    public static int Line(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>An XML error in words for people: what went wrong, without the parser's position (the place is given apart).</summary>
    public static string Describe(XmlException ex)
    {
        var message = ex.Message;
        var at = message.IndexOf(" Line ", StringComparison.Ordinal);
        if (at > 0) message = message[..at].TrimEnd('.', ',') + ".";
        if (ex.Message.Contains("DTD", StringComparison.Ordinal))
            return "the document has a DTD, which AgentWatch refuses (entity expansion could exhaust memory); remove the <!DOCTYPE> declaration";
        return $"not well-formed XML: {message}";
    }

    /// <summary>
    /// Visits the elements inside the current one, depth-first. The visitor gets each element (reader on its start tag)
    /// and says whether it consumed it (read its content, which moves the reader past it); elements not consumed are
    /// entered, so nested ones are visited too. Reading content and then calling Read() again would skip a sibling.
    /// </summary>
    public static async Task ForEachElementAsync(XmlReader reader, Func<XmlReader, Task<bool>> visit)
    {
        if (reader.IsEmptyElement) return;
        var depth = reader.Depth;
        await reader.ReadAsync().ConfigureAwait(false);
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && await visit(reader).ConfigureAwait(false)) continue;
            await reader.ReadAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The text of the current element's simple content, trimmed.</summary>
    public static async Task<string> TextAsync(XmlReader reader) => (await reader.ReadElementContentAsStringAsync().ConfigureAwait(false)).Trim();
}
