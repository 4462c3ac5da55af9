using Npgsql;
using Xunit;

namespace AgentWatch.Testing.Postgres;

// Compiled into the xunit v3 test projects that need a real PostgreSQL (AgentWatch.Testing itself does not depend on
// xunit, which its v2 users would not share).

/// <summary>
/// Whether PostgreSQL tests run here. Outside CI, a machine without PostgreSQL skips them and says why; under CI=true
/// they run and fail, so a CI machine that lost PostgreSQL can never pass by skipping.
/// </summary>
public static class PostgresAvailability
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void SkipUnlessAvailable() =>
        Assert.SkipUnless(PostgresServer.Installed || IsCi,
            "PostgreSQL is not installed here (no initdb on PATH or in /usr/lib/postgresql/*/bin); under CI=true this test runs and fails instead.");
}

/// <summary>
/// A throwaway PostgreSQL server for the tests that share the fixture (a class, or a collection); each test gets its own
/// database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private Exception? _failure;

    public async Task<string> CreateDatabaseAsync()
    {
        PostgresAvailability.SkipUnlessAvailable();
        if (_failure is not null) throw new InvalidOperationException("The PostgreSQL server for these tests did not start: " + _failure.Message, _failure);
        return await _server!.CreateDatabaseAsync();
    }

    public async ValueTask InitializeAsync()
    {
        if (!PostgresServer.Installed && !PostgresAvailability.IsCi) return;
        try
        {
            _server = await PostgresServer.StartAsync();
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null) await _server.DisposeAsync();
    }
}
