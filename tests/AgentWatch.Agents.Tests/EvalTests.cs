using AgentWatch.Agents.Evaluation;
using Xunit.Abstractions;

namespace AgentWatch.Agents.Tests;

/// <summary>
/// The evaluation: a development set (questions.yaml), which the engine is built against, and a held-out set
/// (heldout.yaml), written from the data without looking at the engine and never tuned against, so its score says how
/// the engine does on questions nobody here fitted it to. Both are scored; the README states both scores as they are.
/// </summary>
[Collection(SeededSiloCollection.Name)]
public sealed class EvalTests(SeededSilo silo, ITestOutputHelper output)
{
    public static string EvalFile => Path.Combine(AppContext.BaseDirectory, "Eval", "questions.yaml");

    public static string HeldOutFile => Path.Combine(AppContext.BaseDirectory, "Eval", "heldout.yaml");

    [Fact]
    public async Task The_offline_engine_answers_the_development_set_with_its_facts_and_the_readme_states_both_scores()
    {
        var development = EvalSet.Load(EvalFile);
        var heldOut = EvalSet.Load(HeldOutFile);
        var total = development.Count + heldOut.Count;
        Assert.True(total >= 300, $"the evaluation has {total} questions; it needs at least 300");
        Assert.True(heldOut.Count * 3 >= total, $"the held-out set has {heldOut.Count} of {total} questions; it must be at least a third");
        // Every question says what sort it is, so the score per kind covers the whole set.
        Assert.DoesNotContain(development.Concat(heldOut), q => q.Kind == EvalSet.Unlabelled);
        // A question in both would let the development set tune the held-out one.
        Assert.Empty(development.Select(q => q.Question).Intersect(heldOut.Select(q => q.Question), StringComparer.OrdinalIgnoreCase));

        var dev = await EvalSet.RunAsync(development, silo.Api.AskAsync);
        var held = await EvalSet.RunAsync(heldOut, silo.Api.AskAsync);

        // Only the development set's failures are printed: the held-out set's stay unseen by whoever works on the engine.
        foreach (var failure in dev.Results.Where(r => !r.Passed))
            output.WriteLine($"FAIL line {failure.Question.Line}: {failure.Question.Question} — missing [{string.Join(" | ", failure.Missing)}], unwanted [{string.Join(" | ", failure.Unwanted)}]\n{failure.Answer}\n");
        output.WriteLine($"Development: {dev.Passed}/{dev.Results.Count} ({dev.Accuracy:0.0} %), {dev.WrongFigures} wrong figures");
        output.WriteLine($"Held-out: {held.Passed}/{held.Results.Count} ({held.Accuracy:0.0} %), {held.WrongFigures} wrong figures");
        Assert.All(dev.Results.Concat(held.Results), r => Assert.Equal("offline", r.Engine));
        Assert.Equal(dev.Results.Count, dev.ByKind.Sum(k => k.Total));
        Assert.True(dev.Accuracy >= 97, $"development accuracy {dev.Accuracy:0.0} % is below 97 %");
        Assert.Equal(0, dev.WrongFigures);

        // What the README says the offline engine does is what it does, held-out set included.
        var readme = await File.ReadAllTextAsync(Readme());
        var claim = System.Text.RegularExpressions.Regex.Match(readme,
            @"It answers (\d+) of the (\d+) questions of the development set.*?and (\d+) of the (\d+) questions of the held-out set.*?(\d+) of whose answers? states? a wrong figure",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(claim.Success, "the README no longer states the evaluation scores");
        Assert.Equal((dev.Passed, dev.Results.Count, held.Passed, held.Results.Count, held.WrongFigures),
            (int.Parse(claim.Groups[1].Value), int.Parse(claim.Groups[2].Value), int.Parse(claim.Groups[3].Value), int.Parse(claim.Groups[4].Value), int.Parse(claim.Groups[5].Value)));
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
    public async Task A_figure_matches_however_it_is_typeset_but_not_another_figure()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eval-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            - q: typed
              facts: ["-7%", "3x", "2025-2028", "90%"]
              not: ["-5 %"]
            - q: other
              facts: ["-70 %"]
            - q: worked
              facts: ["40 %", "5.0x"]
            - q: close
              facts: ["40 %"]
            """);
        try
        {
            // The answers print a minus sign, a multiplication sign, an en dash and a space before the per cent sign, and
            // a worked figure with its one decimal ("40.0 %"); "40.05 %" is another figure.
            var answers = new Dictionary<string, string>
            {
                ["typed"] = "fell about \u22127 %; 3\u00D7 orders; 2025\u20132028; 90 % of cash flow", ["other"] = "fell about \u22127 %",
                ["worked"] = "about 40.0 % of it; 5\u00D7 as much", ["close"] = "about 40.05 % of it",
            };
            var report = await EvalSet.RunAsync(EvalSet.Load(path), (q, _, _) => Task.FromResult(new Abstractions.Api.Answer(q, answers[q], true, [], [], null, "offline")));
            Assert.Equal([true, false, true, false], report.Results.Select(r => r.Passed));
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
