using System.Globalization;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains.Timeline;

namespace AgentWatch.Grains.Rules;

/// <summary>What a rule sees: the grain's whole timeline (new signals already in it), the watchlist and the clock.</summary>
public sealed record RuleContext(TimelineState Timeline, string GrainKey, CompanyDirectory Directory, RulesOptions Options, DateTimeOffset Now)
{
    public Alert Alert(string rule, string id, string company, AlertSeverity severity, string rationale, params Signal[] evidence) => new()
    {
        Id = id,
        RaisedAt = Now,
        KnownOn = evidence.Max(s => s.KnownOn),
        Severity = severity,
        Company = company,
        Rule = rule,
        Rationale = rationale,
        Evidence = evidence.DistinctBy(s => s.Id).Select(s => new Evidence(s.Id, s.Source, s.Describe(Directory), s.KnownOn)).ToList(),
    };

    /// <summary>A period in words with the company's fiscal calendar ("fiscal 2027 (to May 2027)" for Oracle).</summary>
    public string Human(Period period, string company) =>
        period.ToHuman(Directory.IsKnown(company) ? Directory.Profile(company).FiscalYearEndMonth : 12);
}

/// <summary>A rule evaluated when a signal lands in a grain's timeline.</summary>
public interface IRule
{
    string Id { get; }
    bool Enabled(RulesOptions options);

    /// <summary>
    /// The kinds of signal whose newest date in the grain is "now" for this rule's lookback: the series its episodes
    /// are measured against (a company's prices for a drawdown, its capex figures for a capex rule).
    /// </summary>
    IReadOnlySet<SignalKind> Series { get; }

    /// <summary>Alerts the new signal gives rise to; the grain drops any whose id it raised before.</summary>
    IEnumerable<Alert> Evaluate(RuleContext context, Signal added);
}

/// <summary>
/// Which episodes page someone: those within the rule's lookback of the newest data of their series. Dates are the data's,
/// never the clock's, so a dataset from last year raises its alerts today, and years of history raise only its tail.
/// </summary>
public static class Lookback
{
    /// <summary>The day a signal speaks of: see <see cref="SignalDates.DataDate"/>.</summary>
    public static DateOnly DateOf(Signal s) => SignalDates.DataDate(s);

    /// <summary>Whether the alert's episode (its newest evidence) lies within the rule's lookback of its series' newest date.</summary>
    public static bool Admits(TimelineState timeline, IRule rule, Alert alert, RuleOptions? options)
    {
        if (options is not { LookbackDays: > 0 } o || timeline.NewestOf(rule.Series) is not { } newest) return true;
        var dates = alert.Evidence.Select(e => timeline.TryGet(e.SignalId, out var s) ? DateOf(s) : e.KnownOn).ToList();
        return dates.Count == 0 || dates.Max() >= newest.AddDays(-o.LookbackDays);
    }
}

internal static class Format
{
    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";
    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Approx(Signal s, Money m) => Signal.Words(s.Qualifier) + m.ToHuman();
}
