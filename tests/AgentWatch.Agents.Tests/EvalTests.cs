using AgentWatch.Agents.Evaluation;
using Xunit.Abstractions;

namespace AgentWatch.Agents.Tests;

/// <summary>
/// The evaluation set: questions a reader of the seed articles would ask, with the facts each answer must hold. The
/// offline engine must answer at least 95 % of them with all their facts; the failures are printed.
/// </summary>
[Collection(SeededSiloCollection.Name)]
public sealed class EvalTests(SeededSilo silo, ITestOutputHelper output)
{
    public static string EvalFile => Path.Combine(AppContext.BaseDirectory, "Eval", "questions.yaml");

    [Fact]
    public async Task The_offline_engine_answers_at_least_95_percent_of_the_evaluation_set_with_their_facts()
    {
        var questions = EvalSet.Load(EvalFile);
        Assert.True(questions.Count >= 80, $"the evaluation set has {questions.Count} questions; it needs at least 80");

        var report = await EvalSet.RunAsync(questions, silo.Api.AskAsync);

        foreach (var failure in report.Results.Where(r => !r.Passed))
            output.WriteLine($"FAIL line {failure.Question.Line}: {failure.Question.Question} — missing [{string.Join(" | ", failure.Missing)}], unwanted [{string.Join(" | ", failure.Unwanted)}]\n{failure.Answer}\n");
        output.WriteLine($"Accuracy: {report.Passed}/{report.Results.Count} ({report.Accuracy:0.0} %)");
        foreach (var kind in report.ByKind) output.WriteLine($"{kind.Kind}: {kind.Passed}/{kind.Total}");
        Assert.True(report.Accuracy >= 95, $"accuracy {report.Accuracy:0.0} % is below 95 %");
        // Every question says what sort it is, so the score per kind covers the whole set.
        Assert.DoesNotContain(questions, q => q.Kind == EvalSet.Unlabelled);
        Assert.Equal(report.Results.Count, report.ByKind.Sum(k => k.Total));
        Assert.Equal(0, report.WrongFigures);
        Assert.All(report.Results, r => Assert.Equal("offline", r.Engine));
        // What the README says the offline engine does is what it does.
        var claim = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(Readme()), @"It answers (\d+) of the (\d+) questions of the evaluation set");
        Assert.True(claim.Success, "the README no longer states the evaluation score");
        Assert.Equal((report.Passed, report.Results.Count), (int.Parse(claim.Groups[1].Value), int.Parse(claim.Groups[2].Value)));
    }

    private static string Readme()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "README.md");
    }

    [Fact]
    public async Task An_answer_with_an_unwanted_figure_counts_as_a_wrong_figure_and_scores_go_by_kind()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eval-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            - q: a
              kind: capex
              facts: ["$200 billion"]
              not: ["$999 billion"]
            - q: b
              kind: capex
              facts: ["$200 billion"]
              not: ["illustrative"]
            - q: c
              kind: german
              facts: ["$5 billion"]
            """);
        try
        {
            var questions = EvalSet.Load(path);
            Assert.Equal(["capex", "capex", "german"], questions.Select(q => q.Kind));
            var answers = new Dictionary<string, string> { ["a"] = "$200 billion, or $999 billion", ["b"] = "$200 billion, illustrative", ["c"] = "$5 billion" };
            var report = await EvalSet.RunAsync(questions, (q, _, _) => Task.FromResult(new Abstractions.Api.Answer(q, answers[q], true, [], [], null, "offline")));
            // a states a wrong figure; b says something it must not, but no figure; c passes.
            Assert.Equal(1, report.WrongFigures);
            Assert.Equal(1, report.Passed);
            Assert.Equal([("capex", 0, 2), ("german", 1, 1)], report.ByKind.Select(k => (k.Kind, k.Passed, k.Total)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_broken_evaluation_file_names_the_line_and_what_is_wrong()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eval-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "- q: fine\n  facts: [x]\n- facts: [y]\n");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => EvalSet.Load(path));
            Assert.Equal($"{path}, line 3: 'q' (the question) is missing", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
