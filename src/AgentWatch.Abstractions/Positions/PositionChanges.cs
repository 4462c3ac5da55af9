using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions.Positions;

[GenerateSerializer, Alias("agentwatch.position-change-kind")]
public enum PositionChangeKind { New, Increased, Reduced, Closed }

/// <summary>
/// How one position of a filer moved from one 13F report period to the next: opened, grown, cut or closed; with the
/// shares and values of both periods and the signals that state them.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.position-change")]
public sealed record PositionChange(
    PositionChangeKind Kind,
    string Filer,
    string? Company,
    string? Issuer,
    string? Cusip,
    PutCall? PutCall,
    Period Period,
    Period? PreviousPeriod,
    decimal? PreviousShares,
    decimal? Shares,
    Money? PreviousValue,
    Money? Value,
    IReadOnlyList<Signal> Evidence)
{
    /// <summary>Change in shares, in percent of the earlier period's; null for new and closed positions.</summary>
    public decimal? ChangePercent => PreviousShares is > 0 && Shares is { } s ? Math.Round((s / PreviousShares.Value - 1) * 100, 1) : null;

    public string Name => Company ?? Issuer ?? Cusip ?? "?";

    /// <summary>"puts on NVDA", "NVDA shares".</summary>
    public string What => PutCall switch
    {
        Signals.PutCall.Put => $"puts on {Name}",
        Signals.PutCall.Call => $"calls on {Name}",
        _ => $"{Name} shares",
    };
}

/// <summary>
/// Quarter-over-quarter changes of a filer's 13F positions. A position is a holding or an option position, keyed by
/// CUSIP (or company, or issuer) and by shares/put/call; a period's latest-known signal for a key stands for it, so an
/// amendment restating a row replaces it. Closed positions are only known once the later period's table is complete:
/// its filing event says how many positions it holds, and they must all be in.
/// </summary>
public static class PositionChanges
{
    public static string KeyOf(Signal s) => s switch
    {
        Holding h => $"{h.Cusip ?? h.Company ?? h.Issuer}|sh",
        OptionPosition o => $"{o.Cusip ?? o.Company ?? o.Issuer}|{o.PutCall.ToString().ToLowerInvariant()}",
        _ => throw new ArgumentException($"{s.Kind} is not a position", nameof(s)),
    };

    public static bool IsPosition(Signal s) => s is Holding or OptionPosition;

    /// <summary>The positions of one report period (by its end), latest-known per key.</summary>
    public static Dictionary<string, Signal> PositionsAt(IEnumerable<Signal> signals, DateOnly periodEnd) =>
        signals.Where(s => IsPosition(s) && s.Period.ApproximateEnd == periodEnd)
            .GroupBy(KeyOf)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.KnownOn).ThenBy(s => s.Id, StringComparer.Ordinal).Last());

    /// <summary>The latest report period before <paramref name="periodEnd"/> with any position, if there is one.</summary>
    public static DateOnly? PreviousPeriodEnd(IEnumerable<Signal> signals, DateOnly periodEnd) =>
        signals.Where(s => IsPosition(s) && s.Period.ApproximateEnd < periodEnd).Select(s => (DateOnly?)s.Period.ApproximateEnd).Max();

    /// <summary>Whether the 13F table of the period ending <paramref name="periodEnd"/> is all in: a filing event counts its positions, and that many are stored.</summary>
    public static bool IsComplete(IEnumerable<Signal> signals, DateOnly periodEnd)
    {
        var list = signals as IReadOnlyCollection<Signal> ?? signals.ToList();
        return list.OfType<Filing>().Any(f => f.Positions is { } n && f.Period.ApproximateEnd == periodEnd &&
            list.Count(s => IsPosition(s) && s.Period.ApproximateEnd == periodEnd && s.Source.Document == f.Accession) >= n);
    }

    /// <summary>The change of one position into the period it belongs to, against the previous period; null when it did not change enough.</summary>
    public static PositionChange? ChangeOf(Signal position, IReadOnlyDictionary<string, Signal> previous, Period? previousPeriod, decimal minChangePercent)
    {
        var key = KeyOf(position);
        if (!previous.TryGetValue(key, out var before)) return Make(PositionChangeKind.New, position, null, previousPeriod);
        var (was, now) = (SharesOf(before), SharesOf(position));
        if (was <= 0 || Math.Abs(now / was - 1) * 100 < minChangePercent) return null;
        return Make(now > was ? PositionChangeKind.Increased : PositionChangeKind.Reduced, position, before, previousPeriod);
    }

    /// <summary>Positions of the previous period that the (complete) current period no longer holds.</summary>
    public static IEnumerable<PositionChange> Closed(IReadOnlyDictionary<string, Signal> current, IReadOnlyDictionary<string, Signal> previous, Period period) =>
        previous.Where(p => !current.ContainsKey(p.Key)).Select(p => Make(PositionChangeKind.Closed, p.Value, p.Value, p.Value.Period, period));

    /// <summary>
    /// Every change from the previous period into the latest one (as of a day): what a filer's page shows. New,
    /// increased and reduced come from the rows in; closed only once the latest table is complete.
    /// </summary>
    public static IReadOnlyList<PositionChange> Latest(IReadOnlyList<Signal> signals, decimal minChangePercent)
    {
        var latest = signals.Where(IsPosition).Select(s => (DateOnly?)s.Period.ApproximateEnd).Max();
        if (latest is not { } end || PreviousPeriodEnd(signals, end) is not { } before) return [];
        var current = PositionsAt(signals, end);
        var previous = PositionsAt(signals, before);
        var previousPeriod = previous.Values.First().Period;
        var changes = current.Values.Select(p => ChangeOf(p, previous, previousPeriod, minChangePercent)).OfType<PositionChange>().ToList();
        if (IsComplete(signals, end)) changes.AddRange(Closed(current, previous, current.Values.First().Period));
        return changes.OrderBy(c => c.Kind).ThenByDescending(c => (c.Value ?? c.PreviousValue)?.Amount ?? 0).ToList();
    }

    public static decimal SharesOf(Signal s) => s switch { Holding h => h.Shares, OptionPosition o => o.Shares, _ => 0 };

    public static Money ValueOf(Signal s) => s switch { Holding h => h.Value, OptionPosition o => o.Notional, _ => Money.Usd(0) };

    private static PositionChange Make(PositionChangeKind kind, Signal position, Signal? before, Period? previousPeriod, Period? closedIn = null)
    {
        var (filer, cusip, issuer, putCall) = position switch
        {
            Holding h => (h.Filer, h.Cusip, h.Issuer, (PutCall?)null),
            OptionPosition o => (o.Filer, o.Cusip, o.Issuer, o.PutCall),
            _ => throw new ArgumentException("not a position", nameof(position)),
        };
        return kind == PositionChangeKind.Closed
            ? new PositionChange(kind, filer, position.Company, issuer, cusip, putCall, closedIn!, position.Period, SharesOf(position), 0, ValueOf(position), null, [position])
            : new PositionChange(kind, filer, position.Company, issuer, cusip, putCall, position.Period, previousPeriod,
                before is null ? null : SharesOf(before), SharesOf(position), before is null ? null : ValueOf(before), ValueOf(position),
                before is null ? [position] : [before, position]);
    }
}
