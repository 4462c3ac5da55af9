using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;

namespace AgentWatch.Grains.Rules;

/// <summary>The ids of the built-in rules, as they appear on alerts and in configuration.</summary>
public static class RuleIds
{
    public const string CapexGuidanceJump = "capex-guidance-jump";
    public const string CapexVsCashFlow = "capex-vs-cash-flow";
    public const string FilerBearishPosition = "filer-bearish-position";
    public const string ExportControl = "export-control";
    public const string MarketCapDrawdown = "market-cap-drawdown";
    public const string CircularFinancing = "circular-financing";
    public const string ExtremeValuation = "extreme-valuation";
    public const string FilerPositionChange = "filer-position-change";

    /// <summary>Raised by the newsdesk agent: a news item or earnings text it judged material for a watched company.</summary>
    public const string MaterialNews = "material-news";

    /// <summary>Raised through the skeptic's score: bubble risk crossed a level or moved by the configured points.</summary>
    public const string BubbleRisk = "bubble-risk";

    public static readonly IReadOnlyList<string> All =
        [CapexGuidanceJump, CapexVsCashFlow, FilerBearishPosition, ExportControl, MarketCapDrawdown, CircularFinancing, ExtremeValuation, FilerPositionChange, MaterialNews, BubbleRisk];
}

public class RuleOptions
{
    public bool Enabled { get; set; } = true;
    public AlertSeverity Severity { get; set; } = AlertSeverity.Warning;
    public AlertFrequency Frequency { get; set; } = AlertFrequency.PerPeriod;

    /// <summary>A throttle: at most this many alerts of the rule per company in any hour; 0 for no limit.</summary>
    public int MaxPerHour { get; set; }

    /// <summary>
    /// History is recorded, not paged: an episode raises an alert only if it lies within this many days of the newest
    /// data of its series (a company's prices, its capex figures, a filer's reports), measured on the data, not on the
    /// clock. 0: every episode, however old. Agents' alerts (material news, bubble risk) are not measured.
    /// </summary>
    public int LookbackDays { get; set; }
}

public sealed class CapexGuidanceJumpOptions : RuleOptions
{
    /// <summary>Raise when a year's guidance is at least this much above the prior year's capex (or guidance).</summary>
    public decimal MinIncreasePercent { get; set; } = 20;
}

public sealed class CapexVsCashFlowOptions : RuleOptions
{
    /// <summary>Raise when capex is at least this share of operating cash flow.</summary>
    public decimal MinRatioPercent { get; set; } = 85;
}

public sealed class FilerBearishPositionOptions : RuleOptions
{
    /// <summary>Raise for a watched filer's new put or short position with at least this notional, in US dollars.</summary>
    public decimal MinNotionalUsd { get; set; } = 100_000_000;
}

public sealed class FilerPositionChangeOptions : RuleOptions
{
    /// <summary>Raise only for positions (or, closed, the earlier position) worth at least this much, in US dollars.</summary>
    public decimal MinValueUsd { get; set; } = 50_000_000;

    /// <summary>A held position counts as increased or reduced when its shares moved at least this much, in percent.</summary>
    public decimal MinChangePercent { get; set; } = 25;

    /// <summary>Only filers the watchlist marks as watched (Scion and the like); off, every filer's changes in watched companies count.</summary>
    public bool WatchedFilersOnly { get; set; } = true;
}

public sealed class ExportControlOptions : RuleOptions;

public sealed class MarketCapDrawdownOptions : RuleOptions
{
    /// <summary>Raise when market value falls at least this much, in US dollars ...</summary>
    public decimal MinLossUsd { get; set; } = 100_000_000_000;

    /// <summary>... within at most this many trading days.</summary>
    public int WindowTradingDays { get; set; } = 5;
}

public sealed class CircularFinancingOptions : RuleOptions
{
    /// <summary>Longest chain of money flows searched for a loop.</summary>
    public int MaxChainLength { get; set; } = 6;
}

public sealed class ExtremeValuationOptions : RuleOptions
{
    public decimal MinPeRatio { get; set; } = 100;
}

/// <summary>The newsdesk agent's alerts; what counts as material is its judgement (<c>Agents:Newsdesk</c>).</summary>
public sealed class MaterialNewsOptions : RuleOptions;

public sealed class BubbleRiskOptions : RuleOptions
{
    /// <summary>Scores (1–100) whose crossing, either way, raises an alert; unset: 25, 50 and 75 (the skeptic's level
    /// boundaries). Null rather than a default array, because configuration binding appends to an array it finds.</summary>
    public int[]? Levels { get; set; }

    public IReadOnlyList<int> LevelsOrDefault => Levels is { Length: > 0 } l ? l.Distinct().Order().ToList() : [25, 50, 75];

    /// <summary>A move of at least this many points from the score of the last bubble-risk alert raises one; 0: only levels.</summary>
    public int MinMovePoints { get; set; } = 10;
}

/// <summary>Thresholds and severities of the rules (configuration section <c>Rules</c>, file config/rules.json).</summary>
public sealed class RulesOptions
{
    public const string SectionName = "Rules";

    // Lookbacks, per family of data: annual and quarterly figures (capex, cash flow, deals) a year, so the latest fiscal
    // year and the quarters since still page while the years before are history; 13F reports two quarters, the newest
    // and the one before (filings come up to 45 days after the quarter, amendments later); prices, valuations and news
    // a quarter, one earnings cycle, beyond which a move is no longer news.
    public CapexGuidanceJumpOptions CapexGuidanceJump { get; set; } = new() { LookbackDays = 365 };
    public CapexVsCashFlowOptions CapexVsCashFlow { get; set; } = new() { LookbackDays = 365 };
    public FilerBearishPositionOptions FilerBearishPosition { get; set; } = new() { Severity = AlertSeverity.Critical, LookbackDays = 184 };
    public ExportControlOptions ExportControl { get; set; } = new() { LookbackDays = 90 };
    public MarketCapDrawdownOptions MarketCapDrawdown { get; set; } = new() { Severity = AlertSeverity.Critical, LookbackDays = 90 };
    public CircularFinancingOptions CircularFinancing { get; set; } = new() { LookbackDays = 365 };
    public ExtremeValuationOptions ExtremeValuation { get; set; } = new() { Severity = AlertSeverity.Info, LookbackDays = 90 };
    public FilerPositionChangeOptions FilerPositionChange { get; set; } = new() { LookbackDays = 184 };
    public MaterialNewsOptions MaterialNews { get; set; } = new();
    public BubbleRiskOptions BubbleRisk { get; set; } = new();

    /// <summary>The options of a rule by its id ("extreme-valuation" → <see cref="ExtremeValuation"/>); null for an unknown id.</summary>
    public RuleOptions? For(string ruleId) =>
        GetType().GetProperties().FirstOrDefault(p => typeof(RuleOptions).IsAssignableFrom(p.PropertyType) && IdOf(p.Name) == ruleId)?.GetValue(this) as RuleOptions;

    /// <summary>"CapexVsCashFlow" → "capex-vs-cash-flow": rule ids are the option names in kebab case.</summary>
    public static string IdOf(string propertyName) =>
        string.Concat(propertyName.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public IEnumerable<string> Validate()
    {
        foreach (var p in GetType().GetProperties().Where(p => typeof(RuleOptions).IsAssignableFrom(p.PropertyType)))
        {
            if (p.GetValue(this) is RuleOptions { MaxPerHour: < 0 }) yield return $"Rules:{p.Name}:MaxPerHour cannot be negative";
            if (p.GetValue(this) is RuleOptions { LookbackDays: < 0 }) yield return $"Rules:{p.Name}:LookbackDays cannot be negative (0: no lookback)";
        }
        if (CapexGuidanceJump.MinIncreasePercent < 0) yield return "Rules:CapexGuidanceJump:MinIncreasePercent cannot be negative";
        if (CapexVsCashFlow.MinRatioPercent <= 0) yield return "Rules:CapexVsCashFlow:MinRatioPercent must be positive";
        if (FilerBearishPosition.MinNotionalUsd < 0) yield return "Rules:FilerBearishPosition:MinNotionalUsd cannot be negative";
        if (MarketCapDrawdown.MinLossUsd <= 0) yield return "Rules:MarketCapDrawdown:MinLossUsd must be positive";
        if (MarketCapDrawdown.WindowTradingDays < 1) yield return "Rules:MarketCapDrawdown:WindowTradingDays must be at least 1";
        if (CircularFinancing.MaxChainLength is < 2 or > 12) yield return "Rules:CircularFinancing:MaxChainLength must be 2 to 12";
        if (ExtremeValuation.MinPeRatio <= 0) yield return "Rules:ExtremeValuation:MinPeRatio must be positive";
        if (FilerPositionChange.MinValueUsd < 0) yield return "Rules:FilerPositionChange:MinValueUsd cannot be negative";
        if (FilerPositionChange.MinChangePercent <= 0) yield return "Rules:FilerPositionChange:MinChangePercent must be positive";
        if (BubbleRisk.LevelsOrDefault.Any(l => l is < 1 or > 100)) yield return $"Rules:BubbleRisk:Levels must be scores from 1 to 100, not {string.Join(", ", BubbleRisk.LevelsOrDefault)}";
        if (BubbleRisk.MinMovePoints is < 0 or > 100) yield return "Rules:BubbleRisk:MinMovePoints must be 0 to 100";
    }
}
