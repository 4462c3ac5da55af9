using System.Text.Json.Serialization;
using System.Globalization;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions.Signals;

/// <summary>A signal whose value is one amount of money.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.amount-signal")]
public abstract record AmountSignal : Signal
{
    [Id(0)] public required Money Amount { get; init; }

    public override IEnumerable<Figure> Figures() => [new("amount", Amount.Amount, Amount.Currency)];
    public override string DescribeValue() => Q + Amount.ToHuman();
    public override IEnumerable<string> Validate() => base.Validate().Concat(SignalRules.Positive(Amount, "amount"));
}

/// <summary>
/// Capital expenditure a company says it will spend in a fiscal year (or quarter): a point, a range, a floor
/// (<see cref="Qualifier.AtLeast"/>), or no cap at all.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.capex-guidance")]
public sealed record CapexGuidance : Signal
{
    [Id(0)] public Money? Amount { get; init; }
    [Id(1)] public Money? Low { get; init; }
    [Id(2)] public Money? High { get; init; }

    /// <summary>The company declined to put a ceiling on it.</summary>
    [Id(3)] public bool Uncapped { get; init; }

    protected override SignalKind KindCore => SignalKind.CapexGuidance;

    /// <summary>The point the guidance stands for: the amount, or the middle of the range; null when uncapped.</summary>
    [JsonIgnore]
    public Money? Midpoint => Amount ?? (Low is { } l && High is { } h ? (l + h) / 2 : null);

    public override IEnumerable<Figure> Figures()
    {
        if (Amount is { } a) yield return new("amount", a.Amount, a.Currency);
        if (Low is { } l) yield return new("low", l.Amount, l.Currency);
        if (High is { } h) yield return new("high", h.Amount, h.Currency);
    }

    public override string DescribeValue() =>
        Uncapped && Amount is null && Low is null ? "no explicit cap"
        : Amount is { } a ? Q + a.ToHuman()
        : $"{Q}{Low!.Value.ToHuman()} to {High!.Value.ToHuman()}";

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        var hasRange = Low is not null || High is not null;
        if (Amount is null && !hasRange && !Uncapped) yield return "capex-guidance needs amount, or low and high, or uncapped: true";
        if (Amount is not null && hasRange) yield return "capex-guidance has both amount and a range; give one";
        if (hasRange && (Low is null || High is null)) yield return "capex-guidance range needs both low and high";
        if (Low is { } l && High is { } h)
        {
            if (l.Currency != h.Currency) yield return "capex-guidance low and high are in different currencies";
            else if (l > h) yield return $"capex-guidance low ({l}) is above high ({h})";
        }
        foreach (var e in SignalRules.Positive(Amount, "amount").Concat(SignalRules.Positive(Low, "low")).Concat(SignalRules.Positive(High, "high")))
            yield return e;
    }
}

/// <summary>Capital expenditure actually spent.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.capex")]
public sealed record Capex : AmountSignal
{
    protected override SignalKind KindCore => SignalKind.Capex;
}

[GenerateSerializer, Immutable, Alias("agentwatch.operating-cash-flow")]
public sealed record OperatingCashFlow : AmountSignal
{
    protected override SignalKind KindCore => SignalKind.OperatingCashFlow;
    public override IEnumerable<string> Validate() => base.Validate().Where(e => !e.StartsWith("amount cannot be negative", StringComparison.Ordinal));
}

[GenerateSerializer, Immutable, Alias("agentwatch.free-cash-flow")]
public sealed record FreeCashFlow : AmountSignal
{
    protected override SignalKind KindCore => SignalKind.FreeCashFlow;
    public override IEnumerable<string> Validate() => base.Validate().Where(e => !e.StartsWith("amount cannot be negative", StringComparison.Ordinal));
}

/// <summary>Capex as a percentage of operating cash flow, when a source states the ratio rather than both amounts.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.capex-cash-flow-ratio")]
public sealed record CapexCashFlowRatio : Signal
{
    [Id(0)] public required decimal Percent { get; init; }
    protected override SignalKind KindCore => SignalKind.CapexCashFlowRatio;
    public override IEnumerable<Figure> Figures() => [new("percent", Percent, "percent")];
    public override string DescribeValue() => $"{Q}{Number(Percent)} %";
    public override IEnumerable<string> Validate() =>
        base.Validate().Concat(Percent is < 0 or > 1000 ? [$"percent {Percent} is out of range"] : []);
}

[GenerateSerializer, Alias("agentwatch.put-call")]
public enum PutCall { Put, Call }

/// <summary>Puts or calls a filer holds on an underlying, as a 13F discloses them: share count and notional value.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.option-position")]
public sealed record OptionPosition : Signal
{
    /// <summary>The filer's key (CIK or slug, e.g. <c>scion-asset-management</c>).</summary>
    [Id(0)] public required string Filer { get; init; }
    [Id(1)] public required PutCall PutCall { get; init; }
    [Id(2)] public required decimal Shares { get; init; }
    [Id(3)] public required Money Notional { get; init; }
    [Id(4)] public string? Cusip { get; init; }

    /// <summary>The issuer's name when its CUSIP maps to no watched ticker.</summary>
    [Id(5)] public string? Issuer { get; init; }

    protected override SignalKind KindCore => SignalKind.OptionPosition;
    protected override string SeriesKeyCore => $"{Filer}|{PutCall}|{Cusip ?? Issuer}";
    [JsonIgnore]
    public bool IsBearish => PutCall == PutCall.Put;

    public override IEnumerable<Figure> Figures() =>
        [new("shares", Shares, "shares"), new("notional", Notional.Amount, Notional.Currency)];

    public override string DescribeValue() =>
        $"{FilerName(Filer)} holds {PutCall.ToString().ToLowerInvariant()}s on {Q}{Number(Shares)} {Company ?? Issuer} shares, notional {Q}{Notional.ToHuman()}";

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (string.IsNullOrWhiteSpace(Filer)) yield return "option-position needs a filer";
        if (Company is null && string.IsNullOrWhiteSpace(Issuer)) yield return "option-position needs a company or an issuer";
        if (Shares <= 0) yield return $"shares must be positive ({Shares})";
        foreach (var e in SignalRules.Positive(Notional, "notional")) yield return e;
    }
}

/// <summary>A filer's short bet against one or more companies (a stated short, or puts described as one).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.short-position")]
public sealed record ShortPosition : Signal
{
    [Id(0)] public required string Filer { get; init; }
    [Id(1)] public required IReadOnlyList<string> Underlyings { get; init; }
    [Id(2)] public Money? Notional { get; init; }

    /// <summary>Share of the filer's assets the position represents.</summary>
    [Id(3)] public decimal? PercentOfAssets { get; init; }

    protected override SignalKind KindCore => SignalKind.ShortPosition;
    protected override string SeriesKeyCore => $"{Filer}|{string.Join(',', Underlyings)}";
    public override IEnumerable<string> Subjects() => Underlyings.Concat(base.Subjects()).Distinct();

    public override IEnumerable<Figure> Figures()
    {
        if (Notional is { } n) yield return new("notional", n.Amount, n.Currency);
        if (PercentOfAssets is { } p) yield return new("percent-of-assets", p, "percent");
    }

    public override string DescribeValue() =>
        $"{FilerName(Filer)} short {string.Join(" and ", Underlyings)}" +
        (Notional is { } n ? $", {Q}{n.ToHuman()}" : "") +
        (PercentOfAssets is { } p ? $" ({Number(p)} % of assets)" : "");

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (string.IsNullOrWhiteSpace(Filer)) yield return "short-position needs a filer";
        if (Underlyings is null || Underlyings.Count == 0) yield return "short-position needs at least one underlying";
        else foreach (var u in Underlyings.Where(u => !SignalRules.IsCompanyKey(u))) yield return $"underlying '{u}' is not a company key";
        if (Notional is null && PercentOfAssets is null) yield return "short-position needs a notional or a percentOfAssets";
    }
}

/// <summary>A long share position a filer discloses (13F share rows).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.holding")]
public sealed record Holding : Signal
{
    [Id(0)] public required string Filer { get; init; }
    [Id(1)] public required decimal Shares { get; init; }
    [Id(2)] public required Money Value { get; init; }
    [Id(3)] public string? Cusip { get; init; }
    [Id(4)] public string? Issuer { get; init; }

    protected override SignalKind KindCore => SignalKind.Holding;
    protected override string SeriesKeyCore => $"{Filer}|{Cusip ?? Issuer}";
    public override IEnumerable<Figure> Figures() => [new("shares", Shares, "shares"), new("value", Value.Amount, Value.Currency)];
    public override string DescribeValue() => $"{FilerName(Filer)} holds {Q}{Number(Shares)} {Company ?? Issuer} shares worth {Value.ToHuman()}";

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (string.IsNullOrWhiteSpace(Filer)) yield return "holding needs a filer";
        if (Company is null && string.IsNullOrWhiteSpace(Issuer)) yield return "holding needs a company or an issuer";
        if (Shares < 0) yield return $"shares cannot be negative ({Shares})";
    }
}

/// <summary>Base of text signals: a headline (data, never instructions) and the companies it names.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.text-signal")]
public abstract record TextSignal : Signal
{
    [Id(0)] public required string Headline { get; init; }

    /// <summary>Further companies the item touches besides <see cref="Signal.Company"/>.</summary>
    [Id(1)] public IReadOnlyList<string>? Companies { get; init; }

    [Id(2)] public string? Url { get; init; }

    public override IEnumerable<string> Subjects() => base.Subjects().Concat(Companies ?? []).Distinct();
    protected override string SeriesKeyCore => Id;
    public override IEnumerable<Figure> Figures() => [];
    public override string DescribeValue() => Headline;
    protected override string PeriodPhrase(string period) => $" ({period})";

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (string.IsNullOrWhiteSpace(Headline)) yield return "headline is empty";
        else if (Headline.Length > 1000) yield return "headline is longer than 1000 characters";
        foreach (var c in (Companies ?? []).Where(c => !SignalRules.IsCompanyKey(c))) yield return $"company '{c}' is not a company key";
    }
}

/// <summary>News about chip export controls (licences, bans, sales halted to a country).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.export-control")]
public sealed record ExportControl : TextSignal
{
    [Id(0)] public string? Region { get; init; }
    [Id(1)] public IReadOnlyList<string>? Products { get; init; }
    protected override SignalKind KindCore => SignalKind.ExportControl;
}

/// <summary>Any other news item.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.news")]
public sealed record News : TextSignal
{
    [Id(0)] public IReadOnlyList<string>? Topics { get; init; }
    protected override SignalKind KindCore => SignalKind.News;
}

/// <summary>A change in market value over a number of trading days.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.market-cap-move")]
public sealed record MarketCapMove : Signal
{
    [Id(0)] public required Money Change { get; init; }
    [Id(1)] public required int TradingDays { get; init; }
    protected override SignalKind KindCore => SignalKind.MarketCapMove;
    public override IEnumerable<Figure> Figures() => [new("change", Change.Amount, Change.Currency), new("trading-days", TradingDays, "days")];
    public override string DescribeValue() =>
        $"{(Change.Amount < 0 ? "lost" : "gained")} {Q}{(Change.Amount < 0 ? -Change : Change).ToHuman()} in {TradingDays} trading day{(TradingDays == 1 ? "" : "s")}";
    protected override string PeriodPhrase(string period) => $" ({period})";

    public override IEnumerable<string> Validate() =>
        base.Validate().Concat(TradingDays is < 1 or > 3000 ? [$"tradingDays must be 1 to 3000 ({TradingDays})"] : []);
}

/// <summary>A share-price change in percent (a range when the source gives one).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.price-move")]
public sealed record PriceMove : Signal
{
    [Id(0)] public required decimal ChangePercent { get; init; }

    /// <summary>The other end when the source gives a range (−7 % to −11 %).</summary>
    [Id(1)] public decimal? ChangePercentTo { get; init; }

    /// <summary>When it happened: "after-hours", "on-announcement", "year-to-date", "after-earnings".</summary>
    [Id(2)] public string? Session { get; init; }

    [Id(3)] public int? TradingDays { get; init; }

    protected override SignalKind KindCore => SignalKind.PriceMove;
    protected override string SeriesKeyCore => Session ?? "";

    public override IEnumerable<Figure> Figures()
    {
        yield return new("change", ChangePercent, "percent");
        if (ChangePercentTo is { } t) yield return new("change-to", t, "percent");
    }

    public override string DescribeValue() =>
        Q + (ChangePercentTo is { } to ? $"{SignedPercent(ChangePercent)} to {SignedPercent(to)}" : SignedPercent(ChangePercent)) +
        (Session is null ? "" : $" ({Session.Replace('-', ' ')})");

    protected override string PeriodPhrase(string period) => $" ({period})";

    public override IEnumerable<string> Validate() =>
        base.Validate().Concat(ChangePercent < -100 || ChangePercentTo < -100 ? ["a price cannot fall more than 100 %"] : []);
}

[GenerateSerializer, Immutable, Alias("agentwatch.market-cap")]
public sealed record MarketCap : AmountSignal
{
    protected override SignalKind KindCore => SignalKind.MarketCap;
}

/// <summary>
/// A share's close on a day with the lowest and highest closes of the weeks before it: what a price file says of the
/// price level, as one signal per file (its last day) rather than one per trading day, so years of history cost one
/// signal. The market cap follows from it where shares outstanding are known (<c>agentwatch company</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.share-price")]
public sealed record SharePrice : Signal
{
    [Id(0)] public required Money Close { get; init; }

    /// <summary>The lowest close from <see cref="RangeFrom"/> to the close's day, and the day of it.</summary>
    [Id(1)] public required Money Low { get; init; }
    [Id(2)] public required DateOnly LowOn { get; init; }

    [Id(3)] public required Money High { get; init; }
    [Id(4)] public required DateOnly HighOn { get; init; }

    /// <summary>The first trading day of the range (a year back, or later where the file or a split starts later).</summary>
    [Id(5)] public required DateOnly RangeFrom { get; init; }

    protected override SignalKind KindCore => SignalKind.SharePrice;

    public override IEnumerable<Figure> Figures() =>
        [new("close", Close.Amount, Close.Currency), new("low", Low.Amount, Low.Currency), new("high", High.Amount, High.Currency)];

    public override string DescribeValue() =>
        $"closed at {Close.ToHuman()}; closes since {Day(RangeFrom)} from {Low.ToHuman()} ({Day(LowOn)}) to {High.ToHuman()} ({Day(HighOn)})";

    protected override string PeriodPhrase(string period) => $" ({period})";

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate()) yield return problem;
        if (Close.Amount <= 0 || Low.Amount <= 0 || High.Amount <= 0) yield return "close, low and high must be positive";
        if (Low.Currency != Close.Currency || High.Currency != Close.Currency) yield return $"close, low and high must be in one currency ({Close.Currency}, {Low.Currency}, {High.Currency})";
        else if (Low > Close || Close > High) yield return $"the close {Close} is not within the range {Low} to {High}";
        if (Period.Kind != PeriodKind.Day) yield return $"period must be the close's day ({Period})";
        else if (RangeFrom > Period.Start || LowOn < RangeFrom || HighOn < RangeFrom || LowOn > Period.Start || HighOn > Period.Start)
            yield return $"the range's days ({RangeFrom:yyyy-MM-dd}, low {LowOn:yyyy-MM-dd}, high {HighOn:yyyy-MM-dd}) must fall from rangeFrom to the close's day";
    }

    private static string Day(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

[GenerateSerializer, Alias("agentwatch.deal-kind")]
public enum DealKind
{
    Equity,
    Debt,
    ComputeContract,
    PurchaseCommitment,
}

/// <summary>
/// Money committed from one party to another. In every kind money flows from <see cref="Investor"/> to
/// <see cref="Investee"/>: for a compute contract or purchase commitment the investor is the buyer and the investee the
/// seller. Parties are watchlist keys where they have one, names otherwise ("Blue Owl Capital").
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.financing-deal")]
public sealed record FinancingDeal : Signal
{
    [Id(0)] public required string Investor { get; init; }
    [Id(1)] public required string Investee { get; init; }
    [Id(2)] public required DealKind DealKind { get; init; }
    [Id(3)] public Money? Amount { get; init; }

    /// <summary>The amount recurs every year (a multi-year compute contract stated per year).</summary>
    [Id(4)] public bool PerYear { get; init; }

    /// <summary>What it is, when the source says: "bonds", "private credit", "GPUs", "cloud services".</summary>
    [Id(5)] public string? Instrument { get; init; }

    protected override SignalKind KindCore => SignalKind.FinancingDeal;
    protected override string SeriesKeyCore => $"{Investor}|{Investee}|{DealKind}|{Instrument}";
    public override IEnumerable<string> Subjects() => new[] { Investor, Investee }.Concat(base.Subjects()).Distinct();

    public override IEnumerable<Figure> Figures() => Amount is { } a ? [new("amount", a.Amount, a.Currency)] : [];

    public override string DescribeValue()
    {
        var kind = DealKind switch
        {
            DealKind.Equity => "equity",
            DealKind.Debt => "debt",
            DealKind.ComputeContract => "compute contract",
            _ => "purchase commitment",
        };
        var amount = Amount is { } a ? Q + a.ToHuman() + (PerYear ? " a year" : "") : "undisclosed amount";
        return $"{Investor} → {Investee}: {kind}, {amount}" + (Instrument is null ? "" : $" ({Instrument})");
    }

    protected override string PeriodPhrase(string period) => $" ({period})";

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (string.IsNullOrWhiteSpace(Investor)) yield return "financing-deal needs an investor";
        if (string.IsNullOrWhiteSpace(Investee)) yield return "financing-deal needs an investee";
        if (string.Equals(Investor, Investee, StringComparison.OrdinalIgnoreCase)) yield return "financing-deal investor and investee are the same";
        foreach (var e in SignalRules.Positive(Amount, "amount")) yield return e;
    }
}

[GenerateSerializer, Immutable, Alias("agentwatch.order-intake")]
public sealed record OrderIntake : AmountSignal
{
    protected override SignalKind KindCore => SignalKind.OrderIntake;
}

[GenerateSerializer, Immutable, Alias("agentwatch.order-backlog")]
public sealed record OrderBacklog : AmountSignal
{
    protected override SignalKind KindCore => SignalKind.OrderBacklog;
}

/// <summary>A price/earnings ratio, or a private company's valuation.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.valuation")]
public sealed record Valuation : Signal
{
    [Id(0)] public decimal? PeRatio { get; init; }
    [Id(1)] public Money? Value { get; init; }
    protected override SignalKind KindCore => SignalKind.Valuation;
    protected override string SeriesKeyCore => PeRatio is null ? "value" : "pe";

    public override IEnumerable<Figure> Figures()
    {
        if (PeRatio is { } pe) yield return new("pe-ratio", pe, "x");
        if (Value is { } v) yield return new("value", v.Amount, v.Currency);
    }

    public override string DescribeValue() =>
        string.Join(", ", new[] { PeRatio is { } pe ? $"P/E {Q}{Number(pe)}" : null, Value is { } v ? $"valued at {Q}{v.ToHuman()}" : null }.Where(s => s is not null));

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (PeRatio is null && Value is null) yield return "valuation needs a peRatio or a value";
        if (PeRatio is <= 0) yield return $"peRatio must be positive ({PeRatio})";
    }
}

/// <summary>Revenue of a company or one of its segments, with its growth where given.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.revenue")]
public sealed record Revenue : Signal
{
    [Id(0)] public Money? Amount { get; init; }
    [Id(1)] public decimal? GrowthPercent { get; init; }
    [Id(2)] public string? Segment { get; init; }
    protected override SignalKind KindCore => SignalKind.Revenue;
    protected override string SeriesKeyCore => Segment ?? "";

    public override IEnumerable<Figure> Figures()
    {
        if (Amount is { } a) yield return new("amount", a.Amount, a.Currency);
        if (GrowthPercent is { } g) yield return new("growth", g, "percent");
    }

    public override string DescribeValue() =>
        (Segment is null ? "" : $"{Segment}: ") +
        Q + string.Join(", ", new[] { Amount?.ToHuman(), GrowthPercent is { } g ? $"{SignedPercent(g)} year on year" : null }.Where(s => s is not null));

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (Amount is null && GrowthPercent is null) yield return "revenue needs an amount or a growthPercent";
    }
}

/// <summary>Earnings per share against the analysts' consensus.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.eps")]
public sealed record Eps : Signal
{
    [Id(0)] public required Money Actual { get; init; }
    [Id(1)] public Money? Consensus { get; init; }
    protected override SignalKind KindCore => SignalKind.Eps;

    public override IEnumerable<Figure> Figures()
    {
        yield return new("actual", Actual.Amount, Actual.Currency);
        if (Consensus is { } c) yield return new("consensus", c.Amount, c.Currency);
    }

    public override string DescribeValue() =>
        Q + Actual.ToHuman() + (Consensus is { } c ? $" against a consensus of {c.ToHuman()}" : "");
}

[GenerateSerializer, Immutable, Alias("agentwatch.buyback")]
public sealed record Buyback : AmountSignal
{
    protected override SignalKind KindCore => SignalKind.Buyback;
}

/// <summary>A commitment to invest in a project (a fab, a campus, a multi-year programme).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.investment-plan")]
public sealed record InvestmentPlan : AmountSignal
{
    [Id(0)] public string? Project { get; init; }
    [Id(1)] public string? Location { get; init; }

    /// <summary>Other parties to the plan.</summary>
    [Id(2)] public IReadOnlyList<string>? Partners { get; init; }

    protected override SignalKind KindCore => SignalKind.InvestmentPlan;
    protected override string SeriesKeyCore => $"{Project}|{Location}";
    public override IEnumerable<string> Subjects() => base.Subjects().Concat(Partners ?? []).Distinct();

    public override string DescribeValue() =>
        Q + Amount.ToHuman() + (Project is null && Location is null ? "" : $" ({string.Join(", ", new[] { Project, Location }.Where(s => s is not null))})") +
        (Partners is { Count: > 0 } p ? $" with {string.Join(", ", p)}" : "");
}

/// <summary>Planned data-centre power capacity.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.capacity-plan")]
public sealed record CapacityPlan : Signal
{
    [Id(0)] public required decimal Gigawatts { get; init; }
    [Id(1)] public string? Project { get; init; }
    protected override SignalKind KindCore => SignalKind.CapacityPlan;
    protected override string SeriesKeyCore => Project ?? "";
    public override IEnumerable<Figure> Figures() => [new("gigawatts", Gigawatts, "GW")];
    public override string DescribeValue() => $"{Q}{Number(Gigawatts)} GW" + (Project is null ? "" : $" ({Project})");
    public override IEnumerable<string> Validate() => base.Validate().Concat(Gigawatts <= 0 ? ["gigawatts must be positive"] : []);
}

/// <summary>A product's share of its market.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.market-share")]
public sealed record MarketShare : Signal
{
    [Id(0)] public required decimal Percent { get; init; }
    [Id(1)] public required string Product { get; init; }
    [Id(2)] public decimal? PreviousPercent { get; init; }
    [Id(3)] public string? Market { get; init; }
    protected override SignalKind KindCore => SignalKind.MarketShare;
    protected override string SeriesKeyCore => $"{Product}|{Market}";

    public override IEnumerable<Figure> Figures()
    {
        yield return new("percent", Percent, "percent");
        if (PreviousPercent is { } p) yield return new("previous-percent", p, "percent");
    }

    public override string DescribeValue() =>
        $"{Product} {Q}{Number(Percent)} %" + (PreviousPercent is { } p ? $" (from {Number(p)} %)" : "") + (Market is null ? "" : $" of {Market}");

    public override IEnumerable<string> Validate() =>
        base.Validate().Concat(Percent is < 0 or > 100 || PreviousPercent is < 0 or > 100 ? ["a market share is 0 to 100 %"] : []);
}

/// <summary>Any other company figure with a name and a unit (a renewal rate, a pay package, a price per token).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.metric")]
public sealed record Metric : Signal
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required decimal Value { get; init; }
    [Id(2)] public required string Unit { get; init; }
    protected override SignalKind KindCore => SignalKind.Metric;
    protected override string SeriesKeyCore => Name;
    public override IEnumerable<Figure> Figures() => [new(Name, Value, Unit)];

    public override string DescribeValue() => Unit switch
    {
        "percent" => $"{Name}: {Q}{Number(Value)} %",
        "x" => $"{Name}: {Q}{Number(Value)}×",
        "count" => $"{Name}: {Q}{Number(Value)}",
        _ when Unit.Length == 3 && Unit.All(char.IsAsciiLetterUpper) => $"{Name}: {Q}{new Money(Value, Unit).ToHuman()}",
        _ => $"{Name}: {Q}{Number(Value)} {Unit}",
    };

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (string.IsNullOrWhiteSpace(Name)) yield return "metric needs a name";
        if (string.IsNullOrWhiteSpace(Unit)) yield return "metric needs a unit";
    }
}

/// <summary>
/// A filing at the SEC (from an EDGAR feed, a submissions list or a 13F cover page): its form, accession number and who
/// filed it. <see cref="Signal.Company"/> is set when the filer is a watched company.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.filing")]
public sealed record Filing : Signal
{
    [Id(0)] public required string Form { get; init; }
    [Id(1)] public required string Accession { get; init; }

    /// <summary>The filer's name as the SEC lists it.</summary>
    [Id(2)] public string? Filer { get; init; }
    [Id(3)] public string? Cik { get; init; }
    [Id(4)] public string? Url { get; init; }

    /// <summary>For a 13F: the key of the filer whose positions it discloses; the filing is kept with them.</summary>
    [Id(5)] public string? FilerKey { get; init; }

    /// <summary>For a 13F read with its table: how many positions (holdings, puts, calls) the table gives, so that a
    /// reader can tell when all of them are in and which earlier positions were closed. Null when the table was not
    /// read whole.</summary>
    [Id(6)] public int? Positions { get; init; }

    protected override SignalKind KindCore => SignalKind.Filing;
    protected override string SeriesKeyCore => Accession;
    public override IEnumerable<Figure> Figures() => [];
    public override string DescribeValue() => $"{Form} filed by {Filer ?? Company ?? Cik} (accession {Accession})";
    protected override string PeriodPhrase(string period) => $" ({period})";

    public override IEnumerable<string> Validate()
    {
        foreach (var e in base.Validate()) yield return e;
        if (string.IsNullOrWhiteSpace(Form)) yield return "filing needs a form";
        if (string.IsNullOrWhiteSpace(Accession)) yield return "filing needs an accession number";
    }
}
