using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AgentWatch.Abstractions.Api;
using AgentWatch.Client;
using AgentWatch.Ingestion;
using AgentWatch.Silo;
using AgentWatch.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Cli;

public static class Program
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print machine-readable JSON (JSON Lines when following).", Recursive = true };
    private static readonly Option<string?> Silo = new("--silo") { Description = "Talk to the silo at this URL (e.g. http://127.0.0.1:5080) instead of running one in this process.", Recursive = true };
    private static readonly Option<string?> Data = new("--data") { Description = "Data directory of the silo run in this process (default: ./data).", Recursive = true };
    private static readonly Option<string?> Config = new("--config") { Description = "Config folder (default: ./config, over the defaults shipped with AgentWatch).", Recursive = true };
    private static readonly Option<string?> ApiKey = new("--api-key") { Description = "API key of a silo bound beyond loopback (default: $AGENTWATCH_API_KEY).", Recursive = true };
    private static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Show the silo's log.", Recursive = true };

    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand(
            "AgentWatch watches the AI-infrastructure trade: companies and signals live in grains, rules raise alerts, agents answer questions.\n" +
            "Without --silo, a command reaches the silos running on the data directory, or runs one in this process on it. Only silo, seed and demo make a new store;\n" +
            "any other command on a folder without one exits 1 and creates nothing.")
        {
            SiloCommand(), IngestCommand(), RetractCommand(), AlertsCommand(), CompanyCommand(), AskCommand(), BriefCommand(), RiskCommand(), RunsCommand(), AgentsCommand(), EvalCommand(), SeedCommand(), StatusCommand(), ClusterCommand(), WebhooksCommand(), AckCommand(), MuteCommand(), UnmuteCommand(), RulesCommand(), DemoCommand(),
        };
        foreach (var option in new Option[] { Json, Silo, Data, Config, ApiKey, Verbose }) root.Options.Add(option);
        // Shutting a silo down cleanly (turns finish, state flushed) can take longer than the default two seconds.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }

    private static GlobalOptions Globals(ParseResult r) =>
        new(r.GetValue(Silo), r.GetValue(Data), r.GetValue(Config), r.GetValue(ApiKey), r.GetValue(Json), r.GetValue(Verbose));

    private static Option<DateOnly?> AsOfOption() => new("--as-of")
    {
        Description = "See only what was known by this day (YYYY-MM-DD).",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            result.AddError($"--as-of: '{text}' is not a date; use YYYY-MM-DD.");
            return null;
        },
    };

    private static Command SiloCommand()
    {
        var port = new Option<int?>("--port") { Description = "Port of the HTTP API (default 5080; 0 picks a free one)." };
        var bind = new Option<string?>("--bind") { Description = "Address the API and the silo and gateway ports listen on (default 127.0.0.1). Any other address needs an API key (Silo:ApiKey) and the cluster certificate (Cluster:Certificate)." };
        var cluster = new Option<string?>("--cluster")
        {
            Description = "Join a cluster: 'local' (silos on this machine sharing --data) or a PostgreSQL connection string (\"Host=…;Database=agentwatch;Username=…;Password=…\").",
        };
        var siloPort = new Option<int?>("--silo-port") { Description = "Port other silos call this one on (Orleans' silo port; default: a free one)." };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Port clients (other terminals' commands) connect to (Orleans' gateway port; default: a free one)." };
        var advertise = new Option<string?>("--advertise") { Description = "Address other silos and clients reach this one at (default 127.0.0.1; in containers, the service name)." };
        var command = new Command("silo", "Run a silo until Ctrl+C: the grains, the alert log and the HTTP API; alone, or as one of a cluster.") { port, bind, cluster, siloPort, gatewayPort, advertise };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            var overrides = Session.Overrides(options);
            overrides["Silo:Port"] = r.GetValue(port)?.ToString(CultureInfo.InvariantCulture);
            overrides["Silo:Bind"] = r.GetValue(bind);
            overrides["Cluster:Bind"] = r.GetValue(bind);
            overrides["Silo:Cluster"] = r.GetValue(cluster);
            overrides["Cluster:SiloPort"] = r.GetValue(siloPort)?.ToString(CultureInfo.InvariantCulture);
            overrides["Cluster:GatewayPort"] = r.GetValue(gatewayPort)?.ToString(CultureInfo.InvariantCulture);
            overrides["Cluster:AdvertisedHost"] = r.GetValue(advertise);
            await using var host = await SiloHost.StartAsync(new SiloLaunch
            {
                ConfigDirectory = options.Config,
                Overrides = overrides,
                LogLevel = options.Verbose ? LogLevel.Debug : LogLevel.Information,
                // With --json, standard output is JSON Lines and nothing else; the console exporter would print there.
                ConsoleTelemetry = !options.Json,
            }, ct);
            if (options.Json && host.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Exporter == "console")
                Console.Error.WriteLine("Telemetry:Exporter is console, but with --json standard output is JSON alone: no telemetry is printed. Use otlp, or run without --json.");
            if (options.Json) Output.JsonLine(new { url = host.Url, dataDirectory = host.Options.DataDirectory, processId = Environment.ProcessId, seeded = host.Startup.Seeded?.New, silo = host.SiloAddress, gatewayPort = host.Plan.Ports?.Gateway });
            else
            {
                Console.Out.WriteLine(host.Options.ClusterMode.Clustered
                    ? $"Cluster member {host.SiloAddress} ({host.Options.ClusterMode.Kind.ToString().ToLowerInvariant()}), gateway port {host.Plan.Ports?.Gateway}."
                    : $"Silo {host.SiloAddress}, gateway port {host.Plan.Ports?.Gateway}: commands in other terminals reach it through {host.Options.DatabasePath}.");
                // Silos of a new local cluster may load together; only the one that stored the signals says so.
                if (host.Startup.Seeded is { New: > 0 } seeded)
                    Console.Out.WriteLine($"New data directory: loaded the built-in dataset ({seeded.New} signals, {seeded.AlertIds.Count} alerts).");
                // Last: whoever waits for this line (a script, a test) finds the silo ready.
                Console.Out.WriteLine($"AgentWatch silo listening on {host.Url} (data: {host.Options.DataDirectory}). Ctrl+C stops it.");
            }
            Console.Out.Flush();
            try
            {
                await host.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }
            Console.Error.WriteLine("Stopping the silo...");
            return 0;
        }, ct));
        return command;
    }

    private static Command IngestCommand()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files, folders (read recursively) or glob patterns: SEC 13F (XML, .txt), XBRL companyfacts/companyconcept/submissions (.json), " +
                          "EDGAR and news feeds (RSS, Atom), daily price files (Stooq, Yahoo, yfinance .csv), earnings texts (.txt), signal files (.jsonl, .json).",
            Arity = ArgumentArity.OneOrMore,
        };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Read the files and print the signals they hold, one per line (JSON Lines with --json), without storing anything." };
        var command = new Command("ingest", "Read files into signals and store the new ones; reading the same files again changes nothing. Exits 1 if any record was rejected.") { paths, dryRun };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            // Files are read here, in the CLI, even when a remote silo stores them: limits, watchlist and lexicon come from this side's config.
            var formats = Ingestion.Formats.FormatRegistry.CreateDefault();
            var configuration = AgentWatchConfiguration.Build(options.Config);
            if (r.GetValue(dryRun)) return await DryRunAsync(new SourceReader(formats, IngestionSetup.Context(configuration)), r.GetValue(paths)!, options, ct);
            await using var session = await Session.OpenAsync(options, ct);
            // An embedded silo lends its extractor agent when a model is configured; a remote silo's model stays there.
            var context = session.EmbeddedServices is { } services ? IngestionSetup.Context(configuration, services) : IngestionSetup.Context(configuration);
            var ingestor = new FileIngestor(session.Api, formats, context);
            var bar = Console.IsErrorRedirected ? null : new ProgressBar(Console.Error);
            var report = await ingestor.IngestAsync(r.GetValue(paths)!, bar, ct);
            bar?.Clear();
            if (options.Json) Output.Json(report);
            else Output.IngestSummary(report);
            return report.HasErrors ? 1 : 0;
        }, ct));
        return command;
    }

    private static Command RetractCommand()
    {
        var ids = new Argument<string[]>("ids") { Description = "Ids of the signals to take back (agentwatch company X, ingest --dry-run --json and alerts show them).", Arity = ArgumentArity.ZeroOrMore };
        var files = new Option<string[]>("--file", "-f") { Description = "Take back every signal this file (or folder, or glob) brought in: those it gives as ingest reads it, and those stored from it with other files of its ingestion (market-cap moves of a price file read with XBRL).", AllowMultipleArgumentsPerToken = true };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record (agentwatch retract --list shows it)." };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Say what would be retracted and which alerts withdrawn, changing nothing." };
        var list = new Option<bool>("--list") { Description = "List the retractions made so far: when, which signals, why, and the alerts they withdrew." };
        var command = new Command("retract",
            "Take back signals that were wrong: they stop counting everywhere (company views, league tables, risk, answers, briefs), " +
            "alerts that rested only on them are withdrawn (followers, the live stream and webhooks are told), and the retraction is recorded. " +
            "Ingesting them again brings them back. Exits 1 if an id is not stored.") { ids, files, reason, dryRun, list };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            if (r.GetValue(list))
            {
                await using var listing = await Session.OpenAsync(options, ct);
                var retractions = await listing.Api.GetRetractionsAsync(ct);
                if (options.Json) Output.Json(retractions);
                else if (retractions.Count == 0) Console.Out.WriteLine("No retractions.");
                else foreach (var x in retractions) Output.Retraction(x);
                return 0;
            }
            var wanted = new List<string>(r.GetValue(ids) ?? []);
            var paths = r.GetValue(files) ?? [];
            if (wanted.Count == 0 && paths.Length == 0) throw new ArgumentException("name the signals to retract (ids), or --file PATH for every signal a file brought in");
            var origins = new HashSet<SignalOrigin>();
            if (paths.Length > 0)
            {
                // The file is read as ingest reads it: the signals it brings in alone. What it brought in together with
                // other files of its ingestion (market-cap moves from prices and an XBRL share count) the store finds by
                // the file's name, for the documents and companies this reading gives: its origins.
                var reader = new SourceReader(Ingestion.Formats.FormatRegistry.CreateDefault(), IngestionSetup.Context(AgentWatchConfiguration.Build(options.Config)));
                var names = reader.Expand(paths, []).Files.Select(f => Path.GetFileName(f.Path)).ToHashSet(StringComparer.Ordinal);
                var fromFiles = 0;
                await foreach (var record in reader.ParseAsync(paths, ct))
                {
                    if (record.Signal is not { } signal) continue;
                    wanted.Add(signal.Id);
                    // Only signals that name the file read as their source: one citing an article is not the file's.
                    if (names.Contains(signal.Source.File)) origins.Add(new SignalOrigin(signal.Source.File, signal.Source.Document, signal.Company));
                    fromFiles++;
                }
                if (fromFiles == 0) throw new InvalidDataException($"{string.Join(", ", paths)}: no signals in it to retract");
            }
            await using var session = await Session.OpenAsync(options, ct);
            var report = await session.Api.RetractAsync(new RetractRequest(wanted, r.GetValue(reason), r.GetValue(dryRun), paths.Length > 0 ? string.Join(", ", paths) : null,
                origins.Count > 0 ? [.. origins] : null), ct);
            if (options.Json) Output.Json(report);
            else Output.Retract(report);
            return report.NotFound.Count > 0 ? 1 : 0;
        }, ct));
        return command;
    }

    private static async Task<int> DryRunAsync(SourceReader reader, string[] paths, GlobalOptions options, CancellationToken ct)
    {
        int signals = 0, warnings = 0, errors = 0;
        await foreach (var record in reader.ParseAsync(paths, ct))
        {
            if (record.Signal is { } signal)
            {
                signals++;
                if (options.Json) Output.JsonLine<AgentWatch.Abstractions.Signals.Signal>(signal);
                else Console.Out.WriteLine($"{record.Where}: {Output.Signal(signal, reader.Watchlist)}");
            }
            else if (record.Warning is { } warning)
            {
                warnings++;
                Console.Error.WriteLine($"warning: {record.Where}: {warning}");
            }
            else
            {
                errors++;
                Console.Error.WriteLine($"error: {record.Where}: {record.Error}");
            }
        }
        Console.Error.WriteLine($"{signals} signal{(signals == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}, {errors} error{(errors == 1 ? "" : "s")}; nothing stored (--dry-run).");
        return errors > 0 ? 1 : 0;
    }

    private static Command AlertsCommand()
    {
        var since = new Option<long>("--since") { Description = "Only alerts after this sequence number.", DefaultValueFactory = _ => 0 };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new alerts as they are raised, until Ctrl+C." };
        var company = new Option<string?>("--company") { Description = "Only alerts about this company: ticker, name or alias (a watched company)." };
        var limit = new Option<int>("--limit") { Description = "Most alerts listed (without --follow).", DefaultValueFactory = _ => 1000 };
        var asOf = AsOfOption();
        var command = new Command("alerts", "List alerts, oldest first; with --follow, stream new ones as they come.") { since, follow, company, limit, asOf };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var companyFilter = r.GetValue(company);
            if (!r.GetValue(follow))
            {
                var alerts = await session.Api.GetAlertsAsync(new AlertQuery(r.GetValue(since), r.GetValue(limit), companyFilter, r.GetValue(asOf)), ct);
                if (options.Json) Output.Json(alerts);
                else if (alerts.Count == 0) Console.Out.WriteLine("No alerts.");
                else foreach (var a in alerts) Output.Alert(a);
                return 0;
            }
            if (companyFilter is not null)
            {
                // The silo resolves the name (or says it fits no watched company, with the closest matches).
                await session.Api.GetAlertsAsync(new AlertQuery(long.MaxValue - 1, 1, companyFilter), ct);
                companyFilter = (await session.Api.GetCompanyAsync(companyFilter, null, ct))?.Snapshot.Profile.Ticker ?? companyFilter;
            }
            try
            {
                await foreach (var alert in session.Api.FollowAlertsAsync(r.GetValue(since), ct))
                {
                    if (companyFilter is not null && !string.Equals(alert.Company, companyFilter, StringComparison.OrdinalIgnoreCase)) continue;
                    if (options.Json) Output.JsonLine(alert);
                    else Output.Alert(alert);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            return 0;
        }, ct));
        return command;
    }

    private static Command CompanyCommand()
    {
        var name = new Argument<string>("company") { Description = "Ticker, name or alias (e.g. NVDA, Nvidia, Google)." };
        var asOf = AsOfOption();
        var kind = new Option<string?>("--kind") { Description = $"Only signals of this kind, every one of them: {string.Join(", ", AgentWatch.Abstractions.Signals.SignalKindNames.AllIds)}." };
        kind.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } k && !AgentWatch.Abstractions.Signals.SignalKindNames.TryParse(k, out _))
                result.AddError($"--kind: '{k}' is not a kind of signal; the kinds are {string.Join(", ", AgentWatch.Abstractions.Signals.SignalKindNames.AllIds)}.");
        });
        var since = new Option<DateOnly?>("--since")
        {
            Description = "Only signals and alerts known on or after this day (YYYY-MM-DD).",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
                result.AddError($"--since: '{text}' is not a date; use YYYY-MM-DD.");
                return null;
            },
        };
        var limit = new Option<int>("--limit") { Description = "Lines per section (1 to 1000).", DefaultValueFactory = _ => 5 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000) result.AddError("--limit must be 1 to 1000.");
        });
        var all = new Option<bool>("--all") { Description = "Every current signal and every alert, not a screen's worth." };
        var command = new Command("company", "Show a company on one screen: the latest figure of each kind, capex guidance, positions and bets against it, deals, news, recent alerts, the last close with the range of the year's closes, the market cap at it and the last moves; each with its date, source and signal id.")
        {
            name, asOf, kind, since, limit, all,
        };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var view = await session.Api.GetCompanyAsync(r.GetValue(name)!, r.GetValue(asOf), ct)
                       ?? throw UnknownCompanyException.NotFound(r.GetValue(name)!, []);
            AgentWatch.Abstractions.Signals.SignalKind? only = r.GetValue(kind) is { } k && AgentWatch.Abstractions.Signals.SignalKindNames.TryParse(k, out var parsed) ? parsed : null;
            // The watchlist of this side's config: fiscal years named with the month they end in, and shares outstanding
            // where no XBRL share count is stored.
            var directory = IngestionSetup.Context(AgentWatchConfiguration.Build(options.Config)).Directory;
            var summary = CompanySummary.From(view, new CompanySummaryOptions(only, r.GetValue(since), r.GetValue(limit), r.GetValue(all)), directory);
            if (options.Json) Output.Json(summary);
            else Output.Company(summary, directory);
            return 0;
        }, ct));
        return command;
    }

    private static Command AskCommand()
    {
        var question = new Argument<string>("question") { Description = "A question in English or German, e.g. \"What is Amazon's capex guidance for 2026?\"" };
        var asOf = AsOfOption();
        var command = new Command("ask", "Ask a question; the answer lists its evidence (signal ids and sources).") { question, asOf };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            var text = r.GetValue(question)!;
            if (text.Length > 2000)
            {
                Console.Error.WriteLine("error: the question is longer than 2000 characters.");
                return 1;
            }
            await using var session = await Session.OpenAsync(options, ct);
            if (options.Json || Console.IsOutputRedirected)
            {
                var answer = await session.Api.AskAsync(text, r.GetValue(asOf), ct);
                if (options.Json) Output.Json(answer);
                else Output.Answer(answer);
                return 0;
            }
            // On a terminal, a model's answer appears as it is written; the check's verdict follows it.
            var streamed = new System.Text.StringBuilder();
            await foreach (var update in session.Api.AskStreamingAsync(text, r.GetValue(asOf), ct))
            {
                if (update.Text is { } piece)
                {
                    streamed.Append(piece);
                    Console.Out.Write(piece);
                    Console.Out.Flush();
                }
                if (update.Answer is { } answer) Output.Answer(answer, streamed.ToString());
            }
            return 0;
        }, ct));
        return command;
    }

    private static Command BriefCommand()
    {
        var period = new Option<string>("--period") { Description = "day or week.", DefaultValueFactory = _ => "day" };
        period.AcceptOnlyFromAmong("day", "week");
        var asOf = AsOfOption();
        var output = new Option<string?>("--out") { Description = "Also write the Markdown to this file." };
        var command = new Command("brief", "Write a brief as Markdown: what changed, alerts, capex league table, positions, export news, financing loops.") { period, asOf, output };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var brief = await session.Api.GetBriefAsync(r.GetValue(period) == "week" ? BriefPeriod.Week : BriefPeriod.Day, r.GetValue(asOf), ct);
            if (r.GetValue(output) is { } path) await File.WriteAllTextAsync(path, brief.Markdown, ct);
            if (options.Json) Output.Json(brief);
            else Console.Out.Write(brief.Markdown);
            return 0;
        }, ct));
        return command;
    }

    private static Command RiskCommand()
    {
        var asOf = AsOfOption();
        var command = new Command("risk", "The skeptic's bubble-risk view: a score from 0 to 100 from capex against revenue and cash flow, disclosed bets against companies, circular financing and valuations, each with its reasons and signals.") { asOf };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var risk = await session.Api.GetBubbleRiskAsync(r.GetValue(asOf), ct);
            if (options.Json) Output.Json(risk);
            else Output.Risk(risk);
            return 0;
        }, ct));
        return command;
    }

    private static Command RunsCommand()
    {
        var id = new Argument<string?>("id") { Description = "A run to show in full (e.g. run-42); without one, the latest runs are listed.", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "How many runs to list (1 to 1000).", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000) result.AddError("--limit must be 1 to 1000.");
        });
        var agent = new Option<string?>("--agent") { Description = "Only runs of this agent (analyst, sentinel, narrator, skeptic)." };
        var command = new Command("runs", "Agent runs: the question, the companies it was resolved to, each tool call with its arguments and result, the model, tokens, time, answer and flags.") { id, limit, agent };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            if (r.GetValue(id) is { } runId)
            {
                if (await session.Api.GetRunAsync(runId, ct) is not { } run)
                {
                    Console.Error.WriteLine($"error: no run '{runId}'. `agentwatch runs` lists them (ids look like run-42).");
                    return 1;
                }
                if (options.Json) Output.Json(run);
                else Output.Run(run);
                return 0;
            }
            var runs = await session.Api.GetRunsAsync(new RunQuery(r.GetValue(limit), r.GetValue(agent)), ct);
            if (options.Json) Output.Json(runs);
            else Output.Runs(runs);
            return 0;
        }, ct));
        return command;
    }

    private static Command AgentsCommand()
    {
        var command = new Command("agents", "The agents, as their files (agents/*.md) define them: role, tools, output; and the model they use, if one is configured.");
        command.SetAction((r, ct) => Run(r, options =>
        {
            var configuration = AgentWatchConfiguration.Build(options.Config);
            var settings = configuration.GetSection(Agents.Definitions.AgentsOptions.SectionName).Get<Agents.Definitions.AgentsOptions>() ?? new();
            var catalog = new Agents.Definitions.AgentCatalog(Options.Create(settings), Microsoft.Extensions.Logging.Abstractions.NullLogger<Agents.Definitions.AgentCatalog>.Instance);
            var agents = catalog.All;
            var errors = catalog.Errors;
            if (options.Json)
            {
                Output.Json(new { model = settings.Model.Configured ? new { settings.Model.Endpoint, settings.Model.Model } : null, agents, errors = errors.Select(e => e.Message) });
                return Task.FromResult(errors.Count == 0 ? 0 : 1);
            }
            Console.Out.WriteLine(settings.Model.Configured
                ? $"Model: {settings.Model.Model} at {settings.Model.Endpoint}"
                : "Model: none configured (Agents:Model:Endpoint); the agents answer with the offline engine.");
            Console.Out.WriteLine();
            foreach (var a in agents)
            {
                Console.Out.WriteLine($"{a.Name}: {a.Role}");
                Console.Out.WriteLine($"  tools: {(a.Tools.Count == 0 ? "none" : string.Join(", ", a.Tools))}; output: {a.Output}{(a.MaxSteps is { } m ? $"; max steps: {m}" : "")}");
                Console.Out.WriteLine($"  file: {a.Source}");
            }
            foreach (var e in errors) Console.Error.WriteLine($"error: {e.Message}");
            return Task.FromResult(errors.Count == 0 ? 0 : 1);
        }, ct));
        return command;
    }

    private static Command EvalCommand()
    {
        var file = new Argument<string[]>("file") { Description = "Evaluation sets: YAML lists of questions with the facts each answer must contain (tests/AgentWatch.Agents.Tests/Eval/questions.yaml); with several (a development set and a held-out one), each is scored, then all together.", Arity = ArgumentArity.OneOrMore };
        var min = new Option<double>("--min") { Description = "Exit 1 when the share of questions answered with all their facts is below this percentage.", DefaultValueFactory = _ => 0 };
        var command = new Command("eval", "Ask every question of an evaluation set and print which answers lack their facts, the accuracy per kind of question and in all, and how many answers state a wrong figure. Runs the configured model, or the offline engine.") { file, min };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            var files = r.GetValue(file)!;
            var sets = files.Select(f => (File: f, Questions: Agents.Evaluation.EvalSet.Load(f))).ToList();
            var questions = sets.SelectMany(s => s.Questions).ToList();
            var fileOf = sets.SelectMany(s => s.Questions.Select(q => (q, Name: Path.GetFileName(s.File)))).ToDictionary(x => (object)x.q, x => x.Name, ReferenceEqualityComparer.Instance);
            await using var session = await Session.OpenAsync(options, ct);
            var done = 0;
            var progress = new Progress<Agents.Evaluation.EvalResult>(result =>
            {
                done++;
                if (!options.Json && !result.Passed)
                {
                    Console.Out.WriteLine($"FAIL ({(sets.Count > 1 ? fileOf[result.Question] + ", " : "")}line {result.Question.Line}) {result.Question.Question}");
                    if (result.Missing.Count > 0) Console.Out.WriteLine($"  missing: {string.Join(" | ", result.Missing)}");
                    if (result.Unwanted.Count > 0) Console.Out.WriteLine($"  should not contain: {string.Join(" | ", result.Unwanted)}");
                    if (result.Question.Answered == false) Console.Out.WriteLine("  should have said it cannot answer");
                    else if (result.Missing.Count == 0 && result.Unwanted.Count == 0) Console.Out.WriteLine("  said it cannot answer, but the set expects an answer");
                    Console.Out.WriteLine($"  answer: {result.Answer.Replace("\n", "\n          ", StringComparison.Ordinal)}");
                }
                if (!options.Json && !Console.IsErrorRedirected) Console.Error.Write($"\r{done}/{questions.Count}");
            });
            var report = await Agents.Evaluation.EvalSet.RunAsync(questions, session.Api.AskAsync, progress, ct);
            if (!options.Json && !Console.IsErrorRedirected) Console.Error.WriteLine();
            var engines = string.Join(", ", report.Results.GroupBy(x => x.Engine).Select(g => $"{g.Key} {g.Count()}"));
            if (options.Json) Output.Json(new { report.Passed, total = report.Results.Count, report.Accuracy, report.WrongFigures, byKind = report.ByKind, failures = report.Results.Where(x => !x.Passed) });
            else
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine("kind                   passed   accuracy");
                foreach (var k in report.ByKind)
                    Console.Out.WriteLine($"{k.Kind,-22} {k.Passed,3}/{k.Total,-4} {k.Accuracy.ToString("0.0", CultureInfo.InvariantCulture),6} %");
                Console.Out.WriteLine();
                Console.Out.WriteLine($"Answers stating a wrong figure: {report.WrongFigures}.");
                if (sets.Count > 1)
                {
                    var at = 0;
                    foreach (var (path, set) in sets)
                    {
                        var part = new Agents.Evaluation.EvalReport(report.Results.Skip(at).Take(set.Count).ToList());
                        at += set.Count;
                        Console.Out.WriteLine($"{Path.GetFileName(path)}: {part.Passed}/{part.Results.Count} ({part.Accuracy.ToString("0.0", CultureInfo.InvariantCulture)} %), {part.WrongFigures} with a wrong figure.");
                    }
                }
                Console.Out.WriteLine($"Accuracy: {report.Passed}/{report.Results.Count} ({report.Accuracy.ToString("0.0", CultureInfo.InvariantCulture)} %), answered by {engines}.");
            }
            return report.Accuracy >= r.GetValue(min) ? 0 : 1;
        }, ct));
        return command;
    }

    private static Command SeedCommand()
    {
        var command = new Command("seed", "Load the built-in dataset (the figures of the five seed articles). Loading it again changes nothing.");
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct, mayCreate: true);
            var report = session.Startup?.Seeded ?? await session.Api.SeedAsync(ct);
            var files = new FileIngestReport(1, 0, report);
            if (options.Json) Output.Json(report);
            else Output.IngestSummary(files);
            return report.Errors > 0 ? 1 : 0;
        }, ct));
        return command;
    }

    private static Command StatusCommand()
    {
        var command = new Command("status", "Show the silo: version, storage, activations, last alert sequence.");
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var status = await session.Api.GetStatusAsync(ct);
            if (options.Json) Output.Json(status);
            else Console.Out.WriteLine(
                $"AgentWatch {status.Version}, silo {status.SiloId}, started {status.StartedAt:u}\nstorage: {status.Storage}\n" +
                $"activations: {status.Activations}, last alert: #{status.LastAlertSequence}, companies watched: {status.Companies}");
            return 0;
        }, ct));
        return command;
    }

    private static Command ClusterCommand()
    {
        var all = new Option<bool>("--all") { Description = "Also list silos that died more than a day ago." };
        var command = new Command("cluster", "List the silos of the cluster from Orleans' membership: status, address, API, start time, last heartbeat and activations.") { all };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var cluster = await session.Api.GetClusterAsync(r.GetValue(all), ct);
            if (options.Json)
            {
                Output.Json(cluster);
                return 0;
            }
            Console.Out.WriteLine($"{cluster.Silos.Count(s => s.Status == "active")} active silo{(cluster.Silos.Count(s => s.Status == "active") == 1 ? "" : "s")} ({cluster.Mode}):");
            Console.Out.WriteLine($"  {"silo",-36} {"status",-14} {"api",-26} {"started (UTC)",-20} {"heartbeat",-10} activations");
            foreach (var s in cluster.Silos.OrderBy(s => s.Status != "active").ThenBy(s => s.StartedAt))
            {
                Console.Out.WriteLine($"  {s.Address + (s.IsSelf ? " *" : ""),-36} {s.Status,-14} {s.ApiUrl ?? "",-26} {s.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {s.HeartbeatAgeSeconds,6:0.0} s  {s.Activations,6}");
            }
            return 0;
        }, ct));
        return command;
    }

    private static Command AckCommand()
    {
        var id = new Argument<string>("id") { Description = "The alert's id (agentwatch alerts --json shows it)." };
        var note = new Option<string?>("--note") { Description = "What was done about it." };
        var command = new Command("ack", "Acknowledge an alert: it is listed as dealt with, with the time and your note. Stored durably.") { id, note };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            if (await session.Api.AcknowledgeAsync(r.GetValue(id)!, r.GetValue(note), ct) is not { } ack)
            {
                Console.Error.WriteLine($"No alert '{r.GetValue(id)}'.");
                return 1;
            }
            if (options.Json) Output.Json(ack);
            else Console.Out.WriteLine($"Acknowledged {ack.AlertId} at {ack.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.");
            return 0;
        }, ct));
        return command;
    }

    private static (Option<string?> Company, Option<string?> Rule) MuteTarget() =>
        (new Option<string?>("--company") { Description = "A company: ticker, name or alias." }, new Option<string?>("--rule") { Description = "A rule id (agentwatch rules lists them)." });

    private static (MuteScope Scope, string Value) MuteScopeOf(ParseResult r, Option<string?> company, Option<string?> rule) =>
        (r.GetValue(company), r.GetValue(rule)) switch
        {
            ({ } c, null) => (MuteScope.Company, c),
            (null, { } x) => (MuteScope.Rule, x),
            _ => throw new ArgumentException("give --company or --rule, one of them"),
        };

    private static Command MuteCommand()
    {
        var (company, rule) = MuteTarget();
        var duration = new Option<TimeSpan>("--for") { Description = "How long (hh:mm:ss, or d.hh:mm:ss).", DefaultValueFactory = _ => TimeSpan.FromDays(1) };
        var reason = new Option<string?>("--reason") { Description = "Why, for whoever reads the mutes." };
        var command = new Command("mute", "Keep alerts about a company, or of a rule, out of webhooks for a while; they are still raised and listed, marked muted.") { company, rule, duration, reason };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            var (scope, value) = MuteScopeOf(r, company, rule);
            await using var session = await Session.OpenAsync(options, ct);
            var mute = await session.Api.MuteAsync(scope, value, r.GetValue(duration), r.GetValue(reason), ct);
            if (options.Json) Output.Json(mute);
            else Console.Out.WriteLine($"Muted {mute.Scope.ToString().ToLowerInvariant()} {mute.Value} until {mute.Until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.");
            return 0;
        }, ct));
        return command;
    }

    private static Command UnmuteCommand()
    {
        var (company, rule) = MuteTarget();
        var command = new Command("unmute", "End a mute before its time.") { company, rule };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            var (scope, value) = MuteScopeOf(r, company, rule);
            await using var session = await Session.OpenAsync(options, ct);
            var ended = await session.Api.UnmuteAsync(scope, value, ct);
            Console.Out.WriteLine(ended ? $"Unmuted {scope.ToString().ToLowerInvariant()} {value}." : $"No {scope.ToString().ToLowerInvariant()} mute of {value} in force.");
            return ended ? 0 : 1;
        }, ct));
        return command;
    }

    private static Command RulesCommand()
    {
        var setId = new Argument<string>("rule") { Description = "The rule's id (agentwatch rules lists them)." };
        var frequency = new Option<AlertFrequency>("--frequency") { Description = "PerPeriod (once per company and period) or Daily (at most one alert a day per company).", DefaultValueFactory = _ => AlertFrequency.PerPeriod };
        var maxPerHour = new Option<int>("--max-per-hour") { Description = "A throttle: at most this many alerts of the rule per company per hour (0: none).", DefaultValueFactory = _ => 0 };
        var set = new Command("set", "Set a rule's frequency and throttle, stored durably over config/rules.json.") { setId, frequency, maxPerHour };
        set.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var rule = await session.Api.SetRuleLimitAsync(r.GetValue(setId)!, r.GetValue(frequency), r.GetValue(maxPerHour), ct);
            if (options.Json) Output.Json(rule);
            else Console.Out.WriteLine($"{rule.Id}: frequency {rule.Frequency}, at most {(rule.MaxPerHour == 0 ? "any number of" : rule.MaxPerHour.ToString(CultureInfo.InvariantCulture))} alerts per company per hour.");
            return 0;
        }, ct));
        var command = new Command("rules", "The rules: enabled or not, severity, frequency and throttle, thresholds (config/rules.json), how often each fired; and the mutes in force.") { set };
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var rules = await session.Api.GetRulesAsync(ct);
            var mutes = await session.Api.GetMutesAsync(ct);
            if (options.Json)
            {
                Output.Json(new { rules, mutes });
                return 0;
            }
            foreach (var rule in rules)
            {
                Console.Out.WriteLine($"{rule.Id} [{rule.Severity.ToString().ToLowerInvariant()}]{(rule.Enabled ? "" : " (disabled)")}: fired {rule.Triggered} time{(rule.Triggered == 1 ? "" : "s")}" +
                                      (rule.Frequency == AlertFrequency.Daily ? "; at most daily" : "") + (rule.MaxPerHour > 0 ? $"; at most {rule.MaxPerHour} an hour" : "") +
                                      (rule.LastTriggeredAt is { } last ? $", last {last.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : ""));
                if (rule.Settings.Count > 0) Console.Out.WriteLine("    " + string.Join(", ", rule.Settings.Select(s => $"{s.Key} {s.Value}")));
            }
            Console.Out.WriteLine(mutes.Count == 0 ? "No mutes in force." : "Mutes in force:");
            foreach (var m in mutes)
                Console.Out.WriteLine($"    {m.Scope.ToString().ToLowerInvariant()} {m.Value} until {m.Until.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(m.Reason is null ? "" : ": " + m.Reason)}");
            return 0;
        }, ct));
        return command;
    }

    private static Command WebhooksCommand()
    {
        var command = new Command("webhooks", "List the webhook subscriptions (config Webhooks): alerts delivered, the position in the alert stream, failures in a row, the last error and the next attempt.");
        command.SetAction((r, ct) => Run(r, async options =>
        {
            await using var session = await Session.OpenAsync(options, ct);
            var hooks = await session.Api.GetWebhooksAsync(ct);
            if (options.Json)
            {
                Output.Json(hooks);
                return 0;
            }
            if (hooks.Count == 0)
            {
                Console.Out.WriteLine("No webhook subscriptions (add them under Webhooks:Subscriptions in config/agentwatch.json).");
                return 0;
            }
            foreach (var h in hooks)
            {
                Console.Out.WriteLine($"{h.Name}: {h.Url}");
                Console.Out.WriteLine($"  {h.Delivered:N0} delivered, up to alert #{h.Position}" +
                                      (h.LastDeliveredAt is { } at ? $", last at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : ""));
                if (h.Failures > 0)
                    Console.Out.WriteLine($"  FAILING: {h.Failures} attempt{(h.Failures == 1 ? "" : "s")} in a row; last error: {h.LastError}" +
                                          (h.NextAttemptAt is { } next ? $"; next attempt {next.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : ""));
            }
            return hooks.Any(h => h.Failures > 0) ? 1 : 0;
        }, ct));
        return command;
    }

    private static Command DemoCommand()
    {
        var command = new Command("demo", "Run a silo on a fresh temporary data directory, load the built-in dataset, print the alerts, answers to a few questions and a brief, then exit.");
        command.SetAction((r, ct) => Run(r, async options => await Demo.RunAsync(options, ct), ct));
        return command;
    }

    /// <summary>Runs a command, turning expected failures into one clear line on stderr and exit code 1.</summary>
    private static async Task<int> Run(ParseResult result, Func<GlobalOptions, Task<int>> action, CancellationToken ct)
    {
        try
        {
            return await action(Globals(result));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures) Console.Error.WriteLine($"error: configuration: {failure}");
            return 1;
        }
        catch (InvalidDataException ex) when (ex.InnerException is System.Text.Json.JsonException json)
        {
            Console.Error.WriteLine($"error: {ex.Message} {json.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is NoStoreException or UnknownCompanyException or SiloLockedException or LegacyDataDirectoryException or AgentWatchApiException or AmbiguousNameException or ArgumentException
                                       or InvalidOperationException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            if (result.GetValue(Verbose)) Console.Error.WriteLine(ex);
            return 1;
        }
        catch (Exception ex) when (ClientErrors.IsClusterFailure(ex))
        {
            Console.Error.WriteLine($"error: the cluster could not complete the command: {ClientErrors.Describe(ex)}");
            if (result.GetValue(Verbose)) Console.Error.WriteLine(ex);
            return 1;
        }
    }
}
