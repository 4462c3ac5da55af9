using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentWatch.Dataset.Tests;

/// <summary>
/// Finds a figure's number on a line of a German article. The dataset stores full units (200000000000 USD), the article
/// writes "200 Milliarden", "13,16 Mrd.", "4.500 Mitarbeiter" or "5 Millionen": so the numbers written on the line are
/// read the German way (dot groups thousands, comma marks decimals) and compared with the figure at scales 1, 1e3, 1e6,
/// 1e9 and 1e12. Signs are ignored: the article writes a loss as "verlor 350 Milliarden", not "-350".
/// </summary>
public static partial class GermanNumbers
{
    private static readonly decimal[] Scales = [1m, 1_000m, 1_000_000m, 1_000_000_000m, 1_000_000_000_000m];

    /// <summary>True when the line writes <paramref name="value"/> in one of the forms above.</summary>
    public static bool AppearsOn(decimal value, string line) => AppearsAmong(value, NumbersOn(line).ToList());

    /// <summary>True when one of the numbers a line writes is <paramref name="value"/> at one of the scales.</summary>
    public static bool AppearsAmong(decimal value, IReadOnlyCollection<decimal> written)
    {
        var magnitude = Math.Abs(value);
        return Scales.Any(scale => written.Contains(magnitude / scale));
    }

    /// <summary>Every number the line writes, read the German way ("13,16" → 13.16, "25.000" → 25000).</summary>
    public static IEnumerable<decimal> NumbersOn(string line)
    {
        foreach (Match m in NumberToken().Matches(line))
        {
            var text = m.Value.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
                yield return n;
        }
    }

    // Either digits grouped by dots into thousands ("670.000", "1.250.000,5") or plain digits with an optional decimal
    // comma ("13,16"). A dot that does not group three digits ends the number, so "10. November" reads as 10.
    [GeneratedRegex(@"(?<!\d)\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|(?<!\d)\d+(?:,\d+)?(?!\d)")]
    private static partial Regex NumberToken();
}
