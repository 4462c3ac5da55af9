using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Grains.Tests;

/// <summary>Short ways to make signals in tests.</summary>
public static class Make
{
    public static readonly DateOnly Day = new(2026, 2, 5);
    private static SourceRef Source => new("test.jsonl", null, "line 1");
    private static string NewId(string what) => $"{what}-{Guid.NewGuid():N}";

    public static Money Usd(decimal billions) => Money.Usd(billions * 1_000_000_000m);

    public static CapexGuidance Guidance(string company, int year, decimal billions, DateOnly? known = null) => new()
    {
        Id = NewId("guidance"), Company = company, Period = Period.FiscalYear(year), KnownOn = known ?? Day, Source = Source, Amount = Usd(billions),
    };

    public static CapexGuidance GuidanceRange(string company, int year, decimal low, decimal high) => new()
    {
        Id = NewId("guidance"), Company = company, Period = Period.FiscalYear(year), KnownOn = Day, Source = Source, Low = Usd(low), High = Usd(high),
    };

    public static Capex Capex(string company, int year, decimal billions, string? period = null, DateOnly? known = null) => new()
    {
        Id = NewId("capex"), Company = company, Period = period is null ? Period.FiscalYear(year) : Period.Parse(period), KnownOn = known ?? Day, Source = Source, Amount = Usd(billions),
    };

    public static OperatingCashFlow CashFlow(string company, string period, decimal billions) => new()
    {
        Id = NewId("ocf"), Company = company, Period = Period.Parse(period), KnownOn = Day, Source = Source, Amount = Usd(billions),
    };

    public static CapexCashFlowRatio Ratio(string company, decimal percent) => new()
    {
        Id = NewId("ratio"), Company = company, Period = Period.Parse("TTM-2025-09-30"), KnownOn = Day, Source = Source, Percent = percent,
    };

    public static OptionPosition Put(string filer, string company, decimal notionalMillions, string period = "2025-09-30", PutCall putCall = PutCall.Put) => new()
    {
        Id = NewId("put"), Company = company, Period = Period.Parse(period), KnownOn = Day, Source = Source, Filer = filer, PutCall = putCall,
        Shares = 1_000_000, Notional = Money.Usd(notionalMillions * 1_000_000m),
    };

    public static ShortPosition Short(string filer, decimal notionalMillions, string period, params string[] companies) => new()
    {
        Id = NewId("short"), Period = Period.Parse(period), KnownOn = Day, Source = Source, Filer = filer, Underlyings = companies,
        Notional = Money.Usd(notionalMillions * 1_000_000m),
    };

    public static ExportControl Export(string company, params string[] others) => new()
    {
        Id = NewId("export"), Company = company, Period = Period.Parse("2025-10"), KnownOn = Day, Source = Source,
        Headline = "Sales of a chip line to China halted", Region = "China", Companies = others.Length == 0 ? null : others,
    };

    public static News News(string company) => new()
    {
        Id = NewId("news"), Company = company, Period = Period.Parse("2025-10"), KnownOn = Day, Source = Source, Headline = "Product launch",
    };

    public static MarketCapMove Move(string company, decimal billions, int days, string period = "2025-11-03..2025-11-07") => new()
    {
        Id = NewId("move"), Company = company, Period = Period.Parse(period), KnownOn = Day, Source = Source, Change = Usd(billions), TradingDays = days,
    };

    public static MarketCap Cap(string company, DateOnly day, decimal billions) => new()
    {
        Id = NewId("cap"), Company = company, Period = Period.Day(day), KnownOn = day, Source = Source, Amount = Usd(billions),
    };

    public static FinancingDeal Deal(string from, string to, DealKind kind, decimal? billions = null) => new()
    {
        Id = NewId("deal"), Period = Period.Parse("FY2025"), KnownOn = Day, Source = Source, Investor = from, Investee = to, DealKind = kind,
        Amount = billions is { } b ? Usd(b) : null,
    };

    public static Valuation Pe(string company, decimal pe) => new()
    {
        Id = NewId("pe"), Company = company, Period = Period.Parse("2025-11"), KnownOn = Day, Source = Source, PeRatio = pe,
    };
}
