using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Storage.Sqlite;

/// <summary>
/// AgentWatch's own tables in the SQLite file (journals, ordered logs, the signal index). All their writes go through
/// a single writer connection that commits them in batches (group commit): callers are answered only after the
/// transaction holding their write committed, so an acknowledged write is durable, while one fsync covers many writers.
/// Each write runs in its own savepoint, so one failing write never takes the others in its batch down with it. Reads
/// use their own connections and, in WAL mode, never wait for the writer. Orleans' providers write the same file over
/// connections of their own; SQLite lets one writer in at a time, across processes too, and the others wait.
/// </summary>
public sealed class SqliteStore : IAsyncDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly ILogger<SqliteStore> _logger;
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _initialized;
    private readonly string _connectionString;
    private readonly Dictionary<string, SqliteCommand> _writerCommands = new(StringComparer.Ordinal);
    // A queue, not a bag: a bag steals between threads under a lock, which showed up as contention.
    private readonly System.Collections.Concurrent.ConcurrentQueue<SqliteReadContext> _readers = new();
    private static readonly int MaxIdleReaders = Environment.ProcessorCount * 2 + 4;
    private SqliteConnection? _writer;
    private Task? _writerLoop;

    public SqliteStore(SqliteStoreOptions options, ILogger<SqliteStore> logger)
    {
        _options = options;
        _options.Validate();
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(_options.DatabasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds),
        }.ToString();
        _initialized = new Lazy<Task>(InitializeAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DatabasePath => Path.GetFullPath(_options.DatabasePath);

    /// <summary>Opens the writer connection; runs once, on first use. The schema is the installer's job, done before.</summary>
    public Task EnsureInitializedAsync() => _initialized.Value;

    private async Task InitializeAsync()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var writer = new SqliteConnection(_connectionString);
        await writer.OpenAsync().ConfigureAwait(false);
        Execute(writer, "PRAGMA journal_mode=WAL;");
        Execute(writer, $"PRAGMA synchronous={_options.Synchronous.ToUpperInvariant()};");
        _writer = writer;
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Runs <paramref name="write"/> inside the next group-commit transaction; completes once it committed.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteWriteContext, T> write, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync().ConfigureAwait(false);
        var pending = new PendingWrite<T>(write);
        if (!_writes.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqliteStore), "The SQLite store is closed.");
        return await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a read on a reader connection of its own. Reader connections are kept open with their prepared statements, so
    /// a hot read (a grain activation looking for its state) costs one statement step, not a connection and a compile.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<SqliteReadContext, T> read, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_readers.TryDequeue(out var reader))
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            reader = new SqliteReadContext(connection);
        }
        try
        {
            return read(reader);
        }
        finally
        {
            if (_readers.Count < MaxIdleReaders) _readers.Enqueue(reader);
            else reader.Dispose();
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _writes.Reader;
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        var context = new SqliteWriteContext(this);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            CommitBatch(batch, context);
        }
    }

    private void CommitBatch(List<PendingWrite> batch, SqliteWriteContext context)
    {
        var writer = _writer!;
        var succeeded = new List<PendingWrite>(batch.Count);
        try
        {
            Command("BEGIN IMMEDIATE;").ExecuteNonQuery();
            foreach (var write in batch)
            {
                Command("SAVEPOINT w;").ExecuteNonQuery();
                try
                {
                    write.Execute(context);
                    Command("RELEASE w;").ExecuteNonQuery();
                    succeeded.Add(write);
                }
                catch (Exception ex)
                {
                    Command("ROLLBACK TO w;").ExecuteNonQuery();
                    Command("RELEASE w;").ExecuteNonQuery();
                    write.Fail(ex);
                }
            }
            Command("COMMIT;").ExecuteNonQuery();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A group commit of {Count} writes failed; none of them was applied", batch.Count);
            try
            {
                if (!writer.State.HasFlag(System.Data.ConnectionState.Closed)) Command("ROLLBACK;").ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // No transaction was open.
            }
            foreach (var write in succeeded) write.Fail(new IOException($"The write was not committed to {DatabasePath}: {ex.Message}", ex));
            return;
        }
        foreach (var write in succeeded) write.Complete();
    }

    /// <summary>A prepared command on the writer connection, reused across batches so SQL is compiled once.</summary>
    internal SqliteCommand Command(string sql)
    {
        if (!_writerCommands.TryGetValue(sql, out var command))
        {
            command = _writer!.CreateCommand();
            command.CommandText = sql;
            _writerCommands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        if (_writerLoop is not null) await _writerLoop.ConfigureAwait(false);
        while (_readers.TryDequeue(out var reader)) reader.Dispose();
        foreach (var command in _writerCommands.Values) command.Dispose();
        _writerCommands.Clear();
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
        // Only this file's pool: other stores (other silos in the process, Orleans' providers) keep theirs.
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private abstract class PendingWrite
    {
        public abstract void Execute(SqliteWriteContext context);
        public abstract void Complete();
        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteWriteContext, T> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _completion.Task;
        public override void Execute(SqliteWriteContext context) => _result = write(context);
        public override void Complete() => _completion.TrySetResult(_result);
        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}

/// <summary>What a write sees: prepared commands on the writer connection, inside the batch's transaction.</summary>
public sealed class SqliteWriteContext
{
    private readonly SqliteStore _store;

    internal SqliteWriteContext(SqliteStore store) => _store = store;

    /// <summary>A command for <paramref name="sql"/> with the given parameters bound.</summary>
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _store.Command(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}

/// <summary>What a read sees: an open reader connection and its prepared commands.</summary>
public sealed class SqliteReadContext : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal SqliteReadContext(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>A prepared command for <paramref name="sql"/>, reused on this connection, with the given parameters bound.</summary>
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Parameters.Clear();
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        Connection.Dispose();
    }
}
