using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentWatch.Storage.PostgreSql;

/// <summary>
/// AgentWatch's own tables in the cluster's PostgreSQL database (journals, ordered logs, the signal index). Hot reads
/// and writes travel through pipelines that send many callers' statements as one batch (for writes: one transaction,
/// one WAL flush); every write returns only after its transaction committed. The schema is the installer's job, done
/// before this store is used.
/// </summary>
public sealed class PostgresStore : IAsyncDisposable
{
    /// <summary>Operations per batch: enough to amortise a round trip and a commit, few enough to keep a batch short.</summary>
    private const int MaxBatch = 256;

    /// <param name="connectionString">The cluster's database.</param>
    /// <param name="logger">Where batches that fail and run again one by one are told.</param>
    /// <param name="sessionName">
    /// The name its sessions carry on the server (<see cref="PostgresSessions.NameFor"/>), so that once its silo is declared
    /// dead the silos left can end them; null leaves the connection string's own.
    /// </param>
    public PostgresStore(string connectionString, ILogger<PostgresStore> logger, string? sessionName = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("A PostgreSQL connection string is required for a cluster across machines (--cluster \"Host=…;Database=…\").");
        var builder = new NpgsqlDataSourceBuilder(sessionName is null ? connectionString : PostgresSessions.Named(connectionString, sessionName));
        // The same few statements run all the time: prepared once per connection, they skip parsing and planning.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        // A silo that freezes (a long pause, SIGSTOP) between the statements of a transaction would hold its row and
        // index locks for as long as it is frozen, and the other silos' writes to the same keys (the journal of a grain
        // that moved to them, an alert id) would wait behind it. The server ends such a transaction after a while; the
        // frozen silo's writes then fail and were never acknowledged. (One frozen part-way through sending a batch is
        // not idle to the server: PostgresSessions ends it once the cluster declares its silo dead.)
        var options = builder.ConnectionStringBuilder.Options ?? "";
        if (!options.Contains("idle_in_transaction_session_timeout", StringComparison.Ordinal))
            builder.ConnectionStringBuilder.Options = $"{options} -c idle_in_transaction_session_timeout={(int)IdleInTransactionTimeout.TotalMilliseconds}".Trim();
        DataSource = builder.Build();
        Writes = new PostgresPipeline(DataSource, "write", MaxBatch, logger);
        Reads = new PostgresPipeline(DataSource, "read", MaxBatch, logger);
    }

    /// <summary>How long a transaction of AgentWatch's may sit idle (its silo frozen) before the server ends it.</summary>
    public static readonly TimeSpan IdleInTransactionTimeout = TimeSpan.FromSeconds(10);

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Hot writes (journals, the signal index), group-committed; see <see cref="PostgresPipeline"/>.</summary>
    internal PostgresPipeline Writes { get; }

    /// <summary>Hot reads (journals, logs, the signal index), sent together.</summary>
    internal PostgresPipeline Reads { get; }

    public async ValueTask DisposeAsync()
    {
        await Writes.DisposeAsync().ConfigureAwait(false);
        await Reads.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }
}
