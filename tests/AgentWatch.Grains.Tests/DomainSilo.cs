using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// The market grains on the real runtime (serialized calls, in-memory storage) with a small watchlist: AAA..DDD watched,
/// ZZZ on the list but not watched; filer "watched-fund" watched, "quiet-fund" not.
/// </summary>
public sealed class DomainSilo : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;

    private DomainSilo(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = provider.GetServices<IHostedService>().ToList();
    }

    public IServiceProvider Services => _provider;
    public IGrainFactory Grains => _provider.GetRequiredService<IGrainFactory>();
    public SignalIngestor Ingestor => _provider.GetRequiredService<SignalIngestor>();
    public AlertStream Alerts => _provider.GetRequiredService<AlertStream>();

    public static async Task<DomainSilo> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Watchlist:Companies:AAA:Name"] = "Alpha Cloud",
            ["Watchlist:Companies:AAA:Sector"] = "hyperscaler",
            ["Watchlist:Companies:BBB:Name"] = "Beta Chips",
            ["Watchlist:Companies:BBB:Sector"] = "chip-maker",
            ["Watchlist:Companies:CCC:Name"] = "Gamma Labs",
            ["Watchlist:Companies:CCC:Sector"] = "ai-lab",
            ["Watchlist:Companies:DDD:Name"] = "Delta Neo",
            ["Watchlist:Companies:DDD:Sector"] = "neo-cloud",
            ["Watchlist:Companies:ZZZ:Name"] = "Zeta Unwatched",
            ["Watchlist:Companies:ZZZ:Watched"] = "false",
            ["Watchlist:Filers:watched-fund:Name"] = "Watched Fund",
            ["Watchlist:Filers:quiet-fund:Name"] = "Quiet Fund",
            ["Watchlist:Filers:quiet-fund:Watched"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddGrainRuntime(b => b.AddGrains(typeof(CompanyGrain).Assembly).Configure(o => o.SerializeCalls = true));
        services.AddMarketDomain(configuration);
        services.AddSingleton<IBriefWriter, NoBriefs>();
        var silo = new DomainSilo(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false }));
        foreach (var hosted in silo._hosted) await hosted.StartAsync(CancellationToken.None);
        return silo;
    }

    public Task<IngestReport> IngestAsync(params Signal[] signals) => Ingestor.IngestAsync(signals);

    public async Task<IReadOnlyList<Alert>> AlertsAsync() => await Alerts.ReadAsync(0, 10_000);

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosted.Count - 1; i >= 0; i--) await _hosted[i].StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }

    private sealed class NoBriefs : IBriefWriter
    {
        public Task<Brief> WriteAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Briefs are not part of these tests.");
    }
}

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
