using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;

namespace AgentWatch.Agents.Tests;

/// <summary>The offline engine answers from grain state, with the figures, their dates and sources, in English or German.</summary>
[Collection(SeededSiloCollection.Name)]
public sealed partial class OfflineEngineTests(SeededSilo silo)
{
    [Theory]
    [InlineData("What is Amazon's capex guidance for 2026?", "$200 billion")]
    [InlineData("How much did Amazon spend on capex in 2025?", "$131 billion")]
    [InlineData("What is Alphabet's capex guidance for 2026?", "$175 billion to $185 billion")]
    [InlineData("What capex does Meta plan for 2026?", "$115 billion to $135 billion")]
    [InlineData("What is Microsoft's capex guidance for 2026?", "no explicit cap")]
    [InlineData("Which company plans the highest capex in 2026?", "1. Amazon (AMZN)")]
    [InlineData("What is Palantir's P/E?", "313")]
    [InlineData("What is Nvidia's P/E ratio?", "P/E 60")]
    [InlineData("How much market value did Nvidia lose?", "$350 billion")]
    [InlineData("Who is betting against Palantir?", "$912 million")]
    [InlineData("What puts does Scion hold on Nvidia?", "$187 million")]
    [InlineData("What orders did ASML report for Q4 2025?", "$13.16 billion")]
    [InlineData("How big is ASML's buyback?", "€12 billion")]
    [InlineData("How much is Micron investing in its Singapore fab?", "$24 billion")]
    [InlineData("What was AWS revenue in Q4 2025?", "$35.6 billion")]
    [InlineData("What was Amazon's EPS in Q4 2025?", "$1.97")]
    [InlineData("How much did Nvidia invest in CoreWeave?", "$2 billion")]
    [InlineData("How much is Nvidia investing in OpenAI?", "$100 billion")]
    [InlineData("What is OpenAI's revenue?", "$13 billion")]
    [InlineData("How much does OpenAI pay Oracle for compute?", "$60 billion a year")]
    [InlineData("What is ServiceNow's renewal rate?", "98 %")]
    [InlineData("How much capacity does CoreWeave plan in gigawatts?", "5 GW")]
    [InlineData("What is ChatGPT's market share?", "68 %")]
    [InlineData("Is there export news about Nvidia and China?", "Blackwell")]
    [InlineData("Show me the circular financing loops.", "NVDA → OPENAI → NVDA")]
    [InlineData("What alerts are there for Amazon?", "capex")]
    [InlineData("What is Tencent's capex for 2024?", "$10.7 billion")]
    [InlineData("What did Amazon's free cash flow fall to?", "$14.8 billion")]
    [InlineData("What share of its cash flow does Amazon reinvest?", "90 %")]
    [InlineData("Wie hoch ist die Capex-Prognose von Amazon für 2026?", "$200 billion")]
    [InlineData("Wie hoch ist das KGV von Palantir?", "313")]
    [InlineData("Wie viel investiert Micron in Singapur?", "$24 billion")]
    public async Task Answers_a_question_about_the_built_in_dataset_with_its_figure_and_evidence(string question, string mustContain)
    {
        var answer = await silo.Api.AskAsync(question, null);
        Assert.True(answer.Answered, answer.Text);
        Assert.Contains(mustContain, answer.Text);
        Assert.NotEmpty(answer.Evidence);
        // Every line with a figure names where it came from.
        foreach (var line in answer.Text.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)))
            Assert.Matches(SourcePattern(), line);
        foreach (var e in answer.Evidence) Assert.NotNull(await silo.Api.GetSignalAsync(e.SignalId));
    }

    [Fact]
    public async Task An_unknown_company_is_said_plainly_and_not_guessed()
    {
        var answer = await silo.Api.AskAsync("What is Tesla's capex guidance for 2026?", null);
        Assert.False(answer.Answered);
        Assert.Contains("I don't know a company called 'Tesla'", answer.Text);
        Assert.Empty(answer.Evidence);
    }

    [Fact]
    public async Task A_question_it_cannot_place_gets_a_plain_refusal_with_what_it_can_answer()
    {
        var answer = await silo.Api.AskAsync("tell me a joke", null);
        Assert.False(answer.Answered);
        Assert.Contains("could not tell what you are asking", answer.Text);
    }

    [Fact]
    public async Task A_known_company_without_the_asked_figure_says_so_and_lists_what_it_has()
    {
        var answer = await silo.Api.AskAsync("What is DocuSign's revenue?", null);
        Assert.False(answer.Answered);
        Assert.Contains("I have no revenue for DocuSign (DOCU)", answer.Text);
    }

    [Fact]
    public async Task As_of_a_day_before_a_figure_was_known_the_answer_does_not_use_it()
    {
        var answer = await silo.Api.AskAsync("What is Amazon's capex guidance for 2026?", new DateOnly(2026, 1, 31));
        Assert.DoesNotContain("$200 billion", answer.Text);
        Assert.DoesNotContain(answer.Evidence, e => e.KnownOn > new DateOnly(2026, 1, 31));
    }

    [Fact]
    public async Task The_brief_cites_only_signals_that_exist_and_respects_its_as_of_day()
    {
        var brief = await silo.Api.GetBriefAsync(BriefPeriod.Week, new DateOnly(2025, 11, 10), default);
        var ids = IdPattern().Matches(brief.Markdown).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(ids);
        foreach (var id in ids)
        {
            var record = await silo.Api.GetSignalAsync(id);
            Assert.NotNull(record);
            Assert.True(record!.Signal.KnownOn <= new DateOnly(2025, 11, 10), $"{id} became known after the brief's day");
        }
        Assert.Contains("Scion Asset Management", brief.Markdown);
        Assert.DoesNotContain("$200 billion", brief.Markdown);
    }

    [GeneratedRegex(@"known \d{1,2} \w{3} \d{4}, .+\[[\w\-\.#]+\]")]
    private static partial Regex SourcePattern();

    [GeneratedRegex(@"`([a-z0-9][\w\-\.#]*)`")]
    private static partial Regex IdPattern();
}
