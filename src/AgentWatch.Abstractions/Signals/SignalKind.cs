namespace AgentWatch.Abstractions.Signals;

/// <summary>What a signal is about. Serialized in kebab case ("capex-guidance").</summary>
[GenerateSerializer, Alias("agentwatch.signal-kind")]
public enum SignalKind
{
    CapexGuidance,
    Capex,
    OperatingCashFlow,
    FreeCashFlow,
    CapexCashFlowRatio,
    OptionPosition,
    ShortPosition,
    Holding,
    ExportControl,
    News,
    MarketCapMove,
    PriceMove,
    MarketCap,
    FinancingDeal,
    OrderIntake,
    OrderBacklog,
    Valuation,
    Revenue,
    Eps,
    Buyback,
    InvestmentPlan,
    CapacityPlan,
    MarketShare,
    Metric,
    Filing,
    SharePrice,
}

public static class SignalKindNames
{
    private static readonly Dictionary<SignalKind, (string Id, string Label)> Names = new()
    {
        [SignalKind.CapexGuidance] = ("capex-guidance", "capex guidance"),
        [SignalKind.Capex] = ("capex", "capex"),
        [SignalKind.OperatingCashFlow] = ("operating-cash-flow", "operating cash flow"),
        [SignalKind.FreeCashFlow] = ("free-cash-flow", "free cash flow"),
        [SignalKind.CapexCashFlowRatio] = ("capex-cash-flow-ratio", "capex as a share of operating cash flow"),
        [SignalKind.OptionPosition] = ("option-position", "option position"),
        [SignalKind.ShortPosition] = ("short-position", "short position"),
        [SignalKind.Holding] = ("holding", "holding"),
        [SignalKind.ExportControl] = ("export-control", "export-control news"),
        [SignalKind.News] = ("news", "news"),
        [SignalKind.MarketCapMove] = ("market-cap-move", "market-cap move"),
        [SignalKind.PriceMove] = ("price-move", "share-price move"),
        [SignalKind.MarketCap] = ("market-cap", "market cap"),
        [SignalKind.FinancingDeal] = ("financing-deal", "financing deal"),
        [SignalKind.OrderIntake] = ("order-intake", "order intake"),
        [SignalKind.OrderBacklog] = ("order-backlog", "order backlog"),
        [SignalKind.Valuation] = ("valuation", "valuation"),
        [SignalKind.Revenue] = ("revenue", "revenue"),
        [SignalKind.Eps] = ("eps", "earnings per share"),
        [SignalKind.Buyback] = ("buyback", "share buyback"),
        [SignalKind.InvestmentPlan] = ("investment-plan", "investment plan"),
        [SignalKind.CapacityPlan] = ("capacity-plan", "capacity plan"),
        [SignalKind.MarketShare] = ("market-share", "market share"),
        [SignalKind.Metric] = ("metric", "metric"),
        [SignalKind.Filing] = ("filing", "SEC filing"),
        [SignalKind.SharePrice] = ("share-price", "share price"),
    };

    private static readonly Dictionary<string, SignalKind> ById =
        Names.ToDictionary(p => p.Value.Id, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The kebab-case id used in files and URLs.</summary>
    public static string Id(this SignalKind kind) => Names[kind].Id;

    /// <summary>Words for people.</summary>
    public static string Label(this SignalKind kind) => Names[kind].Label;

    public static bool TryParse(string? id, out SignalKind kind) => ById.TryGetValue(id ?? "", out kind);

    public static IEnumerable<string> AllIds => Names.Values.Select(n => n.Id);
}
