using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Grains.Ingestion;

/// <summary>The kind of grain a signal lives in.</summary>
public enum HomeKind { Company, Filer, Market }

/// <summary>A timeline grain by kind and key ("company/NVDA").</summary>
public readonly record struct TimelineTarget(HomeKind Kind, string Key)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}/{Key}";
}

/// <summary>
/// Where a signal lives: its home grain (the company, the filer, or the market), which stores it and evaluates the rules
/// on it, and the other grains that keep a copy (each company it concerns; the market, for capex). Ingestion sends it
/// there and retraction takes it back from the same places.
/// </summary>
public sealed class SignalRouting(IGrainFactory grains, CompanyDirectory directory)
{
    public TimelineTarget HomeOf(Signal s) => s switch
    {
        OptionPosition p => new TimelineTarget(HomeKind.Filer, FilerKey(p.Filer)),
        ShortPosition p => new TimelineTarget(HomeKind.Filer, FilerKey(p.Filer)),
        Holding p => new TimelineTarget(HomeKind.Filer, FilerKey(p.Filer)),
        // A 13F's filing event goes where its positions go: it tells the filer when the quarter's table is whole.
        Filing { FilerKey: { } key } => new TimelineTarget(HomeKind.Filer, FilerKey(key)),
        FinancingDeal => new TimelineTarget(HomeKind.Market, IMarketGrain.Key),
        { Company: { } company } => new TimelineTarget(HomeKind.Company, company),
        _ => new TimelineTarget(HomeKind.Market, IMarketGrain.Key),
    };

    /// <summary>The grains other than its home that keep a copy.</summary>
    public IEnumerable<TimelineTarget> CopiesOf(Signal s)
    {
        var home = HomeOf(s);
        return Copies(s).Where(t => t != home).Distinct();
    }

    private IEnumerable<TimelineTarget> Copies(Signal s)
    {
        foreach (var subject in s.Subjects().Distinct())
        {
            // Deal parties may be names ("bond investors"); only companies get a copy.
            if (s is FinancingDeal ? directory.IsKnown(subject) : SignalRules.IsCompanyKey(subject))
                yield return new TimelineTarget(HomeKind.Company, subject);
        }
        if (s is CapexGuidance or Capex && s.Company is not null) yield return new TimelineTarget(HomeKind.Market, IMarketGrain.Key);
    }

    public ISignalTimelineGrain GrainOf(TimelineTarget target) => target.Kind switch
    {
        HomeKind.Company => grains.GetGrain<ICompanyGrain>(target.Key),
        HomeKind.Filer => grains.GetGrain<IFilerGrain>(target.Key),
        _ => grains.GetGrain<IMarketGrain>(target.Key),
    };

    private string FilerKey(string filer) => directory.Filer(filer)?.Key ?? filer;
}
