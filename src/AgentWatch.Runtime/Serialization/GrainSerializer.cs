using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentWatch.Runtime.Serialization;

/// <summary>
/// The one serializer for grain state, events, stream payloads and (in serialized-call mode) call arguments
/// and results. Everything that crosses a grain boundary must round-trip through it.
/// </summary>
public sealed class GrainSerializer
{
    public GrainSerializer(JsonSerializerOptions? options = null)
    {
        Options = options ?? CreateDefaultOptions();
        Options.MakeReadOnly(populateMissingResolver: true);
    }

    public JsonSerializerOptions Options { get; }

    /// <summary>Options used when none are given: camelCase, enums as kebab-case strings, no comments.</summary>
    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        // Value tuples keep their items in fields; without this they would cross a silo boundary empty.
        IncludeFields = true,
    };

    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public byte[] Serialize(object? value, Type type) => JsonSerializer.SerializeToUtf8Bytes(value, type, Options);

    public T Deserialize<T>(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<T>(utf8, Options) ?? throw new JsonException($"Stored {typeof(T).Name} was null.");

    public object? Deserialize(ReadOnlySpan<byte> utf8, Type type) => JsonSerializer.Deserialize(utf8, type, Options);

    /// <summary>A deep copy made by a serialization round trip, as a call between silos would make it.</summary>
    public T RoundTrip<T>(T value) => value is null ? value : Deserialize<T>(Serialize(value));

    public object? RoundTrip(object? value, Type type) => value is null ? null : Deserialize(Serialize(value, type), type);
}
