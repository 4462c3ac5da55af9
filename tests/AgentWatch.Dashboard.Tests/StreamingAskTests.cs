using AgentWatch.Silo;
using AgentWatch.Testing;

namespace AgentWatch.Dashboard.Tests;

/// <summary>
/// With a model, the dashboard's ask box shows the answer as the model writes it (headless Chromium, driven by
/// Playwright, against a silo whose model is the scripted server, which stops halfway until the test has seen the
/// first half on the page), then the checked answer with its evidence; the page reports no error meanwhile.
/// </summary>
public sealed class StreamingAskTests : IAsyncLifetime
{
    private const string AmazonCapex2026 = "seed-002-amzn-capex-guidance-fy2026";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "agentwatch-dashboard-tests", Guid.NewGuid().ToString("N"));
    private ScriptedModelServer? _model;
    private SiloHost? _silo;
    private DashboardBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        DashboardBrowser.SkipUnlessAvailable();
        _model = await ScriptedModelServer.StartAsync();
        _silo = await SiloHost.StartAsync(new SiloLaunch
        {
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            Overrides = new Dictionary<string, string?>
            {
                ["Silo:DataDirectory"] = Path.Combine(_root, "data"), ["Silo:Port"] = "0", ["Brief:Daily"] = "false",
                ["Agents:Model:Endpoint"] = _model.Endpoint, ["Agents:Model:Model"] = "scripted-model", ["Agents:Model:ApiKey"] = "test-key",
                ["Agents:ExplainAlerts"] = "false",
                ["Rules:MaterialNews:Enabled"] = "false", ["Rules:BubbleRisk:Enabled"] = "false",
            },
        });
        _browser = await DashboardBrowser.StartAsync();
        await _browser.Page.GotoAsync(_silo.Url!);
        await _browser.WaitForAsync("document.body && document.body.dataset.loaded === 'true'", "the end of its first load");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _browser?.AssertNoErrors();
        }
        finally
        {
            if (_browser is not null) await _browser.DisposeAsync();
            if (_silo is not null) await _silo.DisposeAsync();
            if (_model is not null) await _model.DisposeAsync();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_ask_box_shows_a_models_answer_as_it_is_written_then_its_evidence()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model!.Enqueue(ModelReply.Tools(("companies-signals", """{"company":"AMZN","kind":"capex-guidance","year":2026}""")));
        _model.Enqueue(ModelReply.Paused("Amazon guides capex ", release.Task, $"of $200 billion for 2026 [{AmazonCapex2026}]."));
        var b = _browser!;

        await b.Page.Locator("#question").FillAsync("How much will Amazon spend on capex in 2026?");
        await b.Page.Locator("#ask button[type=submit]").ClickAsync();
        await b.WaitForAsync("document.querySelector('#answer-text')?.textContent.includes('Amazon guides capex')", "the first half of the answer");
        Assert.DoesNotContain("$200 billion", await b.EvaluateAsync<string?>("document.querySelector('#answer').textContent"));
        release.SetResult();

        await b.WaitForAsync("document.querySelector('#evidence li')", "the checked answer with its evidence");
        Assert.Equal($"Amazon guides capex of $200 billion for 2026 [{AmazonCapex2026}].", await b.EvaluateAsync<string?>("document.querySelector('#answer-text').textContent"));
        Assert.Contains(AmazonCapex2026, await b.EvaluateAsync<string?>("document.querySelector('#evidence').textContent"));
    }
}
