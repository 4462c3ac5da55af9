using Npgsql;

namespace AgentWatch.Storage.PostgreSql;

/// <summary>
/// A silo's sessions on the cluster's PostgreSQL server, named after the silo, and ended once the cluster declares it
/// dead. A silo frozen (a long pause, SIGSTOP) part-way through sending a pipelined batch holds the locks of the
/// statements the server already ran, and the server cannot tell it froze: it is waiting for the rest of the batch, not
/// idle in a transaction, so <c>idle_in_transaction_session_timeout</c> never fires, and TCP keeps the connection up. The
/// silos left would wait behind those locks for as long as it stays frozen. Ending its sessions rolls its open
/// transactions back; nothing in them had been acknowledged, and the silo, declared dead, stops when it wakes.
/// </summary>
public static class PostgresSessions
{
    /// <summary>The server keeps 63 bytes of an application name.</summary>
    private const int MaxName = 63;

    /// <summary>The session name of a silo: unique to one run of one silo, since the address carries its generation.</summary>
    public static string NameFor(string siloAddress)
    {
        var name = "agentwatch " + siloAddress;
        return name.Length <= MaxName ? name : name[..MaxName];
    }

    /// <summary>The connection string with its sessions named <paramref name="sessionName"/>.</summary>
    public static string Named(string connectionString, string sessionName) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = sessionName }.ConnectionString;

    /// <summary>
    /// Ends every session in this database whose name is one of <paramref name="sessionNames"/>; returns how many it
    /// ended. Sessions of the same role can be ended without further rights.
    /// </summary>
    public static async Task<int> EndAsync(NpgsqlDataSource dataSource, IReadOnlyCollection<string> sessionNames, CancellationToken cancellationToken)
    {
        if (sessionNames.Count == 0) return 0;
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ANY($1) AND pid <> pg_backend_pid()");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionNames.ToArray() });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
