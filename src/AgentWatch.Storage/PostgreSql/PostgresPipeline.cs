using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentWatch.Storage.PostgreSql;

/// <summary>
/// A SQL statement and its positional parameters ($1, $2, …). It must return a result set, even when it only writes
/// (<c>WITH d AS (DELETE … RETURNING 1) SELECT count(*) FROM d</c>): a batch's reader skips statements without one, and
/// results are matched to statements by position.
/// </summary>
internal readonly record struct PgStatement(string Sql, params object?[] Args);

/// <summary>What one statement gave back: its rows, each an array of column values.</summary>
internal sealed record PgResult(IReadOnlyList<object?[]> Rows)
{
    /// <summary>For a statement that returns a count: the count.</summary>
    public long Count => Scalar is long n ? n : 0;

    public object? Scalar => Rows.Count > 0 && Rows[0].Length > 0 && Rows[0][0] is not DBNull ? Rows[0][0] : null;
}

/// <summary>
/// Sends the statements that many callers queue as one batch on one connection: one round trip for all of them and,
/// for writes, one transaction and one WAL flush (group commit, as the SQLite store does). Hot statements (a grain's
/// state read or write, a directory registration) are small and frequent; alone, each would cost a round trip and,
/// for a write, a commit of its own, which is where a cluster's ingestion spent its time.
/// <para>
/// A batch runs in one implicit transaction, so the statements sent through here are written not to fail on
/// expected outcomes (conditional writes report zero rows instead). If a batch fails anyway (a unique violation from
/// a rare race, a broken connection), its operations run again one by one, so only the one at fault fails. A caller
/// is answered after the batch committed.
/// </para>
/// </summary>
internal sealed class PostgresPipeline : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _name;
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private NpgsqlConnection? _connection;

    public PostgresPipeline(NpgsqlDataSource dataSource, string name, int maxBatch, ILogger logger)
    {
        _dataSource = dataSource;
        _name = name;
        _maxBatch = maxBatch;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Runs the statements in the next batch, in order, and reads their results with <paramref name="read"/>.</summary>
    public Task<T> RunAsync<T>(PgStatement[] statements, Func<IReadOnlyList<PgResult>, T> read, CancellationToken cancellationToken = default)
    {
        // Nothing to send (a claim of no ids): alone in a batch, an empty operation would make an empty batch, which the
        // server answers with a result set of its own, and the results would no longer match the statements.
        if (statements.Length == 0) return Task.FromResult(read([]));
        var operation = new Operation<T>(statements, read);
        if (!_queue.Writer.TryWrite(operation))
            throw new ObjectDisposedException(nameof(PostgresPipeline), $"The PostgreSQL {_name} pipeline is closed.");
        return operation.Task.WaitAsync(cancellationToken);
    }

    public Task<T> RunAsync<T>(PgStatement statement, Func<PgResult, T> read, CancellationToken cancellationToken = default) =>
        RunAsync([statement], results => read(results[0]), cancellationToken);

    private async Task LoopAsync()
    {
        var batch = new List<Operation>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            try
            {
                await ExecuteAsync(batch).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (batch.Count > 1 || IsTransient(ex))
            {
                // The server refused a statement, so the batch's transaction rolled back and nothing of it was
                // committed: each operation gets a batch of its own, and only the one at fault fails.
                _logger.LogDebug(ex, "A PostgreSQL {Pipeline} batch of {Count} failed ({Reason}); running its operations one by one", _name, batch.Count, ex.MessageText);
                foreach (var operation in batch) await ExecuteAloneAsync(operation).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // A broken connection leaves the outcome unknown: the batch may have committed. Nothing is repeated;
                // callers get the error, as they would from a statement of their own.
                foreach (var operation in batch) operation.Fail(ex);
            }
        }
    }

    /// <summary>
    /// Runs one operation in a batch of its own. A deadlock is not the operation's fault: two silos' batches took the same
    /// keys (signal ids claimed by both, journal versions appended by both) in different orders, and the server rolled
    /// one of them back whole. It is run again, a few times; any other failure is the operation's own.
    /// </summary>
    private async Task ExecuteAloneAsync(Operation operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync([operation]).ConfigureAwait(false);
                return;
            }
            catch (PostgresException ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
                _logger.LogDebug(ex, "A PostgreSQL {Pipeline} operation was rolled back ({Reason}); running it again", _name, ex.MessageText);
                // Both silos were rolled back or are retrying: run again at once and they can meet the same way again. A
                // short wait of random length, longer each time, lets one of them finish first.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                operation.Fail(ex);
                return;
            }
        }
    }

    /// <summary>How often an operation rolled back by a deadlock is tried before its caller gets the error.</summary>
    private const int MaxAttempts = 8;

    /// <summary>Failures after which the whole transaction was rolled back and running it again is safe.</summary>
    private static bool IsTransient(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    private async Task ExecuteAsync(List<Operation> operations)
    {
        var connection = await ConnectionAsync().ConfigureAwait(false);
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var operation in operations)
                foreach (var statement in operation.Statements)
                {
                    var command = new NpgsqlBatchCommand(statement.Sql);
                    foreach (var arg in statement.Args) command.Parameters.Add(arg as NpgsqlParameter ?? new NpgsqlParameter { Value = arg ?? DBNull.Value });
                    batch.BatchCommands.Add(command);
                }
            var results = new List<PgResult>(batch.BatchCommands.Count);
            await using (var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false))
            {
                do
                {
                    var rows = new List<object?[]>();
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        var row = new object?[reader.FieldCount];
                        reader.GetValues(row!);
                        rows.Add(row);
                    }
                    results.Add(new PgResult(rows));
                }
                while (await reader.NextResultAsync().ConfigureAwait(false));
            }
            if (results.Count != batch.BatchCommands.Count)
                throw new InvalidOperationException($"A batch of {batch.BatchCommands.Count} statements returned {results.Count} result sets; every statement sent through the pipeline must return one.");
            // Every result is read and the implicit transaction has committed: the operations may be answered.
            var offset = 0;
            foreach (var operation in operations)
            {
                operation.Complete(results.GetRange(offset, operation.Statements.Length).ToArray());
                offset += operation.Statements.Length;
            }
        }
        catch (Exception ex) when (ex is not PostgresException)
        {
            // A connection in an unknown state is not reused.
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { FullState: System.Data.ConnectionState.Open } open) return open;
        await DropConnectionAsync().ConfigureAwait(false);
        _connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        return _connection;
    }

    private async ValueTask DropConnectionAsync()
    {
        if (_connection is null) return;
        try { await _connection.DisposeAsync().ConfigureAwait(false); } catch (Exception) { }
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await DropConnectionAsync().ConfigureAwait(false);
    }

    private abstract class Operation(PgStatement[] statements)
    {
        public PgStatement[] Statements { get; } = statements;
        public abstract void Complete(PgResult[] results);
        public abstract void Fail(Exception exception);
    }

    private sealed class Operation<T>(PgStatement[] statements, Func<IReadOnlyList<PgResult>, T> read) : Operation(statements)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _completion.Task;

        public override void Complete(PgResult[] results)
        {
            try
            {
                _completion.TrySetResult(read(results));
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
