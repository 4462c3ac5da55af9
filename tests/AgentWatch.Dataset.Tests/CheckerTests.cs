using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Dataset.Tests;

/// <summary>
/// The dataset tests are only as good as their matchers: these prove the matchers find what they should and reject
/// what they should, so a passing dataset test means something.
/// </summary>
public sealed class CheckerTests
{
    [Theory]
    [InlineData("200000000000", "Plan in Höhe von 200 Milliarden Dollar für 2026")]
    [InlineData("13160000000", "Rekordaufträge in Höhe von 13,16 Mrd. USD")]
    [InlineData("912000000", "im Wert von 912 Millionen Dollar")]
    [InlineData("5000000", "Put-Optionen auf etwa 5 Millionen Palantir-Aktien")]
    [InlineData("90", "Fast 90 % des operativen Cashflows")]
    [InlineData("-350000000000", "schrumpfte um ungefähr 350 Milliarden Dollar")]
    [InlineData("4500", "während OpenAI 4.500 Mitarbeiter beschäftigt")]
    [InlineData("25000", "mehr als 25.000 Nvidia A100-GPUs")]
    [InlineData("0.55", "Der Input kostet 0,55 Dollar pro Million Token")]
    [InlineData("1400000000000", "ein Gesamtzahlungsvolumen von 1,4 Billionen US-Dollar")]
    public void A_figure_is_found_on_a_line_that_writes_it_the_German_way(string value, string line) =>
        Assert.True(GermanNumbers.AppearsOn(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), line));

    [Theory]
    [InlineData("5", "Kapazität von 25 Gigawatt")] // a digit inside another number is not the number
    [InlineData("13160000000", "Rekordaufträge in Höhe von 13,6 Mrd. USD")]
    [InlineData("2", "fast das Doppelte der Analystenerwartungen")]
    [InlineData("1000000", "im Wert von 10 Millionen Dollar")]
    [InlineData("4.5", "während OpenAI 4.500 Mitarbeiter beschäftigt")] // a thousands dot is not a decimal point
    public void A_figure_is_not_found_on_a_line_that_does_not_write_it(string value, string line) =>
        Assert.False(GermanNumbers.AppearsOn(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), line));

    [Fact]
    public void An_eight_word_run_is_found_across_case_and_punctuation_but_seven_words_are_not()
    {
        var article = WordRuns.Runs("Die Marktkapitalisierung von Nvidia, dem wertvollsten Unternehmen der Welt, schrumpfte.").ToHashSet();
        Assert.Contains(WordRuns.Runs("marktkapitalisierung VON nvidia dem wertvollsten unternehmen der welt").Single(), article);
        Assert.Empty(WordRuns.Runs("von nvidia dem wertvollsten unternehmen der welt"));
    }

    [Fact]
    public void Every_text_field_of_a_signal_is_collected_including_nested_source_and_lists()
    {
        var signal = new News
        {
            Id = "test-news",
            Company = "NVDA",
            Period = Period.FiscalYear(2025),
            KnownOn = new DateOnly(2025, 11, 10),
            Source = new SourceRef("003_a021c20f79fb0a76.txt", "the document title", "line 25"),
            Headline = "the headline",
            Topics = ["a topic"],
            Note = "the note",
        };
        var texts = WordRuns.TextFields(signal).Select(t => t.Text).ToList();
        Assert.Contains("the headline", texts);
        Assert.Contains("the document title", texts);
        Assert.Contains("a topic", texts);
        Assert.Contains("the note", texts);
    }
}
