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
        Evidence = evidence.DistinctBy(s => s.Id).Select(s => new Evidence(s.Id, s.Source, s.Describe(), s.KnownOn)).ToList(),
    };
}

/// <summary>A rule evaluated when a signal lands in a grain's timeline.</summary>
public interface IRule
{
    string Id { get; }
    bool Enabled(RulesOptions options);

    /// <summary>Alerts the new signal gives rise to; the grain drops any whose id it raised before.</summary>
    IEnumerable<Alert> Evaluate(RuleContext context, Signal added);
}

internal static class Format
{
    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";
    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Approx(Signal s, Money m) => (s.Qualifier switch
    {
        Qualifier.About => "about ",
        Qualifier.AtLeast => "more than ",
        Qualifier.AtMost => "up to ",
        _ => "",
    }) + m.ToHuman();
}
