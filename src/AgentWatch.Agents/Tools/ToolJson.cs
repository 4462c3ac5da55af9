using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Tools;

/// <summary>How tool results are written for a model (and kept in a run's record): snake_case JSON facts.</summary>
public static class ToolJson
{
    /// <summary>JSON for results: snake_case, enums as kebab-case words, nulls left out.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A signal as a model reads it: id to cite, what and when, the value in words, the figures, the source.</summary>
    public static object Fact(Signal s) => new
    {
        id = s.Id,
        company = s.Company,
        kind = s.Kind.Id(),
        period = s.Period.ToHuman(),
        value = s.DescribeValue(),
        figures = s.Figures().Select(f => new { name = f.Name, value = f.Value, unit = f.Unit }).ToList(),
        known_on = s.KnownOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        source = s.Source.ToShortString(),
        note = s.Note,
    };

    /// <summary>An alert as a model reads it.</summary>
    public static object AlertFact(Alert a) => new
    {
        id = a.Id,
        sequence = a.Sequence,
        severity = a.Severity,
        company = a.Company,
        rule = a.Rule,
        rationale = a.Rationale,
        known_on = a.KnownOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        evidence = a.Evidence.Select(e => new { signal_id = e.SignalId, summary = e.Summary, source = e.Source.ToShortString() }).ToList(),
        explanation = a.Explanation,
    };

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            // Read by models and people, never embedded in HTML: apostrophes and accents as they are.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>
/// What a kernel function returns: the JSON a model reads, the typed value it was written from (what the offline engine
/// reads), and the signals and alerts in it (what an answer of the run may cite).
/// </summary>
public sealed record ToolResult(string Json, object Value, IReadOnlyList<object> Sources);
