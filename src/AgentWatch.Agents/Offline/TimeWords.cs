using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// A stretch of calendar days a question names ("in January 2026", "the first week of November", "im Januar"). A month
/// named without a year is the latest such month not after the reference day, so "January" asked in December means the
/// January just gone.
/// </summary>
public sealed record DateWindow(DateOnly Start, DateOnly End, string Label)
{
    public bool Overlaps(DateOnly start, DateOnly end) => start <= End && Start <= end;
}

/// <summary>The month (and week of it) a question names, before a year is settled.</summary>
public sealed record NamedMonth(int Month, int? Year, int? Week)
{
    /// <summary>The last month of a span the question names ("October and November 2025"), if more than one.</summary>
    public NamedMonth? Through { get; init; }

    /// <summary>"this month" (0) or "last month" (1): counted back from the reference day rather than named.</summary>
    public int? MonthsBack { get; init; }

    /// <summary>A day of the month named with it ("5 February 2026", "February 5, 2026").</summary>
    public int? Day { get; init; }

    /// <summary>"last week" (1): calendar weeks from Monday, counted back from the reference day.</summary>
    public int? WeeksBack { get; init; }

    /// <summary>"since March 2025", "seit dem Börsengang im März 2025": from the month on, up to the reference day.</summary>
    public bool Onward { get; init; }

    /// <summary>"before November 2025", "vor November 2025": everything up to the day before the month begins.</summary>
    public bool Before { get; init; }

    public DateWindow Resolve(DateOnly reference)
    {
        if (WeeksBack is { } weeks)
        {
            var monday = reference.AddDays(-(((int)reference.DayOfWeek + 6) % 7)).AddDays(-7 * weeks);
            var end = weeks == 0 ? reference : monday.AddDays(6);
            return new DateWindow(monday, end, $"the week of {monday.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        }
        if (MonthsBack is { } back)
        {
            var month = reference.AddMonths(-back);
            return (this with { MonthsBack = null, Month = month.Month, Year = month.Year }).Resolve(reference);
        }
        if (Through is { } through)
        {
            var to = through.Resolve(reference);
            var from = (this with { Through = null, Year = Year ?? (Month <= to.End.Month ? to.End.Year : to.End.Year - 1) }).Resolve(reference);
            return new DateWindow(from.Start, to.End, $"{from.Label} to {to.Label}");
        }
        var year = Year ?? (Month <= reference.Month ? reference.Year : reference.Year - 1);
        var first = new DateOnly(year, Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (Before)
            return new DateWindow(DateOnly.MinValue, first.AddDays(-1), $"before {first.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        if (Onward && reference > last)
            return new DateWindow(Day is { } from && from <= last.Day ? new DateOnly(year, Month, from) : first, reference, $"since {first.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        if (Day is { } d && d <= last.Day)
        {
            var day = new DateOnly(year, Month, d);
            return new DateWindow(day, day, day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }
        var monthName = first.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return Week switch
        {
            null => new DateWindow(first, last, monthName),
            -1 => new DateWindow(last.AddDays(-6), last, $"the last week of {monthName}"),
            var w => new DateWindow(first.AddDays((w.Value - 1) * 7), w.Value == 4 ? first.AddDays(27) : first.AddDays(w.Value * 7 - 1), $"the {Ordinals[w.Value - 1]} week of {monthName}"),
        };
    }

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth"];
}

/// <summary>
/// Reads months and weeks from a question's words, in English and German, and maps periods onto the calendar: a
/// company whose fiscal year ends in another month than December (Nvidia's in January, Microsoft's in June) has its
/// fiscal years named by the calendar year they end in, and says so.
/// </summary>
public static partial class TimeWords
{
    private static readonly (string Word, int Month)[] Months =
    [
        ("january", 1), ("jan", 1), ("januar", 1), ("february", 2), ("feb", 2), ("februar", 2), ("march", 3), ("marz", 3), ("mar", 3), ("april", 4), ("apr", 4),
        ("may", 5), ("mai", 5), ("june", 6), ("juni", 6), ("jun", 6), ("july", 7), ("juli", 7), ("jul", 7), ("august", 8), ("aug", 8),
        ("september", 9), ("sept", 9), ("sep", 9), ("october", 10), ("oktober", 10), ("oct", 10), ("okt", 10), ("november", 11), ("nov", 11),
        ("december", 12), ("dezember", 12), ("dec", 12), ("dez", 12),
    ];

    private static readonly (string Word, int Week)[] WeekWords =
    [
        ("first", 1), ("1st", 1), ("erste", 1), ("ersten", 1), ("second", 2), ("2nd", 2), ("zweite", 2), ("zweiten", 2), ("third", 3), ("3rd", 3),
        ("dritte", 3), ("dritten", 3), ("fourth", 4), ("4th", 4), ("vierte", 4), ("vierten", 4), ("last", -1), ("letzte", -1), ("letzten", -1),
    ];

    /// <summary>The month a word names ("jan", "März" folded to "marz"), or null.</summary>
    public static int? MonthNumber(string word) => Months.Where(m => m.Word == word).Select(m => (int?)m.Month).FirstOrDefault();

    /// <summary>
    /// The month a question names, with the week of it where it says one ("first week of January", "erste Januarwoche").
    /// Words that are months only sometimes ("may", "march", "jan") count only next to a year or after in/im/of/seit/since.
    /// </summary>
    public static NamedMonth? FindMonth(string normalized)
    {
        // "January only, I don't want the February earnings stuff": a month set aside is not asked.
        normalized = NegatedMonth().Replace(" " + normalized + " ", m => m.Value.Replace(m.Groups["m"].Value, "-", StringComparison.Ordinal));
        // "between Nov 3 and Nov 7 2025", "3-7 November 2025": a stretch of days, from the first to the last.
        if (DaySpan().Match(" " + normalized + " ") is { Success: true } days && MonthNumber(days.Groups["m1"].Success ? days.Groups["m1"].Value : days.Groups["m2"].Value) is { } fromMonth
            && MonthNumber(days.Groups["m2"].Success ? days.Groups["m2"].Value : days.Groups["m1"].Value) is { } toMonth
            // ("nov 3-7": without a year, the latest such days, as for a month named alone.)
            && (days.Groups["y"].Success ? int.Parse(days.Groups["y"].Value) : (int?)null) is var spanYear && int.Parse(days.Groups["d1"].Value) is var fromDay && int.Parse(days.Groups["d2"].Value) is var toDay
            && fromDay is >= 1 && fromDay <= DateTime.DaysInMonth(spanYear ?? 2000, fromMonth) && toDay <= DateTime.DaysInMonth(spanYear ?? 2000, toMonth)
            && (fromMonth, fromDay).CompareTo((toMonth, toDay)) < 0)
            return new NamedMonth(fromMonth, spanYear, null) { Day = fromDay, Through = new NamedMonth(toMonth, spanYear, null) { Day = toDay } };
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "this month", "last month", "diesen Monat", "letzten Monat": months from the reference day.
        var text = " " + string.Join(' ', words) + " ";
        // "late 2025", "early 2026", "im Herbst 2025": a season of a named year.
        var season = Season().Match(text);
        // "at the end of 2025, what was …": what was known by then, not what happened in its last months.
        if (season.Success && season.Groups["s"].Value is "end of" or "ende" && System.Text.RegularExpressions.Regex.IsMatch(text[..season.Index] + " ", @" (at|by|as of|bis|zum|per) (the )?$"))
            season = System.Text.RegularExpressions.Match.Empty;
        // ("since the start of 2025": the point a change is counted from, not the year's first months.)
        if (season.Success && season.Groups["s"].Value is "beginning of" or "start of" or "anfang" && System.Text.RegularExpressions.Regex.IsMatch(text[..season.Index] + " ", @" (since|seit) (the )?$"))
            season = System.Text.RegularExpressions.Match.Empty;
        if (season.Success)
        {
            var year = int.Parse(season.Groups["y"].Value);
            var (from, to) = season.Groups["s"].Value switch
            {
                "h1" or "first half" or "erste halbjahr" or "ersten halbjahr" => (1, 6),
                "h2" or "second half" or "zweite halbjahr" or "zweiten halbjahr" => (7, 12),
                "early" or "anfang" or "beginning of" or "start of" => (1, 3),
                "late" or "ende" or "end of" => (10, 12),
                "mid" or "mitte" => (5, 8),
                "spring" or "fruhjahr" or "fruhling" => (3, 5),
                "summer" or "sommer" => (6, 8),
                _ => (9, 11),
            };
            return new NamedMonth(from, year, null) { Through = new NamedMonth(to, year, null) };
        }
        if (text.Contains(" this month ", StringComparison.Ordinal) || text.Contains(" diesen monat ", StringComparison.Ordinal)) return new NamedMonth(0, null, null) { MonthsBack = 0 };
        // ("the last week of January" is a month's week, named below.)
        if (Regex.IsMatch(text, " (last|past|previous|letzte|letzten|vergangene|vergangenen|vorige|vorigen) (week|woche) (?!(of|des|der|im|in|von) )"))
            return new NamedMonth(0, null, null) { MonthsBack = 0, WeeksBack = 1 };
        if (text.Contains(" last month ", StringComparison.Ordinal) || text.Contains(" letzten monat ", StringComparison.Ordinal) || text.Contains(" vorigen monat ", StringComparison.Ordinal))
            return new NamedMonth(0, null, null) { MonthsBack = 1 };
        for (var i = 0; i < words.Length; i++)
        {
            var (month, week) = (0, (int?)null);
            foreach (var (word, m) in Months)
            {
                if (words[i] == word) { month = m; break; }
                // "Januarwoche": the German compound of a month and a week.
                if (words[i] == word + "woche") { month = m; week = WeekBefore(words, i) ?? 1; break; }
            }
            if (month == 0) continue;
            // "its fiscal year ends in January" says when a year ends, not which month is asked about.
            if (i >= 2 && words[i - 1] is "in" or "im" && words[i - 2] is "ends" or "ended" or "ending" or "end" or "endet" or "endete") continue;
            // "as things stood at the end of January", "bis Ende November": what was known by then, not what happened then.
            // "puts disclosed for the end of June 2025": the day a period ends, asked for.
            // ("Scion's book at the end of June 2025": a fund's holdings at a quarter's end are its filing for that day.)
            if (i >= 4 && words[i - 2] is "end" && words[i - 1] is "of" && words[i - 3] is "the"
                && (words[i - 4] is "for" or "per" || words[i - 4] is "at" && Regex.IsMatch(text, " (book|holdings|portfolio|13f|positions|puts|shorts|bestand|positionen) ")))
            {
                int? endYear = i + 1 < words.Length && words[i + 1].Length == 4 && int.TryParse(words[i + 1], out var ey) ? ey : null;
                return new NamedMonth(month, endYear, null) { Day = DateTime.DaysInMonth(endYear ?? 2000, month) };
            }
            if (i >= 2 && (words[i - 1] is "ende" || words[i - 2] is "end" && words[i - 1] is "of" || words[i - 2] is "as" && words[i - 1] is "of")) continue;
            // "Stand Mitte September", "Stand 12. November": the day the question looks from, not a window.
            // (German only: "where does Nvidia stand in November" is a month asked.)
            if (Enumerable.Range(Math.Max(0, i - 3), Math.Min(3, i)).Any(k => words[k] is "stand"
                && (words[k + 1] is "mitte" or "anfang" or "ende" or "vom" or "zum" or "per" || int.TryParse(words[k + 1], out _) || MonthNumber(words[k + 1]) is not null))) continue;
            if (Enumerable.Range(Math.Max(0, i - 4), Math.Min(4, i)).Any(k => words[k] == "as" && k + 1 < i && words[k + 1] == "of")) continue;
            // "by 1 September 2025", "by March 2026": what was known by then.
            if (i >= 1 && words[i - 1] is "by" || i >= 2 && words[i - 2] is "by" && int.TryParse(words[i - 1], out _)) continue;
            // "the year to June 2025", "the fiscal year ending June": a fiscal year named by its end, not a window.
            if (i >= 2 && (words[i - 1] is "to" or "ending" or "ended" && words[i - 2] is "year" or "years")) continue;
            int? year = i + 1 < words.Length && words[i + 1].Length == 4 && int.TryParse(words[i + 1], out var y) && y is > 1980 and < 2100 ? y
                // "oct 25": a year as people type it.
                : i + 1 < words.Length && words[i + 1].Length == 2 && int.TryParse(words[i + 1], out var yy) && yy is >= 15 and <= 40 ? 2000 + yy : null;
            var previous = i > 0 ? words[i - 1] : "";
            // "5 February 2026", "February 5 2026": a single day.
            int? yearAfterDay = i + 2 < words.Length && words[i + 2].Length == 4 && int.TryParse(words[i + 2], out var y2) && y2 is > 1980 and < 2100 ? y2 : null;
            // ("feb 5 2026": a short month is plainly one before a day and a year.)
            var plainlyAMonth = words[i].Length >= 5 && words[i] is not "march" || year is not null || previous is "in" or "im" or "of" or "since" or "seit" or "until" or "bis" or "during" or "before"
                || yearAfterDay is not null && int.TryParse(words[i + 1], out var dayAfter) && dayAfter is >= 1 and <= 31;
            if (!plainlyAMonth) continue;
            // "the first week of January": week, then "week"/"woche", then of/im/des, then the month.
            if (week is null && i >= 2 && words[i - 1] is "of" or "im" or "des" or "in" && words[i - 2] is "week" or "woche")
                week = WeekBefore(words, i - 2);
            int? dayOfMonth = i >= 1 && int.TryParse(words[i - 1], out var dd) && dd is >= 1 and <= 31 && (i < 2 || words[i - 2] is not ("q" or "fy") && !int.TryParse(words[i - 2], out _)) ? dd
                : yearAfterDay is not null && int.TryParse(words[i + 1], out var d2) && d2 is >= 1 and <= 31 ? d2 : null;
            if (dayOfMonth is not null) year ??= yearAfterDay;
            // "since going public in March 2025": from then on.
            var onward = week is null && Enumerable.Range(Math.Max(0, i - 4), Math.Min(4, i)).Any(k => words[k] is "since" or "seit");
            // "before November 2025", "prior to November": up to the month, not in it.
            var before = week is null && dayOfMonth is null && (previous is "before" or "vor" || i >= 2 && words[i - 2] is "prior" && previous is "to");
            var found = new NamedMonth(month, year, week) { Day = week is null ? dayOfMonth : null, Onward = onward, Before = before };
            // "October and November 2025", "from October to December": a span of months.
            if (week is null && i + 2 < words.Length && words[i + 1] is "and" or "to" or "through" or "until" or "und" or "bis" && FindMonth(string.Join(' ', words[(i + 2)..])) is { Week: null } next
                && next.Month != month && Months.Any(m => m.Word == words[i + 2]))
                return found with { Year = year ?? next.Year, Through = next };
            // "a day in October and the first week of November": two times named apart; the stretch from the first to the
            // last holds both.
            if (i + 2 < words.Length && FindMonth(string.Join(' ', words[(i + 1)..])) is { Through: null, MonthsBack: null } later
                && (later.Month, later.Week) != (month, week) && (later.Year ?? year) is var laterYear && (laterYear ?? 0, later.Month).CompareTo((year ?? laterYear ?? 0, month)) > 0)
                return found with { Year = year ?? laterYear, Through = later with { Year = laterYear } };
            return found;
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" (?:in |im |the |der )?(?<s>h1|h2|first half|second half|erste halbjahr|ersten halbjahr|zweite halbjahr|zweiten halbjahr|early|late|mid|spring|summer|autumn|fall|anfang|ende|mitte|fruhjahr|fruhling|sommer|herbst|beginning of|start of|end of) (?:of )?(?<y>20[0-4]\d) ")]
    private static partial System.Text.RegularExpressions.Regex Season();

    /// <summary>The first letters of every month's name, English and German, for patterns that take any ending after them.</summary>
    internal const string MonthStems = "jan|feb|mar|apr|may|mai|jun|jul|aug|sep|oct|okt|nov|dec|dez";

    private const string MonthWord = "january|jan|januar|february|feb|februar|march|mar|marz|april|apr|may|mai|june|jun|juni|july|jul|juli|august|aug|september|sept|sep|october|oct|oktober|okt|november|nov|december|dec|dezember|dez";

    [System.Text.RegularExpressions.GeneratedRegex(@" (?:(?<m1>" + MonthWord + @") (?<d1>[0-3]?\d) (?:and |to |through |thru |until |till |und |bis )?(?:(?<m2>" + MonthWord + @") )?(?<d2>[0-3]?\d)|(?<d1>[0-3]?\d) (?:(?<m1>" + MonthWord + @") )?(?:and |to |through |thru |until |till |und |bis )?(?<d2>[0-3]?\d) (?<m2>" + MonthWord + @")) (?:(?<y>20[0-4]\d) )?")]
    private static partial System.Text.RegularExpressions.Regex DaySpan();

    [System.Text.RegularExpressions.GeneratedRegex(@" (?:not|don t want|dont want|do not want|without|excluding|except|leave out|leaving out|ohne|nicht|kein|keine|keinen) (?:the |any |anything from |anything in |stuff from |den |die |das )?(?<m>january|februar|february|march|april|may|june|july|august|september|october|november|december|januar|marz|juni|juli|oktober|dezember) ")]
    private static partial System.Text.RegularExpressions.Regex NegatedMonth();

    private static int? WeekBefore(string[] words, int index)
    {
        if (index < 1) return null;
        foreach (var (word, week) in WeekWords) if (words[index - 1] == word) return week;
        return null;
    }

    /// <summary>
    /// The calendar days a period covers: a fiscal year by the company's fiscal year end (Nvidia's fiscal 2026 runs from
    /// February 2025 to January 2026).
    /// </summary>
    public static (DateOnly Start, DateOnly End) Span(Period p, int fiscalYearEndMonth)
    {
        switch (p.Kind)
        {
            case PeriodKind.FiscalYear:
                return (FiscalYearEnd(p.Year!.Value, fiscalYearEndMonth).AddDays(1).AddYears(-1), FiscalYearEnd(p.Year!.Value, fiscalYearEndMonth));
            case PeriodKind.FiscalYears:
                return (FiscalYearEnd(p.Year!.Value, fiscalYearEndMonth).AddDays(1).AddYears(-1), FiscalYearEnd(p.EndYear!.Value, fiscalYearEndMonth));
            case PeriodKind.FiscalQuarter:
                var end = FiscalYearEnd(p.Year!.Value, fiscalYearEndMonth).AddMonths((p.Quarter!.Value - 4) * 3);
                var lastDay = new DateOnly(end.Year, end.Month, DateTime.DaysInMonth(end.Year, end.Month));
                return (new DateOnly(lastDay.Year, lastDay.Month, 1).AddMonths(-2), lastDay);
            default:
                return (p.Start!.Value, p.End!.Value);
        }
    }

    /// <summary>The last day of a fiscal year, named by the calendar year it ends in.</summary>
    public static DateOnly FiscalYearEnd(int fiscalYear, int fiscalYearEndMonth) =>
        new(fiscalYear, fiscalYearEndMonth, DateTime.DaysInMonth(fiscalYear, fiscalYearEndMonth));

    /// <summary>
    /// A period as a reader should see it: for a company whose fiscal year is not the calendar year, "fiscal 2026 (ended
    /// January 2026)"; otherwise as <see cref="Period.ToHuman"/> writes it.
    /// </summary>
    public static string Human(Period p, CompanyProfile? company, DateOnly today)
    {
        if (company is null || company.FiscalYearEndMonth == 12 || p.Kind is not (PeriodKind.FiscalYear or PeriodKind.FiscalQuarter or PeriodKind.FiscalYears))
            return p.ToHuman();
        var lastYear = p.Kind == PeriodKind.FiscalYears ? p.EndYear!.Value : p.Year!.Value;
        var yearEnd = FiscalYearEnd(lastYear, company.FiscalYearEndMonth);
        var ends = $"{(yearEnd < today ? "ended" : "ending")} {yearEnd.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}";
        return p.Kind switch
        {
            PeriodKind.FiscalYear => $"fiscal {p.Year} ({ends})",
            PeriodKind.FiscalYears => $"fiscal {p.Year}–{p.EndYear} ({ends})",
            _ => $"Q{p.Quarter} of fiscal {p.Year} (the fiscal year {ends})",
        };
    }
}
