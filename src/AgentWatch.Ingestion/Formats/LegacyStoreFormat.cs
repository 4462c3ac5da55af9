using System.Runtime.CompilerServices;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using Microsoft.Data.Sqlite;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// The store of the earlier AgentWatch runtime (a data directory's <c>agentwatch.db</c> from before AgentWatch ran on
/// Orleans): its signals, read back from the record it kept of every signal id, so that <c>agentwatch ingest
/// OLD/agentwatch.db</c> carries them into the new store. The file is opened read-only and never changed. Alerts are
/// not copied: the rules raise them again from the signals, with the same ids.
/// </summary>
public sealed class LegacyStoreFormat : ISourceFormat
{
    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    public string Name => "legacy-store";

    public bool Accepts(string path, ReadOnlySpan<byte> head) => head.StartsWith(SqliteHeader);

    public bool ReadsBinary => true;

    public async IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        string? problem = null;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var check = connection.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'grain_state';";
            if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 0)
                problem = "this SQLite file is not a store of the earlier AgentWatch (it has no grain_state table); a current data directory's store cannot be ingested, its signals are already where they belong";
        }
        catch (SqliteException ex)
        {
            problem = $"cannot be opened as a SQLite database: {ex.Message}";
        }
        if (problem is not null)
        {
            yield return ParsedRecord.Bad(path, problem);
            yield break;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key, payload FROM grain_state WHERE grain_type = 'signal' AND state_name = 'signal' ORDER BY grain_key;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            var where = $"{path}, signal {id}";
            Signal? signal = null;
            string? error = null;
            try
            {
                signal = JsonSerializer.Deserialize<LegacySignalState>((byte[])reader[1], AgentWatchJson.Options)?.Record?.Signal;
                if (signal is null) error = "the stored record holds no signal";
            }
            catch (JsonException ex)
            {
                error = $"the stored record cannot be read: {ex.Message}";
            }
            yield return error is null ? ParsedRecord.Ok(where, signal!) : ParsedRecord.Bad(where, error);
        }
    }

    /// <summary>How the earlier runtime stored a signal grain's state.</summary>
    private sealed record LegacySignalState(LegacySignalRecord? Record);

    private sealed record LegacySignalRecord(Signal Signal, string Home, DateTimeOffset RecordedAt);
}
