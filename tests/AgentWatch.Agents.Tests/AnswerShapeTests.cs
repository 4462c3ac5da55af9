using AgentWatch.Abstractions.Api;

namespace AgentWatch.Agents.Tests;

/// <summary>
/// The kinds of wrong answer a finance reader notices at once, each as behaviour of the offline engine on the built-in
/// dataset: a different question answered, a league table dumped, "I have nothing" beside the very thing, figures
/// mixed across currencies or fiscal and calendar years, and an answer that makes the reader hunt for it.
/// </summary>
[Collection(SeededSiloCollection.Name)]
public sealed class AnswerShapeTests(SeededSilo silo)
{
    private Task<Answer> AskAsync(string question, DateOnly? asOf = null) => silo.Api.AskAsync(question, asOf);

    private static string FirstLine(Answer a) => a.Text.Split('\n')[0];

    /// <summary>The answer states the right figure and not the one a wrong reading would give.</summary>
    private static void SaysNotOther(Answer a, string right, string wrong)
    {
        Assert.Contains(right, a.Text);
        Assert.DoesNotContain(wrong, a.Text);
    }

    [Fact]
    public async Task Who_invested_in_a_company_lists_the_money_paid_into_it_not_options_nor_what_it_pays_others()
    {
        var answer = await AskAsync("Who invested in CoreWeave?");
        Assert.StartsWith("CoreWeave got money from", FirstLine(answer));
        Assert.Contains("Nvidia (equity, $2 billion", FirstLine(answer));
        // CoreWeave buying Nvidia's chips is money going out; Scion's puts are bets, not investments.
        Assert.DoesNotContain("CRWV → NVDA", answer.Text);
        Assert.DoesNotContain("puts", answer.Text);

        var backed = await AskAsync("Which companies has Nvidia backed with money?");
        Assert.StartsWith("Nvidia put money into", FirstLine(backed));
        Assert.Contains("$100 billion", FirstLine(backed));
        Assert.DoesNotContain("CRWV → NVDA", backed.Text);

        var none = await AskAsync("Who put money into Palantir?");
        Assert.False(none.Answered);
        Assert.DoesNotContain("$912 million", none.Text);
    }

    [Fact]
    public async Task Several_companies_are_each_answered_and_those_without_the_figure_are_named()
    {
        var answer = await AskAsync("What are Amazon's and Alphabet's free cash flows?");
        var first = FirstLine(answer);
        Assert.Contains("Amazon (AMZN): free cash flow $14.8 billion", first);
        Assert.Contains("I have no free cash flow for Alphabet (GOOGL)", first);
        // What it has on Alphabet is listed without the kind it just said it lacks.
        Assert.DoesNotContain("free cash flow,", first[first.IndexOf("Other figures I have on Alphabet", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task A_market_wide_question_is_answered_from_market_figures_and_its_capitalised_names_are_no_unknown_companies()
    {
        var spent = await AskAsync("How much was spent on data centres in 2024?");
        Assert.StartsWith("Data-centre spending: $290 billion (2024)", FirstLine(spent));
        Assert.DoesNotContain("Tencent", spent.Text);

        var nasdaq = await AskAsync("How much did the Nasdaq fall in the first week of November 2025?");
        Assert.True(nasdaq.Answered);
        Assert.Contains("Nasdaq Composite change", nasdaq.Text);

        var dellOro = await AskAsync("What does Dell'Oro expect for data-centre capex in 2025?");
        Assert.DoesNotContain("I don't know a company", dellOro.Text);
        Assert.Contains("$500 billion", dellOro.Text);
    }

    [Fact]
    public async Task A_month_or_week_filters_to_that_window_and_a_fiscal_year_says_when_it_ends()
    {
        var week = await AskAsync("What happened in the first week of November 2025?");
        Assert.StartsWith("In the first week of November 2025:", FirstLine(week));
        Assert.Contains("$800 billion", week.Text);
        Assert.DoesNotContain("January 2026", week.Text);
        Assert.DoesNotContain("(October 2025)", week.Text);

        SaysNotOther(await AskAsync("How much market value did Nvidia lose in October 2025?"), "$229 billion", "$350 billion");

        // Nvidia's fiscal 2025 ended in January 2025: the answer says so wherever it shows the year.
        var fiscal = await AskAsync("What was Nvidia's data center revenue in fiscal 2025?");
        Assert.Contains("fiscal 2025 (ended January 2025)", fiscal.Text);
        Assert.DoesNotContain("$4 billion", fiscal.Text);
    }

    [Fact]
    public async Task Amounts_in_different_currencies_are_never_ranked_or_summed_together_and_guidance_is_told_from_actuals()
    {
        var answer = await AskAsync("Rank the capex plans for 2025.");
        var apart = answer.Text.IndexOf("another currency with no stated conversion", StringComparison.Ordinal);
        Assert.True(apart > 0, answer.Text);
        Assert.True(answer.Text.IndexOf("CNY 150 billion", StringComparison.Ordinal) > apart, "the yuan figure is listed apart, after the dollar ranking");
        Assert.Contains("US-dollar figures only", answer.Text);
        Assert.Contains("spent about $131 billion (actual)", answer.Text);
        Assert.Contains("guided $118 billion", answer.Text);
    }

    [Theory]
    [InlineData("Welche Umsätze hatte Nvidia?", "$20 billion")]
    [InlineData("Wie hoch ist der freie Cashflow von Amazon?", "$14.8 billion")]
    [InlineData("Wie groß ist das Aktienrückkaufprogramm von ASML?", "€12 billion")]
    [InlineData("Wie hoch sind die Investitionsausgaben von Amazon 2025?", "$131 billion")]
    public async Task German_inflections_and_compounds_are_the_kinds_of_their_base_words(string question, string fact)
    {
        var answer = await AskAsync(question);
        Assert.Contains(fact, FirstLine(answer));
        Assert.DoesNotContain("current figures", FirstLine(answer));
    }

    [Fact]
    public async Task A_judgement_question_is_answered_from_the_skeptics_factors_with_their_evidence_not_a_league_table()
    {
        var exposed = await AskAsync("Which company is most exposed if the AI trade unwinds?");
        Assert.Contains("looks most exposed on the skeptic's factors", FirstLine(exposed));
        Assert.DoesNotContain("league table", exposed.Text);
        Assert.NotEmpty(exposed.Evidence);
        // The points it computed are in the run as a computation, so the figure check finds nothing unsupported.
        Assert.DoesNotContain(exposed.Flags ?? [], f => f.StartsWith("unsupported-figure", StringComparison.Ordinal));

        var bubble = await AskAsync("Is this a bubble?");
        Assert.StartsWith("The skeptic's reading: bubble risk", FirstLine(bubble));
        Assert.Contains("Capex eating cash flow", bubble.Text);
        Assert.Contains("95 %", bubble.Text);
    }

    [Fact]
    public async Task It_never_says_it_has_no_kind_while_listing_it_and_names_the_periods_it_has_without_their_figures()
    {
        var answer = await AskAsync("What was Amazon's capex in 2024?");
        Assert.False(answer.Answered);
        Assert.Contains("I have no capex for Amazon (AMZN) for 2024", answer.Text);
        Assert.Contains("I have capex (actual) for 2025", answer.Text);
        // Another year's figure beside the question reads as its answer: the periods are named, the figures are not.
        Assert.DoesNotContain("$131 billion", answer.Text);

        var future = await AskAsync("Has Amazon guided any capex for 2027 yet?");
        Assert.False(future.Answered);
        Assert.Contains("capex guidance for 2026", future.Text);
        Assert.DoesNotContain("$200 billion", future.Text);
    }

    [Fact]
    public async Task A_single_day_a_quarters_aftermath_and_a_fall_named_as_context_are_read_as_meant()
    {
        SaysNotOther(await AskAsync("Um wie viel ist der Börsenwert von Nvidia an einem einzigen Handelstag eingebrochen?"), "$229 billion", "$350 billion");

        // The reaction to a quarter's report is dated after the quarter.
        var reaction = await AskAsync("Amazon missed on EPS in Q4 2025. How hard did the stock tank after the bell?");
        Assert.Contains("about −7 % to −11 % (after hours) (5 Feb 2026)", FirstLine(reaction));

        // "before the November slide" says when, not what: the year-to-date gain is the answer.
        var before = await AskAsync("Where did Palantir stand year to date before the November slide?");
        Assert.Contains("+374 %", before.Text);
    }

    [Fact]
    public async Task Who_paid_whom_follows_the_verb_receive_verbs_reflexive_objects_and_either_side()
    {
        var raised = await AskAsync("How much private credit did Meta raise?");
        Assert.Contains("$29 billion", FirstLine(raised));

        var own = await AskAsync("Did Meta fund its data centres with debt or with equity?");
        Assert.Contains("$29 billion", own.Text);

        var customers = await AskAsync("Is Nvidia funding its own customers?");
        Assert.Contains("$2 billion", customers.Text);

        var both = await AskAsync("Which financing deals involve Microsoft, either paying or getting paid?");
        Assert.Contains("MSFT → OPENAI", both.Text);
        Assert.Contains("OPENAI → MSFT", both.Text);
    }

    [Fact]
    public async Task A_name_after_a_german_preposition_is_an_unknown_company_not_a_noun()
    {
        var answer = await AskAsync("Wie hoch ist die Bewertung von Mistral AI?");
        Assert.False(answer.Answered);
        Assert.Contains("Mistral", answer.Text);
        Assert.DoesNotContain("$100 billion", answer.Text);
    }

    [Theory]
    [InlineData("What is Amazon's capex guidance for 2026?", "$200 billion")]
    [InlineData("Which company plans the highest capex in 2026?", "Amazon (AMZN) leads capex for 2026")]
    [InlineData("Who is betting against Palantir?", "$912 million")]
    [InlineData("Which stock gained the most in 2025?", "374 %")]
    [InlineData("What alerts are there?", "alerts")]
    public async Task The_first_line_answers_in_words_and_figures_and_the_evidence_follows(string question, string fact)
    {
        var answer = await AskAsync(question);
        var first = FirstLine(answer);
        Assert.False(first.StartsWith("- ", StringComparison.Ordinal), first);
        Assert.Contains(fact, first);
        Assert.Contains(" — known ", answer.Text[first.Length..]);
    }

    [Fact]
    public async Task Direction_words_pick_the_rise_or_the_fall_and_a_move_the_other_way_is_said_to_be_so()
    {
        var rally = await AskAsync("Did Amazon shares rally after the capex plan?");
        Assert.StartsWith("No: Amazon (AMZN)'s share-price move was a fall", FirstLine(rally));

        var gained = await AskAsync("Which stock gained the most in 2025?");
        Assert.Contains("Palantir", FirstLine(gained));
        Assert.DoesNotContain("−", FirstLine(gained));
    }

    [Fact]
    public async Task A_misspelt_company_is_read_as_the_company_and_an_unknown_party_to_a_deal_is_said_to_be_unknown()
    {
        var typo = await AskAsync("Nvida investment in Coreweave?");
        Assert.Contains("$2 billion", typo.Text);

        var softBank = await AskAsync("How much did SoftBank invest in OpenAI?");
        Assert.False(softBank.Answered);
        Assert.Contains("SoftBank", softBank.Text);
        Assert.DoesNotContain("$500 billion", softBank.Text);
    }

    [Fact]
    public async Task Two_questions_in_one_are_both_answered_the_second_about_the_company_the_first_named()
    {
        var answer = await AskAsync("What is Meta's capex guidance for 2026, and how much did it plan for 2025?");
        var parts = answer.Text.Split("\n\n");
        Assert.True(parts.Length >= 2, answer.Text);
        Assert.Contains("$115 billion to $135 billion", parts[0]);
        Assert.Contains("$66 billion to $72 billion", answer.Text[parts[0].Length..]);
    }

    [Fact]
    public async Task A_group_a_lower_case_ticker_and_a_short_year_are_read_as_people_type_them()
    {
        // "Chinese hyperscalers": the watchlist's sector and country, each company answered; yuan never summed with dollars.
        var group = await AskAsync("How much are the Chinese hyperscalers planning to invest?");
        Assert.Contains("Alibaba (BABA)", FirstLine(group));
        Assert.DoesNotContain("Amazon", group.Text);

        var sloppy = await AskAsync("amzn q1 26 capex guide");
        Assert.Contains("Amazon (AMZN)", FirstLine(sloppy));
        Assert.Contains("$30 billion", FirstLine(sloppy));
        Assert.DoesNotContain("$200 billion", FirstLine(sloppy));

        // "now" is a word, not ServiceNow's ticker, when written in lower case.
        var now = await AskAsync("what is amazon's capex guidance for 2026 now?");
        Assert.DoesNotContain("ServiceNow", now.Text);
    }

    [Fact]
    public async Task A_companys_figure_asked_of_no_company_we_know_asks_which_company_instead_of_listing_all()
    {
        var answer = await AskAsync("xai valuation latest round");
        Assert.False(answer.Answered);
        Assert.StartsWith("Which company do you mean?", answer.Text);
        Assert.DoesNotContain("$100 billion", answer.Text);
        Assert.Contains("OpenAI (OPENAI)", answer.Text);
    }

    [Fact]
    public async Task A_reaction_is_the_first_move_after_the_event_and_a_chief_executive_stands_for_the_company()
    {
        SaysNotOther(await AskAsync("How did investors take Nvidia's statement that it has no plans to sell Blackwell chips in China for now?"), "$229 billion", "$350 billion");

        // A reaction asked for where there is no move: the deal is context, and the answer says it has no move.
        var none = await AskAsync("How did CoreWeave's share price react to Nvidia's $2 billion investment in January 2026?");
        Assert.False(none.Answered);
        Assert.StartsWith("I have no share-price or market-cap move for CoreWeave (CRWV)", none.Text);

        var person = await AskAsync("jensen huang's openai bet, how big and what kind");
        Assert.Contains("NVDA → OPENAI: equity, $100 billion", person.Text);

        // "Anfang 2026": January to March 2026.
        SaysNotOther(await AskAsync("Welche Finanzierungen rund um CoreWeave wurden Anfang 2026 bekannt?"), "$2 billion", "$25 billion");
    }

    [Fact]
    public async Task Halves_joined_questions_and_a_filers_targets_are_read_as_people_write_them()
    {
        // "h1 2025": January to June 2025; only what is dated in it.
        var half = await AskAsync("what do u have for h1 2025 specifically");
        Assert.Contains("67 %", half.Text);
        Assert.DoesNotContain("(3 Nov–7 Nov 2025)", half.Text);

        // "X + Y": both asked, both answered.
        var joined = await AskAsync("dc spending forecast thru 2030 + dell'oro 2025 number");
        Assert.Contains("about $1 trillion", joined.Text);
        Assert.Contains("(Dell'Oro): $500 billion", joined.Text);

        // "burry's two targets": the companies the filer bets against, and how their shares moved that week.
        var targets = await AskAsync("burry's two targets, how'd they trade the week of nov 3 2025");
        Assert.Contains("$350 billion", targets.Text);
        Assert.Contains("Palantir (PLTR)", targets.Text);
    }

    [Fact]
    public async Task Sums_and_gaps_are_worked_out_in_one_currency_and_refused_across_two()
    {
        var total = await AskAsync("Total up what Amazon, Google and Meta plan to spend on capex in 2026.");
        Assert.StartsWith("Together: $490 billion to $520 billion", FirstLine(total));
        // Meta's 2026 guidance, not the 2025–2028 span that runs through it.
        Assert.DoesNotContain("$600 billion", FirstLine(total));

        var gap = await AskAsync("How much more, in dollars, is Amazon planning to spend in 2026 than it actually spent in 2025?");
        Assert.StartsWith("Difference: about $69 billion", FirstLine(gap));

        var between = await AskAsync("How much more does Amazon plan to spend in 2026 than Alphabet?");
        Assert.StartsWith("Difference: $15 billion to $25 billion", FirstLine(between));

        var currencies = await AskAsync("How much more does Amazon plan to spend in 2025 than ByteDance?");
        Assert.StartsWith("Not set against each other: the figures are in different currencies (USD, CNY)", FirstLine(currencies));
        Assert.DoesNotContain("Difference", currencies.Text);
    }

    [Fact]
    public async Task A_day_the_question_looks_from_limits_it_to_what_was_known_then()
    {
        var back = await AskAsync("Back in mid-September 2025, how much was Amazon planning to spend on capex for 2025?");
        Assert.Equal(new DateOnly(2025, 9, 15), back.AsOf);
        Assert.Contains("$118 billion", FirstLine(back));
        // Not the actual known in February 2026, nor the note's remark that points at it.
        Assert.DoesNotContain("131", back.Text);

        // "Back in October" of an event is when it happened, not a day to look from.
        var then = await AskAsync("Back in October 2025, what did Nvidia lose in one day after it said it had no plans to sell Blackwell in China?");
        Assert.Null(then.AsOf);
        Assert.Contains("$229 billion", then.Text);
    }

    [Fact]
    public async Task A_sentence_that_only_qualifies_the_question_is_read_with_it()
    {
        var answer = await AskAsync("What did Meta actually spend on capex in 2025? The reported number, not the guidance.");
        Assert.False(answer.Answered);
        Assert.DoesNotContain("$66 billion", answer.Text);
        // One answer, not a second one to the qualifying sentence.
        Assert.DoesNotContain("current figures", answer.Text);
    }

    [Fact]
    public async Task Country_groups_misspelt_names_and_the_latest_quarter_are_read_as_meant()
    {
        var chinese = await AskAsync("What do the Chinese hyperscalers' capex numbers look like?");
        Assert.Contains("$52 billion", chinese.Text);
        Assert.Contains("$10.7 billion", chinese.Text);
        Assert.DoesNotContain("$240 billion", chinese.Text);

        Assert.Contains("P/E 313", (await AskAsync("Whats Plantir's price to earnings ratio?")).Text);

        var quarter = await AskAsync("What was Nvidia's total revenue in its latest quarter?");
        Assert.False(quarter.Answered);
        Assert.DoesNotContain("$20 billion", quarter.Text);

        // Market figures named by the question's words answer before companies' plans of the same kind.
        var power = await AskAsync("How much new power capacity did China connect?");
        Assert.Contains("429 GW", FirstLine(power) + power.Text);
        Assert.DoesNotContain("CoreWeave", power.Text);
    }

    [Fact]
    public async Task Cash_flow_stretched_most_ranks_what_is_spent_of_it_and_shows_what_is_left()
    {
        var answer = await AskAsync("Which hyperscaler is stretching its cash flow the most to fund AI?");
        Assert.Contains("Amazon (AMZN) has the highest capex as a share of operating cash flow: about 90 %", FirstLine(answer));
        Assert.Contains("$14.8 billion", answer.Text);

        var exposed = await AskAsync("Which hyperscaler is most exposed if AI demand disappoints in 2026?");
        Assert.Contains("$175 billion to $185 billion", exposed.Text);
        Assert.Contains("$115 billion to $135 billion", exposed.Text);
    }

    [Fact]
    public async Task Money_asked_the_wrong_way_round_is_shown_the_way_it_went()
    {
        var answer = await AskAsync("How much did CoreWeave put into Nvidia back in January 2026?");
        Assert.StartsWith("No amount is given the way you asked; the money with an amount went the other way: Nvidia put equity, $2 billion into CoreWeave", FirstLine(answer));

        // Paying for what is bought is the purchase, whatever was put in the other way.
        var paying = await AskAsync("How much is CoreWeave paying Nvidia for the GPUs it buys?");
        Assert.Contains("CRWV → NVDA", paying.Text);
        Assert.DoesNotContain("$2 billion", paying.Text);
    }

    [Fact]
    public async Task One_companys_separate_figures_add_up_and_a_plan_never_adds_to_what_was_spent_on_it()
    {
        var campuses = await AskAsync("What do Amazon's Pennsylvania and North Carolina data-centre campuses come to together?");
        Assert.StartsWith("Together: $30 billion", FirstLine(campuses));

        var moves = await AskAsync("How much market value did Nvidia lose in total across its two sell-offs?");
        Assert.StartsWith("Lost together: about $579 billion", FirstLine(moves));

        var puts = await AskAsync("Scion's put notionals on Nvidia and Palantir added together?");
        Assert.StartsWith("Together: about $1.1 billion", FirstLine(puts));

        // Guidance for 2025 and what was spent in 2025 are one year's spending twice: no total of them.
        var same = await AskAsync("Amazon's 2025 capex guidance and its 2025 actual capex, what's the total?");
        Assert.DoesNotContain("Together", same.Text);
        Assert.DoesNotContain("$249 billion", same.Text);
    }

    [Fact]
    public async Task Gaps_take_the_figure_asked_for_each_year_and_are_never_negative()
    {
        var gap = await AskAsync("In plain dollars, how much bigger is Amazon's 2026 capex budget than what it actually spent in 2025?");
        Assert.StartsWith("Difference: about $69 billion", FirstLine(gap));
        Assert.DoesNotContain("$82 billion", gap.Text);

        var grew = await AskAsync("By how many dollars did Nvidia data-center revenue grow from fiscal 2022 to fiscal 2025?");
        Assert.StartsWith("Difference: $16 billion", FirstLine(grew));

        // The smaller named first: the gap is still an amount, the larger side first.
        var smaller = await AskAsync("How far is Alphabet's 2026 capex range below Amazon's 2026 plan?");
        Assert.StartsWith("Difference: $15 billion to $25 billion, Amazon", FirstLine(smaller));

        var wide = await AskAsync("How wide is Alphabet's 2026 capex range, top minus bottom?");
        Assert.StartsWith("The range is $10 billion wide", FirstLine(wide));
    }

    [Fact]
    public async Task A_total_naming_companies_answers_only_for_just_those_companies()
    {
        // "Combined capex of Amazon, Meta, Google and Microsoft" is not Meta's and Oracle's debt, nor two of the four.
        var debt = await AskAsync("If you add Meta's private-credit raise to Oracle's bond sale, how much debt is that in total?");
        Assert.StartsWith("Together: $47 billion", FirstLine(debt));
        Assert.DoesNotContain("$200 billion", debt.Text);

        var two = await AskAsync("Microsoft's fiscal 2025 capex plan plus Amazon's 2025 capex plan - combined?");
        Assert.DoesNotContain("more than $200 billion", two.Text);
        Assert.Contains("$80 billion", two.Text);
        Assert.Contains("$118 billion", two.Text);

        // The four together, asked as such, are the market's figure, led with in words and figures.
        var four = await AskAsync("How much did the big four spend together on AI in the third quarter of 2025?");
        Assert.StartsWith("Combined AI capex of Alphabet, Amazon, Meta and Microsoft: $112 billion (Q3 2025)", FirstLine(four));
        Assert.Single(four.Text.Split('\n'), l => l.Contains("[seed-003-big-four-q3-capex]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Everyday_words_reach_the_figures_they_mean()
    {
        Assert.Contains("98 %", (await AskAsync("How often do ServiceNow customers sign up again?")).Text);
        Assert.Contains("$35.6 billion", (await AskAsync("How quickly did Amazon's cloud arm grow its top line in the October-December 2025 quarter?")).Text);
        Assert.Contains("$1.95", (await AskAsync("Did Amazon come in above or below what the street expected for profit per share in the December quarter?")).Text);
        Assert.Contains("5 GW", (await AskAsync("How much electricity could Meta's Hyperion campus swallow?")).Text);
        Assert.Contains("$229 billion", FirstLine(await AskAsync("How much of Nvidia's worth evaporated in a single session after the China chip remarks?")));
        Assert.Contains("more than $13 billion", FirstLine(await AskAsync("Mit wie viel Geld ist Microsoft bei OpenAI eingestiegen?")));

        var debt = await AskAsync("Which hyperscaler raised the most debt to pay for AI?");
        Assert.StartsWith("Meta (META) has the highest financing deal", FirstLine(debt));
        Assert.DoesNotContain("compute contract", debt.Text);
    }

    [Fact]
    public async Task Money_asked_of_a_company_with_none_says_so_and_results_are_not_guidance()
    {
        var baidu = await AskAsync("How many billions is Baidu putting into data centres?");
        Assert.False(baidu.Answered);
        Assert.StartsWith("I have no amount for Baidu (BIDU)", baidu.Text);

        // Before the Q4 report was out, how AWS did in Q4 is not known; the quarter's capex guidance is not its results.
        var aws = await silo.Api.AskAsync("How did AWS do in Q4 2025?", new DateOnly(2026, 2, 1));
        Assert.False(aws.Answered);
        Assert.DoesNotContain("$35.6 billion", aws.Text);

        // Words after the names, set off by a colon, are asked of both companies: plans for both.
        var plans = await AskAsync("Amazon vs Microsoft: capex plans for fiscal 2025?");
        Assert.Contains("$118 billion", FirstLine(plans));
        Assert.DoesNotContain("$131 billion", FirstLine(plans));

        // A company named with no bet against it is said to have none.
        var bets = await AskAsync("Burry's bearish bets on Nvidia, Palantir and Microsoft - notional for each one");
        Assert.Contains("disclosed no position on Microsoft (MSFT)", bets.Text);
    }

    [Fact]
    public async Task Companies_set_aside_are_left_out_of_deals_and_league_tables()
    {
        var investors = await AskAsync("Leaving Nvidia and Microsoft aside, how much have ordinary investors put into OpenAI to date?");
        Assert.StartsWith("OpenAI got money from investors (equity, $6 billion", FirstLine(investors));
        Assert.DoesNotContain("$100 billion", investors.Text);

        var others = await AskAsync("Apart from Amazon, who plans the most capex in 2026?");
        Assert.StartsWith("Alphabet (GOOGL) leads capex for 2026", FirstLine(others));
        Assert.DoesNotContain("$200 billion", others.Text);
        // The total is of the rows shown, and the run's figure check knows it was worked out.
        Assert.Contains("Together (US-dollar figures only): $305 billion.", others.Text);
        Assert.DoesNotContain("unsupported", others.Text);

        // "I'm" is the asker, no company.
        var bubble = await AskAsync("Is the AI boom a bubble? I'm particularly interested in whether well-known investors are betting against it.");
        Assert.StartsWith("The skeptic's reading", FirstLine(bubble));
    }

    [Fact]
    public async Task Deals_are_read_from_the_verbs_that_name_them()
    {
        // One company betting on another backs it with money: the deal, not a fund's puts.
        var bet = await AskAsync("How much is Nvidia betting on OpenAI?");
        Assert.StartsWith("Nvidia (NVDA): financing deal NVDA → OPENAI: equity, $100 billion", FirstLine(bet));
        Assert.DoesNotContain("$187 million", bet.Text);

        // German puts the verb last; a stake taken is the equity deal, not what the other side buys.
        var stake = await AskAsync("Mit wie viel Geld hat sich Nvidia an CoreWeave beteiligt?");
        Assert.Contains("NVDA → CRWV: equity, $2 billion", FirstLine(stake));
        Assert.DoesNotContain("purchase commitment", FirstLine(stake));

        // Lending is debt: a customer's contract is not a loan.
        var lent = await AskAsync("Who lent money to Oracle?");
        Assert.Contains("$18 billion", FirstLine(lent));
        Assert.DoesNotContain("$60 billion", lent.Text);

        // Putting money into data centres and infrastructure is the company's own spending.
        var german = await AskAsync("Wie viel will Amazon 2026 insgesamt in Rechenzentren und Infrastruktur stecken?");
        Assert.StartsWith("Amazon (AMZN): capex guidance $200 billion (2026)", FirstLine(german));
        Assert.DoesNotContain("$131 billion", german.Text);
    }

    [Fact]
    public async Task Alerts_and_market_figures_keep_to_the_month_asked()
    {
        var january = await AskAsync("Which alerts were raised in January 2026?");
        Assert.Contains("on figures known in January 2026", FirstLine(january));
        Assert.DoesNotContain("$229 billion", january.Text);
        Assert.DoesNotContain("$187 million", january.Text);

        var march = await AskAsync("Which alerts were raised in March 2026?");
        Assert.StartsWith("No alerts rest on figures that became known in March 2026", march.Text);

        // A market figure named in four words is the one asked, not everything dated that month.
        var sentiment = await AskAsync("University of Michigan consumer sentiment reading for November 2025?");
        Assert.StartsWith("University of Michigan consumer sentiment index: 50.3 points", FirstLine(sentiment));
        Assert.DoesNotContain("$800 billion", sentiment.Text);
    }

    [Fact]
    public async Task Gaps_and_sums_reach_across_kinds_and_deals()
    {
        // What was said would be spent, and what was: guidance and actual, both.
        var both = await AskAsync("What did Amazon say it would spend on capex in 2025 back in the summer, and what did it end up spending?");
        Assert.Contains("capex guidance $118 billion (2025)", FirstLine(both));
        Assert.Contains("capex (actual) about $131 billion (2025)", FirstLine(both));

        // A last part asking only for the gap is one question with what came before.
        var overshoot = await AskAsync("amazon spent how much on capex in 2025 vs the $118bn they'd guided back in the summer? what's the overshoot");
        Assert.StartsWith("Difference: about $13 billion", FirstLine(overshoot));

        // Revenue against a yearly payment: two kinds of one company, set against each other; "each year" is no "each".
        var gap = await AskAsync("What's the gap between OpenAI's annual revenue and what it's supposed to pay Oracle each year?");
        Assert.StartsWith("Difference: about $47 billion", FirstLine(gap));
        Assert.DoesNotContain("MSFT → OPENAI", FirstLine(gap));

        // Deals among three companies named: each deal counted once, whoever it is listed under.
        var combined = await AskAsync("Nvidia's equity commitments to OpenAI and CoreWeave: what do they come to combined?");
        Assert.StartsWith("Together: $102 billion", FirstLine(combined));
        var pledged = await AskAsync("How much more did Nvidia pledge to OpenAI than Microsoft has invested in it?");
        Assert.StartsWith("Difference: about $87 billion", FirstLine(pledged));
    }

    [Fact]
    public async Task Judgements_weigh_the_risk_and_the_spending_asked_about()
    {
        // A risk of its own kind is borne by the companies its figures are about.
        var controls = await AskAsync("Who is most exposed to US export controls on China?");
        Assert.StartsWith("Nvidia (NVDA) is the most exposed", FirstLine(controls));
        Assert.Contains("Blackwell", FirstLine(controls));

        // Spending getting ahead of growth is the skeptic's capex-against-revenue factor, with its figures.
        var ahead = await AskAsync("Is Amazon's spending getting ahead of what AWS is actually growing at?");
        Assert.StartsWith("On the skeptic's factors, Amazon (AMZN) is exposed through capex outpacing revenue", FirstLine(ahead));
        Assert.Contains("+24 %", ahead.Text);

        // Stretched by its capex is the share of cash flow spent, not a rich valuation.
        var stretched = await AskAsync("Which hyperscaler looks most financially stretched by its capex?");
        Assert.StartsWith("Amazon (AMZN) has the highest capex as a share of operating cash flow: about 90 %", FirstLine(stretched));

        // The whole stock market is the S&P 500: its returns' share from AI stocks.
        var dependent = await AskAsync("How dependent is the whole stock market on AI names?");
        Assert.StartsWith("AI-related stocks' share of S&P 500 returns: 75 %", FirstLine(dependent));
    }

    [Fact]
    public async Task Companies_described_rather_than_named_are_the_ones_meant()
    {
        var seattle = await AskAsync("How much did the Seattle retailer's cloud arm book in revenue in Q4 2025?");
        Assert.StartsWith("Amazon (AMZN): revenue AWS: $35.6 billion", FirstLine(seattle));

        var austin = await AskAsync("How big was the bond deal the Austin-based database company sold to fund data centres?");
        Assert.Contains("$18 billion", FirstLine(austin));

        // A chief executive's first name, beside another company named.
        var bosses = await AskAsync("Nadella's money into OpenAI vs Jensen's commitment - numbers?");
        Assert.Contains("NVDA → OPENAI: equity, $100 billion", FirstLine(bosses));
        Assert.Contains("MSFT → OPENAI: equity, more than $13 billion", FirstLine(bosses));
    }

    [Fact]
    public async Task Words_around_the_figure_keep_their_own_meaning()
    {
        // A loop between the two companies named, said first.
        var loop = await AskAsync("Is there a closed money loop between Microsoft and OpenAI?");
        Assert.StartsWith("Yes: money runs in a loop between Microsoft (MSFT) and OpenAI (OPENAI)", FirstLine(loop));

        // A fund's bets on a company not on the watchlist are not its bets on others.
        var tesla = await AskAsync("Has Michael Burry disclosed any puts on Tesla?");
        Assert.False(tesla.Answered);
        Assert.DoesNotContain("$187 million", tesla.Text);

        // "Sum the …" asks a total; "beat or miss the Street" asks results, not revenue lost; "Set" opening a sentence
        // is no company; a levy the US "puts on" goods is a tariff, not an option.
        Assert.StartsWith("Together: $375 billion to $385 billion", FirstLine(await AskAsync("Sum the 2026 capex guides for Amazon and Alphabet.")));
        Assert.Contains("$35.6 billion", FirstLine(await AskAsync("AWS revenue and Amazon EPS for Q4 2025 - did they beat or miss the Street?")));
        var set = await AskAsync("Can OpenAI realistically pay Oracle? Set its revenue against what it owes Oracle each year");
        Assert.Contains("about $60 billion a year", FirstLine(set));
        Assert.DoesNotContain("Set is not on the watchlist", set.Text);
        Assert.Contains("47 %", FirstLine(await AskAsync("What's the average extra levy the US now puts on Chinese goods after the Trump-Xi meeting?")));

        // What a business generates from its operations is its operating cash flow; of every dollar, a share.
        var share = await AskAsync("Of every dollar the everything store generates from its operations, how much goes into property and equipment?");
        Assert.StartsWith("Amazon (AMZN): capex as a share of operating cash flow about 90 %", FirstLine(share));

        // Funding itself is money taken in; "it" in a later part is the company the first named.
        var funded = await AskAsync("What's CoreWeave's capacity target, and how has it funded itself?");
        Assert.Contains("CoreWeave got money from", funded.Text);
        Assert.Contains("$25 billion", funded.Text);

        // Results reported in late January after a Q4 are of the next year's January.
        var asml = await AskAsync("ASML reported Q4 2025 in late January - how strong was order intake?");
        Assert.Contains("$13.16 billion", FirstLine(asml));

        // "Back in September 2025, what did we know" looks from then.
        var then = await AskAsync("back in September 2025 what did we know about Amazon's capex for 2025?");
        Assert.Contains("$118 billion", FirstLine(then));
        Assert.DoesNotContain("$131 billion", then.Text);
    }

    [Fact]
    public async Task Described_companies_keep_their_order_and_money_put_in_is_a_stake()
    {
        var sunk = await AskAsync("How much did the Santa Clara GPU maker sink into the Livingston GPU-renting outfit?");
        Assert.Contains("NVDA → CRWV: equity, $2 billion", FirstLine(sunk));
        Assert.DoesNotContain("bonds", FirstLine(sunk));

        Assert.Contains("$52 billion", FirstLine(await AskAsync("What is the Hangzhou group planning to put into cloud and AI infrastructure over the next three years?")));

        // The company an engineer was hired from is not asked about; the figure named that closely is not padded.
        var pay = await AskAsync("What pay package did the Instagram owner reportedly offer the senior AI engineer it hired from Apple?");
        Assert.StartsWith("Meta (META): metric pay package for senior AI engineer hired from Apple: about $200 million", FirstLine(pay));
        Assert.DoesNotContain("$100 million", pay.Text);
        Assert.DoesNotContain("Apple (AAPL)", pay.Text);
    }

    [Fact]
    public async Task Everyday_words_for_losses_loyalty_and_orders_reach_their_figures()
    {
        // What comments cost a company in a day is market value lost, not a building cost.
        var cost = await AskAsync("What did Jensen's China comments cost his company in a single day?");
        Assert.StartsWith("Nvidia (NVDA): market-cap move lost $229 billion in 1 trading day", FirstLine(cost));

        // Customers sticking around is the renewal rate.
        Assert.Contains("98 %", FirstLine(await AskAsync("Is ServiceNow actually getting hurt by AI agents, or are customers sticking around?")));

        // An order book with no backlog figure is answered by the orders taken in; a Q4 reported in January is last year's.
        Assert.StartsWith("ASML: order intake $13.16 billion (Q4 2025)", FirstLine(await AskAsync("How full was ASML's order book in the last three months of 2025?")));
        Assert.StartsWith("ASML: order intake $13.16 billion (Q4 2025)", FirstLine(await AskAsync("In the last week of January 2026, what Q4 order intake did ASML report?")));
    }

    [Fact]
    public async Task Two_quarters_or_two_years_named_are_each_asked()
    {
        // Two quarters with their years: each one's guidance, and their sum, not the years around them.
        var quarters = await AskAsync("Amazon's capex guidance for Q4 2025 and Q1 2026 taken together — at least how much?");
        Assert.StartsWith("Together: more than $60 billion", FirstLine(quarters));
        Assert.DoesNotContain("$131 billion", FirstLine(quarters));

        // Two years: each year's own guidance, not a span running through both; midpoints when asked.
        var years = await AskAsync("How much has Meta lifted the midpoint of its capex guidance from 2025 to 2026?");
        Assert.StartsWith("Difference between the midpoints: $56 billion ($125 billion against $69 billion)", FirstLine(years));
        Assert.DoesNotContain("unsupported", years.Text);
        var both = await AskAsync("What is Meta's capex guidance for 2025 and 2026?");
        Assert.StartsWith("Meta (META): capex guidance $115 billion to $135 billion (2026); capex guidance $66 billion to $72 billion (2025)", FirstLine(both));
    }

    [Fact]
    public async Task Ratios_and_gaps_are_worked_out_of_the_figures_asked()
    {
        // "How many times bigger": the larger over the smaller, not a difference.
        Assert.StartsWith("About 50 times (50×): financing deal NVDA → OPENAI: equity, $100 billion",
            FirstLine(await AskAsync("how many times bigger is nvidia's openai commitment than its coreweave stake")));

        // Puts against puts: the short beside them is not one of the two.
        var puts = await AskAsync("Burry's Palantir puts vs his Nvidia puts: how much bigger is the Palantir position in notional terms?");
        Assert.StartsWith("Difference: about $725 million", FirstLine(puts));

        // "Which raised more, and by how much?", a stated figure then "how far above that".
        Assert.StartsWith("Difference: $11 billion", FirstLine(await AskAsync("Meta's private credit deal or Oracle's bond sale — which raised more money, and by how much?")));
        Assert.StartsWith("Difference: about $13 billion, Amazon capex (actual) about $131 billion (2025) against Amazon capex guidance $118 billion (2025)",
            FirstLine(await AskAsync("Back in the summer Amazon said about $118bn of capex for 2025. How far above that did actual 2025 spending end up?")));

        // Two moves, one named by its cause and one by its week, added up; "total?" at the end asks the sum.
        Assert.StartsWith("Lost together: about $579 billion",
            FirstLine(await AskAsync("Nvidia's market-cap losses: the one-day Blackwell/China hit plus the first week of November 2025 — total?")));
        Assert.StartsWith("Lost together: about $579 billion",
            FirstLine(await AskAsync("Total market value Nvidia shed across the one-day drop in October 2025 and the first week of November 2025?")));
    }

    [Fact]
    public async Task Plans_are_picked_by_their_own_words_and_never_added_to_the_budget_they_belong_to()
    {
        var foreign = FirstLine(await AskAsync("How much did ByteDance budget for international chip purchases, mostly Nvidia parts?"));
        Assert.Contains("$6.8 billion (international chip purchases)", foreign);
        Assert.DoesNotContain("CNY 40 billion", foreign);

        // Domestic and foreign: two plans inside the capex, in two currencies, so named and not added.
        var both = FirstLine(await AskAsync("How much is ByteDance spending on AI chips in total in 2025, domestic and foreign?"));
        Assert.StartsWith("Not added up: the figures are in different currencies (CNY, USD)", both);
        Assert.Contains("$6.8 billion", both);
        Assert.DoesNotContain("CNY 190 billion", both);

        // A budget whose note names a project is not that project's figure.
        var kuiper = await AskAsync("How many dollars of Amazon's 2026 budget go to Project Kuiper?");
        Assert.StartsWith("I have no capex for Amazon (AMZN) on Kuiper for 2026", FirstLine(kuiper));
        Assert.DoesNotContain("$200 billion", kuiper.Text);
    }

    [Fact]
    public async Task Time_words_set_aside_or_standing_for_a_day_are_read_as_meant()
    {
        // A month set aside is not asked.
        var january = await AskAsync("Amazon news from January 2026 only please — I don't want the February earnings stuff");
        Assert.Contains("Project Dawn", FirstLine(january));
        Assert.DoesNotContain("$200 billion", january.Text);

        // A holiday is the day the question stands on; a sum over 2025–2028 is no guide for 2026 alone.
        var newYear = await AskAsync("As of New Year's Eve 2025, had Meta put out a capex range for 2026?");
        Assert.False(newYear.Answered);
        Assert.StartsWith("I have no capex for Meta (META) for 2026 as of 31 Dec 2025", FirstLine(newYear));
        Assert.DoesNotContain("$115 billion", newYear.Text);
        Assert.DoesNotContain("unsupported", newYear.Text);
        Assert.False((await silo.Api.AskAsync("What capex guidance has Meta given for 2026?", new DateOnly(2026, 1, 31))).Answered);

        // "Stand at the end of 2025" looks from then; a capacity target for 2030 is not 2027's.
        Assert.StartsWith("Meta (META): capex guidance about $600 billion (2025–2028)", FirstLine(await AskAsync("Where do Meta's capex plans stand at the end of 2025?")));
        Assert.False((await AskAsync("How much capacity will CoreWeave have online by 2027?")).Answered);

        // January through December is the calendar year, which a fiscal year to June is only half of.
        var calendar = await AskAsync("Microsoft capex for calendar 2025, January through December?");
        Assert.False(calendar.Answered);
        Assert.DoesNotContain("$80 billion", calendar.Text);

        // The stocks that went down in a week: the market's figures lead, the companies' own moves follow.
        var week = await AskAsync("what went down in AI stocks during the first week of November 2025");
        Assert.StartsWith("Market value lost by eight leading AI companies: about $800 billion (3 Nov–7 Nov 2025)", FirstLine(week));
        Assert.Contains("Nvidia (NVDA), market-cap move (3 Nov–7 Nov 2025): lost about $350 billion", week.Text);

        // A judgement asked of a stretch of days brings the companies' moves in it.
        var popping = await silo.Api.AskAsync("Looking at the first week of November, is the AI bubble popping?", new DateOnly(2025, 11, 15));
        Assert.StartsWith("The skeptic's reading:", FirstLine(popping));
        Assert.Contains("lost about $350 billion", popping.Text);

        // The nearest market figure of another year is named by its period, not given as the answer.
        var other = await AskAsync("global hyperscale capex in 2023?");
        Assert.False(other.Answered);
        Assert.DoesNotContain("$240 billion", other.Text);
    }

    [Fact]
    public async Task Words_that_look_like_another_kind_keep_the_meaning_the_question_gives_them()
    {
        // "actually cover" asks what the figure covers, not what was spent.
        Assert.StartsWith("Microsoft (MSFT): capex guidance about $80 billion (fiscal 2025 (ended June 2025))",
            FirstLine(await AskAsync("Microsoft's fiscal 2025 capex figure — which months does that actually cover?")));

        // Shares under a put are its size; a contract backlog is no deal; a market share held is no position.
        var german = await AskAsync("Auf wie viele Nvidia-Aktien und wie viele Palantir-Aktien hält Burrys Fonds Puts?");
        Assert.Contains("1,000,000 NVDA shares", german.Text);
        Assert.Contains("5,000,000 PLTR shares", german.Text);
        Assert.DoesNotContain("share-price move", german.Text);
        Assert.StartsWith("I have no order backlog for CoreWeave (CRWV)", FirstLine(await AskAsync("How big is CoreWeave's contract backlog?")));
        var share = FirstLine(await AskAsync("ChatGPT vs Gemini: who holds what share of the chatbot market?"));
        Assert.Contains("68 %", share);
        Assert.Contains("20 %", share);

        // Measures no kind holds are said to be missing, not answered with what is near them.
        var writeDown = await AskAsync("How much did Nvidia write down on H20 inventory because of the China export licence rules?");
        Assert.False(writeDown.Answered);
        Assert.DoesNotContain("$229 billion", writeDown.Text);
        Assert.False((await AskAsync("What percentage of OpenAI does Microsoft own?")).Answered);

        // An amount asked of a deal that names none, or of guidance that gives none, is not answered by showing it.
        var bond = await AskAsync("How big was the bond deal CoreWeave placed in January 2026?");
        Assert.False(bond.Answered);
        Assert.StartsWith("No amount was disclosed for that; the deal I have follows. CoreWeave (CRWV): financing deal bond investors → CRWV", FirstLine(bond));
        Assert.True((await AskAsync("stripe compute purchases - from who, how much")).Answered);
        // What one company collects from another is paid the other way: not the equity that went out.
        var azure = await AskAsync("How much does Microsoft collect from OpenAI each year for Azure?");
        Assert.False(azure.Answered);
        Assert.Contains("OPENAI → MSFT: compute contract, undisclosed amount", FirstLine(azure));
        Assert.DoesNotContain("$13 billion", azure.Text);
        var cap = await AskAsync("Give me Microsoft's exact dollar capex guidance for fiscal 2026.");
        Assert.False(cap.Answered);
        Assert.StartsWith("No amount was given: the guidance I have names no figure", FirstLine(cap));

        // Alerts about a kind of figure are those of the rules watching it, named by company; "raised in" is a date.
        Assert.StartsWith("1 alert; the most severe: Amazon (AMZN): AMZN reinvests about 90 %", FirstLine(await AskAsync("Has any alert fired about capex eating into cash flow?")));
        Assert.Contains("DocuSign", (await AskAsync("Any short-seller warnings in the alert log?")).Text);
        Assert.Contains("DocuSign", (await AskAsync("Which alerts were raised in January 2026?")).Text);
        Assert.Contains("$912 million", (await AskAsync("Is smart money actually positioned against the AI darlings right now?")).Text);

        // Cash going "straight back into" buildings is the share of cash flow, not a loop; "richest" ranks.
        Assert.StartsWith("Amazon (AMZN): capex as a share of operating cash flow about 90 %",
            FirstLine(await AskAsync("What slice of the money Amazon's day-to-day business throws off goes straight back into buildings and machines?")));
        Assert.StartsWith("Amazon (AMZN): capex as a share of operating cash flow about 90 %",
            FirstLine(await AskAsync("is amzn basically torching all its OCF on data centers lol, what % are we talking")));
        Assert.StartsWith("Palantir (PLTR) has the highest valuation: P/E 313", FirstLine(await AskAsync("Of the names you track, which trades at the richest P/E?")));
    }

    [Fact]
    public async Task A_question_placed_on_a_day_or_a_stretch_of_days_is_answered_for_it()
    {
        // "Say it's 1 Feb 2026": only what was known by then; a report still to come names no quarter asked.
        var february = await AskAsync("Say it's 1 Feb 2026, before Amazon's Q4 call. What was the best number we had for its 2025 capex?");
        Assert.Contains("$118 billion", FirstLine(february));
        Assert.DoesNotContain("$131 billion", february.Text);
        var january = await AskAsync("By the end of January 2026, before the Q4 call, what capex guidance had Amazon given for 2026? I only want what was public at that time.");
        Assert.Contains("more than $30 billion (Q1 2026)", FirstLine(january));
        Assert.DoesNotContain("$200 billion", january.Text);

        // Two days named are the stretch between them.
        SaysNotOther(await AskAsync("nvidia market cap drop between Nov 3 and Nov 7 2025?"), "$350 billion", "$229 billion");

        // A twelve-month figure made known in the week named is news of that week; the figures lead.
        Assert.StartsWith("Amazon (AMZN): free cash flow $14.8 billion", FirstLine(await AskAsync("Cash-flow and buyback news from the last week of January 2026?")));

        // A market figure held for another stretch or another place is named by its period, not given.
        var second = await AskAsync("What share of US venture capital went to AI in the second half of 2025?");
        Assert.False(second.Answered);
        Assert.Contains("1 Jan–30 Jun 2025", second.Text);
        Assert.DoesNotContain("67 %", second.Text);
        Assert.DoesNotContain("$800 billion", second.Text);
        var europe = await AskAsync("What share of European venture capital went to AI in 2025?");
        Assert.False(europe.Answered);
        Assert.DoesNotContain("S&P 500", europe.Text);

        // "2025 itself" beside a year only mentioned asks that year alone.
        var itself = await AskAsync("i know alphabet's 2026 capex range, but what did they spend or guide for 2025 itself?");
        Assert.False(itself.Answered);
        Assert.DoesNotContain("$175 billion", itself.Text);
    }

    [Fact]
    public async Task One_figure_worked_out_as_asked_says_it_is_worked_out_and_a_range_is_no_point()
    {
        Assert.StartsWith("The midpoint is $125 billion (worked out", FirstLine(await AskAsync("Meta 2026 capex guidance: what's the midpoint?")));
        Assert.StartsWith("$50 billion a quarter if spread evenly (worked out",
            FirstLine(await AskAsync("If Amazon spreads its 2026 capex guide evenly, what does that come to per quarter?")));
        Assert.StartsWith("About $142.4 billion a year at that pace (worked out",
            FirstLine(await AskAsync("If AWS kept up its Q4 2025 revenue pace for four straight quarters, what annual revenue would that come to?")));
        var point = await AskAsync("I need one point estimate for Meta's 2026 capex, not a range. What number did they give?");
        Assert.False(point.Answered);
        Assert.StartsWith("No single number was given", FirstLine(point));
    }

    [Fact]
    public async Task What_a_question_sets_aside_or_only_implies_is_read_as_meant()
    {
        // A kind set aside is not asked, and its words find nothing.
        var sales = await AskAsync("What were ASML's net sales in Q4 2025? Not orders, actual sales.");
        Assert.False(sales.Answered);
        Assert.DoesNotContain("$13.16 billion", sales.Text);
        Assert.DoesNotContain("order intake relative", sales.Text);

        // Value "knocked off" is market value lost; a market value asked as a level is not a move.
        SaysNotOther(await AskAsync("On the single worst day in October 2025, how much was knocked off Nvidia's valuation?"), "$229 billion", "P/E");
        var level = await AskAsync("What is Nvidia's total market capitalisation right now?");
        Assert.False(level.Answered);
        Assert.DoesNotContain("$350 billion", level.Text);

        // A company set apart at the start is a name, known or not.
        Assert.StartsWith("I don't know a company called 'Intel'", FirstLine(await AskAsync("Intel: is its free cash flow negative, and can it afford its fabs?")));

        // Counted groups, chat assistants, selling into China, cheques, bearish bets.
        Assert.StartsWith("Market value lost by eight leading AI companies: about $800 billion",
            FirstLine(await AskAsync("Roughly how much did the eight most valuable AI companies lose in market cap during that brutal November week?")));
        Assert.Contains("68 %", FirstLine(await AskAsync("What slice of people using AI chat assistants still stick with ChatGPT?")));
        Assert.Contains("Blackwell", FirstLine(await AskAsync("Can Nvidia sell its newest flagship GPU generation to Chinese buyers at the moment?")));
        SaysNotOther(await AskAsync("How big was Nvidia's equity cheque to CoreWeave in January 2026?"), "$2 billion", "$100 billion");
        var bets = await AskAsync("Which stocks are the disclosed bearish bets aimed at?");
        Assert.Contains("NVDA", bets.Text);
        Assert.Contains("PLTR", bets.Text);
        Assert.False((await AskAsync("Which hedge funds are shorting CoreWeave, and how big are their positions?")).Answered);
        Assert.StartsWith("Amazon (AMZN): free cash flow $14.8 billion", FirstLine(await AskAsync("amazons fre cash flow trailing twelve months")));

        // What is left for buybacks, or what covers capex, is the free cash flow; without it, nothing is covered.
        Assert.Contains("$14.8 billion", FirstLine(await AskAsync("If Amazon is reinvesting ~90% of OCF, is there any room left for buybacks?")));
        var hyperscalers = await AskAsync("Of the hyperscalers, which ones can actually pay for their capex out of operating cash flow?");
        Assert.Contains("about 90 %", FirstLine(hyperscalers));
        Assert.Contains("$14.8 billion", FirstLine(hyperscalers));
        Assert.False((await AskAsync("What's Microsoft's free cash flow, and does it cover its capex?")).Answered);

        // A project named is asked as it is, whatever year the other company's figure is for.
        Assert.Contains("up to 5 GW (Hyperion)", FirstLine(await AskAsync("CoreWeave's 2030 capacity target vs Meta's Hyperion power need: which is bigger in GW?")));

        // "Red flag?" asked of a thing and "how bubbly" are judgements; the debt asked about is listed.
        var debt = await AskAsync("All this debt going into AI data centres, red flag? Who is borrowing and how much?");
        Assert.StartsWith("The skeptic's reading:", FirstLine(debt));
        Assert.Contains("PIMCO and Blue Owl Capital → META: debt, $29 billion", debt.Text);
        Assert.Contains("bond investors → ORCL: debt, $18 billion", debt.Text);
        Assert.StartsWith("The skeptic's reading: bubble risk", FirstLine(await AskAsync("on a scale of 0 to 100, how bubbly is the AI trade right now?")));
    }

    [Fact]
    public async Task Impact_bets_and_reports_are_read_as_the_business_behind_them()
    {
        // How something hit a business is its news and figures, not a fall of shares nobody named.
        var agents = await AskAsync("Cloudflare, ServiceNow and DocuSign — any hard numbers on how AI agents hit them?");
        Assert.Contains("subscription renewal rate: 98 %", FirstLine(agents));
        Assert.DoesNotContain("that is a fall", agents.Text);

        // A bet that shares drop is a position against them; money moves announced are plans, not share moves.
        var wager = await AskAsync("Who is wagering that Nvidia and Palantir shares drop, and how much money is riding on it?");
        Assert.Contains("about $1 billion", FirstLine(wager));
        Assert.DoesNotContain("unsupported", wager.Text);
        Assert.Contains("$24 billion", (await AskAsync("Micron and ASML — what big money moves did they announce in January 2026?")).Text);
        Assert.StartsWith("ASML: share buyback €12 billion", FirstLine(await AskAsync("How much is the Dutch chip-printing-machine outfit spending to take its own stock off the market?")));

        // Capacity sold to a company is a contract for it; whether it can pay brings what it has signed up to pay.
        Assert.Contains("OPENAI → ORCL: compute contract, about $60 billion a year", (await AskAsync("Which company sold data-centre capacity to OpenAI, and for how much a year?")).Text);
        Assert.Contains("OPENAI → ORCL: compute contract, about $60 billion a year", (await AskAsync("Can OpenAI actually afford its compute bills?")).Text);

        // A report's market reaction, judged, brings the report's earnings; profit per share against Wall Street is EPS.
        Assert.Contains("$1.95 against a consensus of $1.97", (await AskAsync("Did the market overreact to Amazon's Q4 2025 report, or was the selloff deserved?")).Text);
        Assert.StartsWith("Amazon (AMZN): earnings per share $1.95 against a consensus of $1.97",
            FirstLine(await AskAsync("Did Amazon end up making more or less profit for each share than Wall Street's number-crunchers had pencilled in for the end of 2025?")));

        // A measure asked by name that no figure holds is said to be missing; beside revenue, both are asked.
        var operating = await AskAsync("What operating income did AWS make in Q4 2025?");
        Assert.False(operating.Answered);
        Assert.StartsWith("I have no operating income for Amazon (AMZN)", FirstLine(operating));
        var palantir = FirstLine(await AskAsync("Palantir Q3 2025: how fast did revenue and adjusted operating income grow?"));
        Assert.Contains("+63 %", palantir);
        Assert.Contains("3×", palantir);

        // Debt named in German is debt; "how many more dollars" is a gap; free cash flow after spending asks no spending.
        Assert.StartsWith("Together: $47 billion", FirstLine(await AskAsync("Wie viel Fremdkapital haben Oracle (Anleihe) und Meta (Privatkredit) zusammen aufgenommen?")));
        Assert.StartsWith("Difference: about $69 billion", FirstLine(await AskAsync("How many more dollars does Amazon plan to spend on capex in 2026 than it spent in 2025?")));
        Assert.False((await AskAsync("Is Oracle burning cash? What's its free cash flow after all the data-centre spending?")).Answered);

        // Capitalised words of a kind of money are no names; "put money into it" is money into the company named.
        Assert.StartsWith("Meta got money from PIMCO and Blue Owl Capital (debt, $29 billion", FirstLine(await AskAsync("Wie viel hat Meta über Private Credit von PIMCO und Blue Owl aufgenommen?")));
        Assert.StartsWith("OpenAI got money from", FirstLine(await AskAsync("Who is most on the hook if the OpenAI story cracks? Looking at who has put money into it and how much.")));
        Assert.Contains("bond investors → ORCL: debt, $18 billion", (await AskAsync("How is Oracle paying for its data-centre buildout?")).Text);

        // A later part keeps the first part's month; an overview of a stretch lists only the alerts about it.
        SaysNotOther(await AskAsync("Anything notable on Nvidia in October 2025? I remember a big one-day drop, how much was it and what caused it?"), "$229 billion", "$350 billion");
        // A call named with its day is an event: what came out that day, not the quarter's figures only.
        Assert.Contains("$200 billion", (await AskAsync("What came out of Amazon's Q4 earnings call on 5 February 2026?")).Text);
    }

    [Fact]
    public async Task Figures_worked_out_people_days_and_slips_are_read_as_meant()
    {
        // A figure for several years spread over them, in its own currency; a change as a percentage of the smaller figure.
        Assert.StartsWith("About $150 billion a year if spread evenly (worked out: about $600 billion over 4 years",
            FirstLine(await AskAsync("Zuckerberg expects ~$600bn of costs through 2028. Starting 2025, what's that per year on average?")));
        Assert.StartsWith("About €4 billion a year", FirstLine(await AskAsync("ASML buyback per year if spread evenly?")));
        var percent = await AskAsync("Wie viel will Amazon 2026 investieren, und um wie viel Prozent ist das mehr als die tatsächlichen Ausgaben 2025?");
        Assert.True(percent.Answered);
        Assert.Contains("(about 52.7 % (52.67 % to a hundredth) more, worked out)", FirstLine(percent));
        Assert.Contains("$56 billion (81.2 % (81.16 % to a hundredth) more, worked out)", FirstLine(await AskAsync("Meta capex: take the midpoint of the 2026 guidance range and the midpoint of the 2025 range, what's the % step-up?")));

        // Asked in dollars: a conversion the source states is the source's; without one, none is made up.
        Assert.StartsWith("About $20 billion by the source's own conversion", FirstLine(await AskAsync("ByteDance's 2025 capex in yuan, and roughly what is that in dollars?")));
        var euros = await AskAsync("Convert ASML's €12bn buyback into US dollars for me.");
        Assert.StartsWith("No dollar figure", FirstLine(euros));
        Assert.DoesNotContain("$12 billion", euros.Text);

        // What a person owns is no company's deal; who bankrolls a company is who paid into it.
        var altman = await AskAsync("How large is Sam Altman's personal stake in OpenAI?");
        Assert.False(altman.Answered);
        Assert.DoesNotContain("$13 billion", altman.Text);
        Assert.StartsWith("CoreWeave got money from", FirstLine(await AskAsync("Who has been bankrolling CoreWeave?")));
        SaysNotOther(await AskAsync("How much capital has CoreWeave pulled in from public debt and equity markets since it listed?"), "$25 billion", "$2 billion");

        // A day asked holds what became known that day; an amount asked of a kind of deal is in the deals, not headlines.
        Assert.StartsWith("On 5 February 2026: Amazon, capex guidance: $200 billion", FirstLine(await AskAsync("what changed on feb 5 2026?")));
        Assert.StartsWith("4 financing deals", FirstLine(await AskAsync("Show me the debt deals: who borrowed how much to build AI data centres?")));

        // Slips of the keyboard and German verbs split around the sentence.
        Assert.StartsWith("Meta (META): capex guidance $115 billion to $135 billion", FirstLine(await AskAsync("metta capex guidence 2026")));
        Assert.StartsWith("OpenAI (OPENAI): revenue about $13 billion", FirstLine(await AskAsync("Was nimmt OpenAI eigentlich im Jahr ein?")));
        Assert.Contains("planned capex increase over prior year: about 50 %", FirstLine(await AskAsync("amazon capex increse for 2026 in percent, per the company?")));
        Assert.StartsWith("OpenAI (OPENAI): market share ChatGPT 68 %", FirstLine(await AskAsync("chatgpt mkt share?")));
        Assert.False((await AskAsync("Hat Intel auch so viel in KI-Rechenzentren investiert?")).Answered);
        Assert.False((await AskAsync("Did Burry's Scion also short Tesla in the same filing?")).Answered);

        // A later part about "he" keeps the filing the first part named; asked by name, capex guidance is no project.
        Assert.False((await AskAsync("What did Burry's 13F for the quarter ending 31 December 2025 show? Did he add to or close the Nvidia puts?")).Answered);
        var oracle = await AskAsync("What is Oracle's capex guidance for its current fiscal year?");
        Assert.False(oracle.Answered);
        Assert.DoesNotContain("$500 billion", oracle.Text);
        Assert.StartsWith("DeepSeek (DEEPSEEK): metric model development cost: $10 million", FirstLine(await AskAsync("What did DeepSeek reportedly spend to get to R1-level performance?")));
    }

    [Fact]
    public async Task Ratios_wholes_and_shares_worked_out_and_what_a_question_leaves_aside()
    {
        // A value over revenue, a year-earlier figure backed out of growth (no more precise than its source), the whole a
        // position's share of assets implies, and shares of one market added up.
        Assert.StartsWith("About 7.7 times (7.7×; 7.69 times to a hundredth) revenue", FirstLine(await AskAsync("OpenAI price-to-sales: valuation divided by 2025 revenue?")));
        Assert.StartsWith("About $28.7 billion ($28.71 billion to a hundredth) a year earlier", FirstLine(await AskAsync("AWS did $35.6bn in Q4 2025, up 24%. Back out the Q4 2024 number for me.")));
        Assert.StartsWith("About $1.25 billion in all", FirstLine(await AskAsync("Burry's short against Nvidia and Palantir is about $1bn and supposedly ~80% of his funds' assets. So roughly how big are his funds in total?")));
        Assert.StartsWith("Together: about 88 % of AI chatbots", FirstLine(await AskAsync("ChatGPT and Gemini together — what combined share of the AI chatbot market as of January 2026?")));

        // An amount asked of a figure that is only a rate: none, and the rate said for what it is, not as another period.
        var palantir = await AskAsync("Palantir's Q3 2025 revenue in dollars, please, not the growth rate.");
        Assert.False(palantir.Answered);
        Assert.Contains("what I have of that kind for Q3 2025 is revenue +63 %", palantir.Text);
        Assert.DoesNotContain("adjusted operating income", palantir.Text);

        // Companies named to be ranked are each shown when their figures cannot be ranked; an index named is answered by
        // its own figures for the window asked; a figure needed is a figure, not a judgement.
        var ranked = await AskAsync("Rank ByteDance, Alibaba and Tencent by AI infrastructure spending.");
        Assert.StartsWith("Not ranked", FirstLine(ranked));
        Assert.Contains("CNY 150 billion", ranked.Text);
        Assert.DoesNotContain("Amazon", ranked.Text);
        var nasdaq = await AskAsync("nasdaq move in the last week of january 2026?");
        Assert.False(nasdaq.Answered);
        Assert.DoesNotContain("Micron", nasdaq.Text);
        Assert.StartsWith("Nasdaq Composite change: -3 %", FirstLine(await AskAsync("How did the Nasdaq do in the first week of November 2025?")));
        Assert.DoesNotContain("$500 billion", (await AskAsync("does all this AI spending ever pay off? how much yearly revenue would be needed by 2030 to justify it")).Text);

        // Loops name their companies first; a home town's company in the possessive; German compounds and shares.
        Assert.StartsWith("Money runs in 3 loops between CoreWeave and Nvidia", FirstLine(await AskAsync("Where is money going round in circles between the same AI companies?")));
        Assert.Contains("up to 5 GW (Hyperion)", (await AskAsync("How much power could the Menlo Park company's Hyperion site draw?")).Text);
        Assert.StartsWith("Share of global venture capital going to AI: about 33 %", FirstLine(await AskAsync("wieviel vom weltweiten Risikokapital ging 2024 in KI-Startups (Anteil)?")));
        Assert.DoesNotContain("90 %", (await AskAsync("Welchen Anteil an den Renditen des S&P 500 hatten KI-Aktien seit dem Start von ChatGPT?")).Text);
        Assert.Contains("OPENAI → ORCL: compute contract, about $60 billion a year", (await AskAsync("Which companies have the most riding on OpenAI being able to pay its bills?")).Text);
    }

    [Fact]
    public async Task What_a_question_sets_aside_stays_out_and_people_are_no_companies()
    {
        // A place, a year, a company of a group or of a fund's bets, set aside, stays out of the answer.
        SaysNotOther(await AskAsync("Amazon's data-centre campus investments other than Pennsylvania?"), "$10 billion", "$20 billion");
        SaysNotOther(await AskAsync("Meta capex guidance for 2026, not 2025's"), "$115 billion to $135 billion", "$66 billion to $72 billion");
        Assert.DoesNotContain("$52 billion", (await AskAsync("Capex of the Chinese hyperscalers other than Alibaba?")).Text);
        SaysNotOther(await AskAsync("What bets has Burry made excluding Nvidia?"), "PLTR", "$187 million");
        SaysNotOther(await AskAsync("chatbot market share for anyone but ChatGPT"), "Gemini about 20 %", "68 %");
        Assert.Contains("$25 billion", (await AskAsync("Welche Finanzierungen hat CoreWeave bekommen, abgesehen von Nvidias Beteiligung?")).Text);
        // (A company named outside the phrase is still asked: "Amazon's budget besides AWS" is Amazon's.)
        Assert.Contains("Project Kuiper", (await AskAsync("Besides AWS, what else is Amazon's 2026 capital budget paying for, and how big is the budget?")).Text);

        // A company's financing as a noun is every deal it is a party to; its own kind of figure is never a market total.
        Assert.Contains("$29 billion", FirstLine(await AskAsync("Show me Meta's financing — not the capex stuff")));
        Assert.DoesNotContain("$2 trillion", (await AskAsync("Nvidia and AMD data center revenue, latest you have")).Text);

        // What a chief executive earns, and a measure no figure holds, are said to be missing.
        var pay = await AskAsync("Was verdient Jensen Huang eigentlich im Jahr?");
        Assert.False(pay.Answered);
        Assert.DoesNotContain("$20 billion", pay.Text);
        var subscribers = await AskAsync("How many paying ChatGPT subscribers does OpenAI have?");
        Assert.False(subscribers.Answered);
        Assert.DoesNotContain("$100 billion", subscribers.Text);
        // A news line is context when an amount of spending is asked.
        Assert.False((await AskAsync("What's Baidu spending on capex?")).Answered);
        // A nickname written with capitals is a name we do not know; "Big Tech" is a group.
        var blue = await AskAsync("How much did Big Blue spend on capex in 2025?");
        Assert.False(blue.Answered);
        Assert.DoesNotContain("$131 billion", blue.Text);
        Assert.True((await AskAsync("How much did Big Tech spend on capex in 2025?")).Answered);
        SaysNotOther(await AskAsync("Nvidia data center revenue — the recent figure, not fiscal 2022"), "$20 billion", "$4 billion");
        // A company set aside with "besides" stays out; a region no figure names is not answered by the whole.
        SaysNotOther(await AskAsync("Who besides Nvidia has put money into OpenAI?"), "$13 billion", "$100 billion");
        var europe = await AskAsync("Wie viel hat Amazon 2025 tatsächlich investiert, und wie viel davon in Europa?");
        Assert.Contains("$131 billion", europe.Text);
        Assert.Contains("I have no figures for Europa on its own", europe.Text);
        Assert.DoesNotContain("$118 billion", europe.Text);
    }

    [Fact]
    public async Task Shares_averages_and_counts_worked_out_and_what_a_question_points_back_at()
    {
        // A share of a figure is taken of it; a combined figure is spread over the companies it names; counts are set
        // against each other; "minus" is a difference.
        Assert.StartsWith("About CNY 75 billion (worked out", FirstLine(await AskAsync("ByteDance says about half its 2025 capex goes abroad. How much is that in yuan?")));
        Assert.Contains("About $28 billion per company on average",
            (await AskAsync("Combined Q3 2025 AI capex of Alphabet, Amazon, Meta and Microsoft — and what's that per company on average?")).Text);
        Assert.StartsWith("About 22.5 times", FirstLine(await AskAsync("openai has how many times the headcount of deepseek?")));
        Assert.StartsWith("Difference: about $69 billion",
            FirstLine(await AskAsync("Amazon's 2026 capex plan minus what it actually spent in 2025: how many dollars is the step-up?")));

        // An index named beside a company is answered for the same window; "why" a stock moved shows what the company made
        // known that day.
        Assert.Contains("Nasdaq Composite change: -3 %", (await AskAsync("Nvidia and the Nasdaq in the week of 3-7 November 2025: how bad was it?")).Text);
        Assert.Contains("$24 billion (NAND and HBM fab, Singapore)", (await AskAsync("Why did Micron's stock move in January 2026?")).Text);

        // "As of the start of December 2025" is a day to look from, not a month asked about.
        var scion = await AskAsync("As of the start of December 2025, what share of Scion's assets was positioned against Nvidia and Palantir?");
        Assert.Contains("80 % of assets", FirstLine(scion));

        // A later part's "put in" is into the company the first part named; a home town standing for its company is it.
        var redmond = await AskAsync("How much is the GPU king pouring into the ChatGPT maker, and how much has Redmond put in?");
        Assert.Contains("$100 billion", redmond.Text);
        Assert.Contains("Microsoft put money into OpenAI (equity, more than $13 billion", redmond.Text);
        Assert.Contains("more than $13 billion", FirstLine(await AskAsync("How much has the Redmond Windows maker sunk into the ChatGPT maker?")));

        // Spending asked as "what did … spend" is an amount: a headline is no answer to it.
        Assert.False((await AskAsync("What did Tencent and Baidu each spend on capex in 2025?")).Answered);
        // Words of the skeptic's reading are no company names; "mrkt" is the market.
        Assert.Contains("bubble risk 80 of 100", FirstLine(await AskAsync("Is the bubble risk high enough to worry? Score and the worst components please")));
        Assert.Contains("68 % (from 87 %)", FirstLine(await AskAsync("chatgpt mrkt share fell from what to what?")));

        // A later part that only works out the figure before it is one question with it.
        Assert.StartsWith("About $448 billion a year at that pace", FirstLine(await AskAsync(
            "What was the combined AI capex of Alphabet, Amazon, Meta and Microsoft in the third quarter of 2025? And if you annualise that (times four), what run rate is that?")));
        Assert.Contains("About $70 billion lost per trading day",
            (await AskAsync("Nvidia's market value fell by about $350bn over five trading days in early November. What's that per trading day on average?")).Text);
        Assert.StartsWith("About $28.7 billion ($28.71 billion to a hundredth) a year earlier", FirstLine(await AskAsync("AWS grew 24 % in Q4 2025 to $35.6 billion. What does that growth rate imply AWS made in Q4 2024?")));
        var midpoints = FirstLine(await AskAsync("Add up the 2026 capex guidance of Amazon, Alphabet and Meta for me. Where they gave a range, use the midpoint."));
        Assert.StartsWith("Together: $505 billion (midpoints)", midpoints);
        Assert.Contains("midpoint $180 billion", midpoints);

        // A statement before the question sets the scene: its year and quarter are not asked when the question names its own.
        Assert.False((await AskAsync("Tencent spent $10.7bn on capex in 2024. What did it end up spending in 2025?")).Answered);
        Assert.Contains("$200 billion", FirstLine(await AskAsync(
            "I've held Amazon since 2019 and the Q4 call honestly spooked me. They're talking about a huge jump in spending. What exactly is the 2026 capex number, and how does it compare with what they actually spent in 2025?")));
        Assert.False((await AskAsync("Nvidia reported its third quarter of fiscal 2026 in November 2025. What was total revenue for that quarter?")).Answered);

        // Names we lack: a lower-case one in the possessive, the object of a fund's bet, where German money went.
        Assert.StartsWith("I don't know a company called 'samsung'", FirstLine(await AskAsync("whats samsungs capex plan for 2026")));
        Assert.DoesNotContain("$187 million", (await AskAsync("How big are Burry's Tesla puts?")).Text);
        Assert.StartsWith("I have no deal between Amazon (AMZN) and Anthropic", FirstLine(await AskAsync("Wie viel hat Amazon in Anthropic investiert?")));
        // The closest figures to a question after a statement are those the question itself names.
        Assert.DoesNotContain("75 %", (await AskAsync(
            "AI-related stocks have apparently delivered three quarters of S&P 500 returns since ChatGPT launched in late 2022. What's the equivalent share for S&P 500 capex growth?")).Text);
        // "…, but what did …" asks its own year; "anything flagged" asks for alerts; "IPO" is no company.
        Assert.False((await AskAsync("we know Alphabet's 2026 guide, but what did Google actually spend on capex in 2025?")).Answered);
        Assert.Contains("alerts; the most severe", FirstLine(await AskAsync("just opened the app after a week off lol. anything flagged critical right now?")));
        Assert.Contains("$25 billion", FirstLine(await AskAsync("How much capital has CoreWeave raised in public debt and equity markets since its 2025 IPO run-up?")));
        // What one company pays another is their deal, even when the payee is named by its chief.
        Assert.Contains("about $60 billion a year", FirstLine(await AskAsync("What does Altman's outfit pay Larry Ellison every year for data-centre capacity?")));
    }

    [Fact]
    public async Task Measures_set_against_each_other_ranges_halved_and_names_read_where_users_put_them()
    {
        // Two companies' figures of one measure that is no money: a ratio said both ways, a gap in the measure's unit.
        Assert.StartsWith("About 5.2 times (5.2×; 5.22 times to a hundredth) (worked out): Palantir P/E 313", FirstLine(await AskAsync("PLTR's P/E vs NVDA's - how many times richer is Palantir?")));
        Assert.StartsWith("Per million input tokens: DeepSeek R1 $0.55, OpenAI o1 $15 (worked out: DeepSeek R1 is $14.45 cheaper)", FirstLine(await AskAsync("How much cheaper per million input tokens is DeepSeek R1 than OpenAI o1, in dollars?")));
        // A move given as a range has a midpoint; a share and the one it came from are apart by points.
        Assert.StartsWith("The midpoint is −9 %", FirstLine(await AskAsync("Amazon's after-hours slide on 5 Feb 2026 was given as a range. What's the midpoint of that range?")));
        Assert.StartsWith("Down 19 percentage points", FirstLine(await AskAsync("By how many percentage points did ChatGPT's share of AI chatbots fall?")));
        // Worked-out amounts are no more precise than what they come from.
        Assert.StartsWith("About $17.3 billion ($17.33 billion to a hundredth) a year", FirstLine(await AskAsync("Alibaba's cloud and AI budget through fiscal 2027: about how much a year on average?")));

        // Two companies set side by side for one year: each year's own figure, not a span running through it.
        var versus = FirstLine(await AskAsync("Meta vs Alphabet 2026 capex?"));
        Assert.Contains("$115 billion to $135 billion", versus);
        Assert.DoesNotContain("$600 billion", versus);
        // "Not the early plan": what was spent, without the plan.
        Assert.DoesNotContain("$118 billion", (await AskAsync("How much did Amazon actually spend on capex in 2025 — the real number, not the early plan?")).Text);
        // Capex eating cash flow: the share and what is left.
        var eating = FirstLine(await AskAsync("Is Amazon's capex eating its cash flow? Give me the numbers, not the narrative."));
        Assert.Contains("about 90 %", eating);
        Assert.Contains("$14.8 billion", eating);
        // Alerts asked by name are alerts, whatever they are about.
        Assert.Contains("90 %", FirstLine(await AskAsync("Has any alert fired about capex eating into cash flow?")));
        // Money a fund put into puts is its position.
        Assert.Contains("$912 million", (await AskAsync("how much did micheal bury put into palantir puts")).Text);
        // A German compound naming deals asks for deals.
        Assert.Contains("$2 billion", FirstLine(await AskAsync("Welche Finanzierungsdeals rund um KI-Infrastruktur wurden im Januar 2026 bekannt?")));

        // Names we lack where users put them: opening a short question, as a lower-case ticker; a ticker in the possessive.
        Assert.Contains("'Intel'", FirstLine(await AskAsync("Intel foundry losses last year?")));
        Assert.Contains("'intc'", FirstLine(await AskAsync("intc capex 2026?")));
        Assert.StartsWith("Nvidia (NVDA): valuation P/E 60", FirstLine(await AskAsync("nvda's p/e?")));
        // A sector asked about with nothing named: what each of its companies has.
        var software = (await AskAsync("How are software companies doing?")).Text;
        Assert.Contains("DocuSign", software);
        Assert.Contains("98 %", software);
    }

    [Fact]
    public async Task Gaps_need_both_ends_and_averages_rests_and_relative_falls_are_worked_out()
    {
        // A gap with no amount for one of its years is not worked out, and the answer says which year is missing.
        var missing = await AskAsync("By how much does Microsoft's fiscal 2026 capex guidance exceed its fiscal 2025 figure?");
        Assert.False(missing.Answered);
        Assert.StartsWith("Not worked out: I have no amount for Microsoft (MSFT) for 2026", FirstLine(missing));
        // Several companies' figures per company; the rest of a share; a share's fall relative to where it started.
        Assert.StartsWith("About $168.3 billion ($168.33 billion to a hundredth) per company on average",
            FirstLine(await AskAsync("What's the average 2026 capex guidance per company across Amazon, Alphabet and Meta, taking midpoints where they give a range?")));
        Assert.StartsWith("About 10 % is left over", FirstLine(await AskAsync("what share of amazon's operating cash flow is NOT going into capex?")));
        Assert.StartsWith("Down 21.8 % (21.84 % to a hundredth) in relative terms", FirstLine(await AskAsync("Um wie viel Prozent ist der Marktanteil von ChatGPT relativ gefallen?")));
        // "add X and Y": a party to a deal added is not a third figure.
        Assert.StartsWith("Together: $26 billion", FirstLine(await AskAsync("Last week of January 2026: add Nvidia's CoreWeave stake and Micron's Singapore fab commitment.")));
        // Of a plan and what was spent, "actual" asks what was spent; "spent" said of one company does not.
        Assert.StartsWith("Difference: about $51 billion", FirstLine(await AskAsync("Microsoft planned about $80bn for fiscal 2025. How far above that was Amazon's actual 2025 capex?")));
        Assert.StartsWith("Difference: about $38 billion", FirstLine(await AskAsync("Redmond spent about $80bn in its fiscal 2025 and Amazon guided $118bn for the same period. What's the difference?")));

        // "last week" is the calendar week before the day asked; the reaction to a quarter's results follows the quarter.
        var lastWeek = await AskAsync("how much market value did nvidia lose last week", new DateOnly(2025, 11, 12));
        Assert.Contains("$350 billion", lastWeek.Text);
        Assert.DoesNotContain("$229 billion", lastWeek.Text);
        Assert.Contains("−7 % to −11 %", FirstLine(await AskAsync("how did amazon stock react to the Q4 2025 earnings?")));
        // A home town with a word of trade before the noun; a misspelt name in the possessive; a German genitive we lack.
        Assert.Contains("$52 billion", FirstLine(await AskAsync("How much does the Hangzhou cloud giant intend to invest in cloud and AI over three years?")));
        Assert.StartsWith("Amazon (AMZN): capex guidance more than $30 billion (Q1 2026)", FirstLine(await AskAsync("whats amazns capx guidence for q1 2026")));
        Assert.False((await AskAsync("Gibt es Zahlen zu Teslas KI-Investitionen?")).Answered);
        // One metric asked by its own words: its sibling of the same unit is not listed beside it.
        Assert.DoesNotContain("2.19", (await AskAsync("deepseek r1 input price per million tokens")).Text);
    }

    [Fact]
    public async Task Sums_of_the_things_named_amounts_quoted_and_the_scene_before_a_question_are_read_as_users_mean_them()
    {
        // Sums of what is named: a fund's puts, one company's spent year and planned year, deals whose both sides are named.
        Assert.StartsWith("Together: about $1.1 billion in notional value", FirstLine(await AskAsync("Combined notional of Scion's two put positions from the Q3 2025 13F?")));
        Assert.StartsWith("Together: about $331 billion", FirstLine(await AskAsync("amazon capex actually spent in 2025 plus the 2026 plan, what's the total?")));
        var equity = FirstLine(await AskAsync("Add up the equity Nvidia has committed to its own customers, OpenAI and CoreWeave."));
        Assert.StartsWith("Together: $102 billion", equity);
        Assert.DoesNotContain("MSFT", equity.Split(". ")[0]);
        Assert.StartsWith("About $1.25 billion in all", FirstLine(await AskAsync("If Burry's bet against Nvidia and Palantir is about $1bn and 80% of his fund's assets, how big is Scion overall?")));
        Assert.StartsWith("$0.02 below the consensus", FirstLine(await AskAsync("amazon Q4 EPS vs what analysts expected, how big was the miss in cents?")));
        // An amount the question quotes is the figure it means, when the words name no kind the company has.
        Assert.StartsWith("About $17.3 billion ($17.33 billion to a hundredth) a year", FirstLine(await AskAsync("Alibaba said roughly $52bn over three years for cloud and AI. what's that per year?")));
        // Kinds of deal named, and those set aside; three kinds named as a choice pick none.
        var compute = await AskAsync("Show me only the compute contracts in the dataset, not the equity or debt deals.");
        Assert.Contains("$60 billion a year", compute.Text);
        Assert.DoesNotContain("equity,", compute.Text);
        Assert.DoesNotContain("$18 billion", (await AskAsync("The OpenAI–Oracle arrangement: is that equity, debt or a compute contract?")).Text);
        // The scene before a question sets no window of its own; a company's own time words in a comparison are its own.
        var palantir = await AskAsync("Palantir had a massive run in 2025 and then slipped after Q3 earnings. What was the year-to-date gain?");
        Assert.Contains("+374 %", FirstLine(palantir));
        Assert.DoesNotContain("No:", FirstLine(palantir));
        Assert.Contains("$52 billion", FirstLine(await AskAsync("Alibaba's three-year cloud and AI budget vs Tencent's 2024 capex?")));
        var aws = (await AskAsync("AWS growth rate in Q4 2025, and Jassy's 2026 capex number?")).Text;
        Assert.Contains("+24 %", aws);
        Assert.Contains("$200 billion", aws);
        // A fiscal calendar is no call for calendar years; a pronoun opening a sentence is no company's name.
        Assert.Contains("$20 billion", FirstLine(await AskAsync("Nvidia's fiscal calendar always trips me up. You have a data-centre revenue figure for their fiscal 2025, what was it?")));
        // "FY26" is a fiscal year, not a name; a statement about another company the question does not use is left aside.
        Assert.Contains("no explicit cap", (await AskAsync("Microsoft put about $80bn into AI infrastructure in FY25. Did they give a number for FY26 or not?")).Text);
        var deepSeek = await AskAsync("OpenAI's at about $100bn. What is DeepSeek valued at?");
        Assert.False(deepSeek.Answered);
        Assert.DoesNotContain("$100 billion", deepSeek.Text);
        // An index with no move of its own, and the shares named in a reaction, are said to have none.
        Assert.False((await AskAsync("S&P 500 performance in the first week of November 2025?")).Answered);
        Assert.False((await AskAsync("How did CoreWeave stock react to Nvidia's $2bn investment?")).Answered);
    }

    [Fact]
    public async Task Rules_bars_and_parts_of_a_group_are_answered_as_asked_and_a_self_contradicting_source_gives_both_figures()
    {
        // A rule named by its id: its own alerts, not every alert about the kind it watches.
        var rule = await AskAsync("Who tripped the capex-guidance-jump rule, and by how much?");
        Assert.Contains("+52.7 %", FirstLine(rule));
        Assert.Contains("+81.2 %", rule.Text);
        Assert.DoesNotContain("90 %", rule.Text);
        var quiet = await AskAsync("Has the filer-position-change rule fired on anyone?");
        Assert.False(quiet.Answered);
        Assert.Contains("raised no alerts", FirstLine(quiet));
        // A bar a multiple is held against: those past it lead, the others are said to be the others.
        var bar = FirstLine(await AskAsync("Which names on the watchlist trade above 100x earnings?"));
        Assert.StartsWith("Above 100 times earnings: Palantir (PLTR) (P/E 313", bar);
        Assert.Contains("the others: Nvidia (NVDA) (P/E 60", bar);
        // One article giving two figures for the same move: both lead, each with its line.
        var drop = FirstLine(await AskAsync("PLTR beat on Q3 yet sold off — how big was the post-earnings drop?"));
        Assert.Contains("−10 %", drop);
        Assert.Contains("−5 %", drop);
        // A company's part of a group's total for the same days: the rest and the share worked out.
        Assert.StartsWith("The others lost about $450 billion between them", FirstLine(await AskAsync("Eight AI leaders lost roughly $800bn in the first week of November 2025. Counting Nvidia's loss as part of that, how much did the other seven lose?")));
        Assert.StartsWith("Nvidia's $350 billion is about 43.8 % (43.75 % to a hundredth) of the $800 billion", FirstLine(await AskAsync("What share of the ~$800bn the eight AI leaders lost in the first week of November 2025 was Nvidia alone?")));
        Assert.DoesNotContain("$800 billion", (await AskAsync("In the November 3-7, 2025 AI sell-off, how much market value did Nvidia by itself lose?")).Text);
        // Operating cash flow implied by free cash flow and the share capex takes; spending over cash flow as a ratio.
        Assert.StartsWith("About $148 billion of operating cash flow, of which about $133.2 billion went into capex", FirstLine(await AskAsync("If Amazon reinvests about 90% of its operating cash flow and free cash flow is $14.8bn, what does that imply its operating cash flow is?")));
        Assert.StartsWith("About 13.5 times (13.5×; 13.51 times to a hundredth)", FirstLine(await AskAsync("How many times Amazon's trailing free cash flow is its 2026 capex budget?")));
        // Last year set against a year named is the year before it, and what was spent then, not what had been planned.
        var lastYear = await AskAsync("How does Amazon's 2026 capex plan compare with last year?");
        Assert.Contains("$131 billion", lastYear.Text);
        Assert.DoesNotContain("$118 billion", lastYear.Text);
        // Money one company took in, with an investor named among those who put it in: every disclosed amount counts.
        var intake = FirstLine(await AskAsync("how much outside money has gone into coreweave in total — the capital it raised plus nvidia's stake?"));
        Assert.StartsWith("Together: $27 billion", intake);
        Assert.DoesNotContain("$2 billion", FirstLine(await AskAsync("Wie viele Milliarden hat CoreWeave über Anleihen und Aktien am Kapitalmarkt eingesammelt?")));
        // A factor of the skeptic's score named: that factor, and whose figures carry it.
        var factor = FirstLine(await AskAsync("What's behind the 'capex eating cash flow' part of the bubble risk score?"));
        Assert.StartsWith("Capex eating cash flow: 15 of 20 points", factor);
        Assert.Contains("carried by Amazon (AMZN)", factor);
        // "Since" a month runs from it to today: a deal over 2024–2025 is in it, January 2026's are not of 2025.
        var since = FirstLine(await AskAsync("How much has CoreWeave raised in public debt and equity since going public in March 2025?"));
        Assert.Contains("$25 billion", since);
        Assert.DoesNotContain("$2 billion", since);
        // Buying a seller's goods with the seller's own money is a loop; "Smells like …" opens a sentence, names no one.
        Assert.StartsWith("Money runs in 2 loops", FirstLine(await AskAsync("Which customers are buying Nvidia GPUs with money Nvidia itself put into them?")));
        Assert.Contains("NVDA → OPENAI → NVDA", FirstLine(await AskAsync("Honest take: is Nvidia writing OpenAI a cheque so OpenAI can buy Nvidia chips? Smells like round-tripping to me.")));
        // A range asked for is a guide whatever the verb; a cushion getting too thin is a judgement on the factors.
        Assert.Contains("$115 billion to $135 billion", FirstLine(await AskAsync("Welche Capex-Range hat Meta für 2026 ausgegeben?")));
        Assert.Contains("90 %", (await AskAsync("Is Amazon's free cash flow cushion getting too thin given all the capex?")).Text);
    }

    [Fact]
    public async Task Windows_levels_latest_deals_spans_and_follow_ups_are_read_as_asked()
    {
        // "Before" a month is up to it; days of a month without a year are the latest such days.
        var before = FirstLine(await AskAsync("nvda market cap hit before november 2025?"));
        Assert.Contains("$229 billion", before);
        Assert.DoesNotContain("$350 billion", before);
        var days = await AskAsync("pltr after earnings nov 3-7 how much down");
        Assert.Contains("−10 %", FirstLine(days));
        Assert.DoesNotContain("374 %", days.Text);
        // The word after each year says which of its figures is asked: the plan for one, what was spent for the other.
        Assert.StartsWith("Difference: about $69 billion", FirstLine(await AskAsync("amzn 26 plan minus 25 spend = ?")));
        // The latest of a company's deals names no amount: said so, not answered with an older deal's.
        var bond = await AskAsync("How big was CoreWeave's latest bond deal?");
        Assert.False(bond.Answered);
        Assert.StartsWith("No amount was disclosed", FirstLine(bond));
        // A level asked ("right now") is no move, whatever fall came before it.
        var level = await AskAsync("What's Nvidia's market cap right now, after the November sell-off? Just the current figure in dollars.");
        Assert.False(level.Answered);
        Assert.DoesNotContain("$350 billion", level.Text);
        // A measure asked of a deal (its coupon) is not the deal's amount quoted back.
        Assert.False((await AskAsync("What coupon is Oracle paying on that $18bn bond deal?")).Answered);
        // Each plan named by a word of its own stays; a plan asked by its own words alone is the only one.
        var split = await AskAsync("How is ByteDance's capex split between domestic AI chips and international chip purchases?");
        Assert.Contains("CNY 40 billion", split.Text);
        Assert.Contains("$6.8 billion", split.Text);
        Assert.DoesNotContain("CNY 40 billion", (await AskAsync("Wie viel Geld steckt ByteDance in ausländische Chips?")).Text);
        // A span's figure annualised beside another company's year.
        Assert.StartsWith("About $17.3 billion ($17.33 billion to a hundredth) a year if spread evenly", FirstLine(await AskAsync("Alibaba's roughly $52bn cloud and AI commitment is a three-year figure, right? Annualise it for me and put it next to Tencent's 2024 capex.")));
        // Venture capital's AI deals are the market's share, not deals one by one.
        Assert.Contains("67 %", FirstLine(await AskAsync("In the first half of 2025, how much of US VC money ended up in AI deals?")));
        // A later part: "that spending" is the first part's; a source one clause asks of stays in that clause; "forecasts
        // put it" places a figure, it is no put option.
        Assert.Contains("$1 trillion", (await AskAsync("How much went into data centres worldwide in 2024, and where is that spending supposed to be by 2030?")).Text);
        Assert.Contains("$1 trillion", (await AskAsync("Frame the data-centre spending trajectory for me: what was spent in 2024, what Dell'Oro has for 2025, and where forecasts put it by 2030.")).Text);
        // "The notional in total" after a filer's puts: the same bets, added.
        Assert.Contains("$1.1 billion", (await AskAsync("Welche Put-Optionen hält Michael Burrys Scion auf Palantir und Nvidia, und wie hoch ist das Nominalvolumen insgesamt?")).Text);
        // Alerts asked by name are alerts, whatever loops the question goes on to mention.
        var flags = await AskAsync("Which red flags has the system raised on Nvidia? I'm thinking market-cap drawdowns, bearish 13F positions and circular-financing loops.");
        Assert.DoesNotContain("Money runs in", FirstLine(flags));
        Assert.Contains("$350 billion", flags.Text);
        // A year set aside "as opposed to" the guide: the actual asked is missing, and said to be.
        Assert.False((await AskAsync("What did Alphabet actually spend on capex in full-year 2025, as opposed to the 2026 guide?")).Answered);
    }

    [Fact]
    public async Task Terse_sums_gaps_range_ends_and_market_pairs_are_worked_out_as_asked()
    {
        // Terse: the gap asked in one word at the end, years as two digits, the end of each range named beside it.
        Assert.StartsWith("Difference: about $69 billion", FirstLine(await AskAsync("AMZN FY26 capex guide vs FY25 actual, $ gap?")));
        Assert.StartsWith("Difference: $43 billion, the low end of Meta", FirstLine(await AskAsync("META FY26 capex low end vs FY25 high end, gap")));
        Assert.StartsWith("Difference: $15 billion", FirstLine(await AskAsync("AMZN 26 guide vs top end of GOOGL's 26 range — how far above?")));
        Assert.StartsWith("Together: $290 billion,", FirstLine(await AskAsync("Add up the low ends of Alphabet's and Meta's 2026 capex ranges for me.")));
        // A plus that adds; a company whose latest deal has no amount counts with its latest that has one, said so.
        Assert.StartsWith("Together: $47 billion", FirstLine(await AskAsync("META private credit + ORCL bond deal, combined $?")));
        var raises = FirstLine(await AskAsync("debt raises: CRWV, ORCL, META — total"));
        Assert.StartsWith("Together: $72 billion", raises);
        Assert.Contains("left out, with no amount", raises);
        // Two market figures set against each other: money as a gap, shares in points, a multiple of two amounts.
        Assert.StartsWith("Difference: about $50 billion", FirstLine(await AskAsync("What's the gap between global hyperscale capex and total data-centre spending in 2024?")));
        Assert.Contains("34 percentage points", FirstLine(await AskAsync("How many percentage points higher is AI's share of US venture capital than of global venture capital?")));
        Assert.StartsWith("About 3.4 times", FirstLine(await AskAsync("ChatGPT vs Gemini: how many times larger is ChatGPT's share of AI chatbots?")));
        Assert.StartsWith("About 5 times", FirstLine(await AskAsync("Um welchen Faktor ist Nvidias Data-Center-Umsatz von 2022 bis 2025 gewachsen?")));
        // What the data lacks is said to be missing, not answered with a neighbour: an index's total return, a project's
        // amount, another segment's revenue.
        Assert.False((await AskAsync("What was the S&P 500's total return for calendar 2025?")).Answered);
        var trainium = await AskAsync("What's the annual run rate of Amazon's Trainium chip business in dollars?");
        Assert.False(trainium.Answered);
        Assert.DoesNotContain("$35.6 billion", trainium.Text);
        Assert.DoesNotContain("$20 billion", FirstLine(await AskAsync("Wie viel Umsatz hat Nvidia im Gaming-Segment im Geschäftsjahr 2025 gemacht?")));
        // A later part with a year of its own asks the first part's kind: "waren es" is what was spent.
        var german = await AskAsync("Wie viel will Amazon 2026 investieren und wie viel waren es 2025?");
        Assert.Contains("$131 billion", german.Text);
        Assert.DoesNotContain("$118 billion", german.Text);
    }

    [Fact]
    public async Task Gaps_from_what_was_spent_event_costs_fund_books_and_german_forms_are_read_as_asked()
    {
        // A gap from an earlier year nothing plans is from what was spent in it; that year's plan is not listed beside.
        var gap = await AskAsync("How much more is Amazon spending in 2026 than it did in 2025, in dollars?");
        Assert.StartsWith("Difference: about $69 billion", FirstLine(gap));
        Assert.DoesNotContain("$118 billion", gap.Text);
        // A percentage of two ranges: midpoint to midpoint, said so.
        Assert.Contains("81.2 % (81.16 % to a hundredth) more midpoint to midpoint", FirstLine(await AskAsync("Um wie viel Prozent steigert Meta die Capex 2026 gegenüber dem Plan 2025?")));
        // What an event the first part named cost: the move that followed it, not another week's.
        var cost = await AskAsync("What did Nvidia say about Blackwell sales to China, and what did that cost it in market value?");
        Assert.Contains("$229 billion", cost.Text);
        Assert.DoesNotContain("$350 billion", cost.Text);
        // A fund's book at a quarter's end is its filing for that day; there is none for June 2025.
        var book = await AskAsync("What did Scion's book look like at the end of June 2025?");
        Assert.False(book.Answered);
        Assert.DoesNotContain("$187 million", book.Text);
        // German forms: a place's German ending, a trade and home town, a group counted in German, "nach den Zahlen".
        var campus = await AskAsync("Amazn Rechenzentrums-Campus in Pennsilvanien, wie viel Geld?");
        Assert.Contains("$20 billion", campus.Text);
        Assert.DoesNotContain("North Carolina", campus.Text);
        var seattle = FirstLine(await AskAsync("Wie viel will der Onlinehändler aus Seattle 2026 in Infrastruktur stecken?"));
        Assert.StartsWith("Amazon (AMZN): capex guidance $200 billion (2026)", seattle);
        Assert.Contains("$800 billion", FirstLine(await AskAsync("Wie viel Börsenwert haben die acht grössten KI-Titel in einer einzigen Woche verbrannt?")));
        var numbers = FirstLine(await AskAsync("Palantir nach den Zahlen: ich lese mal minus 5, mal minus 10 Prozent – was stimmt denn jetzt?"));
        Assert.Contains("−10 %", numbers);
        Assert.Contains("−5 %", numbers);
        Assert.Contains("4,500", (await AskAsync("Mitarbeiterzahl von DeepSeek im Vergleich zu OpenAI?")).Text);
        // "Stand …" is the day the question looks from, not a month to look in.
        Assert.Contains("$118 billion", FirstLine(await AskAsync("Stand Mitte September: wie viel plant Amazon für 2025 an Capex?", new DateOnly(2025, 9, 15))));
        // Another chip's news does not answer for the chip asked; alerts for a company not watched are none.
        Assert.False((await AskAsync("status of Nvidia's H20 export licence for China?")).Answered);
        var tesla = await AskAsync("any alerts for Tesla?");
        Assert.False(tesla.Answered);
        Assert.DoesNotContain("Nvidia", tesla.Text);
    }

    [Fact]
    public async Task A_bound_in_money_keeps_what_is_past_it_and_says_when_nothing_is()
    {
        // The quoted amount is a bound, not a figure to place; per-cent moves are not ranked with dollar losses.
        var day = await AskAsync("Which company lost more than $200 billion of market value in a single trading day?");
        Assert.StartsWith("Nvidia (NVDA) has the highest market-cap move: lost $229 billion in 1 trading day", FirstLine(day));
        Assert.DoesNotContain("The $200", day.Text);
        var none = await AskAsync("Which company lost more than $500 billion of market value?");
        Assert.StartsWith("None: no market-cap move I have is more than $500 billion", FirstLine(none));
        Assert.Contains("$350 billion", FirstLine(none));
        // A bound that counts itself ("or more") keeps a plan of exactly that much; the table keeps only what is past it.
        var plans = FirstLine(await AskAsync("Which companies guided $200bn or more of capex for 2026?"));
        Assert.StartsWith("Amazon (AMZN) leads capex for 2026: guided $200 billion.", plans);
        Assert.DoesNotContain("Alphabet", plans);
    }

    [Fact]
    public async Task A_name_not_watched_listed_with_companies_is_said_to_be_unknown_and_the_others_are_answered()
    {
        var borrowed = await AskAsync("How much have Meta, Oracle, CoreWeave and xAI borrowed for data centres?");
        Assert.True(borrowed.Answered);
        foreach (var amount in new[] { "$29 billion", "$18 billion", "$25 billion" }) Assert.Contains(amount, FirstLine(borrowed));
        Assert.Contains("xAI is not on the watchlist", borrowed.Text);
        // One company beside the name is a deal between them, which there is none of.
        var between = await AskAsync("Did Nvidia and xAI sign a deal?");
        Assert.False(between.Answered);
        Assert.StartsWith("I have no deal between Nvidia (NVDA) and xAI", FirstLine(between));
        var cash = await AskAsync("What are the free cash flows of Amazon, Alphabet and Tesla?");
        Assert.Contains("$14.8 billion", FirstLine(cash));
        Assert.Contains("Tesla is not on the watchlist", cash.Text);
    }

    [Fact]
    public async Task Calls_untimed_plans_fund_names_and_falls_after_results_are_answered_as_they_stand()
    {
        // Calls asked of a fund that disclosed only puts and a short: none, with what it did disclose as context.
        var calls = await AskAsync("Does Burry hold call options on any AI stock?");
        Assert.False(calls.Answered);
        Assert.StartsWith("Scion Asset Management disclosed no call options", FirstLine(calls));
        // A plan whose source gives no time frame is not spread over years (one year's "per year" would repeat it).
        var stargate = await AskAsync("Stargate is $500bn. How much is that per year?");
        Assert.False(stargate.Answered);
        Assert.StartsWith("No per-year figure: the source gives no time frame", FirstLine(stargate));
        // A fund named before "hold puts" that is not followed has no positions here; Scion's are not its.
        var fund = await AskAsync("Does Bridgewater hold puts on Nvidia?");
        Assert.False(fund.Answered);
        Assert.DoesNotContain("$187 million", fund.Text);
        // The fall after results the question dates, not "no, it rose" from the year-to-date gain; the valuation beside it.
        var fell = await AskAsync("Palantir beat expectations in Q3 2025, so why did the stock fall?");
        Assert.StartsWith("Palantir (PLTR)'s share-price move: more than −10 %", FirstLine(fell));
        Assert.Contains("P/E 313", fell.Text);
        // Two losses added and set against each other; what was spent against the plan a season dates.
        var losses = FirstLine(await AskAsync("Nvidia's one-week loss in early Nov 2025 and its one-day Blackwell drop — combined, and how many times larger was the weekly loss?"));
        Assert.Contains("$579 billion", losses);
        Assert.Contains("1.5 times", losses);
        var gap = FirstLine(await AskAsync("Back in summer 2025 Amazon guided $118bn of capex for 2025. What did it end up spending, and how big is the gap?"));
        Assert.Contains("$13 billion", gap);
        Assert.Contains("$131 billion", gap);
        // A change asked of guidance with no figure cannot be worked out.
        Assert.False((await AskAsync("What's Microsoft's percentage capex growth for fiscal 2026?")).Answered);
    }

    [Fact]
    public async Task Deal_bounds_passive_funding_quarterly_guides_and_worked_parts_are_answered_as_asked()
    {
        // A bound on deals keeps the deals past it, largest first, and says how many give no amount.
        var big = await AskAsync("Which financing deals in your data are bigger than $20 billion?");
        Assert.StartsWith("4 financing deals of more than $20 billion", FirstLine(big));
        Assert.DoesNotContain("$6 billion", big.Text);
        Assert.DoesNotContain("$2 billion", big.Text);
        var small = await AskAsync("list the funding deals under $10bn pls");
        Assert.Contains("$6 billion", small.Text);
        Assert.DoesNotContain("$100 billion", small.Text);
        Assert.Contains("give no dollar amount and are left out", small.Text);
        Assert.StartsWith("None: no financing deal I have is more than $500 billion", FirstLine(await AskAsync("Any deal above $500 billion?")));
        // "is funded" puts the company on the receiving end: money into it, not its chip purchases.
        var funded = await AskAsync("Give me the lowdown on how CoreWeave is funded.");
        Assert.StartsWith("CoreWeave got money from", FirstLine(funded));
        Assert.Contains("$25 billion", FirstLine(funded));
        // "per quarter" asks a quarter's guide, not the year's figure around it; four quarters of it are worked out.
        SaysNotOther(await AskAsync("What quarterly capex did Amazon guide for?"), "more than $30 billion", "$200 billion");
        Assert.StartsWith("More than $120 billion a year at that pace", FirstLine(await AskAsync(
            "Amazon guided more than $30bn of capex per quarter. Four quarters at that pace would be how much, and how does that compare with the $200bn plan for 2026?")));
        // Parts that point back: a rise of midpoints, a total beside a ratio, a German share "davon", an average and an annualised run rate.
        Assert.Contains("$56 billion", FirstLine(await AskAsync("Meta's capex guidance midpoint: what was it for 2025, what is it for 2026, and by how much did it rise?")));
        var both = FirstLine(await AskAsync("Compare what Nvidia and Microsoft have put into OpenAI: the total of both, and how many times Microsoft's stake Nvidia's commitment is."));
        Assert.Contains("$113 billion", both);
        Assert.Contains("7.7 times", both);
        Assert.StartsWith("At most 26.7 %", FirstLine(await AskAsync("Was investiert ByteDance 2025, und welcher Anteil davon geht in heimische KI-Chips?")));
        var pace = FirstLine(await AskAsync("Alphabet, Amazon, Meta and Microsoft spent $112bn on AI capex together in Q3 2025. What's that per company on average, and annualised for all four?"));
        Assert.Contains("$28 billion per company", pace);
        Assert.Contains("$448 billion a year", pace);
        // German "was plant der Konzern" is the plan, not a factory; a why with no move is answered by the news of the month.
        Assert.Contains("$200 billion", (await AskAsync("Wie viel hat Amazon 2025 tatsächlich investiert, und was plant der Konzern für 2026?")).Text);
        Assert.Contains("tariff", FirstLine(await AskAsync("Warum stand die ASML-Aktie im Januar 2026 unter Druck?")));
        // A fund's two option positions set against each other, and each one's notional per underlying share.
        Assert.StartsWith("About 4.9 times", FirstLine(await AskAsync("How big are Scion's Palantir puts compared with its Nvidia puts?")));
        var perShare = FirstLine(await AskAsync("Per underlying share, what notional do Scion's Palantir puts and Nvidia puts work out to?"));
        Assert.Contains("$182.4 per underlying share on the Palantir puts", perShare);
        Assert.Contains("$187 per underlying share on the Nvidia puts", perShare);
        // A step-up asked in dollars is the gap, midpoint to midpoint.
        Assert.Contains("$56 billion", FirstLine(await AskAsync("Meta capex step-up 2025->2026, midpoint to midpoint, in dollars?")));
        // "the whole of 2025" is not answered with one quarter.
        Assert.False((await AskAsync("What was AWS revenue for the whole of 2025?")).Answered);
    }

    [Fact]
    public async Task Unknown_openers_shared_trades_own_projects_days_looked_back_to_and_bounded_moves_are_read_as_asked()
    {
        // A name opening a short question before a year is a company we do not know, not a cue for the league table.
        var tesla = await AskAsync("Tesla 2026 capex?");
        Assert.False(tesla.Answered);
        Assert.Contains("Tesla", tesla.Text);
        // A trade two companies share: the country said picks one; with none said, the home one in English usage.
        Assert.Contains("$175 billion to $185 billion", FirstLine(await AskAsync("How much is the search giant ploughing into its build-out in 2026?")));
        Assert.Contains("Baidu", FirstLine(await AskAsync("What is the Chinese search giant spending on capex?")));
        // Money sunk into a company's own build-out is its spending, not a deal into it.
        Assert.Contains("$600 billion", FirstLine(await AskAsync("How much does Zuckerberg plan to pour into Meta's build-out through 2028?")));
        // A day looked back to, with a year not yet over, is where the question stands.
        SaysNotOther(await AskAsync("Back on 1 September 2025, what was the figure for Amazon's 2025 capex?"), "$118 billion", "$131 billion");
        // Parts that point back: "how many times that does it owe Oracle", a jump between guides, each and combined.
        SaysNotOther(await AskAsync("What's OpenAI's 2025 revenue, and how many times that does it owe Oracle each year?"), "4.6 times", "3.3 times");
        Assert.Contains("$56 billion", FirstLine(await AskAsync("What did Meta guide for 2025, what for 2026, and how big is the jump between the midpoints?")));
        Assert.Contains("$47 billion", FirstLine(await AskAsync("Meta private credit + Oracle bond issue: each and combined")));
        Assert.Contains("5.2 times", FirstLine(await AskAsync("PLTR vs NVDA P/E, and how many times richer is Palantir?")));
        var both = FirstLine(await AskAsync("Data-centre spending: $290bn in 2024 against the ~$1tn forecast for 2030. How much more, and what multiple?"));
        Assert.Contains("$710 billion", both);
        Assert.Contains("3.4 times", both);
        // German "ursprüngliche Planung" is the plan the year started with; a growth rate works a figure back a year.
        Assert.Contains("$82 billion", FirstLine(await AskAsync("Um wie viel liegt Amazons Capex-Prognose für 2026 über der ursprünglichen Planung für 2025?")));
        Assert.Contains("$28.7 billion", FirstLine(await AskAsync("With 24% growth, what was AWS revenue in Q4 2024?")));
        // A bound on moves keeps the moves past it, in money or in per cent; a label "Alert check:" asks no alerts.
        Assert.StartsWith("2 market-value moves of more than $200bn", FirstLine(await AskAsync("Which stocks lost more than $200bn of market value?")));
        var drops = await AskAsync("Alert check: any single-stock drops of 10% or more in the data?");
        Assert.Contains("Palantir", FirstLine(drops));
        Assert.DoesNotContain("more than −5 %", drops.Text);
        Assert.StartsWith("None: no share-price move I have is more than 20%", FirstLine(await AskAsync("Which stocks fell more than 20%?")));
        // A fund we do not follow holds nothing here, whatever others hold.
        var fund = await AskAsync("Welche Puts hält Bridgewater auf Nvidia?");
        Assert.False(fund.Answered);
        Assert.Contains("Bridgewater", fund.Text);
        // "Going into year-end 2025" is where the question stands: the newest guide then is the quarterly one.
        SaysNotOther(await AskAsync("Heading into year-end 2025, what was Amazon guiding for capex?", new DateOnly(2025, 12, 31)), "more than $30 billion", "$200 billion");
        // What a company "made" is its revenue; a worry said first, then a figure asked, asks the figure.
        Assert.Contains("$35.6 billion", (await AskAsync("capex guide for 2026 at amazon, and how much did aws make in q4")).Text);
        Assert.Contains("$175 billion to $185 billion", FirstLine(await AskAsync("I fear the search giant is overspending. What's its capex plan for 2026?")));
        // A year written beside the second of two figures joined is that figure's only; "TPV" is total payment volume.
        var stripe = await AskAsync("Stripe valuation and 2024 TPV");
        Assert.Contains("$100 billion", stripe.Text);
        Assert.Contains("$1.4 trillion", stripe.Text);
    }

    [Fact]
    public async Task Days_looked_from_figures_set_against_the_market_and_gaps_asked_in_passing_are_read_as_asked()
    {
        // A day the question looks from is no window its figures must fall in; "October 15, 2025" is no year 2015.
        Assert.Contains("$912 million", FirstLine(await AskAsync("Looking from 12 Nov 2025: what notional did Scion's PLTR puts have?", new DateOnly(2025, 11, 12))));
        SaysNotOther(await AskAsync("What was Meta's capex plan as of October 15, 2025?", new DateOnly(2025, 10, 15)), "$66 billion to $72 billion", "2015");
        // A market figure not yet published on the day looked from is missing, not stood in for by companies' plans.
        var early = await AskAsync("As of mid-August 2025, what was global data-centre capex for 2025 expected to be?", new DateOnly(2025, 8, 15));
        Assert.False(early.Answered);
        Assert.StartsWith("I have no market-wide figure for that known by 15 Aug 2025", FirstLine(early));
        Assert.DoesNotContain("$118 billion", early.Text);
        // Spending asked outright before it was reported: no, with the plan of then as context.
        var spent = await AskAsync("How much had Amazon actually spent on capex in 2025, as far as was known on 30 January 2026?", new DateOnly(2026, 1, 30));
        Assert.False(spent.Answered);
        Assert.Contains("no actual capex reported for 2025 as of 30 Jan 2026; guidance $118 billion", FirstLine(spent));
        // Several guides together against a market figure of another year: each year's own guide, as a multiple.
        var together = FirstLine(await AskAsync("Google + Meta 2026 capex guidance combined vs total data-centre spending in 2024 - are they already at that level?"));
        Assert.Contains("$290 billion to $320 billion", together);
        Assert.Contains("1.1 times", together);
        Assert.DoesNotContain("$600 billion", together);
        // A year gone by is set against another by what was spent in it, not what was planned.
        SaysNotOther(await AskAsync("Tencent's 2024 capex vs Amazon's 2025 capex, how many times bigger is Amazon?"), "12.2 times", "11.0 times");
        Assert.Contains("3.8 times", FirstLine(await AskAsync("Amazon's 2026 budget is how many times Alibaba's whole three-year cloud and AI plan?")));
        Assert.Contains("40.0 % of the $500 billion", FirstLine(await AskAsync("Amazon wants to spend $200bn on capex in 2026. What share of Dell'Oro's 2025 global data-centre capex would that be?")));
        // Gaps asked in passing: "and how much did it rise", "how much mor", "vs what it spent", "compare with its plan".
        Assert.Contains("$56 billion", FirstLine(await AskAsync("Meta's capex guidance midpoint: what was it for 2025, what is it for 2026, and how much did it rise?")));
        Assert.Contains("$15 billion to $25 billion", FirstLine(await AskAsync("how much mor is amazn spendng in 2026 then googel at the top of its range")));
        Assert.Contains("$69 billion", FirstLine(await AskAsync("how much more is amazn planing to spend on capex in 2026 vs what it spent in 2025, in dollars")));
        Assert.Contains("$13 billion", FirstLine(await AskAsync("How did Amazon's 2025 capex compare with its plan?")));
        // A rise worked out in per cent is shown beside the one the source states; statements split at "and has" are one.
        var rise = FirstLine(await AskAsync("by what % is amazn upping capex in 26?"));
        Assert.Contains("52.7 %", rise);
        Assert.Contains("as reported, planned capex increase over prior year: about 50 %", rise);
        Assert.StartsWith("About $148 billion of operating cash flow", FirstLine(await AskAsync("Amazon reinvests about 90% of operating cash flow and has $14.8bn of free cash flow left. What operating cash flow does that imply?")));
        // An offer to a person is pay; an option's terms are not in a 13F, and "strike" is no misspelt Stripe.
        Assert.Contains("$200 million", FirstLine(await AskAsync("How much did Meta offer the senior AI engineer it poached from Apple?")));
        var terms = await AskAsync("What strike prices and expiry dates do Scion's Palantir puts have?");
        Assert.False(terms.Answered);
        Assert.StartsWith("I have no strike price or expiry", FirstLine(terms));
        Assert.Contains("$912 million", terms.Text);
        Assert.DoesNotContain("Stripe", terms.Text);
    }

    [Fact]
    public async Task Amounts_the_question_brings_are_worked_against_the_figure_it_names()
    {
        // A quoted amount as a share of one company's figure, a range at its midpoint, said so.
        var share = FirstLine(await AskAsync("Micron's $24bn Singapore fab would be what percentage of Amazon's 2026 capex budget?"));
        Assert.StartsWith("12 % (worked out)", share);
        Assert.Contains("$200 billion", share);
        var covered = FirstLine(await AskAsync("Meta borrowed $29bn from PIMCO and Blue Owl. What share of the midpoint of Meta's 2026 capex guidance would that cover?"));
        Assert.Contains("23.2 %", covered);
        Assert.Contains("midpoint, $125 billion", covered);
        Assert.Contains("20 % (worked out)", FirstLine(await AskAsync("Welchen Anteil an Amazons Investitionsbudget für 2026 hätte ein Auftrag über 40 Milliarden Dollar?")));
        // As a multiple: years of a yearly figure, another party's stake, a company counted in the plural.
        Assert.Contains("38.5 years' worth", FirstLine(await AskAsync("Stargate is priced at $500bn. How many years of OpenAI's 2025 revenue would that eat up?")));
        SaysNotOther(await AskAsync("CoreWeave raised $25bn in public debt and equity. How many times Nvidia's equity stake is that?"), "12.5 times", "50 times");
        Assert.Contains("3.5 times", FirstLine(await AskAsync("Nvidia shed about $350bn of market value in a week. How many OpenAIs (by valuation) is that?")));
        // A supposed amount against a year that has one, where the engine had declined for want of the supposed year.
        var supposed = await AskAsync("If Microsoft spent $100bn in fiscal 2026, how much more would that be than its fiscal 2025 AI capex, in percent?");
        Assert.True(supposed.Answered);
        Assert.StartsWith("About 25 % more (worked out)", FirstLine(supposed));
        Assert.DoesNotContain("Not worked out", supposed.Text);
        Assert.StartsWith("$7 billion in all", FirstLine(await AskAsync("If Nvidia added another $5bn to its CoreWeave stake, what would its total investment in CoreWeave come to?")));
        // The quoted amount as the whole ("of that", "of Scion's roughly $1bn short"), the part named after it.
        Assert.Contains("65.5 %", FirstLine(await AskAsync("Amazon, Meta, Google and Microsoft had combined 2025 capex plans of over $200bn. How much of that does Amazon's actual 2025 capex account for, in percent?")));
        Assert.Contains("18.7 %", FirstLine(await AskAsync("What share of Scion's roughly $1bn short does the notional of its Nvidia puts make up?")));
        // Nothing to set it against: nothing worked out.
        var none = await AskAsync("Micron's $24bn fab would be what percentage of Palantir's 2026 capex budget?");
        Assert.DoesNotContain("worked out", none.Text);
        // Two figures of one company are no ratio of two companies; the money it raised is the one its source says.
        SaysNotOther(await AskAsync("OpenAI has raised how many times what DeepSeek says it cost to build its model?"), "600 times", "38.5");
        // Every range at the end named; a plan looked at from a month; a P/E in a month is of that month.
        Assert.Contains("$490 billion", FirstLine(await AskAsync("What's the lowest combined 2026 capex that Amazon, Alphabet and Meta have guided to, taking the bottom of each range?")));
        Assert.Contains("$66 billion to $72 billion", FirstLine(await AskAsync("Where did Meta's capex guidance stand in mid-October 2025?")));
        Assert.Contains("P/E 313", FirstLine(await AskAsync("Where did Palantir's P/E stand in early November 2025?")));
    }

    [Fact]
    public async Task Two_figures_named_by_their_words_are_set_against_each_other()
    {
        // A project named by its name against a company's plan; a deal against another deal named by what it pays.
        var times = FirstLine(await AskAsync("How many times bigger is Stargate than Amazon's 2026 capex budget?"));
        Assert.StartsWith("2.5 times", times);
        Assert.Contains("$500 billion", times);
        Assert.Contains("$200 billion", times);
        Assert.StartsWith("About 30 % (worked out)", FirstLine(await AskAsync("Oracle's bond sale as a share of what OpenAI pays it each year for data-centre capacity?")));
        // "which is bigger, and by what factor": the larger over the smaller, the larger said first.
        var larger = FirstLine(await AskAsync("Stargate vs Zuckerberg's AI spending through 2028: which is bigger, and by what factor?"));
        Assert.StartsWith("About 1.2 times", larger);
        Assert.True(larger.IndexOf("$600 billion", StringComparison.Ordinal) < larger.IndexOf("$500 billion", StringComparison.Ordinal));
        // "its" is the company the other side names; a range is taken at its midpoint.
        var midpoint = FirstLine(await AskAsync("How big is Meta's private credit deal with PIMCO and Blue Owl next to the midpoint of its 2026 capex guidance?"));
        Assert.Contains("23.2 %", midpoint);
        Assert.Contains("midpoint $125 billion", midpoint);
        // A project with figures in two units: the one in the other side's unit (gigawatts, not homes).
        Assert.Contains("about 2.5 % of the 200 GW", FirstLine(await AskAsync("What share of Bain's projected additional compute power demand could Meta's Hyperion alone account for?")));
        Assert.Contains("85.8 times", FirstLine(await AskAsync("Wie oft passt Metas Hyperion in die Kraftwerksleistung, die China 2024 neu ans Netz gebracht hat?")));
        // Two losses set against each other by their size; the declined first line goes.
        var losses = await AskAsync("Nvidia's one-day Blackwell/China loss as a percentage of its early-November weekly loss?");
        Assert.StartsWith("About 65.4 %", FirstLine(losses));
        Assert.DoesNotContain("I have no", losses.Text);
        // What is left, and two figures added, keep the bound of the one given as a bound.
        Assert.StartsWith("More than CNY 110 billion left", FirstLine(await AskAsync("ByteDance's 2025 capex minus its domestic AI chip budget: how much is left for everything else?")));
        Assert.StartsWith("Up to 10 GW together", FirstLine(await AskAsync("Hyperion plus CoreWeave's 2030 capacity target: how many gigawatts is that together?")));
        // Two figures and nothing else asked; a yes-or-no "more than".
        Assert.Contains("85.8 times", FirstLine(await AskAsync("China's new power capacity connected in 2024 vs the power Meta's Hyperion could need")));
        Assert.StartsWith("No, about the same", FirstLine(await AskAsync("Does Meta's Hyperion need more power than CoreWeave's entire 2030 build-out?")));
        // A gap between two named figures; a share asked after "vs", where a gap had been worked out; a topic label first.
        Assert.StartsWith("Difference: about $47 billion", FirstLine(await AskAsync("What's the annual shortfall between what OpenAI earns and what it pays Oracle for data-centre capacity?")));
        Assert.StartsWith("About 30 %", FirstLine(await AskAsync("oracel bonds vs what openai pays oracel per yr, what %")));
        Assert.Contains("2.1 times", FirstLine(await AskAsync("Power check: Bain's extra compute demand by 2030 versus the new generation capacity China hooked up in 2024.")));
        // A share below one per cent is given to a hundredth.
        Assert.Contains("0.65 %", FirstLine(await AskAsync("What fraction of the annual revenue Bain says AI needs by 2030 is OpenAI bringing in today?")));
        // A put position is not the short beside it.
        Assert.StartsWith("About 91.2 %", FirstLine(await AskAsync("What share of Burry's roughly one-billion-dollar short is the Palantir put position?")));
        // A side with no figure: nothing is worked out.
        Assert.DoesNotContain("worked out", (await AskAsync("How many times bigger is Stargate than Palantir's 2026 capex budget?")).Text);
        // "capx guidance for 26" is 2026's, and the other years' guidance is not listed beside it.
        var typed = await AskAsync("amzn capx guidance for 26??");
        Assert.Contains("$200 billion", typed.Text);
        Assert.DoesNotContain("$118 billion", typed.Text);
    }

    [Fact]
    public async Task A_quarter_kept_up_for_a_year_a_figure_spread_over_any_part_and_what_named_shares_leave_are_worked_out()
    {
        // A quarter's amount the question quotes, kept up for a year, against the figure named after it.
        var gap = FirstLine(await AskAsync("Amazon guided more than $30bn of capex per quarter. What's that per year, and how far short of its 2026 plan is it?"));
        Assert.StartsWith("About $80 billion short of it (worked out)", gap);
        Assert.Contains("$120 billion a year", gap);
        // (A floor worked out against an exact figure is a floor: more than $120 billion of $500 billion is more than 24 %.)
        Assert.StartsWith("More than 24 %", FirstLine(await AskAsync("Der Onlinehändler will pro Quartal mehr als 30 Milliarden Dollar investieren. Aufs Jahr hochgerechnet: Welchen Anteil an den weltweiten Rechenzentrumsinvestitionen 2025 wäre das?")));
        // A quarter's figure named, kept up for a year, set against a year's level: how far short.
        var reach = FirstLine(await AskAsync("Is the big four's Q3 2025 capex pace already at Bain's 2030 level of annual AI capex? How far off is it?"));
        Assert.StartsWith("No: about $52 billion short", reach);
        Assert.Contains("$448 billion a year", reach);
        // A year's figure over weeks or trading days; a market's figure; a week's loss over its trading days; a deal's yearly
        // payments a month at a time; a sum of a year's plans a quarter at a time.
        Assert.StartsWith("$800 million a trading day", FirstLine(await AskAsync("Amazon's 2026 capex per trading day, assuming 250 trading days?")));
        Assert.StartsWith("$125 billion a quarter", FirstLine(await AskAsync("Dell'Oro's 2025 global data-centre capex figure, per quarter?")));
        Assert.StartsWith("About $160 billion a trading day", FirstLine(await AskAsync("Average per trading day: how much value did the eight AI leaders lose during the early-November sell-off week?")));
        Assert.StartsWith("About $5 billion a month", FirstLine(await AskAsync("Wie viel zahlt OpenAI monatlich an Oracle für Rechenzentrumskapazität?")));
        Assert.Contains("$122.5 billion to $130 billion a quarter", FirstLine(await AskAsync("Amazon, Alphabet and Meta 2026 capex combined - what is that per quarter?")));
        // A quoted amount counted in months of a yearly figure.
        Assert.StartsWith("About 3.6 months' worth", FirstLine(await AskAsync("Oracle raised $18bn in bonds. How many months of OpenAI's Oracle payments would that cover?")));
        // What the shares named leave of their market; the rest of a share asked as "everything else".
        Assert.Contains("that leaves about 12 % for the rest", FirstLine(await AskAsync("ChatGPT and Gemini together: what share of the chatbot market is that, and what's left for all the rest?")));
        Assert.StartsWith("About 12 % of AI chatbots is left for the rest", FirstLine(await AskAsync("ChatGPT has 68% of the chatbot market and Gemini about a fifth. What is left for all the other chatbots?")));
        Assert.StartsWith("25 % (worked out): 100 % less", FirstLine(await AskAsync("If AI-related stocks delivered 75% of S&P 500 returns since ChatGPT launched, what share came from everything else?")));
        // A side naming no year is of the year the other side names.
        Assert.StartsWith("About 40", FirstLine(await AskAsync("Welchen Anteil haben Amazon, Meta, Google und Microsoft zusammen an den weltweiten Rechenzentrumsinvestitionen 2025 laut Dell'Oro?")));
        // A margin's profit on the revenue of the same year; not when the margin alone is asked.
        Assert.StartsWith("At least $14 billion of profit", FirstLine(await AskAsync("With its stated profit margin, how much does Nvidia's data-center business earn at the very least?")));
        Assert.DoesNotContain("of profit", FirstLine(await AskAsync("What's Nvidia's profit margin?")));
    }

    [Fact]
    public async Task Both_workings_asked_are_given_and_parts_heads_and_moves_one_after_another_are_worked_out()
    {
        // A sum and a gap asked together: both.
        var both = FirstLine(await AskAsync("Meta's private credit deal vs Oracle's bond raise: combined amount and difference?"));
        Assert.StartsWith("Together: $47 billion; a gap of $11 billion between them", both);
        Assert.Contains("a gap of about $38 billion", FirstLine(await AskAsync("Microsoft's FY2025 capex vs Amazon's $118bn 2025 plan: difference and sum?")));
        // A multiple asked beside the total of two shares; a share of one of the companies a total adds up.
        var shares = FirstLine(await AskAsync("ChatGPT vs Gemini market share: how many times larger is ChatGPT's, and what do the two hold together?"));
        Assert.StartsWith("Together: about 88 %", shares);
        Assert.Contains("about 3.4 times", shares);
        Assert.Contains("Amazon's $200 billion is 39.6 % of it", FirstLine(await AskAsync("Using midpoints for Alphabet and Meta, what is the combined 2026 capex of AMZN, GOOGL and META, and what share is Amazon's?")));
        // A figure over two parts asked at once; a midpoint of exact ends is exact; per calendar day.
        var parts = FirstLine(await AskAsync("OpenAI owes Oracle about $60bn a year for data-centre capacity. What is that per month and per quarter?"));
        Assert.StartsWith("About $5 billion a month", parts);
        Assert.Contains("About $15 billion a quarter", parts);
        Assert.StartsWith("$31.25 billion a quarter", FirstLine(await AskAsync("Take the midpoint of Meta's 2026 capex guidance. What does that come to per quarter?")));
        Assert.StartsWith("$493.15 million a day", FirstLine(await AskAsync("Alphabet's 2026 capex at the midpoint, per calendar day?")));
        // "In a day" is a span, not a part asked.
        Assert.DoesNotContain("if spread evenly", FirstLine(await AskAsync("How much market value did Nvidia lose in a day after the Blackwell comment?")));
        // A gap of two years' figures, a quarter at a time.
        var quarterly = FirstLine(await AskAsync("amzn capex 2026 per qaurter vs meta midpoint per qaurter, whats the diffrence"));
        Assert.Contains("$18.75 billion a quarter ($50 billion against $31.25 billion a quarter", quarterly);
        // The shares under options added up; a part of a whole its words say is combined.
        Assert.StartsWith("Together: about 6,000,000 shares", FirstLine(await AskAsync("Burry's Scion: how many shares in total sit under its Palantir and Nvidia puts?")));
        Assert.StartsWith("About 83 %", FirstLine(await AskAsync("What share of Scion's combined PLTR + NVDA put notional was on Palantir?")));
        // A deal named by its investor's words counts though a later deal of its kind came since.
        Assert.StartsWith("Together: $72 billion", FirstLine(await AskAsync("Total debt raised by Meta (private credit), Oracle (bonds) and CoreWeave (debt and equity) together?")));
        // A multiple of a range's end; a loss against an amount by its size; which is bigger and by how much.
        Assert.StartsWith("About 1.7 times", FirstLine(await AskAsync("Amazon's 2026 capex as a multiple of the low end of Meta's 2026 range?")));
        Assert.StartsWith("About 2.3 times", FirstLine(await AskAsync("The GPU giant's one-day hit from the Blackwell/China news - how many times its $100bn commitment to OpenAI is that?")));
        var bigger = FirstLine(await AskAsync("Stargate vs Meta's through-2028 spending: which is bigger and by how much?"));
        Assert.StartsWith("Gap: about $100 billion", bigger);
        Assert.Contains("Meta (META) capex guidance about $600 billion", bigger);
        // A quarter's floor kept up every quarter for a year; money poured into the company's own build-out is its capex.
        Assert.StartsWith("More than $120 billion a year", FirstLine(await AskAsync("If Amazon kept spending its guided Q4 2025 minimum every quarter for a year, what would the annual total be?")));
        Assert.Contains("$200 billion", FirstLine(await AskAsync("How much is Jassy's company planning to pour into AWS data centres, robotics and satellites in 2026?")));
        // A year named as an outlook that came out later is not asked.
        Assert.DoesNotContain("$115 billion", FirstLine(await AskAsync("What did Meta guide for capital expenditure for 2025, i.e. the range it gave before the 2026 outlook came out?")));
        // A fraction the question says of the one amount the answer gives.
        Assert.StartsWith("100 GW (worked out: half of", FirstLine(await AskAsync("Bain says additional global compute power demand could reach a certain number of gigawatts by 2030, half of it in the US. What's the global number, and how many GW would that put in the US?")));
        // Revenue per head; moves in percent one after another.
        Assert.StartsWith("About $2.9 million ($2.89 million to a hundredth) per employee", FirstLine(await AskAsync("OpenAI revenue per employee in 2025?")));
        Assert.StartsWith("Up 326.6 % in all", FirstLine(await AskAsync("Palantir was up 374 % year to date before earnings. If it then fell exactly 10 %, what is the year-to-date gain afterwards?")));
        Assert.StartsWith("Down 4 % in all", FirstLine(await AskAsync("If Nvidia stock fell 20% and then rose 20%, where does that leave it overall?")));
    }

    [Fact]
    public async Task Claims_levels_token_costs_two_quoted_amounts_and_counted_companies_are_worked_out()
    {
        // A figure brought as someone's claim is set against the data's, not placed among the data's figures.
        var claim = FirstLine(await AskAsync("My notes say Amazon's trailing free cash flow is $20bn. How far off is that?"));
        Assert.StartsWith("The $20bn in the question is $5.2 billion above the data's figure", claim);
        Assert.DoesNotContain("Pennsylvania", (await AskAsync("My notes say Amazon's trailing free cash flow is $20bn. How far off is that?")).Text);
        Assert.StartsWith("The $150bn in the question is $25 billion to $35 billion below the range", FirstLine(await AskAsync("My model has Alphabet at $150bn of 2026 capex. How far below its guidance is that?")));
        // A level the question says went from one figure to another: the change in points and relative to the start.
        var levels = FirstLine(await AskAsync("The US extra tariff on Chinese goods went from 57% to 47%. How many percentage points is that, and what is it in relative terms?"));
        Assert.StartsWith("Down 10 percentage points, or 17.5 % (17.54 % to a hundredth) in relative terms", levels);
        // Tokens priced: each model's cost and the saving.
        var tokens = FirstLine(await AskAsync("What would 10 million output tokens cost on R1 and on o1, and how much cheaper is R1?"));
        Assert.Contains("R1 $21.9", tokens);
        Assert.Contains("o1 $600", tokens);
        Assert.Contains("R1 is $578.1 cheaper", tokens);
        Assert.DoesNotContain("(worked out", FirstLine(await AskAsync("What's R1's output price per 1M tokens?")));
        // Two amounts quoted: one a share of the other, the second found among the data's figures.
        Assert.StartsWith("8 % (worked out): the $2bn in the question", FirstLine(await AskAsync("Nvidia put $2bn into CoreWeave. What percentage is that of the $25bn CoreWeave raised in public debt and equity?")));
        Assert.StartsWith("20 % (worked out)", FirstLine(await AskAsync("Stargate is a $500bn plan. What fraction of it would Nvidia's $100bn OpenAI commitment cover?")));
        Assert.StartsWith("More than 24 % (worked out): the $30bn a quarter in the question taken four times, $120 billion a year", FirstLine(await AskAsync("Amazon guided more than $30bn of capex for Q4 2025. Annualise that, then what share of Dell'Oro's ~$500bn 2025 data-centre capex would it be?")));
        // Steps that keep a quarter up for a year, then set it against another figure.
        Assert.StartsWith("71.2 % (worked out)", FirstLine(await AskAsync("Take AWS's Q4 2025 revenue, annualise it, and tell me what share of Amazon's 2026 capex guidance that would cover.")));
        // A figure of a number of companies its own words count, per company, and per company a trading day.
        var perCompany = FirstLine(await AskAsync("The eight AI leaders lost about $800bn in the first week of November 2025. How much is that per company per trading day?"));
        Assert.StartsWith("About $100 billion lost per company on average", perCompany);
        Assert.Contains("about $20 billion per company a trading day", perCompany);
        Assert.Contains("about $90 billion a trading day", FirstLine(await AskAsync("Of the ~$800bn the eight AI leaders lost that first week of November, how much did the seven that aren't Nvidia lose, and what is that per trading day?")));
        // A year split into quarters and set against a quarter's floor the question quotes.
        var quarter = FirstLine(await AskAsync("Split Amazon's 2026 capex plan into four equal quarters. How does one compare with the more than $30bn it guided for Q1 2026?"));
        Assert.StartsWith("$50 billion a quarter", quarter);
        Assert.Contains("at most $20 billion above the more than $30bn a quarter in the question", quarter);
        // A rise asked in money and in percent; a move after results named with their quarter and year; a day named as of.
        Assert.Contains("$210 billion more", FirstLine(await AskAsync("Dell'Oro's 2025 global data-centre capex against the $290bn spent on data centres in 2024: the increase in dollars and in percent?")));
        Assert.Contains("after earnings", FirstLine(await AskAsync("How did Palantir's stock react to its Q3 2025 earnings?")));
        Assert.DoesNotContain("$200 billion", FirstLine(await AskAsync("As of 10 November 2025, what capex had Amazon guided for Q1 2026?")));
        // A filing's positions "as of" a day are the filing's, not a day to look from.
        Assert.Contains("1,000,000 NVDA shares", FirstLine(await AskAsync("Scion's Nvidia puts as of 30 September 2025: how many shares?")));
        // Two market shares apart in points, asked after them in a part of its own.
        Assert.StartsWith("Difference: about 34 percentage points", FirstLine(await AskAsync("What share of venture capital went to AI worldwide in 2024, and what share in the US in H1 2025? What is the gap in percentage points between those two?")));
        // Tokens fed into a model are its input; a model set against one named by no name of ours is set against every other.
        var fed = FirstLine(await AskAsync("Feeding a million tokens into OpenAI's reasoning model costs what, versus the Chinese upstart's?"));
        Assert.Contains("R1 $0.55", fed);
        Assert.Contains("o1 $15", fed);
        // A plan over several years less the company's guidance for the years named, and what is left a year.
        var left = FirstLine(await AskAsync("Meta's ~$600bn through 2028: after the midpoints of its 2025 and 2026 guidance, how much is left for 2027 and 2028, and what is that per year?"));
        Assert.StartsWith("About $406 billion left for 2027–2028", left);
        Assert.Contains("about $203 billion a year over those 2 years", left);
        Assert.StartsWith("About $475 billion left", FirstLine(await AskAsync("If Meta's roughly $600bn through 2028 holds and 2026 lands at the midpoint of its range, how much remains for the other years?")));
        // The market's answer to a company's news, asked after it, is the company's own move in market value.
        Assert.Contains("$229 billion", (await AskAsync("Is Nvidia selling Blackwell chips in China, and what did the market make of the news?")).Text);
        // A model set against a named company's model is asked of its maker too (and the multiple is said in dollars).
        Assert.Contains("OpenAI o1's is 27.4 times (27.4×) DeepSeek R1's", FirstLine(await AskAsync("How many times more expensive is o1's output price than DeepSeek R1's?")));
    }

    [Fact]
    public async Task Model_prices_unpriced_things_counted_and_ratios_to_a_hundredth_are_answered()
    {
        // A price per million tokens asked with no count of tokens: each model's, and what the question asks between them.
        Assert.StartsWith("Per million output tokens: DeepSeek R1 $2.19, OpenAI o1 $60 (worked out: DeepSeek R1 is $57.81 cheaper)",
            FirstLine(await AskAsync("How much does a developer save per million output tokens by using DeepSeek R1 instead of o1?")));
        Assert.Contains("DeepSeek R1's is 96.3 % (96.33 % to a hundredth) lower", FirstLine(await AskAsync("By what percentage is R1's input price below o1's input price?")));
        Assert.Contains("DeepSeek R1's is 3.7 % (3.67 % to a hundredth) of OpenAI o1's", FirstLine(await AskAsync("What share of o1's input price is R1's input price?")));
        Assert.StartsWith("OpenAI o1's output price is 4 times (4×) its input price", FirstLine(await AskAsync("For OpenAI's o1, how many times the input price is the output price?")));
        // What building a model cost is no price of its use.
        Assert.DoesNotContain("Per million", FirstLine(await AskAsync("What did it cost DeepSeek to get to R1-level performance?")));
        // Counts of both kinds of token, priced together.
        var both = FirstLine(await AskAsync("One million input plus one million output tokens: what do R1 and o1 each cost, and what's the difference?"));
        Assert.Contains("DeepSeek R1 $2.74", both);
        Assert.Contains("OpenAI o1 $75", both);
        Assert.Contains("DeepSeek R1 is $72.26 cheaper", both);
        // A model, a chip or a satellite no amount prices: said plainly, not answered with a budget.
        var v3 = await AskAsync("What does DeepSeek V3 cost per million tokens through the API?");
        Assert.False(v3.Answered);
        Assert.StartsWith("I have no price for V3", v3.Text);
        var kuiper = await AskAsync("How many Project Kuiper satellites will Amazon's 2026 budget pay for?");
        Assert.False(kuiper.Answered);
        Assert.StartsWith("I have no price for one Project Kuiper satellite", kuiper.Text);
        Assert.False((await AskAsync("What does a Blackwell chip cost?")).Answered);
        // A thing the data prices, counted in an amount: a multiple, shown rounded and to a hundredth.
        Assert.StartsWith("About 8.3 times (8.3×; 8.33 times to a hundredth)", FirstLine(await AskAsync("How many Micron Singapore fabs could Amazon's 2026 capex budget pay for?")));
        Assert.StartsWith("About 11.7 times (11.7×; 11.68 times to a hundredth)", FirstLine(await AskAsync("How many of Tencent's 2024 capex budgets would fit into the midpoint of Meta's 2026 guidance?")));
        // A sentence opened by a preposition names no company; "what growth is that" asks the change in percent.
        Assert.StartsWith("Up 72.4 %", FirstLine(await AskAsync("Dell'Oro puts 2025 data-centre capex at $500bn. Against the $290bn spent in 2024, what growth is that?")));
        // What was not the company's share of a group's loss is the others'.
        Assert.StartsWith("The others lost about $450 billion between them", FirstLine(await AskAsync("The eight AI leaders lost how much in the first week of November 2025, and how much of that was not Nvidia?")));
        // A share, and what the part leaves of the whole, keeping the whole's bound.
        Assert.StartsWith("At most 26.7 % (26.67 % to a hundredth); more than CNY 110 billion left", FirstLine(await AskAsync("What share of ByteDance's 150bn-yuan 2025 budget goes to domestic AI chips, and how much is left after that?")));
        // A share of two named figures, a range's midpoint among them, and what the part leaves: every figure traced.
        var meta = await AskAsync("What share of Amazon's 2026 capex guidance would Meta's 2026 capex guidance be, and how much would be left?");
        Assert.StartsWith("About 62.5 % (worked out)", FirstLine(meta));
        Assert.Contains("$65 billion to $85 billion left", FirstLine(meta));
        Assert.DoesNotContain(meta.Flags ?? [], f => f.StartsWith("unsupported-figure", StringComparison.Ordinal));
        // What happened to the shares after news is their move; a bare "the ratio" after two companies' figures is theirs.
        Assert.Contains("−7 % to −11 %", FirstLine(await AskAsync("What happened to Amazon shares after the 5 February 2026 capex guidance?")));
        Assert.StartsWith("About 22.5 times", FirstLine(await AskAsync("How many employees does DeepSeek have compared with OpenAI, and what's the ratio?")));
        // A multiple below one, asked of a quoted amount, is the larger over the smaller, said so.
        Assert.StartsWith("13.5 times (13.5×; 13.51 times to a hundredth) (worked out): Amazon (AMZN) capex guidance $200 billion (2026) against the $14.8bn in the question",
            FirstLine(await AskAsync("Amazon's free cash flow is down to $14.8bn. How many times over would the 2026 capex budget swallow that?")));
        // Dollars of one figure per dollar of another are a multiple.
        Assert.StartsWith("About 4 times (4×)", FirstLine(await AskAsync("Bain says AI needs about $2tn of annual revenue by 2030 and sees annual capex of about $500bn. How many dollars of revenue per dollar of capex is that?")));
    }

    [Fact]
    public async Task Worked_figures_show_their_hundredth_and_stated_conversions_years_and_quarters_are_taken_as_asked()
    {
        // A per cent or an amount worked from approximate figures: rounded as they allow, and to a hundredth beside it,
        // every figure traced by the figure check.
        var perYear = await AskAsync("Alibaba's roughly $52bn cloud and AI budget runs over three years. What is that per year on average?");
        Assert.StartsWith("About $17.3 billion ($17.33 billion to a hundredth) a year", FirstLine(perYear));
        Assert.DoesNotContain(perYear.Flags ?? [], f => f.StartsWith("unsupported-figure", StringComparison.Ordinal));
        Assert.StartsWith("About $28.7 billion ($28.71 billion to a hundredth) a year earlier", FirstLine(await AskAsync("Back out AWS revenue for Q4 2024 from the Q4 2025 figure and its 24% growth.")));
        var rise = await AskAsync("Dell'Oro puts 2025 data-centre capex at $500bn. Against the $290bn spent in 2024, what growth is that, in $ and %?");
        Assert.StartsWith("Up 72.4 % (72.41 % to a hundredth), $210 billion more", FirstLine(rise));
        Assert.DoesNotContain(rise.Flags ?? [], f => f.StartsWith("unsupported-figure", StringComparison.Ordinal));
        // A conversion the source states is taken when the question asks for it, and said so; otherwise it is named, not used.
        var converted = FirstLine(await AskAsync("ByteDance's international chip purchases as a share of its 2025 capex, using the ~$20bn conversion?"));
        Assert.StartsWith("About 34.0 %", converted);
        Assert.Contains("taken as about $20 billion, the source's own conversion", converted);
        var apart = FirstLine(await AskAsync("ByteDance's 2025 budget vs Tencent's 2024 capex - how much more?"));
        Assert.StartsWith("Not set against each other", apart);
        Assert.Contains("at about $20 billion", apart);
        // A plan over years asked per year, set against another company's year; a quarter's run rate, then a multiple of it.
        Assert.Contains("; about $6.6 billion ($6.63 billion to a hundredth) more than Tencent capex (actual) $10.7 billion (2024)",
            FirstLine(await AskAsync("Alibaba's per-year AI/cloud spend vs Tencent's 2024 capex - difference?")));
        Assert.StartsWith("About 8.7 % (worked out): Alibaba (BABA) capex guidance about $52 billion (fiscal 2025–2027 (ending March 2027)), $17.33 billion a year over its 3 years out of Amazon",
            FirstLine(await AskAsync("Alibaba's per-year spend as a share of Amazon's 2026 capex?")));
        Assert.StartsWith("1.4 times (1.4×) (worked out): Amazon (AMZN) capex guidance $200 billion (2026) against Amazon (AMZN) revenue AWS",
            FirstLine(await AskAsync("What's AWS's annualised run rate based on Q4 2025, and how many times that is Amazon's 2026 capex?")));
        // Two years set against each other a quarter at a time are the years' figures, not the quarters' guidance.
        Assert.Contains("($17.25 billion to a hundredth) a quarter", FirstLine(await AskAsync("How much more per quarter will Amazon spend on capex in 2026 than it did in 2025?")));
        // Two quarters' guidance "flagged" is added up, not an alert; a range's width and midpoint; an end named of each range.
        Assert.StartsWith("Together: more than $60 billion", FirstLine(await AskAsync("What's the combined capex Amazon flagged for Q4 2025 and Q1 2026?")));
        Assert.Contains("its midpoint $180 billion", FirstLine(await AskAsync("What's the midpoint of Alphabet's FY2026 capex guide, and how wide is the range?")));
        Assert.Contains("87.5 % more", FirstLine(await AskAsync("By what per cent does the top of Meta's 2026 capex range exceed the top of its 2025 range?")));
        // Implied churn and an earnings yield are worked out; a revenue forecast the data does not hold is said to be missing.
        Assert.StartsWith("2 % implied churn", FirstLine(await AskAsync("servicenow renewl rate and implied churn?")));
        Assert.StartsWith("Earnings yield (worked out): Palantir 0.32 %", FirstLine(await AskAsync("Palantir trades at 313 times earnings. What earnings yield does that imply?")));
        var guide = await AskAsync("What revenue did Nvidia guide for its next quarter?");
        Assert.False(guide.Answered);
        Assert.StartsWith("I have no revenue guidance for Nvidia", guide.Text);
        // "Did it put a number on it?" of guidance with no cap is answered: no.
        var cap = await AskAsync("Did Microsoft put a number on its 2026 capex?");
        Assert.True(cap.Answered);
        Assert.StartsWith("No: the guidance I have names no figure (uncapped)", FirstLine(cap));
        // The gap between two token prices is said in dollars.
        Assert.Contains("DeepSeek R1 is $14.45 cheaper", FirstLine(await AskAsync("DeepSeek R1 vs OpenAI o1 input price per 1M tokens - what's the gap?")));
    }

    [Fact]
    public async Task Ranges_rises_conversions_expectations_and_paces_are_worked_as_asked()
    {
        // A company's range, no other figure named, is its guidance; a rise however worded is the gap, end to named end.
        Assert.StartsWith("Difference: $63 billion, the top end of Meta capex guidance",
            FirstLine(await AskAsync("If Meta lands at the top of its 2026 range, how much more is that than the top of its 2025 range?")));
        Assert.StartsWith("Difference between the midpoints: $56 billion", FirstLine(await AskAsync("By how much did the midpoint of Meta's capex guidance go up from 2025 to 2026?")));
        Assert.StartsWith("Difference: $43 billion, the low end", FirstLine(await AskAsync("Minimum capex increase for Meta: 2026 low end vs 2025 high end?")));
        // A ticker capitalised at the start of a sentence is the ticker.
        Assert.StartsWith("Difference: $65 billion", FirstLine(await AskAsync("Amzn 2026 capex vs the high end of Meta's 2026 range - difference?")));
        // A plan over years taken a year at a time, against another year's range at its midpoint.
        Assert.Contains("about $25 billion more than the midpoint $125 billion of Meta capex guidance",
            FirstLine(await AskAsync("How does Meta's 2026 capex guidance midpoint compare with the yearly average implied by its ~$600bn of costs through 2028 (2025-2028)?")));
        Assert.StartsWith("About $150 billion a year", FirstLine(await AskAsync("Meta's ~$600bn spend through 2028 - roughly how much a year is that?")));
        // A range's midpoint spread when the midpoint is asked.
        Assert.StartsWith("$45 billion a quarter", FirstLine(await AskAsync("how wide is googles capex range for 2026, and whats the midpoint per quarter")));
        // The source's own conversion, of the figure asked; another amount in that currency at the rate it implies only
        // when that is asked, and never the converted figure's dollars for it.
        Assert.StartsWith("About $20 billion by the source's own conversion of ByteDance capex guidance",
            FirstLine(await AskAsync("Wie hoch sind ByteDances Investitionsausgaben für 2025 in Yuan, und wie viel ist das laut Artikel umgerechnet in US-Dollar?")));
        Assert.StartsWith("About $5.3 billion ($5.33 billion to a hundredth) at the rate the source's own conversion implies",
            FirstLine(await AskAsync("Using the article's yuan-to-dollar conversion for ByteDance's capex, what are the 40bn yuan for domestic AI chips worth in dollars?")));
        Assert.DoesNotContain("$20 billion", FirstLine(await AskAsync("What are ByteDance's 40bn yuan for domestic AI chips worth in dollars?")));
        Assert.StartsWith("About 6.6 times", FirstLine(await AskAsync("How many times bigger was Amazon's 2025 capex than ByteDance's 2025 capex in dollar terms?")));
        // A reading against the forecast its source states; a year's growth in money; a margin's profit asked "what profit".
        var miss = await AskAsync("Michigan consumer sentiment in November 2025 missed forecasts by how many points?");
        Assert.StartsWith("50.3 points, 2.9 points below the 53.2 points expected", FirstLine(miss));
        Assert.StartsWith("About $6.9 billion ($6.89 billion to a hundredth) added year on year", FirstLine(await AskAsync("How many dollars did AWS add year on year in Q4 2025?")));
        Assert.StartsWith("At least $14 billion of profit",
            FirstLine(await AskAsync("With a profit margin above 70 % on $20bn of data-centre revenue in 2025, what profit does Nvidia make on that business at least?")));
        // An amount quoted to be spread picks the figure it restates; a loss per company and per day, each as asked.
        var payments = await AskAsync("OpenAI's ~$60bn a year to Oracle - how much is that per month and per quarter?");
        Assert.StartsWith("About $5 billion a month", FirstLine(payments));
        Assert.Contains("About $15 billion a quarter", FirstLine(payments));
        Assert.Contains("about $160 billion lost a trading day for all 8 together",
            FirstLine(await AskAsync("Eight AI leaders lost about $800bn in a week - what's that per trading day and per company on average?")));
        Assert.DoesNotContain("for all 8 together", FirstLine(await AskAsync("Eight AI leaders lost about $800bn in a week - what's that per company per trading day?")));
        // A multiple of two token prices is said in dollars.
        Assert.StartsWith("Per million input tokens: DeepSeek R1 $0.55, OpenAI o1 $15",
            FirstLine(await AskAsync("DeepSeek R1 vs OpenAI o1 input price per million tokens - how many times cheaper is R1?")));
    }

    [Fact]
    public async Task What_a_figure_s_own_note_says_is_worked_out_and_a_sector_not_held_is_said_to_be_missing()
    {
        // A fraction the note gives of a place the question asks about; a multiple the note gives, worked back to the other
        // figure with its bound, only when the asking sentence is about that other figure.
        Assert.StartsWith("100 GW (worked out: half of additional global compute power demand (Bain)",
            FirstLine(await AskAsync("Bain: how much extra compute power by 2030, and how much of it in the US?")));
        Assert.StartsWith("Less than 28.6 GW for the US addition (worked out: 429 GW is more than 15 times the US addition",
            FirstLine(await AskAsync("China connected 429 GW of new power capacity in 2024, more than 15 times the US addition. At most how much did the US add?")));
        Assert.DoesNotContain("28.6", (await AskAsync("China connected a huge amount of new power-generation capacity in 2024, reportedly more than 15 times what the US added. How many gigawatts was it?")).Text);
        // Capacity over years, a year at a time.
        Assert.StartsWith("1 GW a year if spread evenly (worked out: 5 GW over 5 years", FirstLine(await AskAsync("CoreWeave wants 5 GW by 2030. How many gigawatts a year is that?")));
        // The market's figures about AI do not answer a question about another sector.
        var clean = await AskAsync("What share of global venture capital went into clean energy in 2024?");
        Assert.False(clean.Answered);
        Assert.StartsWith("I have no figure on clean energy", clean.Text);
        Assert.True((await AskAsync("What share of global venture capital went to AI in 2024?")).Answered);
    }

    [Fact]
    public async Task Stated_percentages_changes_since_a_year_and_what_is_left_of_a_plan_are_answered_as_asked()
    {
        // A percentage the company states of the kind asked answers "by what percentage", ahead of the amounts.
        var raising = await AskAsync("By what percentage is Amazon raising capex in 2026?");
        Assert.True(raising.Answered);
        Assert.StartsWith("Amazon (AMZN): planned capex increase over prior year: about 50 % (2026), as stated", FirstLine(raising));
        // A rise between two years named, without "by", is their gap; a fall asked of one figure is not.
        Assert.StartsWith("Difference between the midpoints: $56 billion", FirstLine(await AskAsync("How much did the midpoint of Meta's capex guidance rise from 2025 to 2026?")));
        Assert.DoesNotContain("Difference", FirstLine(await AskAsync("How much did Nvidia's market cap fall?")));
        // A loss of so many days is a move, whatever word names it; the one-day and five-day losses add up.
        Assert.StartsWith("Lost together: about $579 billion", FirstLine(await AskAsync("Add Nvidia's one-day Blackwell loss to its five-day November loss - what's the total?")));
        // A change since a year is not answered by a later, shorter window; since the start of a year is its year to date.
        var since = await AskAsync("How much has the Nasdaq gained since 2020?");
        Assert.False(since.Answered);
        Assert.StartsWith("I have no change since 2020", since.Text);
        Assert.Contains("+374 %", FirstLine(await AskAsync("How much has Palantir gained since the start of 2025?")));
        // What is left of a plan over years is its later years: every guided year up to the last one named is taken out.
        Assert.StartsWith("About $393 billion to $419 billion left for 2027–2028", FirstLine(await AskAsync("After Meta's 2025 and 2026 capex guidance, how much of Zuckerberg's roughly $600bn through 2028 is still to come?")));
        Assert.StartsWith("About $528 billion to $534 billion left for 2026–2028", FirstLine(await AskAsync("How much of Meta's $600bn is left after 2025?")));
        // Money a company commits to another is its deal with it; "that" set against a third company's figure is one question.
        Assert.StartsWith("Difference: about $87 billion", FirstLine(await AskAsync("How much is Nvidia committing to OpenAI, and how much bigger is that than Microsoft's investment?")));
        // A total of a filer's puts; a share of that total is not the total.
        Assert.StartsWith("Together: about $1.1 billion", FirstLine(await AskAsync("micheal burry total put notional on palantir + nvidia?")));
        Assert.StartsWith("About 83.0 %", FirstLine(await AskAsync("what % of Scion's total put notional is Palantir")));
        // "How much cheaper" is said both in dollars and as a multiple.
        var cheaper = FirstLine(await AskAsync("How much cheaper is DeepSeek R1 than OpenAI o1 on input tokens?"));
        Assert.Contains("$14.45 cheaper", cheaper);
        Assert.Contains("27.3 times", cheaper);
        // A strain on the cash shows what is left; an amount quoted as a plan is the plan.
        Assert.Contains("$14.8 billion", FirstLine(await AskAsync("Is Amazon's capex binge squeezing its cash flow?")));
        var plan = FirstLine(await AskAsync("Ist Amazons 200-Milliarden-Plan angesichts des freien Cashflows noch vernünftig?"));
        Assert.Contains("$200 billion", plan);
        Assert.Contains("$14.8 billion", plan);
        // The end of a guidance named for both years is taken of each.
        Assert.StartsWith("Difference: $49 billion", FirstLine(await AskAsync("Bear case: take the low end of Meta's guidance for both 2025 and 2026. How big is the increase?")));
    }

    [Fact]
    public async Task What_is_not_held_is_said_and_what_is_asked_of_each_company_or_a_supposition_is_worked_out()
    {
        // A deal's term and its amount in dollars when none was given are said to be missing, not answered by what is beside
        // them.
        var term = await AskAsync("How many years does OpenAI's data-centre contract with Oracle run?");
        Assert.False(term.Answered);
        Assert.StartsWith("I have no term for that deal", term.Text);
        Assert.True((await AskAsync("How much does OpenAI pay Oracle a year?")).Answered);
        var amount = await AskAsync("how much is coreweave actually paying nvidia for all those GPUs? exact $ number pls");
        Assert.False(amount.Answered);
        Assert.StartsWith("I have no amount for that deal", amount.Text);
        Assert.False((await AskAsync("What's the power capacity of Stargate in gigawatts?")).Answered);
        Assert.False((await AskAsync("What's the percentage drop in Nvidia's market cap from the $229bn Blackwell sell-off?")).Answered);
        Assert.StartsWith("I have no cash on the balance sheet for Microsoft (MSFT)", FirstLine(await AskAsync("How much cash does Microsoft have on its balance sheet right now?")));
        // The midpoint and the width of each company's range; a gap a quarter at a time.
        var each = FirstLine(await AskAsync("What are Alphabet's and Meta's 2026 capex guidance ranges, and what's the midpoint of each?"));
        Assert.StartsWith("Midpoints (worked out): Alphabet: midpoint $180 billion", each);
        Assert.Contains("Meta: midpoint $125 billion", each);
        Assert.Contains("Meta: $20 billion wide", FirstLine(await AskAsync("And how wide are the 2026 guidance ranges, low end to high end, for Meta and for Alphabet?")));
        Assert.Contains("$3.75 billion to $6.25 billion a quarter", FirstLine(await AskAsync("What is the quarterly gap between Amazon's and Alphabet's 2026 capex plans?")));
        // What a company planned is its plan, not what it spent; money a company "did invest" in another goes that way.
        Assert.StartsWith("Difference: about $38 billion", FirstLine(await AskAsync("For 2025, how much more did Amazon plan to spend than Microsoft?")));
        Assert.Contains("NVDA → CRWV: equity, $2 billion", FirstLine(await AskAsync("How much did Nvidia invest in CoreWeave?")));
        Assert.Contains("NVDA → CRWV: equity, $2 billion", (await AskAsync("Did CoreWeave invest in Nvidia or was it the other way round?")).Text);
        // A supposition opening the question is worked from; so is the year before a quarter, named after "imply".
        Assert.StartsWith("About $148 billion of operating cash flow", FirstLine(await AskAsync("If AMZN's capex eats ~90% of OCF and FCF is what's left, what OCF does that imply?")));
        Assert.StartsWith("About $28.7 billion", FirstLine(await AskAsync("What was AWS revenue in Q4 2025 and how fast did it grow? And what does that imply for Q4 2024?")));
        Assert.StartsWith("About $10 billion: half of about $20 billion", FirstLine(await AskAsync("About half of ByteDance's 2025 capex goes abroad for data centres and networking. Roughly how many dollars is that, using the article's own conversion?")));
        Assert.StartsWith("About 600 times", FirstLine(await AskAsync("What did DeepSeek's model development reportedly cost, and how many times that has OpenAI raised in capital according to the article?")));
        // A move after a quarter's report is not in that quarter; holdings at the end of a month are the filing's.
        Assert.Contains("−7 % to −11 %", FirstLine(await AskAsync("How did AMZN trade after hours following the Q4 2025 call?")));
        Assert.Contains("$912 million", (await AskAsync("As of the end of September 2025, which put positions did Scion Asset Management hold?")).Text);
        Assert.Contains("Meta (META): capacity plan up to 5 GW (Hyperion)", FirstLine(await AskAsync("CoreWeave wants 5 GW by 2030. How does that compare with Meta's Hyperion?")));
        Assert.StartsWith("Difference between the midpoints: $55 billion", FirstLine(await AskAsync("Was plant Alphabet für 2026 an Investitionen, und wie viel mehr ist das im Mittel als bei Meta?")));
    }

    [Fact]
    public async Task A_comparison_with_nothing_to_compare_is_not_made_and_a_follow_up_works_out_what_it_asks()
    {
        // Two companies set against each other when nothing is held of the first, or one guided no figure, cannot be
        // compared; nor can a yes or no between two companies be said when one has no figure of the kind, though what
        // the other has is still shown.
        var apple = await AskAsync("How does Apple's 2026 capex compare with Amazon's?");
        Assert.False(apple.Answered);
        Assert.StartsWith("I have no capex for Apple (AAPL)", apple.Text);
        Assert.False((await AskAsync("What was Tesla's AI capex in 2025, and how does it compare with Meta's?")).Answered);
        var oneSided = await AskAsync("Does Nvidia throw off more free cash flow than Amazon?");
        Assert.False(oneSided.Answered);
        Assert.StartsWith("I have no free cash flow for Nvidia (NVDA)", oneSided.Text);
        Assert.Contains("$14.8 billion", oneSided.Text);
        var uncapped = await AskAsync("How far apart are Microsoft's and Amazon's capex budgets for 2026, in dollars?");
        Assert.False(uncapped.Answered);
        Assert.StartsWith("No gap can be worked out: Microsoft's guidance names no figure", uncapped.Text);
        // A follow-up that works out the figure before it: two ranges' widths, a change a year, a gap between two figures
        // wherever the question splits, a miss, a sum "totalled up", the parts of a plan against the whole it quotes.
        Assert.StartsWith("Meta's range is $10 billion wider (worked out): $20 billion wide", FirstLine(await AskAsync("Meta's capex range for 2026 — and how much wider is that range than Google's?")));
        Assert.Contains("$5.33 billion a year on average over the 3 years", FirstLine(await AskAsync("On average, how much data-centre revenue did Nvidia add per year between 2022 and 2025?")));
        Assert.StartsWith("Difference: about $47 billion", FirstLine(await AskAsync("opnai reveneu 2025 and how big is the hole vs what they pay oracle yearly?")));
        Assert.StartsWith("$0.02 below the consensus", FirstLine(await AskAsync("Gewinn je Aktie bei Amazon im Schlussquartal 2025 im Vergleich zur Konsensschätzung — und wie groß war die Verfehlung?")));
        Assert.StartsWith("Together: $72 billion", FirstLine(await AskAsync("Meta's private credit, Oracle's bond deal and CoreWeave's capital raise — total them up.")));
        Assert.Contains("25.42 %", (await AskAsync("Amazon's Pennsylvania and North Carolina campuses: combined cost, and what share of the $118bn 2025 plan is that?")).Text);
        Assert.StartsWith("The midpoint is $69 billion", FirstLine(await AskAsync("whats metas capex guidnace for 2025 and the mid point")));
        Assert.StartsWith("About $28.7 billion", FirstLine(await AskAsync("AWS revenue in Q4 2025 and its growth; what does that imply for the year-earlier quarter?")));
        Assert.StartsWith("About $8 billion a year", FirstLine(await AskAsync("Wie viel steckt Micron in die neue Speicherchipfabrik in Singapur, und wie viel wäre das im Schnitt pro Geschäftsjahr?")));
        // A share of spending the data holds, times the spending; not when a plan of its own is asked.
        Assert.StartsWith("About CNY 75 billion spent abroad", FirstLine(await AskAsync("ByteDance capex 2025 — and how much of it was spent outside China, in yuan?")));
        Assert.DoesNotContain("CNY 75 billion", (await AskAsync("How much did ByteDance set aside for buying chips abroad, mostly Nvidia parts?")).Text);
        // Quarters asked are asked, whatever month the statement before them was made in; companies that raised money, by name.
        Assert.StartsWith("Together: more than $60 billion", FirstLine(await AskAsync("In November 2025 Amazon said it would spend more than $30bn in each of the next two quarters. What's the minimum for Q4 2025 and Q1 2026 combined?")));
        Assert.Contains("to CoreWeave $25 billion, Meta $29 billion, Oracle $18 billion", FirstLine(await AskAsync("Which AI companies raised money (actual funding, not raised guidance) through debt in 2025, and how much each?")));
        // A month without a year is the latest one that has something.
        Assert.StartsWith("In November 2025:", FirstLine(await AskAsync("Um wie viel Prozent gab der Nasdaq Composite in dieser Ausverkaufswoche Anfang November nach?")));
    }

    [Fact]
    public async Task A_level_a_width_a_growth_gap_and_a_group_are_read_as_asked()
    {
        // The level an index rose or fell to is its reading, not the shares that moved that month.
        Assert.StartsWith("University of Michigan consumer sentiment index: 50.3 points", FirstLine(await AskAsync("Auf welchen Wert fiel der Verbraucherstimmungsindex der Universität Michigan im November 2025?")));
        // A range's width against its own midpoint, not against another of the company's figures.
        Assert.StartsWith("16.0 % of its midpoint (worked out)", FirstLine(await AskAsync("How wide is Meta's 2026 capex range as a percentage of its midpoint?")));
        // Two growth rates apart in points; a comparison then "by how much" against the end of a range it names.
        Assert.StartsWith("Difference: 39 percentage points", FirstLine(await AskAsync("How many points faster did Palantir's revenue grow than AWS?")));
        Assert.StartsWith("Yes. Difference: $15 billion,", FirstLine(await AskAsync("is amazons 2026 guide above alphabets top end? by how much")));
        Assert.StartsWith("Difference: $16 billion", FirstLine(await AskAsync("nvidia data center rev fiscal 2022 vs fiscal 2025, and the increase")));
        // A plus inside brackets names what is added; it does not start a second question.
        Assert.StartsWith("Lost together: about $579 billion", FirstLine(await AskAsync("Nvidia's two big market-value hits this autumn (Blackwell/China day + the November week) - how much combined?")));
        // What a blow cost the company the first part found is its loss of market value.
        Assert.Contains("lost $229 billion in 1 trading day", (await AskAsync("who's most exposed to China chip export curbs and what did it cost them")).Text);
        // Where someone used to work describes them; metrics ranked are those the words name; two listed, then summed.
        Assert.StartsWith("Meta (META) has the highest metric: signing bonus", FirstLine(await AskAsync("biggest signing bonus on offer")));
        Assert.StartsWith("About $300 million together", FirstLine(await AskAsync("Meta pay package for the ex-Apple AI engineer, and the biggest signing bonus on offer; together?")));
        // "The big four" is the four US spenders, whose combined plans the market figure adds up; not the league table's leader.
        // (More than $200 billion of an exact $500 billion is more than 40 %.)
        var bigFour = FirstLine(await AskAsync("What share of Dell'Oro's 2025 global data-centre capex do the big four's 2025 capex plans make up at least?"));
        Assert.StartsWith("More than 40 %", bigFour);
        Assert.DoesNotContain("26.2 %", bigFour);
        // A company named at the start with a capital is still a name we do not know; a German verb there is not.
        Assert.False((await AskAsync("Broadcom AI semiconductor revenue last quarter")).Answered);
        Assert.True((await AskAsync("Gibt es Exportbeschränkungen für US-KI-Chips nach China?")).Answered);
        // A label before a ranking question is its theme; the ranking is asked.
        Assert.StartsWith("Palantir (PLTR) has the highest valuation: P/E 313", FirstLine(await AskAsync("KI-Blase? Welche Aktie im Datensatz hat die höchste Bewertung nach KGV?")));
        // German: a share of a quoted budget by both campuses; a plan a fiscal year at a time; the whole of several plans.
        Assert.StartsWith("25.4 %", FirstLine(await AskAsync("Welchen Anteil am 118-Milliarden-Budget von Amazon für 2025 machen die beiden Rechenzentrums-Campus in Pennsylvania und North Carolina aus?")));
        Assert.StartsWith("About $17.3 billion", FirstLine(await AskAsync("Alibabas Dreijahresplan für Cloud und KI – wie viel ist das pro Geschäftsjahr?")));
        Assert.StartsWith("Together: $505 billion (midpoints)", FirstLine(await AskAsync("Gesamte Capex-Pläne 2026 von Amazon, Alphabet und Meta, gerechnet mit den Mittelwerten der Spannen?")));
        // A year said only of the market's figure is not the company's.
        Assert.StartsWith("Meta's up to 5 GW is about 2.5 % of the 200 GW", FirstLine(await AskAsync("Meta's Hyperion could need up to 5 GW. What share is that of Bain's 200 GW of additional global compute power demand by 2030?")));
        // An amount quoted right after "as a share of" is the whole, whatever bound it is said with; the part comes before.
        Assert.StartsWith("20 % (worked out): Amazon (AMZN) capex guidance $200 billion (2026) out of the $1 trillion", FirstLine(await AskAsync("Amazon's 2026 capex budget as a share of the almost $1 trillion data-centre spending forecast?")));
        Assert.StartsWith("40 % (worked out)", FirstLine(await AskAsync("Amazon's 2026 capex as a share of the $500bn Dell'Oro figure?")));
        // A source's numbers asked for a judgement are its capex and the revenue it says is needed.
        var bain = FirstLine(await AskAsync("Is AI spending getting ahead of the revenue it can earn? Use the Bain numbers."));
        Assert.Contains("$500 billion", bain);
        Assert.Contains("$2 trillion", bain);
        // A short's share of assets gives the assets.
        Assert.StartsWith("About $1.25 billion in all", FirstLine(await AskAsync("If Burry's ~$1bn short is about 80% of Scion's assets, how big are the assets in total?")));
    }

    [Fact]
    public async Task Two_amounts_a_question_quotes_are_set_against_each_other_and_a_missing_whole_is_said()
    {
        // A statement, then a share of "that": the amount said before is the whole, the one beside the ask the part.
        var share = FirstLine(await AskAsync("Amazon is guiding $200 billion of capex for 2026. The roughly $131 billion it spent in 2025 is what percentage of that?"));
        Assert.StartsWith("About 65.5 % (worked out): the $131 billion in the question", share);
        Assert.Contains("out of the $200 billion in the question", share);
        // The amount right after "as a share of" is the whole; "that single quarter" points back at the other.
        Assert.StartsWith("22.4 % (worked out): the $112bn in the question", FirstLine(await AskAsync("Alphabet, Amazon, Meta and Microsoft spent $112bn on AI capex in Q3 2025 alone. As a share of the $500bn global data-centre capex for 2025, that single quarter is how much?")));
        // The rise between two amounts said before "that increase".
        Assert.StartsWith("Difference: about $710 billion (worked out)", FirstLine(await AskAsync("Data-centre spending was $290bn in 2024 and is forecast to reach nearly $1tn by 2030. How much is that increase?")));
        // A sentence that names a company of its own asks of the data's figure, not of the amounts quoted before it.
        Assert.DoesNotContain("26.2 %", FirstLine(await AskAsync("Amazon spent $131bn in 2025. What share of the $500bn Dell'Oro figure is Alphabet's 2025 capex?")));
        // "That", set against a figure the question names, is the amount the answer found: in the same sentence, or in a
        // later part of the question.
        Assert.StartsWith("About 65.4 % (65.43 % to a hundredth) (worked out): the $229 billion found", FirstLine(await AskAsync("The Blackwell-China day cost Nvidia how much in market cap, and as a percentage of its ~$350bn loss in the Nov 3-7 week, how big is that?")));
        Assert.Contains("12.5 times (12.5×) (worked out): the $25 billion found above", (await AskAsync("How much has CoreWeave raised in public debt and equity, and how many times Nvidia's January 2026 equity check is that?")).Text);
        // A statement quoting one of the data's figures, then a question about "that": the figure, named, against the other.
        Assert.Contains("$6.63 billion to a hundredth) more than Tencent capex (actual) $10.7 billion (2024)", FirstLine(await AskAsync("Tencent spent $10.7bn in 2024. How far below Alibaba's yearly average is that?")));
        // A whole the data lacks for the company named is said to be missing.
        var oracle = await AskAsync("Oracle sold $18bn of bonds. What share of Oracle's 2025 capex does that cover?");
        Assert.False(oracle.Answered);
        Assert.StartsWith("I cannot work out the share: I have no capex for Oracle (ORCL) for 2025", FirstLine(oracle));
        // A group's side of a share of "that" is the market's figure adding its companies up.
        Assert.StartsWith("About 40 % (worked out)", FirstLine(await AskAsync("Dell'Oro puts 2025 data-centre capex at ~$500bn. What share of that do the big four's 2025 capex plans make up at least?")));
        // A year without a quarter is the whole year's figure.
        Assert.StartsWith("20 % (worked out): Amazon (AMZN) capex guidance $200 billion (2026)", FirstLine(await AskAsync("Data-centre spending is forecast to reach almost $1 trillion by 2030. What share of that is Amazon's 2026 capex budget?")));
        // "Who put more into" is money paid in, not put options; "by how many points" asks a gap.
        Assert.StartsWith("Difference: about $87 billion", FirstLine(await AskAsync("Nvidia vs Microsoft: who put more into OpenAI, and by how much?")));
        Assert.StartsWith("Difference: 253", FirstLine(await AskAsync("By how many points does Palantir's price/earnings multiple exceed Nvidia's?")));
        // The top of a range named in its own clause; a plan said "back in mid-2025" dates the plan, not the spending.
        Assert.StartsWith("Difference: $15 billion,", FirstLine(await AskAsync("Even at the top of Alphabet's range, how much more is Amazon planning to spend in 2026?")));
        Assert.StartsWith("Difference: about $13 billion", FirstLine(await AskAsync("By how much did Amazon's actual 2025 capex end up above the figure it had pencilled in for 2025 back in mid-2025?")));
        // Words that describe a company by its trade ask nothing of it ("GPU-renting" is no rental deal).
        Assert.StartsWith("CoreWeave (CRWV): capacity plan 5 GW", FirstLine(await AskAsync("What's the GPU-renting neocloud's power capacity target for 2030?")));
        // Two quarters' guidance over "those two quarters" is summed; "den USA" is the US.
        Assert.StartsWith("Together: more than $60 billion", FirstLine(await AskAsync("Amazon guided more than $30bn of capex for each of Q4 2025 and Q1 2026. Over those two quarters, at least how much?")));
        Assert.Contains("about 67 %", FirstLine(await AskAsync("Risikokapitalanteil für KI: weltweit 2024 und in den USA im ersten Halbjahr 2025?")));
    }

    [Fact]
    public async Task A_whole_less_a_part_the_rest_of_a_share_and_paces_are_worked_out()
    {
        // A market total less the company named beside it, of that company's figure in the total's own kind and year.
        Assert.StartsWith("More than $229.3 billion left (worked out)", FirstLine(await AskAsync("What was global hyperscale capex in 2024 excluding Tencent?")));
        // A loss the market's words state as an amount lost, less one company's fall.
        var others = FirstLine(await AskAsync("Leaving Nvidia out, how much market value did the other AI leaders shed in the week of 3 to 7 November 2025?"));
        Assert.StartsWith("About $450 billion left", others);
        Assert.Contains("$350 billion", others);
        // A range taken out of an exact figure leaves a range.
        Assert.StartsWith("$428 billion to $434 billion left", FirstLine(await AskAsync("If you strip Meta's 2025 capex guidance out of global data-centre capex for 2025, what remains?")));
        // An amount the question quotes is the whole; the figure named after "not" is taken out of it.
        Assert.StartsWith("About $369 billion left", FirstLine(await AskAsync("Dell'Oro puts global data-centre capex at $500bn for 2025. How much of that is not Amazon, going by Amazon's actual 2025 capex?")));
        // A campus inside a plan is not the plan.
        Assert.StartsWith("More than $82 billion left", FirstLine(await AskAsync("Of the big four's combined 2025 capex plans, how much is left once you take out Amazon's original 2025 plan?")));
        // A quarter's figure kept up for a year, set against a year's; a year's taken a quarter at a time.
        var pace = FirstLine(await AskAsync("How many times 2024 global hyperscale capex is the big four's Q3 2025 capex pace on an annual basis?"));
        Assert.StartsWith("About 1.9 times", pace);
        Assert.Contains("$448 billion a year at that pace", pace);
        Assert.StartsWith("89.6 %", FirstLine(await AskAsync("Annualise the big four's combined Q3 2025 AI capex. What share of Dell'Oro's 2025 global data-centre capex would that be?")));
        Assert.Contains("$60 billion a quarter", FirstLine(await AskAsync("Global hyperscale capex in 2024 per quarter vs the big four's Q3 2025 AI capex - how do they compare?")));
        // The rest of a share the data gives for the group set aside.
        Assert.StartsWith("10 % (worked out): 100 % less", FirstLine(await AskAsync("What share of S&P 500 capex growth since ChatGPT launched came from companies that aren't AI-related?")));
        Assert.StartsWith("About 33 %", FirstLine(await AskAsync("What portion of US venture capital in the first half of 2025 went to startups outside AI?")));
        // A share asked of the group itself is not turned round.
        Assert.DoesNotContain("100 % less", FirstLine(await AskAsync("What share of S&P 500 capex growth since ChatGPT launched came from AI-related companies?")));
        // A count per count; a range's midpoint spread over the quarters when no quarter's own figure exists.
        Assert.StartsWith("22.5 times", FirstLine(await AskAsync("How many employees does OpenAI have per DeepSeek employee?")));
        Assert.StartsWith("$45 billion a quarter", FirstLine(await AskAsync("whats googles capex midpont for 2026 per quater?")));
        // The company's own stake is money it put in, not what others buy from it.
        var stake = FirstLine(await AskAsync("Nvidia's new equity stake?"));
        Assert.StartsWith("Nvidia put money into", stake);
        Assert.DoesNotContain("purchase commitment", stake);
        // Cash strain shows what is left after capex and the share of operating cash it takes.
        var strain = FirstLine(await AskAsync("Is Amazon burning through its cash with all this capex?"));
        Assert.Contains("$14.8 billion", strain);
        Assert.Contains("about 90 %", strain);
        // A jump said of capex is not a move of the shares.
        Assert.DoesNotContain("share-price", FirstLine(await AskAsync("how big a jump is amazon's 2026 capex?")));
    }

    [Fact]
    public async Task Cash_flags_show_the_cash_and_ranges_are_taken_at_the_end_named()
    {
        // Red flags on cash, of one company or of all: the capex-against-cash alert, and the cash figures behind it.
        foreach (var question in new[] { "Any red flags in Amazon's cash position?", "Any cash-flow red flags among the hyperscalers I should know about?" })
        {
            var flags = await AskAsync(question);
            Assert.StartsWith("1 alert", FirstLine(flags));
            Assert.Contains("$14.8 billion", flags.Text);
            Assert.DoesNotContain("Scion", flags.Text);
        }
        Assert.Contains("about 90 %", FirstLine(await AskAsync("Flag any company that's spending nearly all of its operating cash on capex.")));
        // "on a per-quarter basis" spreads the year; "top-end" is the top of the range, not its midpoint.
        Assert.StartsWith("$50 billion a quarter", FirstLine(await AskAsync("What's Amazon's 2026 capex plan on a per-quarter basis?")));
        var top = FirstLine(await AskAsync("Meta's top-end 2026 capex as a share of Bain's annual 2030 AI capex estimate?"));
        Assert.Contains("27.0 %", top);
        Assert.Contains("the top end of its range", top);
    }

    [Fact]
    public async Task Ends_spans_and_places_the_data_does_not_hold_are_read_from_the_question()
    {
        // "How far is … from …" is a gap; a company's end standing alone is the end of its guidance range.
        Assert.StartsWith("Difference: about $710 billion (worked out)", FirstLine(await AskAsync("How far is 2024 data-centre spending from the roughly $1 trillion forecast for 2030?")));
        Assert.StartsWith("Yes. Difference: $40 billion, the low end of Alphabet", FirstLine(await AskAsync("Does Alphabet's low end for 2026 beat Meta's high end, and by how much?")));
        // The lowest and the highest total: the low ends added and the top ends added.
        Assert.StartsWith("Together, from the low ends to the top ends of their ranges: $490 billion to $520 billion (worked out)", FirstLine(await AskAsync("combined 2026 capex for AMZN+GOOGL+META — lowest and highest possible total from their guidance?")));
        // A year's share of a span set against another year's midpoint: the midpoint is a side, not the answer.
        var perYear = FirstLine(await AskAsync("Meta's average yearly spend implied through 2028 vs the midpoint of its 2026 guidance: which is higher and by how much?"));
        Assert.StartsWith("About $150 billion a year if spread evenly; about $25 billion more than the midpoint $125 billion", perYear);
        // Another company named is the other side; when its figure is not at hand, no year of the same company's stands in.
        Assert.DoesNotContain("$25 billion more", FirstLine(await AskAsync("Meta's yearly average through 2028 vs Alphabet's 2026 guidance: which is higher and by how much?")));
        // An index, a region or a sector the data holds nothing on is said to be missing, not answered with what is held.
        foreach (var (question, missing) in new[]
        {
            ("Wie stark ist der DAX in der ersten Novemberwoche 2025 gefallen?", "I have no move of the DAX"),
            ("What share of European venture capital went to AI in 2024?", "I have no figure on Europe"),
            ("How much VC went into clean-energy startups in 2024 compared with AI?", "I have no figure on clean energy"),
        })
        {
            var answer = await AskAsync(question);
            Assert.False(answer.Answered, question);
            Assert.StartsWith(missing, FirstLine(answer));
        }
        // A place named for a company's news is no region asked about.
        Assert.True((await AskAsync("Which company's shares rose at least 4 % when it announced a new memory-chip plant in Asia?")).Answered);
        // A year's figure, then "and their" figure for a quarter: two questions about the same companies.
        var twoTimes = (await AskAsync("Gesamte Capex-Pläne von Amazon, Meta, Google und Microsoft für 2025 und ihre gemeinsamen KI-Ausgaben im dritten Quartal?")).Text;
        Assert.Contains("more than $200 billion (2025)", twoTimes);
        Assert.Contains("$112 billion (Q3 2025)", twoTimes);
        // A company's guidance for a year, no other kind named, is its capex guidance; "how much is … up on it" is a gap, and
        // a gap from a figure that is missing is not answered.
        Assert.StartsWith("Difference: $43 billion to $69 billion", FirstLine(await AskAsync("How much is Meta's 2026 guidance up on its 2025 guidance?")));
        Assert.False((await AskAsync("Alphabet's actual 2025 capex, and how much is the 2026 guide up on it?")).Answered);
        // Whether a deal is affordable shows what the payer earns beside it.
        Assert.Contains("revenue about $13 billion", FirstLine(await AskAsync("Is OpenAI's Oracle deal even affordable for them?")));
        // A German commitment to take a stake is an equity deal, in the direction the possessive gives.
        Assert.Contains("NVDA → OPENAI: equity, $100 billion", FirstLine(await AskAsync("Nvidias Beteiligungszusage an OpenAI?")));
        // "Using OpenAI's own numbers" is the source of the figures, not each company's own deals.
        Assert.StartsWith("About 4.6 times", FirstLine(await AskAsync("Using OpenAI's own numbers, how many times its 2025 revenue is the annual Oracle bill?")));
    }

    [Fact]
    public async Task Yes_or_no_comparisons_are_answered_from_the_gap_and_words_off_the_list_are_read()
    {
        // A yes or no between two figures: the side put first against the other, at the midpoint or the end named, and
        // the year's own figure before a quarter's of it.
        Assert.StartsWith("Yes. Difference between the midpoints: about $45 billion ($125 billion against $80 billion)", FirstLine(await AskAsync("Does the midpoint of Meta's 2026 guidance beat Microsoft's FY25 capex?")));
        Assert.StartsWith("No. Difference between the midpoints: about $6 billion ($131 billion against $125 billion)", FirstLine(await AskAsync("does metas 2026 capx midpoint beat amazons 2025 actuall spend?")));
        Assert.StartsWith("No. Difference: $40 billion", FirstLine(await AskAsync("Is Meta's top end for 2026 above Alphabet's low end?")));
        Assert.StartsWith("Yes. Difference: $3 billion, Amazon capex guidance $118 billion (2025)", FirstLine(await AskAsync("Does Amazon's original 2025 guide still beat Meta's 2026 low end?")));
        Assert.StartsWith("No. Difference: $15 billion to $25 billion", FirstLine(await AskAsync("Is Amazon's 2026 guide lower than Alphabet's?")));
        // A year's figure is not set against a quarter's as if they were two years of one measure.
        var raised = await AskAsync("By what percentage is Amazon planning to raise capex in 2026 over 2025?", new DateOnly(2026, 2, 1));
        Assert.False(raised.Answered);
        Assert.DoesNotContain("293", raised.Text);
        // A multiple asked is a ratio's; a side with no figure, or guidance that names none, decides nothing.
        Assert.StartsWith("Yes: Amazon (AMZN) capex guidance $200 billion (2026) is about 1.5 times", FirstLine(await AskAsync("Is Amazon's 2026 capex plan more than 1.5x its 2025 spending?")));
        Assert.False((await AskAsync("Is Oracle's P/E higher than Palantir's?")).Answered);
        var uncapped = await AskAsync("Is Microsoft's FY2026 capex number higher than Amazon's $200bn?");
        Assert.False(uncapped.Answered);
        Assert.StartsWith("No comparison can be made: Microsoft's guidance names no figure", uncapped.Text);
        // "Divided by" is a ratio; two hits of one company, "total of both", add up.
        Assert.StartsWith("About 4.9 times", FirstLine(await AskAsync("PLTR put notional divided by NVDA put notional at Scion")));
        Assert.StartsWith("Lost together: about $579 billion", FirstLine(await AskAsync("Nvidia lost market cap in October and again in the first Nov week - total of both hits?")));
        // A group's loss quoted with no currency, and what of it did not fall on the company.
        Assert.StartsWith("The others lost about $450 billion between them", FirstLine(await AskAsync("Wie viel vom 800-Mrd.-Verlust der KI-Riesen entfiel nicht auf Nvidia?")));
        // German words for a share-price reaction and for the richest and cheapest valuation; a long name two letters off.
        Assert.Contains("more than +4 %", FirstLine(await AskAsync("Kursreaktion von Micron auf das neue Werk in Singapur")));
        Assert.StartsWith("Palantir (PLTR) has the highest valuation: P/E 313", FirstLine(await AskAsync("Welche Aktie ist am teuersten bewertet?")));
        Assert.StartsWith("Nvidia (NVDA) has the lowest valuation: P/E 60", FirstLine(await AskAsync("Welche Aktie ist am günstigsten bewertet?")));
        Assert.Contains("+374 %", FirstLine(await AskAsync("palanteer ytd gain 2025 befor the selloff")));
        // Exposure judged by a fund's biggest put: the company it is against leads.
        Assert.StartsWith("Palantir (PLTR) is the most exposed going by the biggest put", FirstLine(await AskAsync("Who looks most exposed if the AI trade unwinds, going by Burry's biggest put?")));
        // A fee for an export licence is no deal between companies, and no amount is held.
        Assert.False((await AskAsync("how much did nvidia pay washington for its H20 export licences")).Answered);
    }

    [Fact]
    public async Task Figures_named_together_are_added_up_before_they_are_compared()
    {
        // A side that names several figures is their sum, each part found as a side of its own; the sum is then set against
        // the other side, a yes or no when one is asked.
        Assert.StartsWith("Yes: together $47 billion, adding", FirstLine(await AskAsync("Oracle's bond sale plus Meta's private credit, together - is that more than CoreWeave raised?")));
        Assert.StartsWith("25.4 % (worked out): together $30 billion", FirstLine(await AskAsync("What share of Amazon's 2025 capex guidance do the Pennsylvania and North Carolina campuses make up?")));
        Assert.StartsWith("No: together about $579 billion", FirstLine(await AskAsync("Nvidias Börsenwertverluste aus Oktober und der Novemberwoche zusammen: mehr als Metas Ausgabenplan bis 2028?")));
        Assert.StartsWith("Up to 5 % (worked out): together up to 10 GW", FirstLine(await AskAsync("Take CoreWeave's 2030 gigawatt target plus Hyperion's maximum power need together: what percentage of Bain's 200 GW extra global demand do they cover?")));
        // A loss set against a plan by its size; a month named without a year is the latest one that holds the move.
        Assert.StartsWith("Yes: Nvidia (NVDA) market-cap move lost $229 billion", FirstLine(await AskAsync("Was Nvidia's one-day October drop bigger than Amazon's whole 2026 capex budget?")));
        // A quarter's figure annualised against a budget: whether it covers it, and how far short.
        Assert.StartsWith("No: $57.6 billion short (worked out)", FirstLine(await AskAsync("If you annualise AWS's Q4 2025 revenue, would that run rate cover Amazon's 2026 capex?")));
        // What was spent against guidance cannot be said from the guidance alone.
        var actual = await AskAsync("Did Meta's actual 2025 capex come in above its guidance?");
        Assert.False(actual.Answered);
        Assert.StartsWith("I have no actual capex for Meta (META) for 2025", actual.Text);
        // What a company invested in is its deals; a fund's targets are valued when their multiple is asked.
        Assert.Contains("$100 billion", FirstLine(await AskAsync("What has Nvidia invested in?")));
        var multiple = FirstLine(await AskAsync("Which of Burry's two shorts trades on the richer multiple?"));
        Assert.Contains("P/E 313", multiple);
        Assert.Contains("P/E 60", multiple);
        // A word that opens a terse question is no company; every year dating a quarter asks for no year's figure.
        Assert.Contains("313 times earnings", FirstLine(await AskAsync("Extreme valuation warnings?")));
        Assert.False((await AskAsync("TSMC revenue for Q4 2025 and Nvidia's Q3 fiscal 2026 revenue?")).Answered);
    }

    [Fact]
    public async Task Work_between_two_figures_needs_both_and_each_side_asks_what_it_names()
    {
        // A ratio or share between two companies, one of which has no figure of the kind, is not worked out, and says so
        // first; a side that names only a company ("Alphabet's") asks of it what the other side asks.
        var ratio = await AskAsync("What's the ratio of Amazon's free cash flow to Alphabet's free cash flow?");
        Assert.False(ratio.Answered);
        Assert.StartsWith("No ratio can be worked out: I have no free cash flow for Alphabet (GOOGL)", ratio.Text);
        var share = await AskAsync("Amazon's free cash flow as a percentage of Alphabet's?");
        Assert.False(share.Answered);
        Assert.DoesNotContain("worked out)", FirstLine(share));
        // A multiple of a range is of its midpoint, said so; a ticker in the possessive without its apostrophe is the ticker.
        Assert.StartsWith("About 1.6 times (1.6×), midpoint $125 billion for 2026", FirstLine(await AskAsync("Amazon's 2026 capex guide as a multiple of Meta's 2026 guide?")));
        Assert.StartsWith("About 5.2 times", FirstLine(await AskAsync("how many times is pltrs p/e nvdas?")));
        // A company named as the heading is the company of sides that name none; what is left once a part is taken out.
        Assert.StartsWith("More than CNY 110 billion left", FirstLine(await AskAsync("ByteDance: after the domestic AI chip budget is deducted, how much of its 2025 capex remains?")));
        // A step or growth asked in dollars is a gap.
        Assert.StartsWith("Difference: $16 billion", FirstLine(await AskAsync("Nvidia data-center revenue increase from fiscal 2022 to fiscal 2025 in dollars?")));
        // Total funding is all the money taken in, added up; a company asked in the passive is the one paid into; what a
        // company buys is paid for, not money put in.
        Assert.StartsWith("Together: $27 billion", FirstLine(await AskAsync("What is CoreWeave's total funding?")));
        Assert.StartsWith("CoreWeave got money from", FirstLine(await AskAsync("How is CoreWeave financed?")));
        var compute = FirstLine(await AskAsync("Who is OpenAI paying for compute?"));
        Assert.StartsWith("OpenAI pays", compute);
        Assert.Contains("Nvidia (purchase commitment", compute);
        // Capital commitments are a company's own plans and buybacks; capex eating cash is what is left after it too.
        var commitments = FirstLine(await AskAsync("What capital commitments have Micron and ASML made?"));
        Assert.Contains("$24 billion", commitments);
        Assert.Contains("€12 billion", commitments);
        Assert.Contains("free cash flow $14.8 billion", FirstLine(await AskAsync("Is Amazon's capex eating up its cash flow these days?")));
        // Puts named are the puts: the short that holds them is neither added to them nor the whole they are a share of.
        var puts = await AskAsync("What share of Scion's combined put notional is on Palantir?");
        Assert.StartsWith("About 83 %", FirstLine(puts));
        Assert.DoesNotContain("1.91", puts.Text);
    }

    [Fact]
    public async Task What_is_left_what_was_raised_and_what_was_never_disclosed_are_read_as_asked()
    {
        // What is taken out of a company's figure, naming no company, is the company's own; the others of a group are the
        // group's figure less the one named before them; "covers what share of" is a share.
        Assert.StartsWith("More than CNY 110 billion left", FirstLine(await AskAsync("How much of ByteDance's 2025 capex is left once you take out the domestic AI chip budget?")));
        Assert.StartsWith("About $450 billion left", FirstLine(await AskAsync("Nvidia lost about $350bn in the first week of November 2025. What did the other seven AI leaders lose between them that week?")));
        Assert.StartsWith("About 30 %", FirstLine(await AskAsync("Oracle's bond raise covers what share of one year of OpenAI's payments to Oracle?")));
        // What several companies raised is what they borrowed or sold as shares, not what their customers pay them; a part
        // that asks what a company raised asks it of its own.
        var raised = FirstLine(await AskAsync("META, ORCL and CRWV: how much money did they raise in total?"));
        Assert.StartsWith("Together: $72 billion", raised);
        Assert.DoesNotContain("compute contract", raised);
        Assert.Contains("Together: $27 billion", (await AskAsync("How much did Nvidia put into CoreWeave, and how much has CoreWeave raised in total?")).Text);
        // A strain on cash asked of a capex plan shows the cash left, not only the plans.
        Assert.Contains("free cash flow $14.8 billion", FirstLine(await AskAsync("Is Amazon's capex plan putting its cash flow under strain?")));
        // A filer asked about companies it disclosed nothing on: none held, and the companies it did disclose positions on,
        // by name.
        var puts = await AskAsync("Does Scion hold puts on Microsoft or Meta?");
        Assert.False(puts.Answered);
        Assert.StartsWith("I have no disclosed positions on Microsoft (MSFT) or Meta (META). Scion Asset Management's disclosed positions are on Nvidia and Palantir.", puts.Text);
        // A purchase commitment is the buyer's, paid to the seller; an amount asked of one the source never gave is not answered.
        Assert.StartsWith("OpenAI pays Nvidia (purchase commitment", FirstLine(await AskAsync("What purchase commitments does OpenAI have?")));
        Assert.False((await AskAsync("What's the dollar value of CoreWeave's GPU purchase commitment with Nvidia?")).Answered);
    }
}
