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
        Assert.True(report.Accuracy >= 95, $"accuracy {report.Accuracy:0.0} % is below 95 %");
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
