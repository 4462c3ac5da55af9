using AgentWatch.Abstractions;

namespace AgentWatch.Grains.Tests;

/// <summary>Names in questions resolve to tickers; ambiguous ones are reported, never guessed.</summary>
public sealed class CompanyDirectoryTests
{
    private static readonly CompanyDirectory Directory = new(new WatchlistOptions
    {
        Companies =
        {
            ["GOOGL"] = new CompanyOptions { Name = "Alphabet", Aliases = ["Google"] },
            ["NVDA"] = new CompanyOptions { Name = "Nvidia" },
            ["NOW"] = new CompanyOptions { Name = "ServiceNow" },
            ["AAA"] = new CompanyOptions { Name = "Apex Systems", Aliases = ["Apex"] },
            ["APX"] = new CompanyOptions { Name = "Apex Holdings", Aliases = ["Apex"] },
        },
        Filers = { ["scion-asset-management"] = new FilerOptions { Name = "Scion Asset Management", Aliases = ["Burry"] } },
    });

    [Theory]
    [InlineData("What is Google's capex?", "GOOGL")]
    [InlineData("Wie hoch sind Nvidias Investitionen?", "NVDA")]
    [InlineData("NVDA P/E", "NVDA")]
    [InlineData("how is servicenow doing", "NOW")]
    [InlineData("Alphabet vs Nvidia", "GOOGL,NVDA")]
    [InlineData("PLTR's P/E vs NVDA's?", "NVDA")]
    public void Companies_are_found_by_name_alias_ticker_and_german_genitive(string question, string expected) =>
        Assert.Equal(expected.Split(','), Directory.FindMentions(question).Select(m => m.Candidates.Single()));

    [Theory]
    [InlineData("Alphabet's capex vs Nvidia", "True,False")]
    [InlineData("NVDA's P/E vs Google", "True,False")]
    [InlineData("Nvidias Investitionen und Alphabet", "True,False")]
    [InlineData("Alphabet’s capex and nvdas", "True,True")]
    [InlineData("ServiceNow and NVDA", "False,False")]
    public void A_name_written_in_the_possessive_or_genitive_is_marked_so(string question, string expected) =>
        Assert.Equal(expected.Split(',').Select(bool.Parse), Directory.FindMentionsInQuestion(question).Select(m => m.Match.Possessive));

    [Fact]
    public void A_ticker_that_is_an_ordinary_word_counts_only_in_capitals() =>
        Assert.Empty(Directory.FindMentions("what matters now?"));

    [Fact]
    public void An_ambiguous_name_returns_every_candidate()
    {
        var (match, candidates) = Assert.Single(Directory.FindMentions("How much does Apex spend?"));
        Assert.Equal("Apex", match.MatchedText);
        Assert.Equal(["AAA", "APX"], candidates);
        Assert.Equal(["AAA", "APX"], Directory.Resolve("apex"));
    }

    private static readonly CompanyDirectory Described = new(new WatchlistOptions
    {
        Companies =
        {
            ["NVDA"] = new CompanyOptions { Name = "Nvidia", Trades = ["GPU maker"], HomeTowns = ["Santa Clara"] },
            ["AMD"] = new CompanyOptions { Name = "AMD", Trades = ["GPU maker"], HomeTowns = ["Austin"] },
            ["GOOGL"] = new CompanyOptions { Name = "Alphabet", Trades = ["search giant"], HomeTowns = ["Mountain View"] },
            ["BIDU"] = new CompanyOptions { Name = "Baidu", Trades = ["search giant"], HomeTowns = ["Beijing"] },
            ["ASML"] = new CompanyOptions { Name = "ASML", Trades = ["litho champion"], HomeTowns = ["Veldhoven"] },
        },
    });

    [Theory]
    [InlineData("How exposed is the Santa Clara GPU maker to China?", "NVDA")]
    [InlineData("What does the Beijing search giant spend?", "BIDU")]
    [InlineData("Veldhoven's litho champion: Q4 orders?", "ASML")]
    [InlineData("Which litho champions matter?", "ASML")]
    [InlineData("What is the Veldhoven group planning?", "ASML")]
    [InlineData("What is the Veldhoven chip-tool group planning?", "ASML")]
    [InlineData("What is the Veldhoven town council planning?", "")]
    [InlineData("How much did the Santa Clara GPU maker put into the Veldhoven litho champion?", "NVDA,ASML")]
    [InlineData("What do GPU makers spend?", "")]
    [InlineData("What did Santa Clara spend?", "")]
    [InlineData("What did the search giant spend?", "")]
    public void Companies_described_by_their_trade_are_found_and_a_trade_several_share_needs_a_home_town(string question, string expected)
    {
        var found = Described.FindDescribed(question);
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), found.Select(f => f.Ticker));
        Assert.All(found.SelectMany(f => f.Spans), span => Assert.True(span.End > span.Start && span.End <= question.Length));
    }

    private static readonly CompanyDirectory DescribedWithCountries = new(new WatchlistOptions
    {
        Companies =
        {
            ["NVDA"] = new CompanyOptions { Name = "Nvidia", Country = "US", Trades = ["GPU maker"], HomeTowns = ["Santa Clara"] },
            ["AMD"] = new CompanyOptions { Name = "AMD", Country = "US", Trades = ["GPU maker"], HomeTowns = ["Austin"] },
            ["GOOGL"] = new CompanyOptions { Name = "Alphabet", Country = "US", Trades = ["search giant"], HomeTowns = ["Mountain View"] },
            ["BIDU"] = new CompanyOptions { Name = "Baidu", Country = "CN", Trades = ["search giant"], HomeTowns = ["Beijing"] },
        },
    });

    [Theory]
    [InlineData("What did the search giant spend?", "GOOGL")]
    [InlineData("What does the Chinese search giant spend?", "BIDU")]
    [InlineData("What is China's search giant planning?", "BIDU")]
    [InlineData("What does the Beijing search giant spend?", "BIDU")]
    [InlineData("What does the Mountain View search giant spend?", "GOOGL")]
    [InlineData("What do GPU makers spend?", "")]
    [InlineData("What do American GPU makers spend?", "")]
    public void A_shared_trade_names_the_company_of_the_country_said_and_with_none_said_the_american_one(string question, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), DescribedWithCountries.FindDescribed(question).Select(f => f.Ticker));

    [Fact]
    public void Filers_are_found_by_alias() =>
        Assert.Equal("scion-asset-management", Directory.FindFilerMentions("What is Burry short?").Single().Candidates.Single());

    [Theory]
    [InlineData("Nvdia", "NVDA")]
    [InlineData("nvidia corp", "NVDA")]
    [InlineData("Xyzzy", "")]
    [InlineData("Goggle", "GOOGL")]
    [InlineData("Apex", "AAA,APX")]
    [InlineData("Servic", "NOW")]
    public void A_name_that_fits_no_company_gets_the_closest_ones_prefixes_first_then_typos(string name, string expected) =>
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Directory.Closest(name).Select(c => c.Ticker));

    [Theory]
    [InlineData("FY2026", 1, "fiscal 2026 (to January 2026)")]
    [InlineData("FY2027-Q1", 1, "Q1 of fiscal 2027 (to April 2026)")]
    [InlineData("FY2025-Q4", 6, "Q4 of fiscal 2025 (to June 2025)")]
    [InlineData("FY2026", 12, "2026")]
    [InlineData("2025-11", 1, "November 2025")]
    public void Fiscal_periods_say_the_month_they_end_in_unless_the_year_is_the_calendar_year(string period, int yearEnd, string expected) =>
        Assert.Equal(expected, AgentWatch.Abstractions.Values.Period.Parse(period).ToHuman(yearEnd));
}
