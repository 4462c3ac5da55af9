using AgentWatch.Testing;
using System.Text.Json;

namespace AgentWatch.Cli.Tests;

/// <summary>The agentwatch command as users run it: real child processes, real silos on loopback ports.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "agentwatch-cli-tests", Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        try { Directory.Delete(_work, true); } catch (IOException) { }
    }

    private string WriteFile(string name, params string[] lines)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>A store with the built-in dataset: only <c>seed</c>, <c>silo</c> and <c>demo</c> make one.</summary>
    private async Task SeedAsync(string data = "data")
    {
        var (code, _, stderr) = await CliProcess.RunAsync(_work, "seed", "--data", data);
        Assert.True(code == 0, stderr);
    }

    private static string Pe(string id, string company, int pe, string knownOn = "2026-03-02") =>
        $$$"""{"kind":"valuation","id":"{{{id}}}","company":"{{{company}}}","period":"2026-03","knownOn":"{{{knownOn}}}","peRatio":{{{pe}}},"source":{"file":"events.jsonl"}}""";

    [Fact]
    public async Task Demo_loads_the_dataset_into_a_temporary_directory_prints_alerts_answers_and_a_brief_and_exits_0()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "demo");
        Assert.True(code == 0, stderr);
        Assert.Contains("Loaded the built-in dataset", stdout);
        Assert.Contains("== Alerts (", stdout);
        Assert.Contains("filer-bearish-position", stdout);
        // The agents' alerts too: news the newsdesk judged material, the skeptic's score crossing its levels.
        Assert.Contains("material-news", stdout);
        Assert.Contains("raised by the newsdesk agent", stdout);
        Assert.Contains("market bubble-risk: Bubble risk rose from 0 to", stdout);
        Assert.Contains("== Q: What is Amazon's capex guidance for 2026?", stdout);
        Assert.Contains("# AgentWatch brief", stdout);
        Assert.False(Directory.Exists(Path.Combine(_work, "data")), "demo must not touch ./data");
    }

    [Fact]
    public async Task With_the_console_exporter_configured_a_commands_json_output_is_json_alone()
    {
        // The console exporter is for `agentwatch silo`; a command's own silo treats it as none.
        await using var demo = CliProcess.Start(_work, new Dictionary<string, string> { ["AGENTWATCH_Telemetry__Exporter"] = "console" }, "demo", "--json");
        Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        using var document = JsonDocument.Parse(demo.Stdout);
        Assert.True(document.RootElement.GetProperty("alerts").GetArrayLength() > 0);
        Assert.DoesNotContain("Activity.TraceId", demo.Stdout + demo.Stderr);
    }

    [Fact]
    public async Task A_silo_with_the_console_exporter_prints_json_alone_with_json_and_says_so_on_stderr()
    {
        var environment = new Dictionary<string, string>
        {
            ["AGENTWATCH_Telemetry__Exporter"] = "console",
            // Metrics every fraction of a second: were the exporter on, they would be printed long before the silo stops.
            ["AGENTWATCH_Telemetry__MetricInterval"] = "00:00:00.2",
        };
        await using var silo = CliProcess.Start(_work, environment, "silo", "--json", "--port", "0", "--data", "data");
        var url = JsonDocument.Parse(silo.WaitForLine(l => l.Contains("\"url\"", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "with the silo's URL"))
            .RootElement.GetProperty("url").GetString();
        // A request with spans and log lines of its own (the agent's run, its tool calls, Orleans' grain calls).
        var (askCode, _, askErr) = await CliProcess.RunAsync(_work, "ask", "What is Amazon's capex guidance for 2026?", "--silo", url!);
        Assert.True(askCode == 0, askErr);
        silo.Interrupt();
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(90)));

        // Everything the silo printed on standard output, flushed at its stop included, is JSON.
        Assert.NotEmpty(silo.StdoutLines);
        Assert.All(silo.StdoutLines, line => JsonDocument.Parse(line).Dispose());
        Assert.Contains("with --json standard output is JSON alone: no telemetry is printed", silo.Stderr);
        Assert.DoesNotContain("Activity.TraceId", silo.Stdout + silo.Stderr);
    }

    [Fact]
    public async Task Ask_records_a_run_that_runs_lists_and_shows_with_its_tool_calls()
    {
        await SeedAsync();
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "ask", "Who is betting against Palantir?");
        Assert.True(code == 0, stderr);
        Assert.Contains("$912 million", stdout);
        var runId = System.Text.RegularExpressions.Regex.Match(stdout, @"agentwatch runs (run-\d+) shows how").Groups[1].Value;
        Assert.NotEmpty(runId);

        var (listCode, list, _) = await CliProcess.RunAsync(_work, "runs", "--agent", "analyst");
        Assert.Equal(0, listCode);
        Assert.Contains(runId, list);
        Assert.Contains("Who is betting against Palantir?", list);
        var (showCode, show, _) = await CliProcess.RunAsync(_work, "runs", runId);
        Assert.Equal(0, showCode);
        Assert.Contains("Resolved companies: PLTR", show);
        Assert.Contains("Tool calls (", show);
        var (missingCode, _, missingErr) = await CliProcess.RunAsync(_work, "runs", "run-424242");
        Assert.Equal(1, missingCode);
        Assert.Contains("no run 'run-424242'", missingErr);
    }

    [Fact]
    public async Task Risk_prints_the_score_with_each_factor_and_its_signals()
    {
        await SeedAsync();
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "risk", "--json");
        Assert.True(code == 0, stderr);
        var risk = JsonDocument.Parse(stdout).RootElement;
        Assert.InRange(risk.GetProperty("score").GetInt32(), 0, 100);
        Assert.Equal(5, risk.GetProperty("factors").GetArrayLength());
        var (_, text, _) = await CliProcess.RunAsync(_work, "risk");
        Assert.Contains("Bubble risk:", text);
        Assert.Contains("seed-003-pltr-pe", text);
    }

    [Fact]
    public async Task Agents_lists_the_agents_and_names_a_broken_file_with_its_line()
    {
        var folder = Path.Combine(_work, "my-agents");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "broken.md"), "---\nname: broken\nrole: x\ntools: [drop_table]\n---\nhi\n");
        var env = new Dictionary<string, string> { ["AGENTWATCH_Agents__Directory"] = folder };

        await using var process = CliProcess.Start(_work, env, "agents");
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, code);
        foreach (var agent in new[] { "analyst:", "sentinel:", "narrator:", "skeptic:" }) Assert.Contains(agent, process.Stdout);
        Assert.Contains("offline engine", process.Stdout);
        Assert.Contains($"broken.md, line 4: unknown tool 'drop_table'", process.Stderr);
    }

    [Fact]
    public async Task Eval_asks_every_question_of_a_set_and_exits_1_below_the_minimum()
    {
        var set = WriteFile("set.yaml",
            "- q: What is Amazon's capex guidance for 2026?",
            "  facts: [\"$200 billion\"]",
            "- q: What is Palantir's P/E?",
            "  kind: valuation",
            "  facts: [\"313\", \"a figure no answer has\"]");
        await SeedAsync();
        var (code, stdout, _) = await CliProcess.RunAsync(_work, "eval", set, "--min", "100");
        Assert.Equal(1, code);
        Assert.Contains("FAIL (line 3) What is Palantir's P/E?", stdout);
        Assert.Contains("missing: a figure no answer has", stdout);
        // Per kind (a question naming none is "unlabelled"), and the wrong figures apart.
        Assert.Matches(@"unlabelled\s+1/1\s+100\.0 %", stdout);
        Assert.Matches(@"valuation\s+0/1\s+0\.0 %", stdout);
        Assert.Contains("Answers stating a wrong figure: 0.", stdout);
        Assert.Contains("Accuracy: 1/2 (50.0 %), answered by offline 2.", stdout);
        var (okCode, _, _) = await CliProcess.RunAsync(_work, "eval", set, "--min", "50");
        Assert.Equal(0, okCode);

        // A development set and a held-out one: each scored, then both together.
        // An answer with every fact that says it cannot answer fails, and the output says why.
        var heldOut = WriteFile("held-out.yaml", "- q: How much did Amazon spend on capex in 2025?", "  kind: capex", "  facts: [\"$131 billion\"]",
            "- q: What strike prices do Scion's Palantir puts have?", "  kind: positions", "  facts: [\"$912 million\"]");
        var (bothCode, both, _) = await CliProcess.RunAsync(_work, "eval", set, heldOut);
        Assert.Equal(0, bothCode);
        Assert.Contains("FAIL (set.yaml, line 3) What is Palantir's P/E?", both);
        Assert.Contains("FAIL (held-out.yaml, line 4) What strike prices do Scion's Palantir puts have?\n  said it cannot answer, but the set expects an answer", both.ReplaceLineEndings("\n"));
        Assert.Contains("set.yaml: 1/2 (50.0 %), 0 with a wrong figure.", both);
        Assert.Contains("held-out.yaml: 1/2 (50.0 %), 0 with a wrong figure.", both);
        Assert.Contains("Accuracy: 2/4 (50.0 %)", both);
    }

    [Fact]
    public async Task Help_lists_the_contract_commands_and_their_options()
    {
        var (code, stdout, _) = await CliProcess.RunAsync(_work, "--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "silo", "ingest", "alerts", "company", "ask", "brief", "risk", "runs", "agents", "eval", "seed", "demo" }) Assert.Contains($"  {command}", stdout);
        foreach (var option in new[] { "--json", "--silo", "--data" }) Assert.Contains(option, stdout);
        // No command but these makes a store: the help must not promise that a new data directory gets loaded.
        Assert.Contains("Only silo, seed and demo make a new store", stdout);
        Assert.DoesNotContain("is loaded with the built-in dataset", stdout);

        var (_, alertsHelp, _) = await CliProcess.RunAsync(_work, "alerts", "--help");
        Assert.Contains("--follow", alertsHelp);
        Assert.Contains("--since", alertsHelp);
    }

    [Fact]
    public async Task Usage_errors_exit_non_zero_with_a_message()
    {
        var (code, _, stderr) = await CliProcess.RunAsync(_work, "ask", "capex?", "--as-of", "last-week");
        Assert.NotEqual(0, code);
        Assert.Contains("'last-week' is not a date", stderr);
        var (missing, _, missingErr) = await CliProcess.RunAsync(_work, "company");
        Assert.NotEqual(0, missing);
        Assert.Contains("company", missingErr);
    }

    [Fact]
    public async Task A_silo_on_a_random_port_serves_ingest_ask_and_pushes_a_new_alert_to_a_follower()
    {
        await using var silo = CliProcess.Start(_work, "silo", "--port", "0", "--data", "data");
        var url = silo.WaitForSiloUrl();

        var (statusCode, statusJson, _) = await CliProcess.RunAsync(_work, "status", "--silo", url, "--json");
        Assert.Equal(0, statusCode);
        var last = JsonDocument.Parse(statusJson).RootElement.GetProperty("lastAlertSequence").GetInt64();
        Assert.True(last > 0, "a new data directory is loaded with the built-in dataset, which raises alerts");

        await using var follower = CliProcess.Start(_work, "alerts", "--follow", "--json", "--since", last.ToString(), "--silo", url);
        var file = WriteFile("events.jsonl", Pe("cli-orcl-pe", "ORCL", 250));
        var (ingestCode, ingestOut, ingestErr) = await CliProcess.RunAsync(_work, "ingest", file, "--silo", url);
        Assert.True(ingestCode == 0, ingestErr);
        Assert.Contains("1 new", ingestOut);
        Assert.Contains("1 alert raised", ingestOut);

        var line = follower.WaitForLine(l => l.Contains("extreme-valuation:ORCL"), TimeSpan.FromSeconds(30), "with the new alert");
        var alert = JsonDocument.Parse(line).RootElement;
        // After the ones already raised (the agents may raise theirs in between: news read, bubble risk scored).
        Assert.True(alert.GetProperty("sequence").GetInt64() > last);
        Assert.Equal("cli-orcl-pe", alert.GetProperty("evidence")[0].GetProperty("signalId").GetString());

        var (askCode, answer, _) = await CliProcess.RunAsync(_work, "ask", "What is Oracle's P/E?", "--silo", url);
        Assert.Equal(0, askCode);
        Assert.Contains("P/E 250", answer);
        Assert.Contains("cli-orcl-pe", answer);

        silo.Interrupt();
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_malformed_event_file_exits_non_zero_naming_file_line_and_reason_and_its_good_records_land()
    {
        var file = WriteFile("events.jsonl",
            Pe("good-1", "AMD", 120),
            """{"kind":"valuation","id":"bad-1","company":"AMD","period":"2026-03","knownOn":"2026-03-02","peRatio":"high"}""",
            Pe("good-2", "MU", 130));
        await SeedAsync();
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "ingest", file, "--data", "data");
        Assert.Equal(1, code);
        Assert.Contains($"{file}:2", stderr);
        Assert.Contains("peRatio", stderr);
        Assert.Contains("2 new", stdout);
        Assert.Contains("1 rejected", stdout);

        var (companyCode, companyJson, _) = await CliProcess.RunAsync(_work, "company", "AMD", "--data", "data", "--json");
        Assert.Equal(0, companyCode);
        Assert.Contains("good-1", companyJson);
        Assert.DoesNotContain("bad-1", companyJson);
    }

    [Fact]
    public async Task Settings_in_a_config_folder_in_the_working_directory_apply_to_input_limits()
    {
        var config = Path.Combine(_work, "config");
        Directory.CreateDirectory(config);
        await File.WriteAllTextAsync(Path.Combine(config, "agentwatch.json"), "{ \"Ingestion\": { \"Limits\": { \"MaxLineLength\": 300 } } }");
        var longLine = Pe("long-1", "AMD", 130).Replace("\"peRatio\"", $"\"note\":\"{new string('x', 400)}\",\"peRatio\"");
        var file = WriteFile("limits.jsonl", Pe("short-1", "AMD", 120), longLine, Pe("short-2", "MU", 125));
        await SeedAsync();
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "ingest", file, "--data", "data");
        Assert.Equal(1, code);
        Assert.Contains($"{file}:2: line is longer than 300 characters", stderr);
        Assert.Contains("2 new", stdout);
    }

    /// <summary>A store as the runtime before Orleans wrote it: a row per signal id in grain_state, JSON of the signal's record.</summary>
    private string WriteLegacyStore(string folder, params (string Id, string Company, int Pe)[] signals)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "agentwatch.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
                INSERT INTO schema_migrations VALUES (1, 'grain state, event logs, reminders, streams', '2026-11-20T10:00:00Z');
                CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL, payload BLOB NOT NULL,
                    version INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
                """;
            create.ExecuteNonQuery();
            foreach (var (id, company, pe) in signals)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO grain_state VALUES ('signal', $id, 'signal', $payload, 1, 0);";
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$payload", System.Text.Encoding.UTF8.GetBytes(
                    $$$"""{"record":{"signal":{"kind":"valuation","id":"{{{id}}}","company":"{{{company}}}","period":"2026-03","knownOn":"2026-03-02","source":{"file":"events.jsonl","item":"line 1"},"peRatio":{{{pe}}}},"home":"company/{{{company}}}","recordedAt":"2026-11-20T10:00:00+00:00"}}"""));
                insert.ExecuteNonQuery();
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return path;
    }

    [Fact]
    public async Task A_store_of_the_earlier_runtime_is_refused_untouched_and_its_signals_carry_over_by_ingest()
    {
        var store = WriteLegacyStore(Path.Combine(_work, "old"), ("legacy-1", "AMD", 250), ("legacy-2", "MU", 20));
        var before = await File.ReadAllBytesAsync(store);

        var (code, _, stderr) = await CliProcess.RunAsync(_work, "status", "--data", "old");
        Assert.Equal(1, code);
        Assert.Contains("written by an earlier AgentWatch", stderr);
        Assert.Contains($"agentwatch ingest {Path.Combine(_work, "old")}.old", stderr);
        Assert.DoesNotContain("Exception", stderr);
        Assert.Equal(before, await File.ReadAllBytesAsync(store));
        Assert.False(File.Exists(store + "-wal"), "the old store must not be opened for writing");

        await SeedAsync("new");
        var (ingested, stdout, ingestErr) = await CliProcess.RunAsync(_work, "ingest", store, "--data", "new", "--json");
        Assert.True(ingested == 0, ingestErr);
        var report = JsonDocument.Parse(stdout).RootElement.GetProperty("report");
        Assert.Equal(2, report.GetProperty("new").GetInt32());
        // The rules raise the old store's alerts again from its signals, with the same ids.
        Assert.Contains(report.GetProperty("alertIds").EnumerateArray(), a => a.GetString() == "extreme-valuation:AMD:2026-03");
        var (_, signal, _) = await CliProcess.RunAsync(_work, "company", "MU", "--data", "new", "--json");
        Assert.Contains("legacy-2", signal);
        Assert.Equal(before, await File.ReadAllBytesAsync(store));
    }

    [Fact]
    public async Task Cluster_lists_the_silos_from_orleans_membership_and_hides_those_dead_for_more_than_a_day()
    {
        await using var silo = CliProcess.Start(_work, "silo", "--port", "0", "--data", "data");
        silo.WaitForSiloUrl();
        // Rows of silos that died earlier, as Orleans leaves them in its membership table: an hour ago and three days ago.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_work, "data", "agentwatch.db")};Pooling=False"))
        {
            connection.Open();
            foreach (var (address, diedAgo) in new[] { ("10.9.9.1", TimeSpan.FromHours(1)), ("10.9.9.3", TimeSpan.FromDays(3)) })
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime)
                    VALUES ('agentwatch', $address, 11111, 1, 'gone:5090', 'gone', 6, 30000, NULL, $started, $alive);
                    """;
                insert.Parameters.AddWithValue("$address", address);
                insert.Parameters.AddWithValue("$started", (DateTime.UtcNow - diedAgo - TimeSpan.FromHours(2)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$alive", (DateTime.UtcNow - diedAgo).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
            }
        }

        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "cluster", "--data", "data");
        Assert.True(code == 0, stderr);
        Assert.Contains("1 active silo (standalone)", stdout);
        Assert.Contains("10.9.9.1:11111@1", stdout);
        Assert.DoesNotContain("10.9.9.3", stdout);
        Assert.Contains("http://10.9.9.1:5090", stdout);

        var (allCode, all, allErr) = await CliProcess.RunAsync(_work, "cluster", "--all", "--data", "data", "--json");
        Assert.True(allCode == 0, allErr);
        var silos = JsonDocument.Parse(all).RootElement.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(["active", "dead", "dead"], silos.Select(s => s.GetProperty("status").GetString()).Order());
        Assert.Contains(silos, s => s.GetProperty("address").GetString() == "10.9.9.3:11111@1");
    }

    [Fact]
    public async Task Without_silo_a_command_uses_the_silo_that_holds_the_data_directory()
    {
        await using var silo = CliProcess.Start(_work, "silo", "--port", "0", "--data", "data");
        silo.WaitForSiloUrl();
        var address = System.Text.RegularExpressions.Regex.Match(silo.Stdout, @"Silo (\S+), gateway port").Groups[1].Value;
        Assert.NotEmpty(address);
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "status", "--data", "data");
        Assert.True(code == 0, stderr);
        // An Orleans client of the running silo, found through the data directory's membership table: no silo of its own.
        Assert.Contains($"Using the silos running on {Path.Combine(_work, "data")}", stderr);
        Assert.Contains($"silo {address}", stdout);
    }

    [Fact]
    public async Task Signals_acknowledged_by_a_silo_survive_kill_9_and_their_alerts_appear_exactly_once()
    {
        var file = WriteFile("events.jsonl", Enumerable.Range(1, 50).Select(i => Pe($"durable-{i}", i % 2 == 0 ? "AMD" : "MU", 100 + i)).ToArray());

        await using (var silo = CliProcess.Start(_work, "silo", "--port", "0", "--data", "data"))
        {
            var url = silo.WaitForSiloUrl();
            var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "ingest", file, "--silo", url);
            Assert.True(code == 0, stderr);
            Assert.Contains("50 new", stdout);
            silo.KillHard();
        }

        await using (var silo = CliProcess.Start(_work, "silo", "--port", "0", "--data", "data"))
        {
            var url = silo.WaitForSiloUrl();
            var (_, alertsJson, _) = await CliProcess.RunAsync(_work, "alerts", "--silo", url, "--json");
            var ids = JsonDocument.Parse(alertsJson).RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(2, ids.Count(id => id.StartsWith("extreme-valuation:AMD:", StringComparison.Ordinal) || id.StartsWith("extreme-valuation:MU:", StringComparison.Ordinal)));

            var (_, amd, _) = await CliProcess.RunAsync(_work, "company", "AMD", "--silo", url, "--json");
            Assert.Equal(25, JsonDocument.Parse(amd).RootElement.GetProperty("signalCount").GetInt32());

            var (again, againOut, _) = await CliProcess.RunAsync(_work, "ingest", file, "--silo", url);
            Assert.Equal(0, again);
            Assert.Contains("0 new, 50 duplicates", againOut);
        }
    }

    private static string Repository(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    [Fact]
    public async Task Ingest_dry_run_prints_the_signals_of_a_real_filing_as_json_lines_and_stores_nothing()
    {
        var filing = Repository("tests", "fixtures", "sec-13f", "sec_13f_full_submission_ACORN_CREEK_1994827_Q4-2024_0001951757-25-000093.nc.txt");
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "ingest", "--dry-run", "--json", filing);
        Assert.True(code == 0, stderr);
        var signals = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(77, signals.Count(s => s.GetProperty("kind").GetString() == "holding"));
        Assert.Single(signals, s => s.GetProperty("kind").GetString() == "filing");
        Assert.Contains("78 signals, 0 warnings, 0 errors; nothing stored", stderr);
        Assert.False(Directory.Exists(Path.Combine(_work, "data")));
    }

    [Fact]
    public async Task Ingest_of_a_folder_with_bad_files_names_each_problem_and_exits_1()
    {
        var corpus = Repository("tests", "AgentWatch.Ingestion.Tests", "Corpus", "formats");
        await SeedAsync();
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "ingest", corpus);
        Assert.Equal(1, code);
        Assert.Contains("error: ORCL_bad-rows.csv:4: close 'oops' is not a positive number", stderr);
        Assert.Contains("the document has a DTD, which AgentWatch refuses", stderr);
        Assert.Contains("warning: totals-mismatch.txt: 13F totals disagree", stderr);
        // The .csv without a Close column is skipped in a folder, and named (on its own, it is an error).
        Assert.Contains("skipped: " + Path.Combine(corpus, "MSFT_missing-close.csv") + ": line 1: the header", stderr);
        Assert.Matches(@"^\d+ files \(1 skipped: MSFT_missing-close\.csv\), \d+ records: \d+ new, 0 duplicates, 0 conflicts, \d+ rejected; \d+ warnings, \d+ errors; \d+ alerts? raised\.$", stdout.Trim());

        // Again: the good records are there already.
        var (_, again, _) = await CliProcess.RunAsync(_work, "ingest", corpus);
        Assert.Contains(" 0 new,", again);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("alerts")]
    [InlineData("ask", "What is Amazon's capex guidance for 2026?")]
    [InlineData("company", "Nvidia")]
    [InlineData("ingest", "events.jsonl")]
    public async Task A_command_pointed_at_a_folder_without_a_store_exits_1_creates_nothing_and_says_how_to_make_one(params string[] args)
    {
        WriteFile("events.jsonl", Pe("stray-1", "AMD", 120));
        var wrong = Path.Combine(_work, "not-a-store");
        Directory.CreateDirectory(wrong);
        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, [.. args, "--data", "not-a-store"]);
        Assert.Equal(1, code);
        Assert.Contains($"{wrong} holds no AgentWatch store", stderr);
        Assert.Contains("agentwatch seed --data", stderr);
        Assert.Contains("agentwatch silo --data", stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(wrong));
        // The default ./data is not made either.
        var (defaultCode, _, defaultErr) = await CliProcess.RunAsync(_work, args);
        Assert.Equal(1, defaultCode);
        Assert.Contains($"{Path.Combine(_work, "data")} holds no AgentWatch store", defaultErr);
        Assert.False(Directory.Exists(Path.Combine(_work, "data")));
        Assert.DoesNotContain("Exception", stderr + defaultErr + stdout);

        // seed makes one; the same command then works.
        await SeedAsync("not-a-store");
        var (after, _, afterErr) = await CliProcess.RunAsync(_work, [.. args, "--data", "not-a-store"]);
        Assert.True(after == 0, afterErr);
    }

    [Fact]
    public async Task Retract_takes_back_a_files_signals_with_a_dry_run_first_lists_the_retraction_and_ingest_brings_them_back()
    {
        var examples = Path.Combine(_work, "events.jsonl");
        File.Copy(Repository("docs", "examples", "events.jsonl"), examples);
        await SeedAsync();
        Assert.Contains("6 new", (await CliProcess.RunAsync(_work, "ingest", examples)).Stdout);

        var (dryCode, dryJson, dryErr) = await CliProcess.RunAsync(_work, "retract", "--file", examples, "--dry-run", "--json");
        Assert.True(dryCode == 0, dryErr);
        var dry = JsonDocument.Parse(dryJson).RootElement;
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(6, dry.GetProperty("retracted").GetArrayLength());
        Assert.Contains("example-orcl-pe-2026-03", (await CliProcess.RunAsync(_work, "company", "Oracle", "--json")).Stdout);

        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "retract", "--file", examples, "--reason", "illustrative");
        Assert.True(code == 0, stderr);
        Assert.Contains("Retracted 6 signals (retraction-", stdout);
        Assert.Contains("capex-guidance-jump:ORCL:FY2027", stdout);
        Assert.DoesNotContain("example-", (await CliProcess.RunAsync(_work, "company", "Oracle", "--json")).Stdout);
        var (_, alerts, _) = await CliProcess.RunAsync(_work, "alerts");
        Assert.Contains("WITHDRAWN #", alerts);
        Assert.Contains("reason: illustrative", alerts);
        var listed = JsonDocument.Parse((await CliProcess.RunAsync(_work, "retract", "--list", "--json")).Stdout).RootElement;
        Assert.Equal("illustrative", Assert.Single(listed.EnumerateArray()).GetProperty("reason").GetString());

        var (unknownCode, _, unknownErr) = await CliProcess.RunAsync(_work, "retract", "no-such-signal");
        Assert.Equal(1, unknownCode);
        Assert.Contains("no signal 'no-such-signal' is stored", unknownErr);
        var (noneCode, _, noneErr) = await CliProcess.RunAsync(_work, "retract");
        Assert.Equal(1, noneCode);
        Assert.Contains("name the signals to retract", noneErr);

        Assert.Contains("6 new", (await CliProcess.RunAsync(_work, "ingest", examples)).Stdout);
        Assert.Contains("example-orcl-pe-2026-03", (await CliProcess.RunAsync(_work, "company", "Oracle", "--json")).Stdout);
    }

    [Fact]
    public async Task Retract_file_takes_back_what_a_price_file_brought_in_with_xbrl_its_market_cap_moves_and_their_alerts()
    {
        var prices = Repository("tests", "fixtures", "prices", "stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv");
        await SeedAsync();
        var (ingested, _, ingestErr) = await CliProcess.RunAsync(_work, "ingest", prices, Repository("tests", "fixtures", "sec-xbrl", "sec_companyfacts_NVDA_CIK0001045810.json"));
        Assert.True(ingested == 0, ingestErr);
        // The market-cap moves came from the price file and XBRL's share count together; read alone, the file gives none.
        static bool FromPrices(string id) => id.StartsWith("mcap-nvda-", StringComparison.Ordinal) || id.StartsWith("price-nvda-", StringComparison.Ordinal);
        var moves = Figures((await CliProcess.RunAsync(_work, "company", "NVDA", "--kind", "market-cap-move", "--all", "--json")).Stdout).Where(FromPrices).ToList();
        Assert.NotEmpty(moves);
        // The slides that rest on the file's moves alone (the built-in dataset's moves hold up others).
        var slides = JsonDocument.Parse((await CliProcess.RunAsync(_work, "alerts", "--company", "NVDA", "--json")).Stdout).RootElement.EnumerateArray()
            .Where(a => a.GetProperty("evidence").EnumerateArray().All(e => FromPrices(e.GetProperty("signalId").GetString()!)))
            .Select(a => a.GetProperty("id").GetString()!).Distinct().ToList();
        Assert.NotEmpty(slides);

        var (code, json, stderr) = await CliProcess.RunAsync(_work, "retract", "--file", prices, "--json");
        Assert.True(code == 0, stderr);
        var report = JsonDocument.Parse(json).RootElement;
        var retracted = report.GetProperty("retracted").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        Assert.Superset(moves.ToHashSet(), retracted);
        Assert.Superset(slides.ToHashSet(), report.GetProperty("withdrawnAlerts").EnumerateArray().Select(e => e.GetString()!).ToHashSet());
        Assert.DoesNotContain(Figures((await CliProcess.RunAsync(_work, "company", "NVDA", "--kind", "market-cap-move", "--all", "--json")).Stdout), FromPrices);
        Assert.Empty(Figures((await CliProcess.RunAsync(_work, "company", "NVDA", "--kind", "share-price", "--all", "--json")).Stdout));
        // The XBRL file's own signals stay: only what the price file brought in went.
        Assert.Contains(Figures((await CliProcess.RunAsync(_work, "company", "NVDA", "--kind", "metric", "--all", "--json")).Stdout), id => id.StartsWith("xbrl-1045810-shares-", StringComparison.Ordinal));
        var standing = JsonDocument.Parse((await CliProcess.RunAsync(_work, "company", "NVDA", "--all", "--json")).Stdout).RootElement
            .GetProperty("alerts").GetProperty("shown").EnumerateArray().Select(a => a.GetProperty("id").GetString()!);
        Assert.Empty(standing.Intersect(slides));

        static List<string> Figures(string summary) =>
            JsonDocument.Parse(summary).RootElement.GetProperty("figures").GetProperty("shown").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task Company_fits_a_screen_with_years_of_real_prices_and_filings_and_shows_more_only_when_asked()
    {
        await SeedAsync();
        var (ingested, _, ingestErr) = await CliProcess.RunAsync(_work, "ingest",
            Repository("tests", "fixtures", "prices", "stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv"),
            Repository("tests", "fixtures", "sec-xbrl", "sec_companyfacts_NVDA_CIK0001045810.json"));
        Assert.True(ingested == 0, ingestErr);

        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "company", "Nvidia");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // 34 lines today: a screen's worth, whatever the 1,100 price and XBRL signals behind it.
        Assert.InRange(lines.Length, 15, 40);
        foreach (var section in new[] { "Latest figures:", "Positions and bets against it:", "Financing deals:", "Recent alerts:", "Market:" }) Assert.Contains(section, stdout);
        Assert.Contains("fiscal year ends in January", stdout);
        // Nvidia's quarters and years say when they end: its fiscal 2027 begins in February 2026.
        Assert.Matches(@"NVDA \w[\w ]* for Q\d of fiscal 20\d\d \(to \w+ 20\d\d\)", stdout);
        Assert.Contains("last share-price move:", stdout);
        Assert.Contains("more (", stdout);
        // The price level, not only its moves: the file's last close with its day, currency and source, the range of
        // the year's closes before it, and the market cap at that close from XBRL's share count.
        Assert.Contains("last close $184.86 on 2026-01-09 (USD; stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv, line 6784;", stdout);
        Assert.Contains("closes since 2025-01-13: low $94.31 on 2025-04-04, high $207.04 on 2025-10-29", stdout);
        Assert.Contains("market cap $4.49 trillion at that close: 24,300,000,000 shares outstanding on 2025-11-14 (sec_companyfacts_NVDA_CIK0001045810.json", stdout);

        var (_, all, _) = await CliProcess.RunAsync(_work, "company", "NVDA", "--all");
        Assert.True(all.Split('\n').Length > 3 * lines.Length, "--all shows everything");
        var (_, moves, _) = await CliProcess.RunAsync(_work, "company", "nvda", "--kind", "price-move", "--limit", "3");
        Assert.Equal(3, moves.Split('\n').Count(l => l.Contains("share-price move (", StringComparison.Ordinal) && l.Contains("[known", StringComparison.Ordinal)));
        var (_, recent, _) = await CliProcess.RunAsync(_work, "company", "Nvidia", "--since", "2026-01-01", "--json");
        var summary = JsonDocument.Parse(recent).RootElement;
        foreach (var section in new[] { "figures", "guidance", "positions", "deals", "news", "alerts" })
            Assert.All(summary.GetProperty(section).GetProperty("shown").EnumerateArray(), s => Assert.True(DateOnly.Parse(s.GetProperty("knownOn").GetString()!) >= new DateOnly(2026, 1, 1)));
        // The JSON carries the same market figures.
        var market = summary.GetProperty("market");
        var close = market.GetProperty("lastClose");
        Assert.Equal(("2026-01-09", 184.86m, "USD"), (close.GetProperty("period").GetString(), close.GetProperty("close").GetProperty("amount").GetDecimal(), close.GetProperty("close").GetProperty("currency").GetString()));
        Assert.Equal(("2025-01-13", 94.31m, "2025-04-04", 207.04m, "2025-10-29"),
            (close.GetProperty("rangeFrom").GetString(), close.GetProperty("low").GetProperty("amount").GetDecimal(), close.GetProperty("lowOn").GetString(),
             close.GetProperty("high").GetProperty("amount").GetDecimal(), close.GetProperty("highOn").GetString()));
        Assert.Equal("stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv", close.GetProperty("source").GetProperty("file").GetString());
        var cap = market.GetProperty("marketCapAtClose");
        Assert.Equal((4_492_098_000_000m, 24_300_000_000m, "2025-11-14"), (cap.GetProperty("amount").GetProperty("amount").GetDecimal(), cap.GetProperty("shares").GetDecimal(), cap.GetProperty("sharesOn").GetString()));
        var (badKind, _, badKindErr) = await CliProcess.RunAsync(_work, "company", "Nvidia", "--kind", "prices");
        Assert.Equal(1, badKind);
        Assert.Contains("'prices' is not a kind of signal", badKindErr);
    }

    [Fact]
    public async Task Every_command_that_takes_a_company_takes_its_name_and_names_the_closest_matches_for_one_it_does_not_know()
    {
        await SeedAsync();
        var (code, json, stderr) = await CliProcess.RunAsync(_work, "alerts", "--company", "Nvidia", "--json");
        Assert.True(code == 0, stderr);
        var alerts = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal("NVDA", a.GetProperty("company").GetString()));

        foreach (var args in new[] { new[] { "company", "Micro" }, ["alerts", "--company", "Micro"], ["mute", "--company", "Micro"], ["unmute", "--company", "Micro"] })
        {
            var (failed, output, error) = await CliProcess.RunAsync(_work, args);
            Assert.Equal(1, failed);
            Assert.Contains("no company 'Micro'", error);
            Assert.Contains("Microsoft (MSFT)", error);
            Assert.Contains("Micron (MU)", error);
            Assert.DoesNotContain("Muted", output);
        }
        var (typo, _, typoErr) = await CliProcess.RunAsync(_work, "alerts", "--company", "Nvdia");
        Assert.Equal(1, typo);
        Assert.Contains("did you mean Nvidia (NVDA)?", typoErr);
        var (muted, muteOut, muteErr) = await CliProcess.RunAsync(_work, "mute", "--company", "Nvidia", "--for", "01:00:00");
        Assert.True(muted == 0, muteErr);
        Assert.Contains("Muted company NVDA", muteOut);
    }

    [Fact]
    public async Task A_company_on_the_watchlist_but_not_watched_cannot_be_followed_or_muted_and_the_error_says_how_to_watch_it()
    {
        var config = Path.Combine(_work, "config");
        Directory.CreateDirectory(config);
        await File.WriteAllTextAsync(Path.Combine(config, "watchlist.json"), "{ \"Watchlist\": { \"Companies\": { \"ORCL\": { \"Watched\": false } } } }");
        await SeedAsync();

        foreach (var args in new[] { new[] { "alerts", "--company", "Oracle" }, ["alerts", "--follow", "--company", "Oracle"], ["mute", "--company", "ORCL"] })
        {
            var (code, output, error) = await CliProcess.RunAsync(_work, args);
            Assert.True(code == 1, $"{string.Join(' ', args)}: exit {code}\n{output}\n{error}");
            Assert.Contains("Oracle (ORCL) is on the watchlist but not watched, so it raises no alerts", error);
            Assert.Contains("\"Watched\": true", error);
            Assert.DoesNotContain("Muted", output);
        }
        // Its figures are still there to look at.
        var (shown, company, companyErr) = await CliProcess.RunAsync(_work, "company", "Oracle");
        Assert.True(shown == 0, companyErr);
        Assert.Contains("Oracle (ORCL)", company);
        Assert.Contains(", not watched", company);
    }

    [Fact]
    public async Task Alerts_follow_with_a_company_name_prints_that_companys_new_alerts_and_no_others()
    {
        await using var silo = CliProcess.Start(_work, "silo", "--port", "0", "--data", "data");
        var url = silo.WaitForSiloUrl();
        var last = JsonDocument.Parse((await CliProcess.RunAsync(_work, "status", "--silo", url, "--json")).Stdout).RootElement.GetProperty("lastAlertSequence").GetInt64();

        await using var follower = CliProcess.Start(_work, "alerts", "--follow", "--json", "--since", last.ToString(), "--company", "Nvidia", "--silo", url);
        // AMD's alert is logged first: had the filter let it through, the follower would print it before Nvidia's.
        var (amd, amdOut, amdErr) = await CliProcess.RunAsync(_work, "ingest", WriteFile("amd.jsonl", Pe("follow-amd-pe", "AMD", 300)), "--silo", url);
        Assert.True(amd == 0, amdErr);
        Assert.Contains("1 alert raised", amdOut);
        var (nvda, _, nvdaErr) = await CliProcess.RunAsync(_work, "ingest", WriteFile("nvda.jsonl", Pe("follow-nvda-pe", "NVDA", 300)), "--silo", url);
        Assert.True(nvda == 0, nvdaErr);

        var line = follower.WaitForLine(l => l.Contains("extreme-valuation:NVDA", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "with Nvidia's new alert");
        Assert.Equal("follow-nvda-pe", JsonDocument.Parse(line).RootElement.GetProperty("evidence")[0].GetProperty("signalId").GetString());
        Assert.All(follower.StdoutLines, l => Assert.Equal("NVDA", JsonDocument.Parse(l).RootElement.GetProperty("company").GetString()));

        silo.Interrupt();
        Assert.Equal(0, await silo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Ingest_names_every_skipped_file_in_its_summary_and_its_json_and_a_binary_file_is_one_error()
    {
        var folder = Path.Combine(_work, "drop");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "events.jsonl"), [Pe("drop-1", "NVDA", 40), Pe("drop-2", "AMD", 30)]);
        File.WriteAllBytes(Path.Combine(folder, "report.pdf"), [.. "%PDF-1.7\n"u8, 0, 1, 2, 0xE2, 0xE3]);
        // Zero bytes under a name the signal-file format reads: one error for the file, not one per line.
        File.WriteAllBytes(Path.Combine(folder, "dump.jsonl"), [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 7 == 0 ? 0 : '{'))]);
        File.WriteAllText(Path.Combine(folder, "notes.md"), "# Notes\n");
        await SeedAsync();

        var (code, stdout, stderr) = await CliProcess.RunAsync(_work, "ingest", folder, "--data", "data");

        Assert.Equal(1, code);
        Assert.Contains($"error: {Path.Combine(folder, "report.pdf")}: binary file (a PDF document, not text), skipped", stderr);
        Assert.Contains($"error: {Path.Combine(folder, "dump.jsonl")}: binary file (not text), skipped", stderr);
        Assert.Equal(2, stderr.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.Contains($"skipped: {Path.Combine(folder, "notes.md")}: ", stderr);
        Assert.Matches(@"^1 file \(3 skipped: dump\.jsonl, notes\.md, report\.pdf\), 2 records: 2 new, 0 duplicates, 0 conflicts, 0 rejected; \d+ warnings?, 2 errors; \d+ alerts? raised\.$", stdout.Trim());

        var (again, json, _) = await CliProcess.RunAsync(_work, "ingest", folder, "--data", "data", "--json");
        Assert.Equal(1, again);
        var report = JsonDocument.Parse(json).RootElement;
        Assert.Equal(3, report.GetProperty("skipped").GetInt32());
        var skipped = report.GetProperty("skippedFiles").EnumerateArray().ToDictionary(f => Path.GetFileName(f.GetProperty("path").GetString()!), f => f.GetProperty("reason").GetString()!);
        Assert.Equal(["dump.jsonl", "notes.md", "report.pdf"], skipped.Keys.Order());
        Assert.Equal("binary file (a PDF document, not text), skipped", skipped["report.pdf"]);
        Assert.Equal(2, report.GetProperty("report").GetProperty("duplicates").GetInt32());
    }

    private static async Task<(int Code, string Output)> DotnetAsync(string workingDirectory, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task The_cli_installs_from_the_clone_as_a_dotnet_tool_named_agentwatch()
    {
        // The README's recipe, with the build the tests already ran: pack the tool, install it, run it.
        var packages = Path.Combine(_work, "packages");
        var tools = Path.Combine(_work, "tools");
        var (packed, packOutput) = await DotnetAsync(Repository(), "pack", Repository("src", "AgentWatch.Cli"), "-c", "Release", "--no-build", "-o", packages);
        Assert.True(packed == 0, packOutput);
        var package = Assert.Single(Directory.GetFiles(packages, "AgentWatch.Cli.*.nupkg"));
        var (installed, installOutput) = await DotnetAsync(_work, "tool", "install", "--tool-path", tools, "--add-source", packages, "AgentWatch.Cli");
        Assert.True(installed == 0, installOutput);
        Assert.Contains("agentwatch", installOutput);

        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "agentwatch.exe" : "agentwatch");
        var info = new System.Diagnostics.ProcessStartInfo(tool) { WorkingDirectory = _work, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("agents");
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, output + await process.StandardError.ReadToEndAsync());
        // The agent files and the default config travel with the tool: the agents are there without a clone beside it.
        Assert.Contains("analyst:", output);
        Assert.Contains(Path.Combine(".store", "agentwatch.cli"), output);
        Assert.True(new FileInfo(package).Length > 0);
    }

    [Fact]
    public async Task Webhooks_without_subscriptions_says_where_to_add_them()
    {
        await SeedAsync();
        var (code, stdout, _) = await CliProcess.RunAsync(_work, "webhooks");
        Assert.Equal(0, code);
        Assert.Contains("No webhook subscriptions", stdout);
        Assert.Contains("Webhooks:Subscriptions", stdout);
    }

    [Fact]
    public async Task Ack_mute_unmute_and_rules_manage_alerts_from_the_command_line()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(_work, "seed")).ExitCode);
        var (_, json, _) = await CliProcess.RunAsync(_work, "alerts", "--json");
        var id = JsonDocument.Parse(json).RootElement[0].GetProperty("id").GetString()!;

        var (ackCode, ack, ackErr) = await CliProcess.RunAsync(_work, "ack", id, "--note", "seen it");
        Assert.True(ackCode == 0, ackErr);
        Assert.Contains($"Acknowledged {id}", ack);
        var (_, listed, _) = await CliProcess.RunAsync(_work, "alerts");
        Assert.Contains(": seen it)", listed);
        Assert.Equal(1, (await CliProcess.RunAsync(_work, "ack", "no-such-alert")).ExitCode);

        var (muteCode, muted, muteErr) = await CliProcess.RunAsync(_work, "mute", "--rule", "extreme-valuation", "--for", "01:00:00", "--reason", "noisy");
        Assert.True(muteCode == 0, muteErr);
        Assert.Contains("Muted rule extreme-valuation until", muted);
        var (_, rules, _) = await CliProcess.RunAsync(_work, "rules");
        Assert.Contains("extreme-valuation [info]: fired", rules);
        Assert.Contains("rule extreme-valuation until", rules);
        Assert.Contains(": noisy", rules);
        Assert.Equal(0, (await CliProcess.RunAsync(_work, "unmute", "--rule", "extreme-valuation")).ExitCode);
        Assert.Equal(1, (await CliProcess.RunAsync(_work, "unmute", "--rule", "extreme-valuation")).ExitCode);

        var (setCode, set, setErr) = await CliProcess.RunAsync(_work, "rules", "set", "extreme-valuation", "--frequency", "Daily", "--max-per-hour", "2");
        Assert.True(setCode == 0, setErr);
        Assert.Contains("extreme-valuation: frequency Daily, at most 2 alerts per company per hour", set);
        Assert.Contains("at most daily; at most 2 an hour", (await CliProcess.RunAsync(_work, "rules")).Stdout);

        var (bad, _, badErr) = await CliProcess.RunAsync(_work, "mute", "--for", "01:00:00");
        Assert.NotEqual(0, bad);
        Assert.Contains("--company or --rule", badErr);
    }
}
