namespace AgentWatch.Testing;

/// <summary>
/// Just enough of OTLP's protobuf to read spans and log records out of the exports an <see cref="OtlpReceiver"/> kept:
/// their trace and span ids, and a span's name or a log record's body. Field numbers are those of
/// opentelemetry/proto/trace/v1/trace.proto and logs/v1/logs.proto.
/// </summary>
public static class OtlpPayload
{
    public sealed record Span(string Name, string TraceId, string SpanId);

    public sealed record LogRecord(string Body, string TraceId, string SpanId);

    /// <summary>ExportTraceServiceRequest: resource_spans (1) → scope_spans (2) → spans (2): trace_id 1, span_id 2, name 5.</summary>
    public static IReadOnlyList<Span> Spans(IEnumerable<byte[]> exports, bool grpc) =>
        [.. Records(exports, grpc).Select(r => new Span(Text(r, 5), Hex(r, 1), Hex(r, 2)))];

    /// <summary>ExportLogsServiceRequest: resource_logs (1) → scope_logs (2) → log_records (2): body 5 (an AnyValue whose
    /// string_value is 1), trace_id 9, span_id 10.</summary>
    public static IReadOnlyList<LogRecord> Logs(IEnumerable<byte[]> exports, bool grpc) =>
        [.. Records(exports, grpc).Select(r => new LogRecord(Bytes(r, 5) is { } body ? Text(Fields(body), 1) : "", Hex(r, 9), Hex(r, 10)))];

    private static IEnumerable<List<(int Field, byte[] Value)>> Records(IEnumerable<byte[]> exports, bool grpc) =>
        from export in exports
        from message in grpc ? Frames(export) : [export]
        from resource in Fields(message).Where(f => f.Field == 1)
        from scope in Fields(resource.Value).Where(f => f.Field == 2)
        from record in Fields(scope.Value).Where(f => f.Field == 2)
        select Fields(record.Value);

    /// <summary>gRPC's length-prefixed messages: a compression flag byte, a big-endian length, the message.</summary>
    private static IEnumerable<byte[]> Frames(byte[] body)
    {
        for (var at = 0; at + 5 <= body.Length;)
        {
            if (body[at] != 0) throw new NotSupportedException("a compressed gRPC message");
            var length = (body[at + 1] << 24) | (body[at + 2] << 16) | (body[at + 3] << 8) | body[at + 4];
            yield return body[(at + 5)..(at + 5 + length)];
            at += 5 + length;
        }
    }

    /// <summary>The length-delimited fields of one message; numbers, fixed64s and fixed32s are skipped.</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[])>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            switch (tag & 7)
            {
                case 0: Varint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add(((int)(tag >> 3), message[at..(at + length)]));
                    at += length;
                    break;
                default: throw new FormatException($"wire type {tag & 7} at byte {at}");
            }
        }
        return fields;
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    private static byte[]? Bytes(List<(int Field, byte[] Value)> fields, int field) =>
        fields.Where(f => f.Field == field).Select(f => f.Value).FirstOrDefault();

    private static string Text(List<(int Field, byte[] Value)> fields, int field) =>
        Bytes(fields, field) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : "";

    private static string Hex(List<(int Field, byte[] Value)> fields, int field) =>
        Bytes(fields, field) is { Length: > 0 } bytes ? Convert.ToHexStringLower(bytes) : "";
}
