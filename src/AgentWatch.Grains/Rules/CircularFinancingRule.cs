using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Grains.Rules;

/// <summary>
/// Money that comes back: a cycle of money flows (A funds B, B buys from A, directly or through a chain) containing at
/// least one funding (equity, debt) and one purchase (compute contract, purchase commitment). One alert per cycle of
/// companies, however many deals make it up.
/// </summary>
public sealed class CircularFinancingRule : IRule
{
    public string Id => RuleIds.CircularFinancing;
    public bool Enabled(RulesOptions options) => options.CircularFinancing.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = new HashSet<SignalKind> { SignalKind.FinancingDeal };

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        if (added is not FinancingDeal deal) yield break;
        var deals = c.Timeline.KnownBy<FinancingDeal>(null).ToList();
        foreach (var loop in FinancingLoops.Through(deals, deal, c.Options.CircularFinancing.MaxChainLength))
        {
            var funder = loop.Edges.First(e => FinancingLoops.IsFunding(e.Kind)).From;
            var evidence = loop.Edges.Select(e => deals.First(d => d.Id == e.SignalId)).ToArray();
            var steps = string.Join("; ", loop.Edges.Select(e => e.Summary));
            yield return c.Alert(Id, $"{Id}:{string.Join(">", loop.Companies)}", funder, c.Options.CircularFinancing.Severity,
                $"Circular financing {loop}: {steps}.", evidence);
        }
    }
}

/// <summary>The money-flow graph of financing deals and the simple cycles in it.</summary>
public static class FinancingLoops
{
    public static bool IsFunding(DealKind kind) => kind is DealKind.Equity or DealKind.Debt;

    public static FinancingEdge Edge(FinancingDeal d) =>
        new(d.Investor, d.Investee, d.DealKind, d.Amount, d.PerYear, d.Id, d.DescribeValue());

    /// <summary>Every loop through <paramref name="through"/>, each once, rotated to start at its smallest company.</summary>
    public static IEnumerable<FinancingLoop> Through(IReadOnlyList<FinancingDeal> deals, FinancingDeal through, int maxLength)
    {
        var edges = deals.Select(Edge).ToList();
        var start = Edge(through);
        var outgoing = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.ToList());
        var seen = new HashSet<string>();
        var path = new List<FinancingEdge> { start };
        foreach (var loop in Extend(start.To))
        {
            var canonical = Canonical(loop);
            if (seen.Add(string.Join(">", canonical.Companies))) yield return canonical;
        }

        IEnumerable<List<FinancingEdge>> Extend(string node)
        {
            if (node == start.From)
            {
                if (path.Any(e => IsFunding(e.Kind)) && path.Any(e => !IsFunding(e.Kind))) yield return [.. path];
                yield break;
            }
            if (path.Count >= maxLength || !outgoing.TryGetValue(node, out var next)) yield break;
            foreach (var e in next)
            {
                if (e.To != start.From && path.Any(p => p.From == e.To)) continue;
                path.Add(e);
                foreach (var found in Extend(e.To)) yield return found;
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    /// <summary>All loops in the graph.</summary>
    public static IReadOnlyList<FinancingLoop> All(IReadOnlyList<FinancingDeal> deals, int maxLength)
    {
        var seen = new HashSet<string>();
        var loops = new List<FinancingLoop>();
        foreach (var d in deals)
        {
            foreach (var loop in Through(deals, d, maxLength))
            {
                if (seen.Add(string.Join(">", loop.Companies))) loops.Add(loop);
            }
        }
        return loops;
    }

    private static FinancingLoop Canonical(List<FinancingEdge> edges)
    {
        var first = edges.Select((e, i) => (e.From, i)).MinBy(x => x.From, StringComparer.Ordinal).i;
        var rotated = edges.Skip(first).Concat(edges.Take(first)).ToList();
        return new FinancingLoop(rotated.Select(e => e.From).ToList(), rotated);
    }
}
