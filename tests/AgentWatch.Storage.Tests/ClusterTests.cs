using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// The end-to-end check: two real silos on one database form one cluster through the membership table, a grain's
/// state in the ADO.NET grain storage outlives the silo that held it, and a client finds a gateway through the table.
/// </summary>
public abstract class ClusterTests(IDatabaseTarget target) : ConformanceTest(target)
{
    [Fact]
    public async Task Two_silos_form_one_cluster_keep_grain_state_across_a_stop_and_serve_a_client()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var silos = new[]
        {
            Silo(database, identity, SiloPorts.Free(), "silo-a"),
            Silo(database, identity, SiloPorts.Free(), "silo-b"),
        };
        foreach (var silo in silos) await StartAsync(silo);
        var addresses = silos.Select(s => s.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress).ToArray();

        var management = Grains(silos[0]).GetGrain<IManagementGrain>(0);
        await WaitForAsync("both silos to be active in one cluster", async () => (await management.GetHosts(onlyActive: true)).Count == 2);
        Assert.Equal(addresses.ToHashSet(), (await management.GetHosts(onlyActive: true)).Keys.ToHashSet());
        Assert.Equal(addresses.ToHashSet(), await SilosWithStatusAsync(database, identity, SiloStatus.Active));

        var key = $"counter-{Guid.NewGuid():N}";
        Assert.Equal(5, await Grains(silos[0]).GetGrain<ICounterGrain>(key).Add(5));
        var holder = await Grains(silos[0]).GetGrain<ICounterGrain>(key).WhereAmI();
        var held = Array.IndexOf(addresses, holder);
        Assert.True(held >= 0, $"The grain is on {holder}, which is neither silo.");
        var survivor = silos[1 - held];

        await StopAsync(silos[held]);

        var counter = Grains(survivor).GetGrain<ICounterGrain>(key);
        var count = -1;
        await WaitForAsync("the grain to come back on the surviving silo", async () =>
        {
            count = await counter.Get();
            return true;
        });
        Assert.Equal(5, count);
        Assert.Equal(addresses[1 - held], await counter.WhereAmI());
        Assert.Contains(addresses[held], await SilosWithStatusAsync(database, identity, SiloStatus.Dead));

        var client = Client(database, identity);
        await StartAsync(client);
        var fromClient = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>(key);
        Assert.Equal(8, await fromClient.Add(3));
        Assert.Equal(8, await counter.Get());
    }

    private static IGrainFactory Grains(IHost silo) => silo.Services.GetRequiredService<IGrainFactory>();

    private static async Task<HashSet<SiloAddress>> SilosWithStatusAsync(TestDatabase database, ClusterIdentity identity, SiloStatus status)
    {
        var rows = await database.RowsAsync(
            "SELECT Address, Port, Generation FROM OrleansMembershipTable WHERE DeploymentId = @d AND Status = @s;",
            ("d", identity.ClusterId), ("s", (int)status));
        return rows.Select(r => SiloAddress.New(System.Net.IPAddress.Parse((string)r[0]!), Convert.ToInt32(r[1]), Convert.ToInt32(r[2]))).ToHashSet();
    }

    /// <summary>Retries <paramref name="condition"/> (which may throw while the cluster settles) for up to a minute.</summary>
    private static async Task WaitForAsync(string what, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception ex) when (ex is OrleansException or TimeoutException or SiloUnavailableException or OperationCanceledException)
            {
                last = ex;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Gave up waiting for {what}.", last);
    }
}

public sealed class SqliteClusterTests() : ClusterTests(new SqliteTarget());

public sealed class PostgresClusterTests(PostgresFixture server)
    : ClusterTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>;
