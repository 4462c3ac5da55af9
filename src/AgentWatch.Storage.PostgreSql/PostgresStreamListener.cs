using AgentWatch.Runtime.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentWatch.Storage.PostgreSql;

/// <summary>
/// Wakes this silo's live stream subscribers when any silo appends (LISTEN on the channel appends NOTIFY). A lost
/// connection is reopened; meanwhile subscribers still poll, so nothing is missed, only later.
/// </summary>
public sealed class PostgresStreamListener(PostgresStore store, StreamNotifier notifier, ILogger<PostgresStreamListener> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(ListenAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ListenAsync()
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await store.EnsureInitializedAsync();
                await using var connection = await store.DataSource.OpenConnectionAsync(_stopping.Token);
                connection.Notification += (_, e) => notifier.Notify(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresStreamStorage.Channel};", connection))
                    await listen.ExecuteNonQueryAsync(_stopping.Token);
                delay = TimeSpan.FromMilliseconds(200);
                while (!_stopping.IsCancellationRequested) await connection.WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for stream notifications failed; retrying in {Delay}", delay);
                try { await Task.Delay(delay, _stopping.Token); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        if (_loop is not null) await _loop;
    }
}
