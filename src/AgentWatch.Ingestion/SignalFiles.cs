using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Ingestion;

/// <summary>
/// One record read from an input: a signal, or the problem that kept it from being one, or a warning about the input
/// that rejects nothing (a 13F table whose totals disagree with its cover page), each with its place.
/// </summary>
public sealed record ParsedRecord(string Where, Signal? Signal, string? Error, string? Warning = null)
{
    public static ParsedRecord Ok(string where, Signal signal) => new(where, signal, null);
    public static ParsedRecord Bad(string where, string error) => new(where, null, error);
    public static ParsedRecord Warn(string where, string warning) => new(where, null, null, warning);
}

/// <summary>Limits on input, so a huge or hostile file cannot exhaust the silo.</summary>
public sealed class InputLimits
{
    public const string SectionName = "Ingestion:Limits";

    /// <summary>Largest file read, in bytes.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Longest line in a line-based format, in characters.</summary>
    public int MaxLineLength { get; set; } = 1024 * 1024;

    /// <summary>Largest single JSON document (a .json array file, an XBRL companyfacts file), in bytes.</summary>
    public long MaxJsonDocumentBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most characters an XML document may hold (a 13F table of 250,000 rows is about 200 million).</summary>
    public long MaxXmlCharacters { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most items read from one feed.</summary>
    public int MaxFeedItems { get; set; } = 10_000;
}

/// <summary>
/// Reads signal files: JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>; one signal per line, blank lines and lines starting with
/// <c>#</c> skipped) and JSON arrays (<c>.json</c>). Each record is checked on its own: a bad one is reported with its
/// line and reason, and the records around it still come through. A record without an id gets one from its file name and
/// line; one without a source gets the file and line as its source.
/// </summary>
public sealed class SignalFileParser(InputLimits limits)
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>What bytes that are not UTF-8 decode to: U+FFFF is a noncharacter that no signal file holds.</summary>
    private const char NotUtf8Marker = '\uFFFF';

    /// <summary>
    /// UTF-8 that marks bad bytes instead of throwing. It declares the UTF-8 preamble so that StreamReader consumes a
    /// byte-order mark as that preamble and keeps this encoding; detecting the mark instead, it would switch to
    /// Encoding.UTF8, which turns bad bytes into U+FFFD without a word.
    /// </summary>
    private static readonly Encoding MarkingUtf8 = CreateMarkingUtf8();

    private static Encoding CreateMarkingUtf8()
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).Clone();
        encoding.DecoderFallback = new DecoderReplacementFallback(NotUtf8Marker.ToString());
        return encoding;
    }

    public SignalFileParser() : this(new InputLimits()) { }

    public static bool Handles(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson" or ".json";

    /// <summary>Every record of a file, in order.</summary>
    public async IAsyncEnumerable<ParsedRecord> ParseFileAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            yield return ParsedRecord.Bad(path, "file not found");
            yield break;
        }
        if (info.Length > limits.MaxFileBytes)
        {
            yield return ParsedRecord.Bad(path, $"file is {info.Length:N0} bytes, over the limit of {limits.MaxFileBytes:N0} (Ingestion:Limits:MaxFileBytes)");
            yield break;
        }
        await using var stream = File.OpenRead(path);
        var records = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? ParseArrayAsync(stream, path, cancellationToken)
            : ParseLinesAsync(stream, path, cancellationToken);
        await foreach (var record in records.ConfigureAwait(false)) yield return record;
    }

    /// <summary>Records of a JSON Lines stream; <paramref name="sourceName"/> names it in errors and derived ids.</summary>
    public async IAsyncEnumerable<ParsedRecord> ParseLinesAsync(Stream stream, string sourceName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Strict UTF-8, line by line: bytes that are not UTF-8 decode to a marker, so the line holding them is reported
        // with its own number (not wherever the decoder's buffer began) and the lines around it still come through.
        using var reader = new StreamReader(stream, MarkingUtf8, detectEncodingFromByteOrderMarks: true);
        var lines = new LimitedLineReader(reader, limits.MaxLineLength);
        var lineNumber = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? line;
            string? readError = null;
            try
            {
                line = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                readError = "the file is not valid UTF-8 (save it as UTF-8)";
                line = null;
            }
            catch (InvalidDataException ex)
            {
                readError = ex.Message;
                line = "";
            }
            lineNumber++;
            if (readError is not null)
            {
                yield return ParsedRecord.Bad($"{sourceName}:{lineNumber}", readError);
                if (line is null) yield break;
                continue;
            }
            if (line is null) yield break;
            if (line.Contains(NotUtf8Marker))
            {
                yield return ParsedRecord.Bad($"{sourceName}:{lineNumber}", "this line is not valid UTF-8 (is the file in Windows-1252 or Latin-1? save it as UTF-8)");
                continue;
            }
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#') continue;
            yield return ParseRecord(line, sourceName, lineNumber, $"{sourceName}:{lineNumber}", $"line {lineNumber}");
        }
    }

    public async IAsyncEnumerable<ParsedRecord> ParseArrayAsync(Stream stream, string sourceName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (stream.CanSeek && stream.Length > limits.MaxJsonDocumentBytes)
        {
            yield return ParsedRecord.Bad(sourceName, $"JSON document is over the limit of {limits.MaxJsonDocumentBytes:N0} bytes; use JSON Lines (.jsonl) for large inputs");
            yield break;
        }
        // System.Text.Json does not check UTF-8 inside strings: it would turn Windows-1252 bytes into U+FFFD unnoticed.
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var utf8 = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // Parsing bytes, unlike parsing a stream, does not skip a byte-order mark.
        if (utf8.Span.StartsWith(Encoding.UTF8.Preamble)) utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        if (FirstLineNotUtf8(utf8.Span) is { } badLine)
        {
            yield return ParsedRecord.Bad(sourceName, $"the file is not valid UTF-8 (line {badLine}); save it as UTF-8");
            yield break;
        }
        JsonNode? root;
        string? error = null;
        try
        {
            root = JsonNode.Parse(utf8.Span, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            root = null;
            error = $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {Clean(ex.Message)}";
        }
        if (error is not null)
        {
            yield return ParsedRecord.Bad(sourceName, error);
            yield break;
        }
        if (root is not JsonArray array)
        {
            yield return ParsedRecord.Bad(sourceName, "a .json signal file must hold an array of signals");
            yield break;
        }
        for (var i = 0; i < array.Count; i++)
            yield return ParseNode(array[i], sourceName, $"{sourceName}[{i}]", $"element {i}", $"{Path.GetFileName(sourceName)}#{i}");
    }

    /// <summary>Parses one JSON object given as text.</summary>
    public ParsedRecord ParseRecord(string json, string sourceName, int lineNumber, string where, string item)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            return ParsedRecord.Bad(where, $"not valid JSON (column {ex.BytePositionInLine + 1}): {Clean(ex.Message)}");
        }
        return ParseNode(node, sourceName, where, item, $"{Path.GetFileName(sourceName)}#{lineNumber}");
    }

    private static ParsedRecord ParseNode(JsonNode? node, string sourceName, string where, string item, string derivedId)
    {
        if (node is not JsonObject obj) return ParsedRecord.Bad(where, "expected a JSON object (one signal)");
        var kind = obj["kind"];
        if (kind is null) return ParsedRecord.Bad(where, $"missing \"kind\"; use one of: {string.Join(", ", SignalKindNames.AllIds)}");
        if (kind.GetValueKind() != JsonValueKind.String || !SignalKindNames.TryParse(kind.GetValue<string>(), out var parsedKind))
            return ParsedRecord.Bad(where, $"unknown kind {kind.ToJsonString()}; use one of: {string.Join(", ", SignalKindNames.AllIds)}");

        // The discriminator must be the exact id the type is registered under.
        obj["kind"] = parsedKind.Id();
        obj["id"] ??= derivedId;
        obj["source"] ??= new JsonObject { ["file"] = Path.GetFileName(sourceName), ["item"] = item };
        try
        {
            var signal = obj.Deserialize<Signal>(Options);
            return signal is null ? ParsedRecord.Bad(where, "empty record") : ParsedRecord.Ok(where, signal);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? $"field '{path.TrimStart('$', '.')}': " : "";
            return ParsedRecord.Bad(where, $"{parsedKind.Id()}: {field}{Friendly(Clean(ex.Message))}");
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return ParsedRecord.Bad(where, $"{parsedKind.Id()}: {ex.Message}");
        }
    }

    /// <summary>The 1-based line of the first bytes that are not UTF-8; null when all are.</summary>
    private static int? FirstLineNotUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8)) return null;
        var line = 1;
        for (var i = 0; i < utf8.Length;)
        {
            if (Rune.DecodeFromUtf8(utf8[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return line;
            if (utf8[i] == (byte)'\n') line++;
            i += consumed;
        }
        return line;
    }

    /// <summary>System.Text.Json messages end with a path and position the caller already reports; keep the reason.</summary>
    private static string Clean(string message)
    {
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.Trim();
    }

    /// <summary>"could not be converted to System.Nullable`1[System.Decimal]" → "expected a number".</summary>
    private static string Friendly(string message)
    {
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return "unknown field for this kind (misspelt?)";
        const string marker = "could not be converted to ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) return message;
        var type = message[(at + marker.Length)..].TrimEnd('.');
        var expected = type switch
        {
            _ when type.Contains("Decimal") || type.Contains("Int32") || type.Contains("Int64") || type.Contains("Double") => "a number",
            _ when type.Contains("DateOnly") => "a date (YYYY-MM-DD)",
            _ when type.Contains("Boolean") => "true or false",
            _ when type.Contains("String") => "a string",
            _ when type.Contains("List") || type.Contains("[]") || type.Contains("IReadOnlyList") => "a list",
            _ when type.Contains("PutCall") => "\"put\" or \"call\"",
            _ when type.Contains("DealKind") => "equity, debt, compute-contract or purchase-commitment",
            _ when type.Contains("Qualifier") => "exact, about, at-least or at-most",
            _ => null,
        };
        return expected is null ? message : $"expected {expected}";
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(AgentWatchJson.CreateOptions())
        {
            // A misspelt field ("ammount") is an error, not a silently missing figure.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
