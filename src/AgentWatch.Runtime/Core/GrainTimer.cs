using Microsoft.Extensions.Logging;

namespace AgentWatch.Runtime.Core;

/// <summary>
/// A timer owned by one activation. Each tick is queued as a turn, so it never runs beside a call, and the next
/// tick is not queued until the previous one finished, so a slow callback never overlaps itself.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposed = new();
    private int _inFlight;

    public GrainTimer(Activation activation, TimeProvider time, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = time.CreateTimer(static s => ((GrainTimer)s!).Tick(), this, dueTime, period <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period);
    }

    private void Tick()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _inFlight, 1) == 1) return;
        var item = new CallbackWorkItem(async _ =>
        {
            try
            {
                if (!_disposed.IsCancellationRequested) await _callback(_disposed.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not InconsistentStateException)
            {
                _activation.Logger.LogWarning(ex, "Timer callback of {Grain} failed", _activation.GrainId);
            }
            finally
            {
                Volatile.Write(ref _inFlight, 0);
            }
        }, "timer tick", _activation.Timestamp(), countsAsActivity: false, hasTimeout: false);
        if (!_activation.TryEnqueue(item)) Volatile.Write(ref _inFlight, 0);
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested) return;
        _disposed.Cancel();
        _timer.Dispose();
    }
}
