using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Dataset.Tests;

/// <summary>The dataset as a whole: it loads cleanly, and it is mostly about companies.</summary>
public sealed class DatasetShapeTests
{
    [Fact]
    public async Task Every_line_of_the_built_in_dataset_parses_validates_and_has_a_unique_id()
    {
        var records = await DatasetUnderTest.ReadRecordsAsync();
        Assert.NotEmpty(records);

        var problems = new List<string>();
        foreach (var r in records)
        {
            if (r.Error is not null) problems.Add($"{r.Where}: does not parse: {r.Error}");
            else if (r.Signal!.Validate().ToList() is { Count: > 0 } errors) problems.Add($"{r.Where} ({r.Signal.Id}): invalid: {string.Join("; ", errors)}");
        }
        problems.AddRange(records.Where(r => r.Signal is not null)
            .GroupBy(r => r.Signal!.Id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"id '{g.Key}' is used {g.Count()} times: {string.Join(", ", g.Select(r => r.Where))}"));

        if (problems.Count > 0) Assert.Fail($"{problems.Count} problem(s) in the built-in dataset:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task More_than_60_company_level_signals_carry_figures()
    {
        var signals = await DatasetUnderTest.ReadSignalsAsync();
        var count = signals.Count(s => DatasetUnderTest.IsCompanyLevel(s) && s.Figures().Any());
        Assert.True(count > 60, $"Only {count} company-level signals carry figures; the seed articles give far more.");
    }

    [Fact]
    public async Task Market_wide_signals_exist_but_are_fewer_than_company_level_ones()
    {
        var signals = await DatasetUnderTest.ReadSignalsAsync();
        var marketWide = signals.Where(s => !DatasetUnderTest.IsCompanyLevel(s)).ToList();
        var companyLevel = signals.Count - marketWide.Count;

        Assert.True(marketWide.Count > 0, "No market-wide signal (no company, no company among its subjects): the articles' market figures are missing.");
        Assert.True(marketWide.Count < companyLevel,
            $"{marketWide.Count} market-wide signals against {companyLevel} company-level ones: the dataset is meant to be about companies.");
    }
}
