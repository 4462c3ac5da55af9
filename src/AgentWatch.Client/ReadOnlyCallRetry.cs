using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace AgentWatch.Client;

/// <summary>
/// Sends a read-only grain call (a method marked <see cref="ReadOnlyAttribute"/>) again when the silo it went to died or
/// refused it while the cluster was changing: the call changed nothing, so running it twice is harmless, and once the
/// dead silo is declared so (seconds), the grain activates on a survivor. Orleans leaves such a call failed; a user
/// looking at a company while a silo dies should get the page, not an error. Writes are never repeated here: the
/// callers that can repeat them (ingestion, which is idempotent) do so themselves.
/// </summary>
public sealed class ReadOnlyCallRetry(ILogger<ReadOnlyCallRetry> logger) : IOutgoingGrainCallFilter
{
    /// <summary>How long a read keeps trying: longer than failure detection takes to declare a silo dead.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var failure = await TryInvokeAsync(context);
        if (failure is null || context.InterfaceMethod?.IsDefined(typeof(ReadOnlyAttribute), inherit: true) != true)
        {
            failure?.Throw();
            return;
        }
        var started = DateTime.UtcNow;
        var delay = TimeSpan.FromMilliseconds(200);
        while (failure is not null && DateTime.UtcNow - started < Limit)
        {
            logger.LogDebug("Read-only call {Method} on {Grain} failed while the cluster changed; sending it again", context.MethodName, context.TargetId);
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            context.Response = null;
            failure = await TryInvokeAsync(context);
        }
        failure?.Throw();
    }

    /// <summary>
    /// Sends the call; a failure of the cluster comes back (whether Orleans threw it or put it in the response) so that
    /// the caller may try again, anything else stays where Orleans put it.
    /// </summary>
    private static async Task<System.Runtime.ExceptionServices.ExceptionDispatchInfo?> TryInvokeAsync(IOutgoingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (IsWorthResending(ex))
        {
            return System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
        }
        return IsWorthResending(context.Response?.Exception) ? System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(context.Response!.Exception!) : null;
    }

    /// <summary>
    /// A cluster change, or a call that timed out: a call sent to a silo that froze (a long pause, SIGSTOP) waits out the
    /// call timeout if the silo is not declared dead first, and a read is as harmless to send again then.
    /// </summary>
    private static bool IsWorthResending(Exception? exception) => exception is TimeoutException || IsClusterChange(exception);

    /// <summary>A failure of the cluster, not of the call: the exception or any it wraps ("Exception while sending message").</summary>
    public static bool IsClusterChange(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
                or GatewayTooBusyException or Orleans.Networking.Shared.SocketConnectionException) return true;
        }
        return false;
    }
}
