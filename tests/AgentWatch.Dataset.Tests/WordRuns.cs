using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Dataset.Tests;

/// <summary>
/// Detects copied sentences: runs of consecutive words two texts share, compared case-insensitively with punctuation
/// stripped. Punctuation separates words rather than being deleted, so "Nvidia-Produkten" and "bekannt.Der" (the
/// articles glue sentences together) split the same way on both sides.
/// </summary>
public static class WordRuns
{
    /// <summary>Run length that counts as a copied sentence rather than a shared name or phrase.</summary>
    public const int CopiedRunLength = 8;

    public static IReadOnlyList<string> Words(string text)
    {
        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text) cleaned.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        return cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Every run of <paramref name="length"/> consecutive words, joined by single spaces.</summary>
    public static IEnumerable<string> Runs(string text, int length = CopiedRunLength)
    {
        var words = Words(text);
        for (var i = 0; i + length <= words.Count; i++) yield return string.Join(' ', words.Skip(i).Take(length));
    }

    /// <summary>
    /// Every string value of a signal as it is stored (note, headline, source.document, metric name, product, project,
    /// instrument, topics, ...), taken from its JSON form so that a text field added later is covered without
    /// changing this test.
    /// </summary>
    public static IEnumerable<(string Field, string Text)> TextFields(Signal signal)
    {
        var node = JsonSerializer.SerializeToNode(signal, typeof(Signal));
        return Strings(node, "");
    }

    private static IEnumerable<(string Field, string Text)> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                    foreach (var s in Strings(child, path.Length == 0 ? name : $"{path}.{name}")) yield return s;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var s in Strings(array[i], $"{path}[{i}]")) yield return s;
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return (path, value.GetValue<string>());
                break;
        }
    }
}
