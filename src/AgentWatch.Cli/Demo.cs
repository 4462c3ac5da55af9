using AgentWatch.Abstractions.Api;
using AgentWatch.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Cli;

/// <summary>The one-command tour: a throwaway silo with the built-in dataset, its alerts, a few answers and a brief.</summary>
public static class Demo
{
    private static readonly string[] Questions =
    [
        "What is Amazon's capex guidance for 2026?",
        "Which company plans the highest capex in 2026?",
        "Who is betting against Nvidia?",
        "Show me the circular financing loops.",
    ];

    public static async Task<int> RunAsync(GlobalOptions options, CancellationToken ct)
    {
        var data = Path.Combine(Path.GetTempPath(), $"agentwatch-demo-{Guid.NewGuid():N}");
        try
        {
            await using (var host = await SiloHost.StartAsync(new SiloLaunch
            {
                ConfigDirectory = options.Config,
                Overrides = new Dictionary<string, string?> { ["Silo:DataDirectory"] = data, ["Silo:SeedOnFirstStart"] = "true", ["Brief:Daily"] = "false" },
                Listen = false,
                LogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning,
            }, ct))
            {
                var api = host.Api;
                var seeded = host.Startup.Seeded ?? IngestReport.Empty;
                // A serving silo's agents read the news and score bubble risk in the background; here they do it now, so
                // their alerts are among those shown.
                var newsRead = await host.Services.GetRequiredService<Agents.Newsdesk.NewsdeskService>().CatchUpAsync(ct);
                await host.Services.GetRequiredService<Agents.Skeptic.BubbleRiskService>().AssessPendingAsync(TimeSpan.Zero, ct);
                var alerts = await api.GetAlertsAsync(new AlertQuery(), ct);
                var answers = new List<Answer>();
                foreach (var q in Questions) answers.Add(await api.AskAsync(q, null, ct));
                // The dataset ends in early 2026: a brief as of its last day shows what that week brought.
                var lastDay = alerts.Count > 0 ? alerts.Max(a => a.KnownOn) : DateOnly.FromDateTime(DateTime.UtcNow);
                var brief = await api.GetBriefAsync(BriefPeriod.Week, lastDay, ct);

                if (options.Json)
                {
                    Output.Json(new { dataDirectory = data, seeded, newsRead, alerts, answers, brief });
                    return 0;
                }
                Console.Out.WriteLine($"AgentWatch demo — a silo on {data}");
                Console.Out.WriteLine($"Loaded the built-in dataset: {seeded.New} signals from the five seed articles; the rules raised {seeded.AlertIds.Count} alerts.");
                Console.Out.WriteLine($"The newsdesk agent read {newsRead} news items and the skeptic scored bubble risk; with theirs, {alerts.Count} alerts.");
                Console.Out.WriteLine();
                Console.Out.WriteLine($"== Alerts ({alerts.Count}) ==");
                foreach (var a in alerts) Output.Alert(a);
                foreach (var answer in answers)
                {
                    Console.Out.WriteLine();
                    Console.Out.WriteLine($"== Q: {answer.Question}");
                    Console.Out.WriteLine(answer.Text);
                }
                Console.Out.WriteLine();
                Console.Out.WriteLine("== Brief ==");
                Console.Out.Write(brief.Markdown);
                Console.Out.WriteLine();
                Console.Out.WriteLine("Next: `agentwatch silo` runs a silo on ./data; `agentwatch ask \"...\"` asks it a question. `agentwatch --help` lists every command.");
            }
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
