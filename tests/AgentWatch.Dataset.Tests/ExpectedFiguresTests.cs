using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Dataset.Tests;

/// <summary>
/// Two independent readings of the seed articles must agree: every figure in expected-figures.csv is in the dataset.
/// </summary>
public sealed class ExpectedFiguresTests
{
    [Fact]
    public async Task Every_expected_figure_from_the_independent_reading_is_in_the_dataset()
    {
        var (rows, errors) = ExpectedFigures.Load();
        Assert.True(errors.Count == 0, $"{ExpectedFigures.FileName} cannot be read:\n" + string.Join('\n', errors));
        Assert.NotEmpty(rows);

        var unknownKinds = rows.Where(r => !SignalKindNames.TryParse(r.Kind, out _)).Select(r => $"{r} (unknown kind '{r.Kind}')").ToList();
        Assert.True(unknownKinds.Count == 0, "Rows name kinds the dataset does not have:\n" + string.Join('\n', unknownKinds));

        var signals = await DatasetUnderTest.ReadSignalsAsync();
        var missing = new List<string>();
        foreach (var row in rows)
        {
            if (signals.Any(s => Matches(s, row))) continue;
            // Signals that agree on everything but kind or period make the failure quick to reconcile; they never count
            // as a match.
            var near = signals.Where(s => FromSeed(s, row) && Concerns(s, row) && HasFigure(s, row)).Select(DatasetUnderTest.Describe).ToList();
            missing.Add(row + (near.Count == 0 ? "" : "\n    same seed, company and figure, but different kind or period: " + string.Join("; ", near)));
        }

        if (missing.Count > 0)
            Assert.Fail($"{missing.Count} of {rows.Count} expected figures are not in the dataset:\n" + string.Join('\n', missing));
    }

    private static bool Matches(Signal s, ExpectedFigure row) =>
        FromSeed(s, row)
        && Concerns(s, row)
        && string.Equals(s.Kind.Id(), row.Kind, StringComparison.OrdinalIgnoreCase)
        && (row.Period is null || string.Equals(s.Period.ToString(), row.Period, StringComparison.Ordinal))
        && HasFigure(s, row);

    private static bool FromSeed(Signal s, ExpectedFigure row) => string.Equals(s.Source.File, row.Seed, StringComparison.Ordinal);

    /// <summary>The company is the subject, or among the signal's subjects (either party of a deal, an underlying).</summary>
    private static bool Concerns(Signal s, ExpectedFigure row) =>
        string.Equals(s.Company, row.Company, StringComparison.Ordinal) || s.Subjects().Contains(row.Company, StringComparer.Ordinal);

    /// <summary>
    /// Same number (decimal equality, so 13160000000 and 13.16bn agree and 2 never equals 2.5) in the same unit: the
    /// currency code for money, the figure's own unit otherwise (an option position's count is "shares", a metric's
    /// headcount "count").
    /// </summary>
    private static bool HasFigure(Signal s, ExpectedFigure row) =>
        s.Figures().Any(f => f.Value == row.Value && string.Equals(f.Unit, row.Unit, StringComparison.OrdinalIgnoreCase));
}
