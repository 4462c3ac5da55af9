using Microsoft.SemanticKernel;

namespace AgentWatch.Agents.Tools;

/// <summary>
/// The kernel functions an agent file may list, as <c>plugin.function</c>, and the plugins that hold them. The names
/// the tools had before they were kernel functions are still read in agent files, as the functions they became.
/// </summary>
public static class AgentTools
{
    public static readonly IReadOnlyList<string> Names =
    [
        "companies.snapshot", "companies.signals", "companies.compare",
        "signals.of_kind", "signals.market",
        "positions.by_filer", "positions.on_company",
        "market.capex_league_table",
        "financing.graph",
        "alerts.since",
    ];

    private static readonly Dictionary<string, string[]> Former = new(StringComparer.Ordinal)
    {
        ["company_snapshot"] = ["companies.snapshot"],
        ["signals"] = ["companies.signals", "signals.of_kind", "signals.market"],
        ["compare_companies"] = ["companies.compare"],
        ["capex_league_table"] = ["market.capex_league_table"],
        ["positions_by_filer"] = ["positions.by_filer"],
        ["positions_on"] = ["positions.on_company"],
        ["financing_graph"] = ["financing.graph"],
        ["alerts_since"] = ["alerts.since"],
    };

    /// <summary>The functions a name in an agent file stands for; empty when it names none.</summary>
    public static IReadOnlyList<string> Resolve(string name) =>
        Names.Contains(name, StringComparer.Ordinal) ? [name] : Former.TryGetValue(name, out var became) ? became : [];

    /// <summary>The plugins, each reading through <paramref name="reader"/>.</summary>
    public static IEnumerable<KernelPlugin> Plugins(IMarketReader reader) =>
    [
        KernelPluginFactory.CreateFromObject(new CompaniesPlugin(reader), CompaniesPlugin.Name),
        KernelPluginFactory.CreateFromObject(new SignalsPlugin(reader), SignalsPlugin.Name),
        KernelPluginFactory.CreateFromObject(new PositionsPlugin(reader), PositionsPlugin.Name),
        KernelPluginFactory.CreateFromObject(new LeagueTablesPlugin(reader), LeagueTablesPlugin.Name),
        KernelPluginFactory.CreateFromObject(new FinancingPlugin(reader), FinancingPlugin.Name),
        KernelPluginFactory.CreateFromObject(new AlertsPlugin(reader), AlertsPlugin.Name),
    ];

    /// <summary>The qualified name a run's record uses for a function.</summary>
    public static string QualifiedName(string? plugin, string function) => plugin is null ? function : $"{plugin}.{function}";
}
