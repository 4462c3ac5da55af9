using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Dataset.Tests;

/// <summary>Every signal points at a real line of a seed article, and that line states its figure.</summary>
public sealed partial class ProvenanceTests
{
    /// <summary>
    /// Signals whose figure the article states in words only, so no number on the cited line can match it. Each entry
    /// says which words. An entry that is no longer needed (the id is gone, or a figure now shows as a number on its
    /// line) fails the test, so the list cannot quietly hide a wrong line reference.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> StatedInWordsOnly = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Seed 000
        ["seed-000-sp500-capex-top4-share"] = "\"mehr als ein Viertel\": a quarter, 25 %",
        ["seed-000-datacentre-spending-2030"] = "\"fast einer Billion USD\": one trillion written as a word",
        ["seed-000-asml-q4-orders-vs-expectations"] = "\"fast das Doppelte\" of analysts' expectations: about 2x",
        ["seed-000-gemini-market-share"] = "\"fast ein Fünftel des Marktes\": about 20 %",
        // Seed 001
        ["seed-001-meta-hyperion-households"] = "\"über vier Millionen US-Haushalte\": four million written as a word",
        ["seed-001-bytedance-capex-share-abroad"] = "\"etwa die Hälfte\" goes abroad: about 50 %",
        // Seed 003
        ["seed-003-bain-revenue-needed-2030"] = "\"etwa zwei Billionen Dollar\": two trillion written as a word",
        ["seed-003-openai-revenue-multiple-needed"] = "\"versechsfachen\": six-fold",
        ["seed-003-pltr-q3-adj-operating-income"] = "\"verdreifacht\": tripled, 3x",
        // Seed 004
        ["seed-004-vc-ai-share-2024"] = "\"etwa ein Drittel\" of global venture capital: about 33 %",
        ["seed-004-vc-ai-share-us-h1-2025"] = "\"zwei Drittel\" in the United States: about 67 %",
    };

    [Fact]
    public async Task Every_signal_cites_an_existing_seed_line_that_states_its_figure()
    {
        var signals = await DatasetUnderTest.ReadSignalsAsync();
        Assert.NotEmpty(signals);
        var seeds = SeedFingerprint.LinesByFile;

        var problems = new List<string>();
        var exemptionsUsed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in signals)
        {
            if (!seeds.TryGetValue(s.Source.File ?? "", out var lines))
            {
                problems.Add($"{s.Id}: source.file '{s.Source.File}' is not one of the seed files ({string.Join(", ", SeedArticles.FileNames)})");
                continue;
            }
            var m = LineItem().Match(s.Source.Item ?? "");
            if (!m.Success)
            {
                problems.Add($"{s.Id}: source.item '{s.Source.Item}' is not of the form \"line N\"");
                continue;
            }
            var n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (n < 1 || n > lines.Length)
            {
                problems.Add($"{s.Id}: {s.Source.File} has {lines.Length} lines, so line {n} does not exist");
                continue;
            }
            var line = lines[n - 1];
            // A blank line states nothing; a reference to one is an off-by-one error.
            if (line.Blank)
            {
                problems.Add($"{s.Id}: line {n} of {s.Source.File} is blank");
                continue;
            }

            var figures = s.Figures().ToList();
            if (figures.Count == 0) continue;
            var found = figures.Any(f => GermanNumbers.AppearsAmong(f.Value, line.Numbers));
            if (StatedInWordsOnly.ContainsKey(s.Id))
            {
                exemptionsUsed.Add(s.Id);
                if (found) problems.Add($"{s.Id}: exempted as stated in words only, but line {n} writes one of its figures as a number; drop the exemption");
            }
            else if (!found)
            {
                problems.Add($"{s.Id}: none of its figures ({string.Join(", ", figures.Select(f => $"{f.Value} {f.Unit}"))}) is written on line {n} of {s.Source.File}");
            }
        }
        problems.AddRange(StatedInWordsOnly.Keys.Where(id => !exemptionsUsed.Contains(id))
            .Select(id => $"{id}: exempted as stated in words only, but no such signal with figures exists; drop the exemption"));

        if (problems.Count > 0) Assert.Fail($"{problems.Count} provenance problem(s):\n" + string.Join('\n', problems));
    }

    [GeneratedRegex(@"^line (\d+)$")]
    private static partial Regex LineItem();
}
