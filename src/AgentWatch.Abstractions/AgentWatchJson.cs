using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentWatch.Abstractions;

/// <summary>
/// AgentWatch's JSON: signal files, the HTTP API, and what AgentWatch keeps in its own tables (grain journals, the alert
/// log, agent runs, the signal index). It is a format of its own, apart from Orleans' wire format, so that a stored row
/// or a file stays readable whatever the runtime does to its messages.
/// </summary>
public static class AgentWatchJson
{
    /// <summary>A fresh, modifiable copy of the settings: camelCase, enums as kebab-case strings, nulls left out.</summary>
    public static JsonSerializerOptions CreateOptions() => new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        // Value tuples keep their items in fields; without this they would be written empty.
        IncludeFields = true,
    };

    /// <summary>The settings, frozen: safe to share, never changed after start.</summary>
    public static JsonSerializerOptions Options { get; } = Frozen();

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException($"Stored {typeof(T).Name} was null.");

    /// <summary>Whether two values write the same JSON: how a signal stored once is told from a different one under the same id.</summary>
    public static bool SameContent<T>(T a, T b) => Serialize(a).AsSpan().SequenceEqual(Serialize(b));

    private static JsonSerializerOptions Frozen()
    {
        var options = CreateOptions();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
