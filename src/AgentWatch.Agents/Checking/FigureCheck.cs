using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Checking;

/// <summary>
/// Finds the figures in a text that no tool result contains: the check every agent's output goes through before a
/// reader sees it. A figure is a number with its scale ("$200 billion", "131bn", "90 %", "1.97"); it is supported when
/// some tool result states the same value, at the precision the text shows it ("$35.6 billion" is 35,630,000,000
/// rounded). Small counts (0 to 10 without a unit), years and list numbers are not figures; signal ids in brackets or
/// code spans are not read.
/// </summary>
public static partial class FigureCheck
{
    private static readonly Dictionary<string, decimal> Scales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trillion"] = 1_000_000_000_000m, ["tn"] = 1_000_000_000_000m, ["billion"] = 1_000_000_000m, ["bn"] = 1_000_000_000m,
        ["b"] = 1_000_000_000m, ["mrd"] = 1_000_000_000m, ["milliarden"] = 1_000_000_000m, ["billionen"] = 1_000_000_000_000m,
        ["million"] = 1_000_000m, ["mn"] = 1_000_000m, ["m"] = 1_000_000m, ["mio"] = 1_000_000m, ["millionen"] = 1_000_000m,
        ["thousand"] = 1_000m, ["k"] = 1_000m,
    };

    /// <summary>A number as written: its value, the scale word's factor (1 without one), its decimals, and whether it carries a unit.</summary>
    public readonly record struct WrittenFigure(string Text, decimal Value, decimal Scale, int Decimals, bool HasUnit);

    /// <summary>The figures in <paramref name="text"/> that none of <paramref name="sources"/> states.</summary>
    public static IReadOnlyList<string> Unsupported(string text, IEnumerable<string> sources, IEnumerable<Signal>? signals = null)
    {
        var known = new List<decimal>();
        foreach (var source in sources)
            foreach (var f in Read(source, skipSmall: false))
            {
                known.Add(f.Value);
                if (f.Scale != 1) known.Add(f.Value * f.Scale);
            }
        foreach (var s in signals ?? [])
            foreach (var f in s.Figures())
                known.Add(f.Value);
        var unsupported = new List<string>();
        foreach (var figure in Read(text, skipSmall: true))
        {
            if (known.Any(k => Matches(figure, k))) continue;
            if (!unsupported.Contains(figure.Text)) unsupported.Add(figure.Text);
        }
        return unsupported;
    }

    /// <summary>Whether a known value, shown at the text's precision and scale, is the figure written.</summary>
    public static bool States(WrittenFigure figure, decimal known) => Matches(figure, known);

    private static bool Matches(WrittenFigure figure, decimal known)
    {
        // A figure without a scale word may stand for a raw value in any scale ("200" of "$200 billion"); one with a
        // scale word must match at that scale ("$7 trillion" is not the 7 of a date).
        foreach (var scale in figure.Scale == 1 ? new[] { 1m, 1_000m, 1_000_000m, 1_000_000_000m, 1_000_000_000_000m } : [figure.Scale])
        {
            var shown = Math.Round(known / scale, figure.Decimals, MidpointRounding.AwayFromZero);
            if (shown == figure.Value) return true;
        }
        return false;
    }

    /// <summary>The figures written in a text, in order.</summary>
    public static IEnumerable<WrittenFigure> Read(string text, bool skipSmall)
    {
        var cleaned = IgnoredSpans().Replace(text, " ");
        foreach (Match m in NumberPattern().Matches(cleaned))
        {
            var digits = m.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal);
            if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) continue;
            var scaleWord = m.Groups["scale"].Value;
            var scale = scaleWord.Length > 0 && Scales.TryGetValue(scaleWord, out var s) ? s : 1m;
            var hasUnit = m.Groups["currency"].Success || scale != 1 || m.Groups["percent"].Success;
            if (skipSmall)
            {
                if (!hasUnit && value <= 10 && value == Math.Floor(value)) continue;
                // A year is a date, not a figure; the periods and dates of the evidence are shown beside it.
                if (!hasUnit && value is >= 1990 and <= 2100 && value == Math.Floor(value) && !digits.Contains('.')) continue;
                if (IsListNumber(cleaned, m)) continue;
            }
            var decimals = digits.Contains('.') ? digits.Length - digits.IndexOf('.') - 1 : 0;
            yield return new WrittenFigure(m.Value.Trim(), value, scale, decimals, hasUnit);
        }
    }

    /// <summary>"1. Amazon" or "2) Meta" at the start of a line: a list, not a figure.</summary>
    private static bool IsListNumber(string text, Match m)
    {
        var end = m.Index + m.Length;
        if (end >= text.Length || text[end] is not ('.' or ')')) return false;
        if (end + 1 < text.Length && char.IsDigit(text[end + 1])) return false;
        var lineStart = text.LastIndexOf('\n', Math.Max(0, m.Index - 1)) + 1;
        return text[lineStart..m.Index].Trim(' ', '-', '*', '#').Length == 0;
    }

    // Signal ids ([seed-003-...], `id`), URLs and ISO dates' separators are not figures to check; nor is the day of a
    // date written out ("as of 31 Dec 2025", "3 Nov–7 Nov"); nor a count of what the answer itself lists ("14 current
    // figures", "5 news items"), which its own lines show.
    [GeneratedRegex(@"\[[^\]\s]{3,}\]|`[^`]*`|https?://\S+|\b\d{1,2}\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b\d+ (?:current figures?|news items?|alerts?|financing deals?)\b")]
    private static partial Regex IgnoredSpans();

    [GeneratedRegex(@"(?<currency>[$€£¥]|\b(?:USD|EUR|CNY|GBP|JPY)\s?)?(?<![\w.])(?<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?<scale>trillion|billionen|billion|milliarden|million|millionen|thousand|mrd|mio|tn|bn|mn|b|m|k)\b)?(?<percent>\s?%|\s?percent|\s?prozent)?", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();
}
