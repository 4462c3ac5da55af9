using System.Text;
using AgentWatch.Abstractions.Api;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentWatch.Agents.Evaluation;

/// <summary>One question of an evaluation set and what its answer must (and must not) contain.</summary>
public sealed record EvalQuestion(string Question, IReadOnlyList<string> Facts, IReadOnlyList<string> Not, bool Answered, DateOnly? AsOf, int Line)
{
    /// <summary>What sort of question it is (capex, german, as-of, ...): accuracy is reported per kind.</summary>
    public string Kind { get; init; } = EvalSet.Unlabelled;
}

/// <summary>How the questions of one kind went.</summary>
public sealed record EvalKindScore(string Kind, int Passed, int Total)
{
    public double Accuracy => Total == 0 ? 0 : 100.0 * Passed / Total;
}

/// <summary>How one question went.</summary>
public sealed record EvalResult(EvalQuestion Question, bool Passed, IReadOnlyList<string> Missing, IReadOnlyList<string> Unwanted, string Answer, string Engine, double Milliseconds)
{
    /// <summary>The answer states a figure it must not (an unwanted text with a digit): worse than not knowing.</summary>
    public bool WrongFigure => Unwanted.Any(u => u.Any(char.IsAsciiDigit));
}

public sealed record EvalReport(IReadOnlyList<EvalResult> Results)
{
    public int Passed => Results.Count(r => r.Passed);
    public double Accuracy => Results.Count == 0 ? 0 : 100.0 * Passed / Results.Count;

    /// <summary>Answers that state a wrong figure, counted apart from those that only lack a fact.</summary>
    public int WrongFigures => Results.Count(r => r.WrongFigure);

    public IReadOnlyList<EvalKindScore> ByKind =>
        Results.GroupBy(r => r.Question.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EvalKindScore(g.Key, g.Count(r => r.Passed), g.Count())).ToList();
}

/// <summary>
/// An evaluation set: questions with the facts each answer must contain (YAML, a list of <c>q</c>, <c>facts</c>, and
/// optionally <c>kind</c>, <c>not</c>, <c>answered: false</c>, <c>as_of</c>). Facts are matched as written, ignoring case and
/// the typography of figures (a minus sign or a hyphen, "×" or "x", "90 %" or "90%", "40.0 %" or "40 %"); a question
/// marked <c>answered: false</c> passes when the agent says it cannot answer (and still names the facts).
/// </summary>
public static class EvalSet
{
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>
    /// A figure as people type it: the answers print "−7 %", "3×", "2025–2028" and "40.0 %", a question's author may write
    /// "-7%", "3x", "2025-2028" and "40 %"; the same figure either way.
    /// </summary>
    internal static string Typography(string text) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(
            text.Replace('\u2212', '-').Replace('\u2013', '-').Replace('\u2014', '-').Replace('\u00D7', 'x').Replace('\u00A0', ' ').Replace('\u202F', ' '),
            @"(\d) %", "$1%"),
            // "40.0 %" and "40 %", "5.0x" and "5x": one figure.
            @"(\d)\.0(?![\d.,])", "$1");

    /// <summary>The kind of a question that names none.</summary>
    public const string Unlabelled = "unlabelled";

    public static IReadOnlyList<EvalQuestion> Load(string path)
    {
        if (new FileInfo(path).Length > MaxFileBytes) throw new InvalidDataException($"{path}: larger than {MaxFileBytes / 1024 / 1024} MB");
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false, true));
            yaml.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}, line {ex.Start.Line}: not valid YAML: {ex.Message}", ex);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlSequenceNode items)
            throw new InvalidDataException($"{path}: an evaluation set is a YAML list of questions (- q: ..., facts: [...])");
        var questions = new List<EvalQuestion>();
        foreach (var item in items)
        {
            var line = (int)item.Start.Line;
            if (item is not YamlMappingNode map) throw new InvalidDataException($"{path}, line {line}: each question is a mapping with q and facts");
            string? Scalar(string key) => map.Children.TryGetValue(key, out var node) ? (node as YamlScalarNode)?.Value : null;
            IReadOnlyList<string> List(string key) => map.Children.TryGetValue(key, out var node)
                ? node is YamlSequenceNode seq ? seq.Children.Select(c => (c as YamlScalarNode)?.Value ?? "").ToList() : throw new InvalidDataException($"{path}, line {node.Start.Line}: '{key}' is a list")
                : [];
            var q = Scalar("q") ?? throw new InvalidDataException($"{path}, line {line}: 'q' (the question) is missing");
            var facts = List("facts");
            var answered = Scalar("answered") is not { } a || !bool.TryParse(a, out var b) || b;
            if (facts.Count == 0 && answered) throw new InvalidDataException($"{path}, line {line}: '{q}' has no facts to check");
            DateOnly? asOf = Scalar("as_of") is { } d
                ? DateOnly.TryParseExact(d, "yyyy-MM-dd", out var day) ? day : throw new InvalidDataException($"{path}, line {line}: as_of '{d}' is not YYYY-MM-DD")
                : null;
            var kind = Scalar("kind")?.Trim() ?? Unlabelled;
            if (kind.Length == 0 || !kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
                throw new InvalidDataException($"{path}, line {line}: kind '{kind}' must be lower-case letters, digits and '-'");
            questions.Add(new EvalQuestion(q, facts, List("not"), answered, asOf, line) { Kind = kind });
        }
        return questions;
    }

    public static async Task<EvalReport> RunAsync(IReadOnlyList<EvalQuestion> questions, Func<string, DateOnly?, CancellationToken, Task<Answer>> ask,
        IProgress<EvalResult>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new List<EvalResult>();
        foreach (var q in questions)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var answer = await ask(q.Question, q.AsOf, cancellationToken).ConfigureAwait(false);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var text = Typography(answer.Text);
            var missing = q.Facts.Where(f => !text.Contains(Typography(f), StringComparison.OrdinalIgnoreCase)).ToList();
            var unwanted = q.Not.Where(f => text.Contains(Typography(f), StringComparison.OrdinalIgnoreCase)).ToList();
            var passed = missing.Count == 0 && unwanted.Count == 0 && answer.Answered == q.Answered;
            var result = new EvalResult(q, passed, missing, unwanted, answer.Text, answer.Engine, elapsed);
            results.Add(result);
            progress?.Report(result);
        }
        return new EvalReport(results);
    }
}
