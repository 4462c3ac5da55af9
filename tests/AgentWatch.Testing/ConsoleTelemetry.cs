namespace AgentWatch.Testing;

/// <summary>A span as OpenTelemetry's console exporter prints it.</summary>
public sealed record PrintedSpan(string TraceId, string SpanId, string Name, string Source, IReadOnlyDictionary<string, string> Tags);

/// <summary>A log record as OpenTelemetry's console exporter prints it.</summary>
public sealed record PrintedLog(string? TraceId, string Category, string Message);

/// <summary>
/// Reads what OpenTelemetry's console exporter wrote: each span is a block that starts with <c>Activity.TraceId:</c>,
/// each log record one that starts with <c>LogRecord.Timestamp:</c>; fields are "Key: value" lines.
/// </summary>
public static class ConsoleTelemetry
{
    public static IReadOnlyList<PrintedSpan> Spans(IEnumerable<string> lines) =>
        Blocks(lines, "Activity.TraceId:").Select(block =>
        {
            var scope = block.FindIndex(l => l.StartsWith("Instrumentation scope (ActivitySource):", StringComparison.Ordinal));
            var tagsAt = block.FindIndex(l => l.StartsWith("Activity.Tags:", StringComparison.Ordinal));
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (tagsAt >= 0)
                foreach (var line in block.Skip(tagsAt + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)))
                    if (line.Trim().Split(": ", 2) is [var key, var value]) tags[key] = value;
            return new PrintedSpan(Field(block, "Activity.TraceId:")!, Field(block, "Activity.SpanId:")!, Field(block, "Activity.DisplayName:") ?? "",
                scope >= 0 && scope + 1 < block.Count ? block[scope + 1].Trim().Replace("Name: ", "", StringComparison.Ordinal) : "", tags);
        }).ToList();

    public static IReadOnlyList<PrintedLog> Logs(IEnumerable<string> lines) =>
        Blocks(lines, "LogRecord.Timestamp:").Select(block =>
            new PrintedLog(Field(block, "LogRecord.TraceId:"), Field(block, "LogRecord.CategoryName:") ?? "", Field(block, "LogRecord.FormattedMessage:") ?? Field(block, "LogRecord.Body:") ?? "")).ToList();

    private static IEnumerable<List<string>> Blocks(IEnumerable<string> lines, string start)
    {
        List<string>? block = null;
        foreach (var line in lines)
        {
            if (line.StartsWith(start, StringComparison.Ordinal))
            {
                if (block is not null) yield return block;
                block = [line];
            }
            else if (line.StartsWith("Activity.TraceId:", StringComparison.Ordinal) || line.StartsWith("LogRecord.Timestamp:", StringComparison.Ordinal) || line.StartsWith("Metric Name:", StringComparison.Ordinal))
            {
                if (block is not null) yield return block;
                block = null;
            }
            else block?.Add(line);
        }
        if (block is not null) yield return block;
    }

    private static string? Field(List<string> block, string key) =>
        block.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is { } line ? line[key.Length..].Trim() : null;
}
