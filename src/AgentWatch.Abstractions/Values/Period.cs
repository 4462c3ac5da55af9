using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace AgentWatch.Abstractions.Values;

public enum PeriodKind
{
    /// <summary>A fiscal year: <c>FY2026</c>.</summary>
    FiscalYear,
    /// <summary>A fiscal quarter: <c>FY2025-Q4</c>.</summary>
    FiscalQuarter,
    /// <summary>A span of fiscal years: <c>FY2025..FY2027</c>.</summary>
    FiscalYears,
    /// <summary>A calendar month: <c>2025-10</c>.</summary>
    Month,
    /// <summary>One day: <c>2025-09-30</c> (a balance-sheet date, a trading day, a filing's period of report).</summary>
    Day,
    /// <summary>A span of days: <c>2025-11-03..2025-11-07</c>.</summary>
    Days,
    /// <summary>Twelve months up to a day: <c>TTM-2025-09-30</c>.</summary>
    TrailingTwelveMonths,
}

/// <summary>
/// The period a figure speaks of (not the day it became known). Written as a short label; see <see cref="PeriodKind"/>.
/// Fiscal years are the company's own (Microsoft's FY2025 ends in June 2025).
/// </summary>
[JsonConverter(typeof(PeriodJsonConverter)), Immutable]
public sealed partial record Period
{
    private Period(PeriodKind kind, int? year, int? quarter, int? endYear, DateOnly? start, DateOnly? end)
    {
        Kind = kind;
        Year = year;
        Quarter = quarter;
        EndYear = endYear;
        Start = start;
        End = end;
    }

    public PeriodKind Kind { get; }

    /// <summary>The (first) fiscal year, for fiscal periods.</summary>
    public int? Year { get; }
    public int? Quarter { get; }

    /// <summary>The last fiscal year of a <see cref="PeriodKind.FiscalYears"/> span.</summary>
    public int? EndYear { get; }
    public DateOnly? Start { get; }
    public DateOnly? End { get; }

    public static Period FiscalYear(int year) => new(PeriodKind.FiscalYear, year, null, null, null, null);
    public static Period FiscalQuarter(int year, int quarter) => new(PeriodKind.FiscalQuarter, year, quarter, null, null, null);
    public static Period FiscalYears(int first, int last) => new(PeriodKind.FiscalYears, first, null, last, null, null);
    public static Period Month(int year, int month) => new(PeriodKind.Month, null, null, null, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1));
    public static Period Day(DateOnly day) => new(PeriodKind.Day, null, null, null, day, day);
    public static Period Days(DateOnly start, DateOnly end) => new(PeriodKind.Days, null, null, null, start, end);
    public static Period TrailingTwelveMonths(DateOnly end) => new(PeriodKind.TrailingTwelveMonths, null, null, null, end.AddYears(-1).AddDays(1), end);

    /// <summary>The year the period is about: the fiscal year, or the calendar year of its last day.</summary>
    public int ReferenceYear => Kind switch
    {
        PeriodKind.FiscalYear or PeriodKind.FiscalQuarter => Year!.Value,
        PeriodKind.FiscalYears => EndYear!.Value,
        _ => End!.Value.Year,
    };

    /// <summary>The period's last day as far as a label tells it (fiscal periods are taken as calendar ones).</summary>
    public DateOnly ApproximateEnd => Kind switch
    {
        PeriodKind.FiscalYear => new DateOnly(Year!.Value, 12, 31),
        PeriodKind.FiscalQuarter => new DateOnly(Year!.Value, Quarter!.Value * 3, 1).AddMonths(1).AddDays(-1),
        PeriodKind.FiscalYears => new DateOnly(EndYear!.Value, 12, 31),
        _ => End!.Value,
    };

    public bool IsFiscalYear(int year) => Kind == PeriodKind.FiscalYear && Year == year;

    public override string ToString() => Kind switch
    {
        PeriodKind.FiscalYear => $"FY{Year}",
        PeriodKind.FiscalQuarter => $"FY{Year}-Q{Quarter}",
        PeriodKind.FiscalYears => $"FY{Year}..FY{EndYear}",
        PeriodKind.Month => Start!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Day => Iso(Start!.Value),
        PeriodKind.Days => $"{Iso(Start!.Value)}..{Iso(End!.Value)}",
        PeriodKind.TrailingTwelveMonths => $"TTM-{Iso(End!.Value)}",
        _ => throw new InvalidOperationException(),
    };

    /// <summary>For reading: "fiscal 2026", "Q4 of fiscal 2025", "the week of 3–7 Nov 2025".</summary>
    public string ToHuman() => Kind switch
    {
        PeriodKind.FiscalYear => $"{Year}",
        PeriodKind.FiscalQuarter => $"Q{Quarter} {Year}",
        PeriodKind.FiscalYears => $"{Year}–{EndYear}",
        PeriodKind.Month => Start!.Value.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Day => Start!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Days => $"{Start!.Value.ToString("d MMM", CultureInfo.InvariantCulture)}–{End!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
        PeriodKind.TrailingTwelveMonths => $"the twelve months to {End!.Value.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
        _ => ToString(),
    };

    /// <summary>
    /// For reading, with the company's fiscal calendar: a fiscal year that does not end in December says when it ends
    /// ("fiscal 2026 (to January 2026)": Nvidia's fiscal 2026 is mostly calendar 2025), a fiscal quarter says when it ends
    /// ("Q1 of fiscal 2027 (to April 2026)"). Every other period, and every fiscal year ending in December, reads as
    /// <see cref="ToHuman()"/> writes it.
    /// </summary>
    public string ToHuman(int fiscalYearEndMonth)
    {
        if (fiscalYearEndMonth is < 1 or > 11) return ToHuman();
        static string To(DateOnly end) => "to " + end.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        DateOnly YearEnd(int year) => new(year, fiscalYearEndMonth, 1);
        return Kind switch
        {
            PeriodKind.FiscalYear => $"fiscal {Year} ({To(YearEnd(Year!.Value))})",
            PeriodKind.FiscalQuarter => $"Q{Quarter} of fiscal {Year} ({To(YearEnd(Year!.Value).AddMonths((Quarter!.Value - 4) * 3))})",
            PeriodKind.FiscalYears => $"fiscal {Year}–{EndYear} ({To(YearEnd(EndYear!.Value))})",
            _ => ToHuman(),
        };
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Period Parse(string text) =>
        TryParse(text, out var period, out var error) ? period : throw new FormatException(error);

    public static bool TryParse(string? text, out Period period, out string error)
    {
        period = null!;
        error = "";
        var s = (text ?? "").Trim();
        try
        {
            Match m;
            if ((m = FiscalYearPattern().Match(s)).Success) period = FiscalYear(Year4(m, 1));
            else if ((m = FiscalQuarterPattern().Match(s)).Success) period = FiscalQuarter(Year4(m, 1), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            else if ((m = FiscalYearsPattern().Match(s)).Success)
            {
                var (a, b) = (Year4(m, 1), Year4(m, 2));
                if (b < a) { error = $"'{s}': the span ends before it starts."; return false; }
                period = FiscalYears(a, b);
            }
            else if ((m = MonthPattern().Match(s)).Success) period = Month(Year4(m, 1), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            else if ((m = DaysPattern().Match(s)).Success)
            {
                var (a, b) = (Date(m.Groups[1].Value), Date(m.Groups[2].Value));
                if (b < a) { error = $"'{s}': the span ends before it starts."; return false; }
                period = Days(a, b);
            }
            else if ((m = TtmPattern().Match(s)).Success) period = TrailingTwelveMonths(Date(m.Groups[1].Value));
            else if ((m = DayPattern().Match(s)).Success) period = Day(Date(m.Groups[1].Value));
            else
            {
                error = $"'{s}' is not a period: use FY2026, FY2025-Q4, FY2025..FY2027, 2025-10, 2025-09-30, 2025-11-03..2025-11-07 or TTM-2025-09-30.";
                return false;
            }
            return true;
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or FormatException)
        {
            error = $"'{s}' is not a valid period: {ex.Message}";
            return false;
        }
    }

    private static int Year4(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
    private static DateOnly Date(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^FY(\d{4})$")] private static partial Regex FiscalYearPattern();
    [GeneratedRegex(@"^FY(\d{4})-Q([1-4])$")] private static partial Regex FiscalQuarterPattern();
    [GeneratedRegex(@"^FY(\d{4})\.\.FY(\d{4})$")] private static partial Regex FiscalYearsPattern();
    [GeneratedRegex(@"^(\d{4})-(0[1-9]|1[0-2])$")] private static partial Regex MonthPattern();
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})$")] private static partial Regex DayPattern();
    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")] private static partial Regex DaysPattern();
    [GeneratedRegex(@"^TTM-(\d{4}-\d{2}-\d{2})$")] private static partial Regex TtmPattern();
}

public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("A period must be a string such as \"FY2026\".");
        return Period.TryParse(reader.GetString(), out var period, out var error) ? period : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>A period as it crosses between grains: its label, which <see cref="Period.Parse"/> reads back exactly.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.period")]
public readonly record struct PeriodSurrogate(string Label);

[RegisterConverter]
public sealed class PeriodSurrogateConverter : IConverter<Period, PeriodSurrogate>
{
    public Period ConvertFromSurrogate(in PeriodSurrogate surrogate) => Period.Parse(surrogate.Label);

    public PeriodSurrogate ConvertToSurrogate(in Period value) => new(value.ToString());
}
