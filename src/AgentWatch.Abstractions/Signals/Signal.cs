using System.Globalization;
using System.Text.Json.Serialization;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions.Signals;

/// <summary>How exactly a source states a figure.</summary>
[GenerateSerializer, Alias("agentwatch.qualifier")]
public enum Qualifier
{
    Exact,
    /// <summary>"about", "roughly", "~".</summary>
    About,
    /// <summary>"more than", "over", "at least".</summary>
    AtLeast,
    /// <summary>"up to", "at most".</summary>
    AtMost,
}

/// <summary>
/// One fact about the AI-infrastructure trade: what it is (its kind and figures), whom it concerns, the period it speaks
/// of, the day it became known, and where it came from. Signals are immutable; a correction is a new signal with a later
/// <see cref="KnownOn"/>, and queries "as of" a day see only what was known by then.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(CapexGuidance), "capex-guidance")]
[JsonDerivedType(typeof(Capex), "capex")]
[JsonDerivedType(typeof(OperatingCashFlow), "operating-cash-flow")]
[JsonDerivedType(typeof(FreeCashFlow), "free-cash-flow")]
[JsonDerivedType(typeof(CapexCashFlowRatio), "capex-cash-flow-ratio")]
[JsonDerivedType(typeof(OptionPosition), "option-position")]
[JsonDerivedType(typeof(ShortPosition), "short-position")]
[JsonDerivedType(typeof(Holding), "holding")]
[JsonDerivedType(typeof(ExportControl), "export-control")]
[JsonDerivedType(typeof(News), "news")]
[JsonDerivedType(typeof(MarketCapMove), "market-cap-move")]
[JsonDerivedType(typeof(PriceMove), "price-move")]
[JsonDerivedType(typeof(MarketCap), "market-cap")]
[JsonDerivedType(typeof(FinancingDeal), "financing-deal")]
[JsonDerivedType(typeof(OrderIntake), "order-intake")]
[JsonDerivedType(typeof(OrderBacklog), "order-backlog")]
[JsonDerivedType(typeof(Valuation), "valuation")]
[JsonDerivedType(typeof(Revenue), "revenue")]
[JsonDerivedType(typeof(Eps), "eps")]
[JsonDerivedType(typeof(Buyback), "buyback")]
[JsonDerivedType(typeof(InvestmentPlan), "investment-plan")]
[JsonDerivedType(typeof(CapacityPlan), "capacity-plan")]
[JsonDerivedType(typeof(MarketShare), "market-share")]
[JsonDerivedType(typeof(Metric), "metric")]
[JsonDerivedType(typeof(Filing), "filing")]
[JsonDerivedType(typeof(SharePrice), "share-price")]
[GenerateSerializer, Immutable, Alias("agentwatch.signal")]
public abstract record Signal
{
    /// <summary>Stable id derived from the source (seed file and item, accession and row, feed GUID, file and line).</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The company the signal is about (ticker or watchlist key); null for filer- or market-level signals.</summary>
    [Id(1)] public string? Company { get; init; }

    [Id(2)] public required Period Period { get; init; }

    /// <summary>The day the figure became public: a query as of an earlier day does not see it.</summary>
    [Id(3)] public required DateOnly KnownOn { get; init; }

    [Id(4)] public required SourceRef Source { get; init; }

    [Id(5)] public Qualifier Qualifier { get; init; }

    /// <summary>Context a reader needs (the source's caveat, a contradiction between sources). Never instructions.</summary>
    [Id(6)] public string? Note { get; init; }

    [JsonIgnore]
    public SignalKind Kind => KindCore;

    /// <summary>Subclasses name their kind here: a protected member stays out of the JSON, where "kind" is the discriminator.</summary>
    protected abstract SignalKind KindCore { get; }

    /// <summary>
    /// Tells apart facts of the same kind and period that stand side by side (two segments' revenue, two filers' puts).
    /// A later-known signal with the same company, kind, period and series key revises an earlier one.
    /// </summary>
    [JsonIgnore]
    public string SeriesKey => SeriesKeyCore;

    protected virtual string SeriesKeyCore => "";

    /// <summary>Every company the signal concerns (the subject, an underlying, both sides of a deal).</summary>
    public virtual IEnumerable<string> Subjects() => Company is null ? [] : [Company];

    /// <summary>The numbers the signal states.</summary>
    public abstract IEnumerable<Figure> Figures();

    /// <summary>The value in words and figures, e.g. "$175 billion to $185 billion".</summary>
    public abstract string DescribeValue();

    /// <summary>One line for people: "AMZN capex guidance for 2026: $200 billion".</summary>
    public string Describe() => Describe(12);

    /// <summary>The same, with the company's fiscal year as the watchlist gives it: "NVDA revenue for fiscal 2026 (to January 2026): …".</summary>
    public string Describe(CompanyDirectory? directory) =>
        Describe(Company is { } c && directory is not null && directory.IsKnown(c) ? directory.Profile(c).FiscalYearEndMonth : 12);

    private string Describe(int fiscalYearEndMonth) =>
        $"{(Company is null ? "" : Company + " ")}{Kind.Label()}{PeriodPhrase(Period.ToHuman(fiscalYearEndMonth))}: {DescribeValue()}";

    /// <summary>Problems that make the signal unusable; empty when it is valid.</summary>
    public virtual IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Id)) yield return "id is empty";
        else if (Id.Length > 400) yield return "id is longer than 400 characters";
        if (Company is not null && !SignalRules.IsCompanyKey(Company))
            yield return $"company '{Company}' is not a company key (upper-case letters, digits, '.', '-'; at most 20)";
        if (string.IsNullOrWhiteSpace(Source?.File)) yield return "source.file is empty";
        if (KnownOn < new DateOnly(1990, 1, 1) || KnownOn > new DateOnly(2100, 1, 1)) yield return $"knownOn {KnownOn:yyyy-MM-dd} is out of range";
        if (Note?.Length > 2000) yield return "note is longer than 2000 characters";
    }

    /// <param name="period">The period in words, with the company's fiscal calendar when it is known.</param>
    protected virtual string PeriodPhrase(string period) => $" for {period}";

    /// <summary>The qualifier as words to put before the figure it qualifies ("about ", "more than ").</summary>
    protected string Q => Words(Qualifier);

    /// <summary>A qualifier as words to put before the figure it qualifies ("about ", "more than "; nothing for exact).</summary>
    public static string Words(Qualifier qualifier) => qualifier switch
    {
        Qualifier.About => "about ",
        Qualifier.AtLeast => "more than ",
        Qualifier.AtMost => "up to ",
        _ => "",
    };

    protected static string SignedPercent(decimal value) =>
        $"{(value > 0 ? "+" : value < 0 ? "−" : "")}{Math.Abs(value).ToString("0.##", CultureInfo.InvariantCulture)} %";

    protected static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A filer key for reading: "scion-asset-management" → "Scion Asset Management".</summary>
    protected static string FilerName(string key) =>
        key.Contains('-') ? string.Join(' ', key.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])) : key;
}

/// <summary>Shared validation helpers.</summary>
public static class SignalRules
{
    public static bool IsCompanyKey(string key) =>
        key.Length is > 0 and <= 20 && key.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '-');

    public static IEnumerable<string> Positive(Money? money, string name)
    {
        if (money is { } m && m.Amount < 0) yield return $"{name} cannot be negative ({m})";
    }
}
