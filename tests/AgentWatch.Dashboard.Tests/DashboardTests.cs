using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Silo;
using AgentWatch.Testing;

namespace AgentWatch.Dashboard.Tests;

/// <summary>
/// The dashboard a silo serves at /, in headless Chromium driven by Playwright: it loads with the built-in dataset, a
/// newly ingested signal's alert appears without a reload, the ask box answers with its evidence, everything comes from
/// the silo, and no test passes if the page logged a console error, threw, or got an error response at any point of it
/// (a content security policy violation and a missing favicon included). Screenshots are saved beside the test
/// assembly (screenshots/). Outside CI, a machine without Chromium skips these and says why; under CI=true they run
/// and fail.
/// </summary>
public sealed class DashboardTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "agentwatch-dashboard-tests", Guid.NewGuid().ToString("N"));
    private SiloHost? _silo;
    private DashboardBrowser? _browser;

    private static string Screenshot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    public async ValueTask InitializeAsync()
    {
        DashboardBrowser.SkipUnlessAvailable();
        _silo = await SiloHost.StartAsync(new SiloLaunch
        {
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            Overrides = new Dictionary<string, string?> { ["Silo:DataDirectory"] = Path.Combine(_root, "data"), ["Silo:Port"] = "0", ["Brief:Daily"] = "false" },
        });
        _browser = await DashboardBrowser.StartAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        await _browser!.EvaluateAsync<bool>("window.__before = true");
        await _browser.Page.GotoAsync(_silo!.Url!);
        await _browser.WaitForAsync("!window.__before && document.body && document.body.dataset.loaded === 'true'", "the end of its load");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Whatever a test checked itself, it fails if the page reported an error at any point of it.
            _browser?.AssertNoErrors();
        }
        finally
        {
            if (_browser is not null) await _browser.DisposeAsync();
            if (_silo is not null) await _silo.DisposeAsync();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_page_loads_the_watchlist_alerts_chart_risk_and_brief_from_the_silo_alone()
    {
        var b = _browser!;
        await b.WaitForAsync("document.querySelectorAll('#alerts li').length > 0", "the alert feed");
        await b.WaitForAsync("document.querySelector('#live').textContent === 'live'", "the live stream connected");
        // The built-in dataset's Amazon guidance in the watchlist, and its alerts in the feed.
        var amazon = await b.EvaluateAsync<string?>("document.querySelector('#watchlist tr[data-ticker=\"AMZN\"]')?.textContent");
        Assert.Contains("$200 billion", amazon);
        // The agents add theirs in the background (news, bubble risk): the page keeps up with the silo's list.
        await Eventually.WaitForAsync(async () =>
            await b.EvaluateAsync<int>("document.querySelectorAll('#alerts li').length") == (await _silo!.Api.GetAlertsAsync(new())).Count,
            "the page listing every alert the silo lists");
        Assert.Equal(1, await b.EvaluateAsync<int>("document.querySelectorAll('#chart svg rect[data-company=\"AMZN\"][data-year=\"2026\"]').length"));
        var score = await b.EvaluateAsync<string?>("document.querySelector('#risk-score').textContent");
        Assert.Equal((await _silo!.Api.GetBubbleRiskAsync(null)).Score.ToString(System.Globalization.CultureInfo.InvariantCulture), score);
        Assert.StartsWith("AgentWatch brief", await b.EvaluateAsync<string?>("document.querySelector('#brief h3')?.textContent"));
        // Works offline: every resource the page loaded came from the silo.
        Assert.True(await b.EvaluateAsync<bool>("performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin))"));
        await b.ScreenshotAsync(Screenshot("dashboard-loaded.png"));
        Assert.True(new FileInfo(Screenshot("dashboard-loaded.png")).Length > 10_000);
    }

    [Fact]
    public async Task The_page_has_an_icon_the_browser_can_show()
    {
        var b = _browser!;
        var href = await b.EvaluateAsync<string>("document.querySelector('link[rel=\"icon\"]').href");
        Assert.Equal(new Uri(new Uri(_silo!.Url!), "/favicon.svg"), new Uri(href));
        // Decoded by the browser itself, under the page's content security policy.
        Assert.True(await b.EvaluateAsync<int>("(async () => { const i = new Image(); i.src = document.querySelector('link[rel=\"icon\"]').href; await i.decode(); return i.naturalWidth; })()") > 0);
        // Where a browser asks for an icon on its own, there is one too.
        var response = await b.Page.APIRequest.GetAsync(new Uri(new Uri(_silo.Url!), "/favicon.ico").ToString());
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/svg+xml", response.Headers["content-type"]);
    }

    [Fact]
    public async Task The_brief_is_shown_as_headings_lists_and_tables_and_quoted_text_stays_text()
    {
        var b = _browser!;
        // A headline that is markup: the brief quotes it, and the page must show it as words, never build elements from it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        const string headline = "AMD <img src=x id=injected> <script>window.__injected = 1</script> news";
        var stored = await _silo!.Api.IngestAsync([new News
        {
            Id = "dashboard-markup-headline", Company = "AMD", Period = Period.Day(today), KnownOn = today,
            Source = new SourceRef("dashboard-test", null, "line 1"), Headline = headline,
        }]);
        Assert.Equal(1, stored.New);
        await LoadAsync();

        Assert.StartsWith("AgentWatch brief", await b.EvaluateAsync<string?>("document.querySelector('#brief h3')?.textContent"));
        var sections = await b.EvaluateAsync<string[]>("[...document.querySelectorAll('#brief h4')].map(h => h.textContent)");
        Assert.Contains("Capex league table", sections);
        Assert.Contains(sections, s => s.StartsWith("Alerts", StringComparison.Ordinal));
        Assert.True(await b.EvaluateAsync<int>("document.querySelectorAll('#brief ul > li').length") > 3);
        Assert.True(await b.EvaluateAsync<int>("document.querySelectorAll('#brief li strong').length") > 0);
        Assert.True(await b.EvaluateAsync<int>("document.querySelectorAll('#brief table td').length") > 0);
        Assert.True(await b.EvaluateAsync<int>("document.querySelectorAll('#brief p').length") > 0);
        // No Markdown syntax left over as text.
        var text = await b.EvaluateAsync<string>("document.querySelector('#brief').textContent");
        Assert.DoesNotContain("**", text);
        Assert.DoesNotContain("|---", text);
        Assert.DoesNotContain("## ", text);

        Assert.Contains(headline, text);
        Assert.Equal(0, await b.EvaluateAsync<int>("document.querySelectorAll('#brief img, #brief script, #injected').length"));
        Assert.False(await b.EvaluateAsync<bool>("window.__injected === 1"));
        await b.ScreenshotAsync(Screenshot("dashboard-brief.png"));
    }

    [Fact]
    public async Task Capex_in_another_currency_gets_its_own_chart_and_scale()
    {
        var b = _browser!;
        var stored = await _silo!.Api.IngestAsync([new CapexGuidance
        {
            Id = "dashboard-asml-capex-eur", Company = "ASML", Period = Period.FiscalYear(2026), KnownOn = new DateOnly(2026, 1, 28),
            Source = new SourceRef("dashboard-test", null, "line 1"), Amount = Money.Parse("EUR 12bn"),
        }]);
        Assert.Equal(1, stored.New);
        await LoadAsync();

        // One chart per currency, each holding bars of its currency only.
        var charts = await b.EvaluateAsync<string[]>("[...document.querySelectorAll('#chart svg')].map(s => s.dataset.currency)");
        Assert.Equal(charts.Distinct().Count(), charts.Length);
        Assert.Contains("USD", charts);
        Assert.Contains("EUR", charts);
        Assert.True(await b.EvaluateAsync<bool>("[...document.querySelectorAll('#chart svg')].every(s => [...s.querySelectorAll('rect[data-currency]')].every(r => r.dataset.currency === s.dataset.currency))"));
        Assert.Equal(1, await b.EvaluateAsync<int>("document.querySelectorAll('#chart svg[data-currency=\"EUR\"] rect[data-company=\"ASML\"][data-year=\"2026\"]').length"));
        Assert.Equal(0, await b.EvaluateAsync<int>("document.querySelectorAll('#chart svg[data-currency=\"USD\"] rect[data-company=\"ASML\"]').length"));
        // Its own scale: EUR 12bn, the only euro amount, is the longest bar of its chart, as the largest dollar amount is of
        // the dollar chart; on the dollar axis it would be a sliver.
        var longest = "(c) => Math.max(...[...document.querySelectorAll(`#chart svg[data-currency=\"${c}\"] rect[data-company]`)].map(r => Number(r.getAttribute('width'))))";
        var euro = await b.EvaluateAsync<double>($"({longest})('EUR')");
        Assert.Equal(await b.EvaluateAsync<double>($"({longest})('USD')"), euro, 3);
        Assert.Equal(euro, await b.EvaluateAsync<double>("Number(document.querySelector('#chart svg[data-currency=\"EUR\"] rect[data-company=\"ASML\"][data-year=\"2026\"]').getAttribute('width'))"), 3);
        Assert.Contains("EUR", await b.EvaluateAsync<string>("document.querySelector('#chart-currencies').textContent"));
        await b.ScreenshotAsync(Screenshot("dashboard-currencies.png"));
    }

    [Fact]
    public async Task Fiscal_years_say_when_they_end_and_moves_are_in_one_unit()
    {
        var b = _browser!;
        // Nvidia's only moves are of its market value, in dollars; with the market cap it ended at, one reads in per cent.
        var stored = await _silo!.Api.IngestAsync([new MarketCap
        {
            Id = "dashboard-nvda-cap", Company = "NVDA", Period = Period.Day(new DateOnly(2025, 11, 7)), KnownOn = new DateOnly(2025, 11, 10),
            Source = new SourceRef("dashboard-test", null, "line 1"), Amount = Money.Parse("USD 4650bn"),
        }]);
        Assert.Equal(1, stored.New);
        await LoadAsync();

        // Microsoft's fiscal 2026 ends in June 2026; Amazon's is the calendar year.
        Assert.Contains("FY2026 (to June 2026)", await b.EvaluateAsync<string>("document.querySelector('#watchlist tr[data-ticker=\"MSFT\"]').textContent"));
        Assert.DoesNotContain("FY2026", await b.EvaluateAsync<string>("document.querySelector('#watchlist tr[data-ticker=\"AMZN\"]').textContent"));
        Assert.Contains("MSFT (FY to Jun)", await b.EvaluateAsync<string[]>("[...document.querySelectorAll('#chart svg text')].map(t => t.textContent)"));

        var moves = await b.EvaluateAsync<string[]>("[...document.querySelectorAll('#watchlist td.move')].map(td => td.textContent).filter(t => t)");
        Assert.NotEmpty(moves);
        Assert.All(moves, m => Assert.Matches(@"^[−+]?\d+(\.\d)?( to [−+]?\d+(\.\d)?)? %", m));
        Assert.All(moves, m => Assert.DoesNotContain("$", m));
        // −350bn from a week that ended at 4,650bn: 7 % off the 5,000bn it started at.
        Assert.StartsWith("−7 % (market cap)", await b.EvaluateAsync<string>("document.querySelector('#watchlist tr[data-ticker=\"NVDA\"] td.move').textContent"));
    }

    [Fact]
    public async Task A_newly_ingested_signals_alert_appears_without_a_reload()
    {
        var b = _browser!;
        await b.WaitForAsync("document.querySelector('#live').textContent === 'live'", "the live stream connected");
        await b.EvaluateAsync<string>("window.__marker = 'same page'");
        var report = await _silo!.Api.IngestAsync([new Valuation
        {
            Id = "dashboard-amd-pe", Company = "AMD", Period = Period.Parse("2026-03"), KnownOn = new DateOnly(2026, 3, 2),
            Source = new SourceRef("dashboard-test", null, "line 1"), PeRatio = 400,
        }]);
        var id = Assert.Single(report.AlertIds);
        await b.WaitForAsync($"document.querySelector('#alerts li[data-id=\"{id}\"]')", "the new alert");
        Assert.Equal("same page", await b.EvaluateAsync<string?>("window.__marker"));
        Assert.Contains("AMD", await b.EvaluateAsync<string?>($"document.querySelector('#alerts li[data-id=\"{id}\"]').textContent"));
        await b.ScreenshotAsync(Screenshot("dashboard-new-alert.png"));
    }

    [Fact]
    public async Task An_alert_whose_signal_is_retracted_is_struck_through_live_and_stands_again_when_it_is_ingested_again()
    {
        var b = _browser!;
        await b.WaitForAsync("document.querySelector('#live').textContent === 'live'", "the live stream connected");
        Signal signal = new Valuation
        {
            Id = "dashboard-mu-pe", Company = "MU", Period = Period.Parse("2026-03"), KnownOn = new DateOnly(2026, 3, 2),
            Source = new SourceRef("dashboard-test", null, "line 1"), PeRatio = 500,
        };
        var id = Assert.Single((await _silo!.Api.IngestAsync([signal])).AlertIds);
        var item = $"#alerts li[data-id=\"{id}\"]";
        await b.WaitForAsync($"document.querySelector('{item}')", "the new alert");
        Assert.False(await b.EvaluateAsync<bool>($"document.querySelector('{item}').classList.contains('withdrawn')"));

        await _silo.Api.RetractAsync(new AgentWatch.Abstractions.Api.RetractRequest(["dashboard-mu-pe"], "wrong P/E"));
        await b.WaitForAsync($"document.querySelector('{item}').classList.contains('withdrawn')", "the alert struck through");
        Assert.Contains("wrong P/E", await b.EvaluateAsync<string?>($"document.querySelector('{item} .withdrawal').textContent"));
        // A change is not an alert of its own: the feed still holds the alert once.
        Assert.Equal(1, await b.EvaluateAsync<int>($"document.querySelectorAll('{item}').length"));
        await b.ScreenshotAsync(Screenshot("dashboard-withdrawn-alert.png"));

        await _silo.Api.IngestAsync([signal]);
        await b.WaitForAsync($"!document.querySelector('{item}').classList.contains('withdrawn')", "the alert standing again");
        Assert.Null(await b.EvaluateAsync<string?>($"document.querySelector('{item} .withdrawal')?.textContent ?? null"));
    }

    [Fact]
    public async Task The_ask_box_answers_with_its_evidence()
    {
        var b = _browser!;
        await b.Page.Locator("#question").FillAsync("How much will Amazon spend on capex in 2026?");
        await b.Page.Locator("#ask button[type=submit]").ClickAsync();
        await b.WaitForAsync("document.querySelector('#answer-text')", "an answer");
        Assert.Contains("$200 billion", await b.EvaluateAsync<string?>("document.querySelector('#answer-text').textContent"));
        Assert.Contains("seed-002-amzn-capex-guidance-fy2026", await b.EvaluateAsync<string?>("document.querySelector('#evidence').textContent"));
        await b.ScreenshotAsync(Screenshot("dashboard-ask.png"));
    }

    [Fact]
    public async Task An_agents_alert_names_its_agent_and_links_to_its_run()
    {
        var b = _browser!;
        // The skeptic scores the built-in dataset once the silo is up; its alert reaches the page live.
        const string item = "#alerts li[data-id^=\"bubble-risk:\"]";
        await b.WaitForAsync($"document.querySelector('{item}')", "the skeptic's bubble-risk alert", TimeSpan.FromSeconds(60));
        Assert.Contains("raised by the skeptic agent", await b.EvaluateAsync<string?>($"document.querySelector('{item} .agent').textContent"));
        var href = await b.EvaluateAsync<string>($"document.querySelector('{item} .agent a').getAttribute('href')");
        Assert.StartsWith("/runs/run-", href);
        var run = await _silo!.Api.GetRunAsync(Uri.UnescapeDataString(href["/runs/".Length..]));
        Assert.Equal("skeptic", run!.Agent);
        Assert.False(await b.EvaluateAsync<bool>($"Boolean(document.querySelector('{item} button[data-action=\"mute\"]'))"));
    }

    [Fact]
    public async Task An_alert_is_acknowledged_and_its_company_muted_from_the_page()
    {
        var b = _browser!;
        // The newest alert about a company (a market-wide one, such as bubble risk, has no company to mute).
        const string item = "#alerts li:has(button[data-action=\"mute\"])";
        await b.WaitForAsync($"document.querySelectorAll('{item}').length > 0", "the alert feed");
        var id = await b.EvaluateAsync<string>($"document.querySelector('{item}').dataset.id");
        var company = await b.EvaluateAsync<string>($"document.querySelector('{item}').dataset.company");

        await b.Page.Locator($"#alerts li[data-id=\"{id}\"] button[data-action=\"ack\"]").ClickAsync();
        await b.WaitForAsync($"document.querySelector('#alerts li[data-id=\"{id}\"]').classList.contains('acked')", "the alert marked acknowledged");
        await b.Page.Locator($"#alerts li[data-id=\"{id}\"] button[data-action=\"mute\"]").ClickAsync();
        await b.WaitForAsync($"document.querySelector('#alerts li[data-id=\"{id}\"]').classList.contains('muted-alert')", "the alert marked muted");

        // Stored in the silo, not only shown.
        var listed = (await _silo!.Api.GetAlertsAsync(new())).Single(a => a.Id == id);
        Assert.NotNull(listed.Acknowledged);
        Assert.True(listed.Muted);
        Assert.Contains(await _silo.Api.GetMutesAsync(), m => m.Value == company);

        // And the page, reloaded, shows them from the silo.
        await LoadAsync();
        await b.WaitForAsync($"document.querySelector('#alerts li[data-id=\"{id}\"]')?.classList.contains('acked')", "the acknowledgement after a reload");
        await b.ScreenshotAsync(Screenshot("dashboard-managed.png"));
    }

    [Fact]
    public async Task A_rules_frequency_and_throttle_are_set_and_a_rule_muted_from_the_page()
    {
        var b = _browser!;
        const string row = "#rules tr[data-rule=\"extreme-valuation\"]";
        await b.WaitForAsync($"document.querySelector('{row}')", "the rules");
        await b.Page.Locator($"{row} select").SelectOptionAsync("Daily");
        await b.Page.Locator($"{row} input").FillAsync("3");
        await b.Page.Locator($"{row} button").First.ClickAsync();
        await b.WaitForAsync($"document.querySelector('{row}').dataset.saved === 'true'", "the rule saved");
        var rule = (await _silo!.Api.GetRulesAsync()).Single(r => r.Id == "extreme-valuation");
        Assert.Equal((Abstractions.Api.AlertFrequency.Daily, 3), (rule.Frequency, rule.MaxPerHour));

        await b.Page.Locator("#rules tr[data-rule=\"export-control\"] button[data-action=\"mute-rule\"]").ClickAsync();
        await b.WaitForAsync("document.querySelector('#rules tr[data-rule=\"export-control\"]').dataset.muted === 'true'", "the rule muted");
        Assert.Contains(await _silo.Api.GetMutesAsync(), m => m.Scope == Abstractions.Api.MuteScope.Rule && m.Value == "export-control");
    }
}
