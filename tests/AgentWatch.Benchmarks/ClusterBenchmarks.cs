using System.Diagnostics;
using System.Globalization;
using System.Net;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Client;
using AgentWatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace AgentWatch.Benchmarks;

/// <summary>
/// Three silos: calls between them over HTTP/2, ingestion through three silo processes on PostgreSQL, and the time
/// from kill -9 of a silo to the first successful call on a grain it held.
/// </summary>
public static class ClusterBenchmarks
{
    /// <param name="part">"calls", "ingest", "failover", or null for all three.</param>
    public static async Task RunAsync(bool quick, string? part)
    {
        if (part is null or "calls") await CrossSiloCallsAsync(quick);
        if (part is "calls") return;
        if (!PostgresServer.Installed)
        {
            Console.WriteLine("PostgreSQL is not installed (no initdb), so ingestion on PostgreSQL is not measured; failover is measured on shared SQLite only.");
            Console.WriteLine();
        }
        await using var postgres = PostgresServer.Installed ? await PostgresServer.StartAsync() : null;
        if (postgres is not null && part is null or "ingest") await IngestOnPostgresAsync(quick, postgres);
        if (part is null or "failover") await FailoverAsync(quick, postgres);
    }

    /// <summary>
    /// Three Orleans silos in this process, each a host of its own with Orleans' real TCP transport on loopback and the
    /// real grain directory (membership kept by the first silo: Orleans' localhost clustering). Orleans' in-process test
    /// cluster is not used: it connects its silos through in-memory pipes and a test directory, which would leave out
    /// the sockets this measures. Calls start in one silo (host code) and go to grains the two others hold, so every call
    /// is serialized, sent and answered over TCP.
    /// </summary>
    private static async Task CrossSiloCallsAsync(bool quick)
    {
        Console.WriteLine("## Calls between silos");
        Console.WriteLine();
        var hosts = new List<IHost>();
        try
        {
            var primary = new IPEndPoint(IPAddress.Loopback, FreePort());
            for (var i = 0; i < 3; i++)
            {
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                var port = i == 0 ? primary.Port : FreePort();
                builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: port, gatewayPort: 0, primarySiloEndpoint: primary, serviceId: "bench", clusterId: "bench"));
                var host = builder.Build();
                await host.StartAsync();
                hosts.Add(host);
            }
            var caller = hosts[0].Services.GetRequiredService<IGrainFactory>();
            var self = hosts[0].Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress;
            var management = caller.GetGrain<IManagementGrain>(0);
            while ((await management.GetHosts(onlyActive: true)).Count < 3) await Task.Delay(100);
            var refs = new List<IPingGrain>();
            for (var i = 0; refs.Count < 1000 && i < 100_000; i++)
            {
                var grain = caller.GetGrain<IPingGrain>($"remote-{i}");
                await grain.PingAsync(0);
                if (await management.GetActivationAddress(grain) is { } where && !where.Equals(self)) refs.Add(grain);
            }
            var silos = hosts.Select(h => h.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress).ToArray();
            var statistics = await management.GetRuntimeStatistics(silos);
            var trialCount = quick ? 2 : 5;
            var duration = TimeSpan.FromSeconds(quick ? 1 : 3);
            Console.WriteLine($"Three silos in this process over loopback TCP; 1,000 ping grains held by the two silos that do not call ({statistics[1].ActivationCount:N0} and {statistics[2].ActivationCount:N0} activations; " +
                              $"the calling silo holds {statistics[0].ActivationCount:N0}); callers are host code in the first silo. {trialCount} trials of {duration.TotalSeconds:0} s after a 1 s warm-up; latency over every call of the trials.");
            Console.WriteLine();
            Console.WriteLine("| callers × calls in flight | calls/s (median of trials) | range | p50 | p99 |");
            Console.WriteLine("|---|---|---|---|---|");
            var targets = refs.ToArray();
            foreach (var (callers, window) in new[] { (1, 1), (16, 8), (64, 16) })
            {
                await MeasureAsync(targets, callers, window, TimeSpan.FromSeconds(1), null); // warm-up
                var trials = new List<double>();
                var latencies = new List<double>();
                for (var t = 0; t < trialCount; t++) trials.Add(await MeasureAsync(targets, callers, window, duration, latencies));
                latencies.Sort();
                Console.WriteLine($"| {callers} × {window} | {Stats.Median(trials):N0} | {trials.Min():N0}–{trials.Max():N0} | {Stats.Percentile(latencies, 0.5):0.00} ms | {Stats.Percentile(latencies, 0.99):0.00} ms |");
            }
            Console.WriteLine();
        }
        finally
        {
            for (var i = hosts.Count - 1; i >= 0; i--)
            {
                try { await hosts[i].StopAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
                hosts[i].Dispose();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Calls per second; each caller keeps <paramref name="window"/> calls in flight. Records each call's time when asked.</summary>
    private static async Task<double> MeasureAsync(IPingGrain[] refs, int callers, int window, TimeSpan duration, List<double>? latencies)
    {
        var stop = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new long[callers];
        var perCaller = new List<double>[callers];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = perCaller[c] = [];
            var i = c * 7919;
            var n = 0L;
            var calls = new Task<double>[window];
            while (Stopwatch.GetTimestamp() < stop)
            {
                for (var w = 0; w < window; w++) calls[w] = TimedAsync(refs[(i++ & int.MaxValue) % refs.Length], w);
                for (var w = 0; w < window; w++) mine.Add(await calls[w]);
                n += window;
            }
            counts[c] = n;
        })));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (latencies is not null) foreach (var list in perCaller) latencies.AddRange(list);
        return counts.Sum() / seconds;

        static async Task<double> TimedAsync(IPingGrain grain, int value)
        {
            var begin = Stopwatch.GetTimestamp();
            await grain.PingAsync(value);
            return Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
        }
    }


    /// <summary>How the load generator reaches the three silos.</summary>
    private enum Route { Http, OrleansClientPerSilo, OneOrleansClient }

    private static string Describe(Route route, int posters) => route switch
    {
        Route.Http => $"HTTP API of each silo, {posters} posters per silo",
        Route.OrleansClientPerSilo => $"an Orleans client per silo (its gateway only), {posters} posters per client",
        _ => $"one Orleans client as the CLI connects (gateways from the membership table), {posters * 3} posters",
    };

    /// <summary>
    /// Signals acknowledged per second by three silo processes sharing a PostgreSQL database. Every trial starts three new
    /// silos on a new database (so no trial inherits the timelines of another), warms up with 20,000 signals, then
    /// measures. The load reaches the silos by their HTTP APIs, by one Orleans client per silo, or by one Orleans client
    /// as <c>agentwatch ingest</c> connects; each batch counts only once its report says every signal is new (stored).
    /// </summary>
    private static async Task IngestOnPostgresAsync(bool quick, PostgresServer postgres)
    {
        Console.WriteLine("## Ingestion with three silo processes on PostgreSQL");
        Console.WriteLine();
        const int batch = 2000;
        const int posters = 2;
        var trials = quick ? 1 : 3;
        var sizes = Environment.GetEnvironmentVariable("AGENTWATCH_BENCH_SIGNALS") is { } given ? [int.Parse(given)] : quick ? new[] { 20_000 } : new[] { 60_000, 120_000 };
        Console.WriteLine($"Daily market caps over 20 companies (none raising an alert) in batches of {batch:N0}; PostgreSQL {ServerVersion(postgres)} on this machine with fsync on. " +
                          $"Each trial: three new silo processes on a new database, a warm-up of {(quick ? 10_000 : 20_000):N0} signals, then the measured run; {trials} trial(s) per row. " +
                          "Signals/s counts signals acknowledged as stored. CPU: seconds of CPU used during the measured run by each silo process, by PostgreSQL and by this load generator (the machine has 2 cores).");
        Console.WriteLine();
        Console.WriteLine("| route | signals | signals/s (median) | range | each trial | CPU s: silos (each) / PostgreSQL / load generator, median trial |");
        Console.WriteLine("|---|---|---|---|---|---|");
        var rows = new List<(Route Route, int Size)>();
        foreach (var size in sizes) rows.Add((Route.OrleansClientPerSilo, size));
        foreach (var size in sizes) rows.Add((Route.Http, size));
        rows.Add((Route.OneOrleansClient, sizes[0]));
        foreach (var (route, size) in rows)
        {
            var results = new List<(double Rate, string Cpu)>();
            for (var trial = 0; trial < trials; trial++) results.Add(await IngestTrialAsync(quick, postgres, route, size, batch, posters));
            var rates = results.Select(r => r.Rate).ToList();
            var median = results.OrderBy(r => r.Rate).ElementAt(results.Count / 2);
            Console.WriteLine($"| {Describe(route, posters)} | {size:N0} | {Stats.Median(rates):N0} | {rates.Min():N0}–{rates.Max():N0} | {Stats.Each(rates, "N0")} | {median.Cpu} |");
        }
        Console.WriteLine();
    }

    private static async Task<(double Rate, string Cpu)> IngestTrialAsync(bool quick, PostgresServer postgres, Route route, int size, int batch, int posters)
    {
        var work = Program.TempDirectory();
        Directory.CreateDirectory(work);
        var connection = await postgres.CreateDatabaseAsync();
        var processes = new List<CliProcess>();
        var disposables = new List<IAsyncDisposable>();
        try
        {
            for (var i = 0; i < 3; i++)
                processes.Add(CliProcess.Start(work, "silo", "--port", "0", "--cluster", connection, "--data", $"data{i}"));
            var urls = processes.Select(p => p.WaitForSiloUrl()).ToList();
            var http = urls.Select(u => new AgentWatchClient(new Uri(u)) { RequestTimeout = TimeSpan.FromMinutes(2) }).ToList();
            disposables.AddRange(http.Select(c => new DisposeAction(c.Dispose)));
            while ((await http[0].GetClusterAsync()).Silos.Count(s => s.Status == "active") < 3) await Task.Delay(200);

            // One sender per poster: each poster is tied to one silo (HTTP, or a client connected to that silo's gateway
            // only), or all share one client that finds the gateways in the membership table, as the CLI does.
            var senders = new List<Func<IReadOnlyList<Signal>, Task<IngestReport>>>();
            switch (route)
            {
                case Route.Http:
                    for (var p = 0; p < posters * 3; p++) { var client = http[p % 3]; senders.Add(signals => client.IngestAsync(signals)); }
                    break;
                case Route.OrleansClientPerSilo:
                    var perSilo = new List<IClusterClient>();
                    foreach (var process in processes)
                    {
                        var (host, client) = await StaticClientAsync(GatewayPort(process));
                        disposables.Add(new DisposeAction(() => { host.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult(); host.Dispose(); }));
                        perSilo.Add(client);
                    }
                    for (var p = 0; p < posters * 3; p++)
                    {
                        var api = perSilo[p % 3].GetGrain<IApiGrain>(0);
                        senders.Add(signals => api.IngestAsync(signals, CancellationToken.None));
                    }
                    break;
                default:
                    var settings = new ClusterClientSettings(ClusterDatabase.For(ClusterMode.Parse(connection), Path.Combine(work, "unused.db")), new ClusteringOptions()) { ResponseTimeout = TimeSpan.FromMinutes(2) };
                    var cli = await ClusterConnection.ConnectAsync(settings, CancellationToken.None);
                    disposables.Add(cli);
                    for (var p = 0; p < posters * 3; p++) senders.Add(signals => cli.Api.IngestAsync(signals));
                    break;
            }

            async Task<double> RunAsync(List<Signal> all)
            {
                var batches = Enumerable.Range(0, (all.Count + batch - 1) / batch).Select(b => all.GetRange(b * batch, Math.Min(batch, all.Count - b * batch))).ToList();
                var next = -1;
                var acknowledged = 0L;
                var sw = Stopwatch.StartNew();
                await Task.WhenAll(senders.Select(async send =>
                {
                    int b;
                    while ((b = Interlocked.Increment(ref next)) < batches.Count)
                    {
                        var report = await send(batches[b]);
                        if (report.New != batches[b].Count) throw new InvalidOperationException($"batch {b}: {report.New} of {batches[b].Count} new; {string.Join("; ", report.Issues.Take(3).Select(x => x.Message))}");
                        Interlocked.Add(ref acknowledged, report.New);
                    }
                }));
                return acknowledged / sw.Elapsed.TotalSeconds;
            }

            await RunAsync(Program.SyntheticSignals(quick ? 10_000 : 20_000, "warmup"));
            var signals = Program.SyntheticSignals(size, $"bench{size}");
            var before = CpuSeconds(processes);
            var rate = await RunAsync(signals);
            var after = CpuSeconds(processes);
            var used = after.Zip(before, (a, b) => a - b).ToList();
            var cpu = $"{used.Take(3).Sum():0.0} ({string.Join(" / ", used.Take(3).Select(u => u.ToString("0.0", CultureInfo.InvariantCulture)))}) / {used[3]:0.0} / {used[4]:0.0} in {size / rate:0.0} s";
            return (rate, cpu);
        }
        finally
        {
            foreach (var d in disposables) { try { await d.DisposeAsync(); } catch (Exception) { } }
            foreach (var p in processes) await p.DisposeAsync();
            Program.DeleteDirectory(work);
        }
    }

    /// <summary>The gateway port a silo process printed ("… gateway port N.").</summary>
    private static int GatewayPort(CliProcess silo)
    {
        var line = silo.StdoutLines.FirstOrDefault(l => l.Contains("gateway port", StringComparison.Ordinal)) ?? throw new InvalidOperationException("the silo did not print its gateway port: " + silo.Stdout);
        var match = System.Text.RegularExpressions.Regex.Match(line, @"gateway port (\d+)");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>An Orleans client that knows only one gateway (static list), so all its calls go to that silo.</summary>
    private static async Task<(IHost Host, IClusterClient Client)> StaticClientAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            var ids = new ClusteringOptions();
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ids.ClusterId;
                o.ServiceId = ids.ServiceId;
            });
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(2));
        });
        var host = builder.Build();
        await host.StartAsync();
        return (host, host.Services.GetRequiredService<IClusterClient>());
    }

    /// <summary>CPU seconds so far of each silo process, of all PostgreSQL processes (reaped children included) and of this process.</summary>
    private static List<double> CpuSeconds(List<CliProcess> silos)
    {
        var list = silos.Select(s => ProcessCpu(s.Id, children: false)).ToList();
        var postgres = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == "postgres") postgres += ProcessCpu(pid, children: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        list.Add(postgres);
        list.Add(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
        return list;
    }

    /// <summary>utime + stime (and, with children, cutime + cstime) from /proc/PID/stat, in seconds.</summary>
    private static double ProcessCpu(int pid, bool children)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields after the command: state is [0], utime [11], stime [12], cutime [13], cstime [14].
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (children) ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            return ticks / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private sealed class DisposeAction(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static string ServerVersion(PostgresServer postgres)
    {
        using var connection = new Npgsql.NpgsqlConnection(postgres.AdminConnectionString);
        connection.Open();
        return connection.PostgreSqlVersion.ToString();
    }

    /// <summary>
    /// Three silo processes. A company grain held by one silo is located; that silo is killed with kill -9, or frozen
    /// with SIGSTOP (its sockets stay open: a hung silo); the time is taken until a call on that grain succeeds through a
    /// survivor's API, calling again at once after each failure. Meanwhile the membership table is polled for when the
    /// victim was first suspected and when it was declared dead. The victim is then killed for good and started again
    /// (a new generation) before the next round.
    /// </summary>
    private static async Task FailoverAsync(bool quick, PostgresServer? postgres)
    {
        Console.WriteLine("## Failover: kill -9 and SIGSTOP of a silo, three silo processes");
        Console.WriteLine();
        Console.WriteLine("AgentWatch's failure detection (Cluster:Membership): probes every second with a 1 s timeout (adaptive 0.5–2 s), 3 missed probes, 2 votes to declare a silo dead, " +
                          "membership table read every 2 s, I-am-alive every 5 s. The call on the moved grain reads a company's signals through a survivor's HTTP API " +
                          "(the company grain only); `[ReadOnly]` calls are resent by AgentWatch's retry filter while the grain's silo is being declared dead.");
        Console.WriteLine();
        Console.WriteLine("| store | how | rounds | to first successful call: median | each round | suspected (median) | declared dead (median) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var stores = new List<(string Name, Func<Task<string>> Cluster)> { ("shared SQLite", () => Task.FromResult("local")) };
        if (postgres is not null) stores.Add(("PostgreSQL", postgres.CreateDatabaseAsync));
        var rounds = quick ? 2 : 5;
        foreach (var (name, cluster) in stores)
        {
            var results = await FailoverRoundsAsync(await cluster(), rounds);
            foreach (var how in new[] { "kill -9", "SIGSTOP" })
            {
                var mine = results.Where(r => r.How == how).ToList();
                var calls = mine.Select(r => r.Call).ToList();
                var suspected = mine.Where(r => r.Suspected is not null).Select(r => r.Suspected!.Value).ToList();
                var dead = mine.Where(r => r.Dead is not null).Select(r => r.Dead!.Value).ToList();
                Console.WriteLine($"| {name} | {how} | {mine.Count} | {Stats.Median(calls):0.00} s | {Stats.Each(calls, "0.00")} s | " +
                                  $"{(suspected.Count == 0 ? "not seen" : $"{Stats.Median(suspected):0.00} s")} | {(dead.Count == 0 ? "not seen" : $"{Stats.Median(dead):0.00} s")} |");
            }
        }
        Console.WriteLine();
        Console.WriteLine("Suspected and declared dead: when the membership table (polled every 50 ms) first showed a suspicion vote on the victim's row, and its status Dead (the same poll when the vote that declares it dead is the first written); all times from the kill or the SIGSTOP.");
        Console.WriteLine();
    }

    private static readonly string[] Companies = ["AMZN", "MSFT", "GOOGL", "META", "ORCL", "NVDA", "AMD", "MU", "TSM", "ASML", "PLTR", "CRWV"];

    private sealed record FailoverRound(string How, double Call, double? Suspected, double? Dead, int FailedCalls);

    private static async Task<List<FailoverRound>> FailoverRoundsAsync(string cluster, int rounds)
    {
        var work = Program.TempDirectory();
        Directory.CreateDirectory(work);
        var data = cluster == "local" ? (Func<int, string>)(_ => "data") : i => $"data{i}";
        var processes = new CliProcess?[3];
        var urls = new string[3];
        var results = new List<FailoverRound>();
        try
        {
            void Start(int i)
            {
                processes[i] = CliProcess.Start(work, "silo", "--port", "0", "--cluster", cluster, "--data", data(i));
                urls[i] = processes[i]!.WaitForSiloUrl();
            }
            for (var i = 0; i < 3; i++) Start(i);
            var membership = cluster == "local" ? new MembershipProbe(sqlite: Path.Combine(work, "data", "agentwatch.db")) : new MembershipProbe(postgres: cluster);
            for (var round = 0; round < rounds * 2; round++)
            {
                var freeze = round % 2 == 1;
                using var any = new AgentWatchClient(new Uri(urls[0])) { RequestTimeout = TimeSpan.FromSeconds(60) };
                while ((await any.GetClusterAsync()).Silos.Count(s => s.Status == "active") < 3) await Task.Delay(200);
                // Every company gets an activation somewhere; the victim is the silo holding this round's company, and
                // the call after the kill goes through another silo.
                foreach (var company in Companies) await any.GetCompanyAsync(company, null);
                var view = await any.GetClusterAsync();
                var moved = Companies[round % Companies.Length];
                var victimAddress = (await any.LocateGrainAsync("company", moved)).Owner ?? throw new InvalidOperationException($"company {moved} has no activation");
                var victim = Array.IndexOf(urls, view.Silos.Single(s => s.Address == victimAddress).ApiUrl);
                using var survivor = new AgentWatchClient(new Uri(urls[(victim + 1) % 3])) { RequestTimeout = TimeSpan.FromSeconds(60) };
                await survivor.GetStatusAsync();
                await Task.Delay(TimeSpan.FromSeconds(2)); // the cluster at rest, as in use

                var started = Stopwatch.GetTimestamp();
                using var stopWatching = new CancellationTokenSource();
                var watching = membership.WatchAsync(victimAddress, started, stopWatching.Token);
                if (freeze) processes[victim]!.Freeze();
                else processes[victim]!.KillHard();
                var failed = 0;
                double? call = null;
                while (call is null)
                {
                    try
                    {
                        await survivor.GetSignalsAsync(new SignalQuery(Company: moved));
                        call = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    }
                    catch (Exception) when (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
                    {
                        failed++;
                        await Task.Delay(50);
                    }
                }
                var owner = (await survivor.LocateGrainAsync("company", moved)).Owner;
                if (owner == victimAddress) throw new InvalidOperationException($"company {moved} still on {victimAddress} after the call succeeded");
                // Wait (briefly) for the table to show the death, when the call came through before it did.
                await Task.WhenAny(watching, Task.Delay(TimeSpan.FromSeconds(20)));
                stopWatching.Cancel();
                var (suspected, dead) = await watching;
                results.Add(new FailoverRound(freeze ? "SIGSTOP" : "kill -9", call.Value, suspected, dead, failed));
                if (freeze) processes[victim]!.KillHard();
                await processes[victim]!.DisposeAsync();
                Start(victim);
            }
        }
        finally
        {
            foreach (var p in processes) if (p is not null) await p.DisposeAsync();
            Program.DeleteDirectory(work);
        }
        return results;
    }

    /// <summary>Reads the victim's row of Orleans' membership table: when it was first suspected, when declared dead.</summary>
    private sealed class MembershipProbe(string? sqlite = null, string? postgres = null)
    {
        public async Task<(double? Suspected, double? Dead)> WatchAsync(string siloAddress, long started, CancellationToken cancellationToken)
        {
            // "127.0.0.1:PORT@GENERATION"
            var at = siloAddress.LastIndexOf('@');
            var port = int.Parse(siloAddress[(siloAddress.LastIndexOf(':', at) + 1)..at], CultureInfo.InvariantCulture);
            var generation = int.Parse(siloAddress[(at + 1)..], CultureInfo.InvariantCulture);
            double? suspected = null, dead = null;
            System.Data.Common.DbConnection connection = sqlite is not null
                ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqlite};Mode=ReadOnly;Pooling=false")
                : new Npgsql.NpgsqlConnection(postgres + ";Pooling=false");
            await using (connection)
            {
                await connection.OpenAsync(CancellationToken.None);
                while (!cancellationToken.IsCancellationRequested && dead is null)
                {
                    await using (var command = connection.CreateCommand())
                    {
                        command.CommandText = sqlite is not null
                            ? $"SELECT Status, SuspectTimes FROM OrleansMembershipTable WHERE Port = {port} AND Generation = {generation}"
                            : $"SELECT status, suspecttimes FROM orleansmembershiptable WHERE port = {port} AND generation = {generation}";
                        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                        if (await reader.ReadAsync(CancellationToken.None))
                        {
                            var now = Stopwatch.GetElapsedTime(started).TotalSeconds;
                            if (suspected is null && !reader.IsDBNull(1) && reader.GetString(1).Length > 0) suspected = now;
                            if (reader.GetInt32(0) == 6) dead = now;
                        }
                    }
                    try { await Task.Delay(50, cancellationToken); } catch (OperationCanceledException) { }
                }
            }
            return (suspected, dead);
        }
    }
}
