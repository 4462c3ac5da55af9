namespace AgentWatch.Dataset.Tests;

/// <summary>The dataset takes facts and figures from the articles, never their sentences.</summary>
public sealed class WordingTests
{
    [Fact]
    public async Task No_text_field_of_any_signal_shares_a_run_of_eight_words_with_a_seed_article()
    {
        // The articles' runs, as hashes in the committed fingerprint: the test needs no article text.
        var articleRuns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, lines) in SeedFingerprint.LinesByFile)
            for (var i = 0; i < lines.Length; i++)
                foreach (var hash in lines[i].Runs)
                    articleRuns.TryAdd(hash, $"{file} line {i + 1}");
        Assert.NotEmpty(articleRuns);

        var signals = await DatasetUnderTest.ReadSignalsAsync();
        Assert.NotEmpty(signals);
        var copies = new List<string>();
        foreach (var s in signals)
            foreach (var (field, text) in WordRuns.TextFields(s))
                foreach (var run in WordRuns.Runs(text).Distinct())
                    if (articleRuns.TryGetValue(SeedFingerprint.Hash(run), out var where))
                        copies.Add($"{s.Id}.{field} shares \"{run}\" with {where}");

        if (copies.Count > 0) Assert.Fail($"{copies.Count} copied run(s) of {WordRuns.CopiedRunLength} words:\n" + string.Join('\n', copies));
    }
}
