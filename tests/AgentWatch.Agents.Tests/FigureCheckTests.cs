using AgentWatch.Agents.Checking;

namespace AgentWatch.Agents.Tests;

/// <summary>The check that every figure in an agent's output is one a tool returned.</summary>
public sealed class FigureCheckTests
{
    private const string Source = """
        {"value":"$200 billion","figures":[{"name":"amount","value":200000000000,"unit":"USD"}],"known_on":"2026-02-05"}
        {"value":"$35.6 billion, +24 %","figures":[{"name":"amount","value":35630000000,"unit":"USD"}]}
        {"value":"about 90 %","percent":90}
        {"value":"$1.97","figures":[{"value":1.97}]}
        {"value":"5,000,000 shares, notional $912 million"}
        """;

    [Theory]
    [InlineData("Amazon guides $200 billion for 2026 [seed-002-amzn-capex-guidance-fy2026].")]
    [InlineData("Capex of 200bn and USD 200 billion are the same figure.")]
    [InlineData("AWS revenue was $35.6 billion, up 24 %; Amazon reinvests about 90 % of its cash flow.")]
    [InlineData("AWS revenue was about $36 billion.")]
    [InlineData("EPS was $1.97 on 5 Feb 2026 (2026-02-05).")]
    [InlineData("Puts on 5,000,000 shares worth $912 million.")]
    [InlineData("1. Amazon\n2. Alphabet\n3. Meta")]
    [InlineData("Three companies; 2 loops; the years 2025 and 2026.")]
    [InlineData("I have no capex for Meta for 2026 as of 31 Dec 2025; the move ran 23 Nov–28 November 2025.")]
    [InlineData("Nvidia (NVDA): 14 current figures; and 12 news items; 15 alerts.")]
    public void Figures_stated_by_the_sources_pass(string text) => Assert.Empty(FigureCheck.Unsupported(text, [Source]));

    [Theory]
    [InlineData("Amazon guides $250 billion.", "$250 billion")]
    [InlineData("Capex was $7 trillion.", "$7 trillion")]
    [InlineData("Revenue grew 31 %.", "31 %")]
    [InlineData("EPS was $2.15.", "$2.15")]
    [InlineData("Nvidia has 14 GPUs in current figures.", "14")]
    [InlineData("The backlog is 455 million.", "455 million")]
    [InlineData("It reinvests 90 % of cash flow, about $180 billion.", "$180 billion")]
    public void A_figure_no_source_states_is_reported_as_written(string text, string expected) =>
        Assert.Equal([expected], FigureCheck.Unsupported(text, [Source]));

    [Fact]
    public void Signal_ids_and_code_spans_are_not_read_as_figures()
    {
        Assert.Empty(FigureCheck.Unsupported("See [seed-003-nvda-q3-2025-revenue-57bn] and `run-4711`.", [Source]));
    }
}
