using Orleans.Runtime;

namespace AgentWatch.Client;

/// <summary>
/// What a failure of the cluster means, in words for a person: no .NET type names, no stack traces. Errors about the
/// request itself (an unknown company, a bad argument) keep their own message.
/// </summary>
public static class ClientErrors
{
    public static string Describe(Exception ex) => ex switch
    {
        OrleansException when ex.Message.Contains("gateway", StringComparison.OrdinalIgnoreCase) =>
            "no silo of it is running (the cluster's membership table lists no live gateway). Start one with `agentwatch silo`.",
        TimeoutException => "it did not answer in time; a silo may have stopped, or be too busy. Try again in a few seconds.",
        SiloUnavailableException => "the silo serving the call stopped; try again, another silo takes over within seconds.",
        Orleans.Runtime.Messaging.ConnectionFailedException or Orleans.Networking.Shared.SocketConnectionException or System.Net.Sockets.SocketException =>
            "a silo does not answer on its port; if it stopped, another takes over within seconds; if not, check that a firewall lets this machine reach it.",
        OrleansMessageRejectionException => "a silo refused the call while the cluster was changing; try again.",
        _ when ex.InnerException is { } inner && ex is OrleansException => Describe(inner),
        _ => ex.Message,
    };

    /// <summary>Whether the failure is the cluster's (so the message above applies) rather than the request's.</summary>
    public static bool IsClusterFailure(Exception ex) => ClusterApi.IsClusterFailure(ex) || ex is OrleansException;
}
