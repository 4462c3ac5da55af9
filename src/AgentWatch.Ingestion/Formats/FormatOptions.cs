namespace AgentWatch.Ingestion.Formats;

/// <summary>Settings the formats read: the news lexicon and what counts as a price move.</summary>
public sealed record FormatOptions
{
    public NewsOptions News { get; init; } = new();
    public PriceOptions Prices { get; init; } = new();
    public FilingOptions Filings { get; init; } = new();
}

/// <summary>How news items are classified (configuration section <c>Ingestion:News</c>).</summary>
public sealed class NewsOptions
{
    public const string SectionName = "Ingestion:News";

    /// <summary>Topic → words and phrases that put an item in it (matched case- and accent-insensitively, as whole words).
    /// An item in <c>export-controls</c> that names a watched company becomes an export-control signal.</summary>
    public Dictionary<string, List<string>> Topics { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["export-controls"] = ["export control", "export controls", "export ban", "export restrictions", "export license", "entity list", "exportkontrolle", "exportkontrollen", "exportverbot"],
        ["china"] = ["china", "chinese", "beijing", "peking"],
        ["chips"] = ["blackwell", "h20", "h100", "h200", "hopper", "rubin", "a100", "gpu", "gpus", "chip", "chips", "semiconductor", "semiconductors", "hbm"],
        ["tariffs"] = ["tariff", "tariffs", "zoll", "zolle", "trade war"],
        ["financing"] = ["bond", "bonds", "private credit", "funding round", "financing", "loan", "stake", "raises", "debt"],
        ["capex"] = ["capex", "capital expenditure", "capital expenditures", "data center", "data centers", "data centre", "data centres", "investitionen"],
    };
}

/// <summary>What turns a price file into signals (configuration section <c>Ingestion:Prices</c>).</summary>
public sealed class PriceOptions
{
    public const string SectionName = "Ingestion:Prices";

    /// <summary>A day's close-to-close change at least this large (either way) is a price-move signal.</summary>
    public decimal MinMovePercent { get; set; } = 5;

    /// <summary>A market-cap change at least this large (US dollars) within <see cref="MarketCapWindowDays"/> is a market-cap move.</summary>
    public decimal MinMarketCapMoveUsd { get; set; } = 50_000_000_000m;

    public int MarketCapWindowDays { get; set; } = 5;

    /// <summary>How far back the range of closes beside a file's last close looks (the share-price signal).</summary>
    public int RangeWeeks { get; set; } = 52;
}
