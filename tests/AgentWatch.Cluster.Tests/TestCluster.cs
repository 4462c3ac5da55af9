using System.Net;
using System.Net.Sockets;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Runtime.Http;
using AgentWatch.Runtime.Streams;
using AgentWatch.Storage.PostgreSql;
using AgentWatch.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Cluster.Tests;

/// <summary>Where a test cluster keeps its data: one SQLite file shared by the silos, or one PostgreSQL database.</summary>
public abstract record ClusterStore
{
    public sealed record SharedSqlite(string Path) : ClusterStore;
    public sealed record Postgres(string ConnectionString) : ClusterStore;
}

/// <summary>
/// One silo of an in-process test cluster: the real runtime, clustering and HTTP/2 transport on a loopback port, with
/// the test grains and calls serialized as between processes.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private TestSilo(WebApplication app, string name, int port)
    {
        _app = app;
        Name = name;
        Port = port;
    }

    public string Name { get; }
    public int Port { get; }
    public IServiceProvider Services => _app.Services;
    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();
    public GrainRuntime Runtime => Services.GetRequiredService<GrainRuntime>();
    public ClusterMembership Membership => Services.GetRequiredService<ClusterMembership>();
    public SiloLog Log => Services.GetRequiredService<SiloLog>();
    public SiloAddress Address => Membership.Self;
    public CancellationToken Stopping => Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>Heartbeats every 200 ms and a 1.5 s death timeout keep the tests quick; the defaults are 1 s and 5 s.</summary>
    public static async Task<TestSilo> StartAsync(ClusterStore store, string name, int? port = null)
    {
        var siloPort = port ?? FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, siloPort, l => l.Protocols = HttpProtocols.Http2));
        var services = builder.Services;
        services.AddSingleton(new SiloLog());
        services.AddSingleton(new SiloName(name));
        services.Configure<ClusterOptions>(o =>
        {
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            o.DeathTimeout = TimeSpan.FromMilliseconds(1500);
            o.UnreachableRetryLimit = TimeSpan.FromSeconds(15);
        });
        services.AddHttpClustering(new SiloEndpoint("127.0.0.1", siloPort, null));
        services.AddGrainRuntime(b => b.AddGrains(typeof(TestSilo).Assembly).Configure(o =>
        {
            o.SerializeCalls = true;
            o.ReminderPollInterval = TimeSpan.FromMilliseconds(50);
            o.CallTimeout = TimeSpan.FromSeconds(20);
        }));
        services.Configure<StreamOptions>(o => o.PollInterval = TimeSpan.FromMilliseconds(200));
        switch (store)
        {
            case ClusterStore.SharedSqlite s:
                services.AddSqliteStorage(o => o.DatabasePath = s.Path);
                break;
            case ClusterStore.Postgres p:
                services.AddPostgresStorage(o => o.ConnectionString = p.ConnectionString);
                break;
        }
        var app = builder.Build();
        app.MapSiloEndpoint(siloPort);
        await app.StartAsync();
        return new TestSilo(app, name, siloPort);
    }

    /// <summary>Leaves the cluster cleanly: activations deactivate (state kept), the directory entries go, the row says dead.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

public static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        Assert.Fail($"Timed out waiting until {what}.");
    }
}
