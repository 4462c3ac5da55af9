using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AgentWatch.Runtime.Cluster;

/// <summary>
/// What the runtime needs to route calls in a cluster: this silo, the membership view, the directory, the transport,
/// and a cache of where grains were last found (dropped when their silo dies).
/// </summary>
public sealed class ClusterContext
{
    private readonly ConcurrentDictionary<GrainId, SiloAddress> _owners = new();

    public ClusterContext(ClusterMembership membership, IGrainDirectory directory, ISiloTransport transport, IOptions<ClusterOptions> options)
    {
        Membership = membership;
        Directory = directory;
        Transport = transport;
        Options = options.Value;
        membership.SiloDied += dead =>
        {
            foreach (var entry in _owners)
                if (entry.Value == dead) _owners.TryRemove(entry);
        };
    }

    public ClusterMembership Membership { get; }
    public IGrainDirectory Directory { get; }
    public ISiloTransport Transport { get; }
    public ClusterOptions Options { get; }
    public SiloAddress Self => Membership.Self;

    /// <summary>Where the grain was last found, if that silo may still own it.</summary>
    public SiloAddress? KnownOwner(GrainId grain) =>
        _owners.TryGetValue(grain, out var owner) && Membership.MayOwn(owner) ? owner : null;

    public void Remember(GrainId grain, SiloAddress owner)
    {
        if (owner != Self) _owners[grain] = owner;
        else _owners.TryRemove(grain, out _);
    }

    public void Forget(GrainId grain, SiloAddress owner) => _owners.TryRemove(new KeyValuePair<GrainId, SiloAddress>(grain, owner));

    /// <summary>The silo a grain with no known owner goes to.</summary>
    public SiloAddress Place(GrainId grain) => Placement.Choose(grain, Membership.ActiveSilos);

    /// <summary>Where a call should go now: the directory's owner if it may still own the grain, else placement.</summary>
    public async Task<SiloAddress> ResolveAsync(GrainId grain, CancellationToken cancellationToken)
    {
        var owner = await Directory.LookupAsync(grain, cancellationToken).ConfigureAwait(false);
        if (owner is not null && Membership.MayOwn(owner))
        {
            Remember(grain, owner);
            return owner;
        }
        return Place(grain);
    }

    /// <summary>
    /// Claims the grain for this silo before it activates. Returns the owner that won: this silo, or another one, in which
    /// case the caller must hand its calls over. An owner the membership sees dead or leaving is replaced by a
    /// compare-and-swap, so of two silos racing to replace it only one succeeds.
    /// </summary>
    public async Task<SiloAddress> RegisterAsync(GrainId grain, CancellationToken cancellationToken)
    {
        var winner = await Directory.RegisterAsync(grain, Self, replacing: null, cancellationToken).ConfigureAwait(false);
        if (winner != Self && !Membership.MayOwn(winner))
            winner = await Directory.RegisterAsync(grain, Self, replacing: winner, cancellationToken).ConfigureAwait(false);
        Remember(grain, winner);
        return winner;
    }
}
