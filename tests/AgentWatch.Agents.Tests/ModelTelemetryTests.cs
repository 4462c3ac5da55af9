using System.Diagnostics;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AgentWatch.Agents.Tests;

/// <summary>
/// The token counts the connector reports on a model run reach telemetry: the tokens counter, by agent and direction,
/// and the run's spans. Read through OpenTelemetry's in-memory exporter added to the silo, as a backend would get them.
/// </summary>
[Collection(nameof(ModelTelemetryTests))]
public sealed class ModelTelemetryTests
{
    private const string AmazonCapex2026 = "seed-002-amzn-capex-guidance-fy2026";

    [Fact]
    public async Task A_model_runs_token_counts_reach_the_tokens_counter_and_the_runs_spans()
    {
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        await using var silo = await ModelSilo.StartAsync(configureServices: s => s.AddOpenTelemetry()
            .WithMetrics(m => m.AddInMemoryExporter(metrics))
            .WithTracing(t => t.AddSource(TelemetryNames.Agents).AddInMemoryExporter(spans)));
        // Two responses: the tool call (120 in, 15 out, the scripted default) and the answer (300 in, 40 out).
        silo.Model.Enqueue(ModelReply.Tools(("companies-signals", """{"company":"AMZN","kind":"capex-guidance","year":2026}""")));
        silo.Model.Enqueue(ModelReply.Text($"Amazon guides capex of $200 billion for 2026 [{AmazonCapex2026}].", promptTokens: 300, completionTokens: 40));

        var answer = await silo.Api.AskAsync("What is Amazon's capex guidance for 2026?", null);
        Assert.Equal("llm", answer.Engine);
        Assert.Equal((420, 55), (answer.Tokens!.Input, answer.Tokens.Output));
        Assert.True(silo.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        Assert.Equal(420, Sum(metrics, TelemetryNames.Instruments.Tokens, (TelemetryNames.Attributes.Agent, "analyst"), (TelemetryNames.Attributes.Direction, "input")));
        Assert.Equal(55, Sum(metrics, TelemetryNames.Instruments.Tokens, (TelemetryNames.Attributes.Agent, "analyst"), (TelemetryNames.Attributes.Direction, "output")));
        Assert.Equal(1, Sum(metrics, TelemetryNames.Instruments.ModelRuns, (TelemetryNames.Attributes.Agent, "analyst"), (TelemetryNames.Attributes.Outcome, "ok")));

        // The model loop's span and the run's span carry the same counts.
        foreach (var name in new[] { TelemetryNames.Spans.Run(model: true, "analyst"), TelemetryNames.Spans.Agent("analyst") })
        {
            var span = Assert.Single(spans, a => a.DisplayName == name);
            Assert.Equal(420, Convert.ToInt64(span.GetTagItem(TelemetryNames.Attributes.TokensInput)));
            Assert.Equal(55, Convert.ToInt64(span.GetTagItem(TelemetryNames.Attributes.TokensOutput)));
            Assert.Equal("scripted-model", span.GetTagItem(TelemetryNames.Attributes.Model));
        }
    }

    private static long Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var found = new Dictionary<string, object?>();
                foreach (var tag in point.Tags) found[tag.Key] = tag.Value;
                if (tags.All(t => Equals(found.GetValueOrDefault(t.Key), t.Value))) sum += point.GetSumLong();
            }
        return sum;
    }

    /// <summary>Metric and span listeners are process-wide: run alone, so no other test's runs add to the counts.</summary>
    [CollectionDefinition(nameof(ModelTelemetryTests), DisableParallelization = true)]
    public sealed class RunAlone;
}
