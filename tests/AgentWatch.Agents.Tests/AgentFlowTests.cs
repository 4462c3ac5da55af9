using System.Text.Json;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Checking;
using AgentWatch.Agents.Sentinel;
using AgentWatch.Testing;

namespace AgentWatch.Agents.Tests;

/// <summary>
/// The sentinel, the narrator and the skeptic, offline and with a scripted model: what they write holds only figures
/// that exist in state, every run is recorded, and a model's output that fails the checks is not used.
/// </summary>
public sealed partial class AgentFlowTests
{
    [Fact]
    public async Task Offline_the_sentinel_explains_every_alert_once_in_two_sentences_from_its_evidence()
    {
        await using var silo = await ModelSilo.StartAsync(listen: true, withModel: false);
        var alerts = await WaitForExplanationsAsync(silo);

        Assert.True(alerts.Count >= 10, $"only {alerts.Count} alerts");
        var state = await StateTextAsync(silo, alerts);
        foreach (var alert in alerts)
        {
            Assert.Equal(2, SentinelAgent.Sentences(alert.Explanation!));
            Assert.Empty(FigureCheck.Unsupported(alert.Explanation!, [state]));
            // The explanation names its evidence.
            Assert.All(alert.Evidence, e => Assert.Contains(e.Source.ToShortString(), alert.Explanation));
        }
        var runs = await silo.Api.GetRunsAsync(new RunQuery(1000, "sentinel"));
        Assert.Equal(alerts.Count, runs.Count);
        Assert.Equal(alerts.Count, runs.Select(r => r.Input).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(0, r.Flags));
    }

    [Fact]
    public async Task With_a_model_the_sentinel_keeps_a_checked_explanation_and_replaces_one_with_a_figure_from_nowhere()
    {
        await using var silo = await ModelSilo.StartAsync(listen: true, settings: new() { ["Agents:Model:Timeout"] = "00:00:10" });
        silo.Model.Otherwise = request =>
        {
            var alert = AlertIn(request);
            var rule = alert.GetProperty("rule").GetString();
            var evidence = alert.GetProperty("evidence")[0].GetProperty("signal_id").GetString();
            // Export-control alerts get an invented figure; the others a clean two sentences.
            return rule == "export-control"
                ? ModelReply.Text($"Nvidia loses $999 billion of sales in China. See [{evidence}].")
                : ModelReply.Text($"The {rule} rule found something worth a look. It rests on [{evidence}].");
        };

        var alerts = await WaitForExplanationsAsync(silo);

        var export = alerts.First(a => a.Rule == "export-control");
        Assert.DoesNotContain("$999 billion", export.Explanation);
        Assert.Equal(new SentinelAgentProbe(silo).Offline(export), export.Explanation);
        var other = alerts.First(a => a.Rule != "export-control");
        Assert.StartsWith($"The {other.Rule} rule found something worth a look.", other.Explanation);

        var runs = await silo.Api.GetRunsAsync(new RunQuery(1000, "sentinel"));
        var exportRun = await silo.Api.GetRunAsync(runs.Single(r => r.Input.Contains(export.Id, StringComparison.Ordinal)).Id);
        Assert.Contains("unsupported-figure:$999 billion", exportRun!.Flags);
        Assert.Contains("explanation-replaced", exportRun.Flags);
        Assert.Equal("llm", exportRun.Engine);
    }

    [Fact]
    public async Task Offline_the_brief_is_a_recorded_run_whose_figures_all_come_from_its_tool_calls()
    {
        await using var silo = await ModelSilo.StartAsync(withModel: false);
        var brief = await silo.Api.GetBriefAsync(BriefPeriod.Week, new DateOnly(2026, 2, 5));

        Assert.Empty(brief.Flags!);
        var run = await silo.Api.GetRunAsync(brief.RunId!);
        Assert.Equal("narrator", run!.Agent);
        Assert.Equal(brief.Markdown, run.Output);
        Assert.Contains(run.ToolCalls, c => c.Tool == "market.capex_league_table");
        Assert.Empty(FigureCheck.Unsupported(brief.Markdown, run.ToolCalls.Select(c => c.Result)));
    }

    [Fact]
    public async Task With_a_model_the_brief_gets_a_summary_only_when_its_figures_are_in_the_brief()
    {
        await using var silo = await ModelSilo.StartAsync();
        silo.Model.Enqueue(ModelReply.Text("Amazon set the pace with $200 billion of planned capex [seed-002-amzn-capex-guidance-fy2026]."));
        silo.Model.Enqueue(ModelReply.Text("Capex across the industry reached $7 trillion."));

        var good = await silo.Api.GetBriefAsync(BriefPeriod.Week, new DateOnly(2026, 2, 5));
        var bad = await silo.Api.GetBriefAsync(BriefPeriod.Week, new DateOnly(2026, 2, 5));

        Assert.Contains("## Summary", good.Markdown);
        Assert.Contains("Amazon set the pace", good.Markdown);
        Assert.True(good.Markdown.IndexOf("## Summary", StringComparison.Ordinal) < good.Markdown.IndexOf("## What changed", StringComparison.Ordinal));
        Assert.DoesNotContain("## Summary", bad.Markdown);
        Assert.Contains("unsupported-figure:$7 trillion", bad.Flags!);
        Assert.Contains("summary-left-out", bad.Flags!);
        Assert.Contains("You are given a brief", Messages(silo.Model.Requests[0])[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_skeptic_scores_the_built_in_dataset_from_its_signals_the_same_way_every_time()
    {
        await using var silo = await ModelSilo.StartAsync(withModel: false);
        var risk = await silo.Api.GetBubbleRiskAsync(null);
        var again = await silo.Api.GetBubbleRiskAsync(null);

        Assert.Equal(risk.Score, again.Score);
        Assert.Equal(risk.Factors.Sum(f => f.Points), risk.Score);
        Assert.Equal(["capex outpacing revenue", "capex eating cash flow", "bets against", "circular financing", "extreme valuations"], risk.Factors.Select(f => f.Name));
        Assert.All(risk.Factors, f => Assert.InRange(f.Points, 0, f.MaxPoints));
        // The figures of the seed articles: Amazon reinvests about 90 % of its cash flow, Scion's puts and short on
        // Nvidia and Palantir, loops through OpenAI and CoreWeave, Palantir at a P/E of 313.
        Assert.Contains("90 %", risk.Factors[1].Reason);
        Assert.Contains(risk.Factors[2].Evidence, e => e.SignalId == "seed-003-scion-pltr-puts");
        Assert.Contains("NVDA → OPENAI → NVDA", risk.Factors[3].Reason);
        Assert.Contains("P/E of 313", risk.Factors[4].Reason);
        Assert.Equal(risk.Score switch { < 25 => "low", < 50 => "elevated", < 75 => "high", _ => "extreme" }, risk.Level);
        foreach (var e in risk.Factors.SelectMany(f => f.Evidence)) Assert.NotNull(await silo.Api.GetSignalAsync(e.SignalId));
        Assert.Empty(risk.Flags!);

        // Before the articles' figures were known, the same factors score lower.
        var earlier = await silo.Api.GetBubbleRiskAsync(new DateOnly(2025, 9, 1));
        Assert.True(earlier.Score < risk.Score, $"{earlier.Score} is not below {risk.Score}");
    }

    [Fact]
    public async Task With_a_model_the_skeptic_summary_is_the_models_unless_it_invents_a_figure()
    {
        await using var silo = await ModelSilo.StartAsync();
        var plain = await silo.Api.GetBubbleRiskAsync(null);
        silo.Model.Enqueue(request => ModelReply.Text($"The score is {Score(request)} of 100. Palantir at a P/E of 313 [seed-003-pltr-pe] weighs most."));
        silo.Model.Enqueue(ModelReply.Text("The score is 97 of 100 because of a $40 trillion debt pile."));

        var good = await silo.Api.GetBubbleRiskAsync(null);
        var bad = await silo.Api.GetBubbleRiskAsync(null);

        Assert.Equal(plain.Score, good.Score);
        Assert.StartsWith($"The score is {plain.Score} of 100.", good.Summary);
        Assert.Empty(good.Flags!);
        Assert.DoesNotContain("trillion", bad.Summary);
        Assert.Contains("summary-replaced", bad.Flags!);
    }

    private static int Score(JsonElement request)
    {
        var user = Messages(request).First(m => m.GetProperty("role").GetString() == "user").GetProperty("content").GetString()!;
        return int.Parse(ScorePattern().Match(user).Groups[1].Value);
    }

    /// <summary>Alerts once the sentinel has explained them all.</summary>
    private static async Task<IReadOnlyList<Alert>> WaitForExplanationsAsync(ModelSilo silo)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var alerts = await silo.Api.GetAlertsAsync(new AlertQuery());
            if (alerts.Count > 0 && alerts.All(a => a.Explanation is not null)) return alerts;
            if (DateTime.UtcNow > deadline) Assert.Fail($"{alerts.Count(a => a.Explanation is null)} of {alerts.Count} alerts were not explained within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Every figure an explanation may state: the alerts and their evidence signals, as JSON.</summary>
    private static async Task<string> StateTextAsync(ModelSilo silo, IReadOnlyList<Alert> alerts)
    {
        var json = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var texts = new List<string> { JsonSerializer.Serialize(alerts, json) };
        foreach (var id in alerts.SelectMany(a => a.Evidence).Select(e => e.SignalId).Distinct())
            texts.Add((await silo.Api.GetSignalAsync(id))!.Signal.Describe());
        return string.Join('\n', texts);
    }

    private static JsonElement AlertIn(JsonElement request)
    {
        var user = Messages(request).First(m => m.GetProperty("role").GetString() == "user").GetProperty("content").GetString()!;
        return JsonDocument.Parse(user[user.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("alert");
    }

    private static List<JsonElement> Messages(JsonElement request) => [.. request.GetProperty("messages").EnumerateArray()];

    /// <summary>The offline explanation, as the silo's sentinel writes it.</summary>
    private sealed class SentinelAgentProbe(ModelSilo silo)
    {
        public string Offline(Alert alert) => ((SentinelAgent)silo.Services.GetService(typeof(SentinelAgent))!).Offline(alert with { Explanation = null });
    }

    [GeneratedRegex(@"""score"":(\d+)")]
    private static partial Regex ScorePattern();
}
