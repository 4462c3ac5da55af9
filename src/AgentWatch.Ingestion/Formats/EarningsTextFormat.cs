using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// Earnings releases and call transcripts as plain text. Sentences that give capex guidance ("we expect to invest about
/// $200 billion in capital expenditures … in 2026", "capital expenditures in the range of $175 billion to $185
/// billion") become capex-guidance signals with the sentence as their evidence and the file and line as their source.
/// Only forward-looking sentences count (expect, anticipate, plan, guide, outlook); reported actuals do not. The company
/// is the ticker in an exchange reference ("NASDAQ: AMZN") or the first watched company named at the top; the date is
/// the first date in the first lines, or one in the file name.
/// </summary>
public sealed partial class EarningsTextFormat : ISourceFormat
{
    private const int HeadLines = 15;

    public string Name => "earnings-text";

    /// <summary>Plain text that reads like a release or a transcript; other text files (notes, READMEs) are not input.</summary>
    public bool Accepts(string path, ReadOnlySpan<byte> head)
    {
        if (Path.GetExtension(path).ToLowerInvariant() is not (".txt" or ".text") || head.Contains((byte)0)) return false;
        if (Path.GetFileNameWithoutExtension(path).ToUpperInvariant() is "README" or "LICENSE" or "NOTICE" or "CHANGELOG") return false;
        var text = FormatRegistry.Sniff(head);
        return new[] { "capital expenditure", "capex", "earnings", "quarter", "fiscal", "financial results", "guidance", "conference call" }.Any(text.Contains);
    }

    public async IAsyncEnumerable<ParsedRecord> ParseAsync(string path, Stream stream, FormatContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(path);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        var limited = new LimitedLineReader(reader, context.Limits.MaxLineLength);
        while (true)
        {
            string? line;
            string? error = null;
            try
            {
                line = await limited.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                (line, error) = ("", ex.Message);
            }
            if (error is not null) yield return ParsedRecord.Bad($"{file}:{lines.Count + 1}", error);
            if (line is null) break;
            lines.Add(line);
        }

        var top = string.Join('\n', lines.Take(HeadLines));
        var company = ExchangeTicker().Match(top) is { Success: true } t && context.Directory.IsKnown(t.Groups[1].Value) ? t.Groups[1].Value
            : context.Directory.FindMentions(top).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).FirstOrDefault()
            // A transcript often names only its speakers at the top; its file name may carry the ticker (MSFT_call.txt).
            ?? Path.GetFileNameWithoutExtension(file).Split(['_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault(token => token == token.ToUpperInvariant() && context.Directory.IsKnown(token));
        if (company is null)
        {
            yield return ParsedRecord.Bad(file, "the text names no watched company in its first lines (an exchange reference such as \"NASDAQ: AMZN\", or a name from config/watchlist.json), nor does its file name start with a watched ticker (MSFT_call.txt)");
            yield break;
        }
        var date = FirstDate(top) ?? FirstDate(file);
        if (date is null)
        {
            yield return ParsedRecord.Bad(file, "no date in the first lines or in the file name: the release date is when its guidance became known");
            yield break;
        }

        var found = 0;
        var candidates = new List<(int Line, string Sentence)>();
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (var sentence in Sentences(lines[i]))
            {
                if (Guidance(sentence, date.Value) is not { } g)
                {
                    if (context.Extractor is not null && MaybeGuidance(sentence)) candidates.Add((i + 1, sentence));
                    continue;
                }
                found++;
                yield return ParsedRecord.Ok($"{file}:{i + 1}", new CapexGuidance
                {
                    Id = $"text-{Slug(file)}-{i + 1}-{g.Year}",
                    Company = company,
                    Period = Period.Parse($"FY{g.Year}"),
                    KnownOn = date.Value,
                    Source = new SourceRef(file, null, $"line {i + 1}"),
                    Amount = g.Amount,
                    Low = g.Low,
                    High = g.High,
                    Qualifier = g.Qualifier,
                    Note = $"\"{(sentence.Length > 600 ? sentence[..597] + "…" : sentence)}\"",
                });
            }
        }
        if (context.Extractor is { } extractor && candidates.Count > 0)
        {
            await foreach (var record in ExtractedAsync(extractor, file, company, date.Value, candidates, cancellationToken).ConfigureAwait(false))
            {
                if (record.Signal is not null) found++;
                yield return record;
            }
        }
        if (found == 0) yield return ParsedRecord.Warn(file, "no capex guidance found (a forward-looking sentence with capital expenditures or capex and an amount)");
        yield return ParsedRecord.Ok($"{file}:1", Release(file, company, date.Value, lines, context));
    }

    /// <summary>Longest part of a release kept as its news item's note (the signal's limit is 2,000 characters).</summary>
    private const int ReleaseNoteChars = 1_900;

    /// <summary>
    /// The release itself as a news item (topic "earnings"), so the newsdesk agent reads it like any news and the agents
    /// can cite it: its first line as headline, the start of the rest as note. Its id comes from the company and the
    /// text, so the same release read again, under any file name, is the same item.
    /// </summary>
    private static News Release(string file, string company, DateOnly date, List<string> lines, FormatContext context)
    {
        var text = string.Join('\n', lines);
        var id = "release-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(company + "\n" + text)))[..20];
        var first = lines.FindIndex(l => !string.IsNullOrWhiteSpace(l));
        var headline = lines[first].Trim();
        var body = SpaceRuns().Replace(string.Join(' ', lines.Skip(first + 1)), " ").Trim();
        var topics = FeedFormat.Topics(headline + " " + body, context.Options.News).Append("earnings").Distinct().Order(StringComparer.Ordinal).ToList();
        return new News
        {
            Id = id, Company = company, Period = Period.Month(date.Year, date.Month), KnownOn = date,
            Source = new SourceRef(file, null, "the whole text"),
            Headline = headline.Length <= 500 ? headline : headline[..499] + "…",
            Note = body.Length == 0 ? null : body.Length <= ReleaseNoteChars ? body : body[..(ReleaseNoteChars - 1)] + "…",
            Topics = topics,
        };
    }

    /// <summary>Most sentences sent to a model from one text, so a long transcript cannot run up an unbounded bill.</summary>
    private const int MaxCandidates = 40;

    /// <summary>A sentence the patterns passed over that still speaks of spending and a figure: worth a model's reading.</summary>
    private static bool MaybeGuidance(string sentence) =>
        sentence.Length <= 1000 && SpendWords().IsMatch(sentence) && (sentence.Any(char.IsAsciiDigit) || NumberWords().IsMatch(sentence));

    /// <summary>
    /// The model's reading of the candidate sentences. An answer is kept only if it names a sentence it was given,
    /// the sentence states the figures (digits as written, in billions or millions) and the year (or says next year or
    /// this year); the rest are warnings, so a model that invents cannot add a figure the text does not hold.
    /// </summary>
    private static async IAsyncEnumerable<ParsedRecord> ExtractedAsync(IGuidanceExtractor extractor, string file, string company, DateOnly released,
        List<(int Line, string Sentence)> candidates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = candidates.Take(MaxCandidates).ToList();
        IReadOnlyList<ExtractedGuidance> answers;
        string? failure = null;
        try
        {
            answers = await extractor.ExtractAsync(new GuidanceRequest(file, company, released, sent.Select(c => c.Sentence).ToList()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            (answers, failure) = ([], ex.Message);
        }
        if (failure is not null)
        {
            yield return ParsedRecord.Warn(file, $"the model ({extractor.Model}) could not read the {sent.Count} candidate sentences: {failure}; the patterns' findings stand");
            yield break;
        }
        foreach (var a in answers.DistinctBy(a => (a.Sentence, a.Year)))
        {
            if (a.Sentence < 1 || a.Sentence > sent.Count)
            {
                yield return ParsedRecord.Warn(file, $"the model ({extractor.Model}) answered for sentence {a.Sentence}, which it was not given; ignored");
                continue;
            }
            var (line, sentence) = sent[a.Sentence - 1];
            var where = $"{file}:{line}";
            if (Unsupported(a, sentence, released) is { } why)
            {
                yield return ParsedRecord.Warn(where, $"model-extracted guidance ignored: {why}");
                continue;
            }
            yield return ParsedRecord.Ok(where, new CapexGuidance
            {
                Id = $"text-{Slug(file)}-{line}-{a.Year}-model",
                Company = company,
                Period = Period.Parse($"FY{a.Year}"),
                KnownOn = released,
                Source = new SourceRef(file, null, $"line {line} (model-extracted)"),
                Amount = a.Amount is { } amount ? new Money(amount, a.Currency) : null,
                Low = a.Low is { } low ? new Money(low, a.Currency) : null,
                High = a.High is { } high ? new Money(high, a.Currency) : null,
                Qualifier = a.Qualifier,
                Note = $"model-extracted by {extractor.Model}: \"{(sentence.Length > 560 ? sentence[..557] + "…" : sentence)}\"",
            });
        }
    }

    /// <summary>Why an answer is not what the sentence says, or null when the sentence states its year and figures.</summary>
    private static string? Unsupported(ExtractedGuidance a, string sentence, DateOnly released)
    {
        if (a.Currency is not { Length: 3 } || !a.Currency.All(char.IsAsciiLetterUpper)) return $"currency '{a.Currency}' is not a currency code";
        var figures = new[] { a.Amount, a.Low, a.High }.OfType<decimal>().ToList();
        if (figures.Count == 0 || figures.Any(f => f <= 0)) return "no positive amount";
        if (a.Amount is null && (a.Low is null || a.High is null || a.Low > a.High)) return "a range needs a low and a high, low first";
        var years = Years().Matches(sentence).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToHashSet();
        var yearStated = years.Contains(a.Year) || (a.Year == released.Year + 1 && NextYear().IsMatch(sentence)) || (a.Year == released.Year && ThisYear().IsMatch(sentence));
        if (!yearStated) return $"the sentence does not state the year {a.Year}";
        var numbers = NumbersIn(sentence);
        foreach (var f in figures)
        {
            // The figure as the sentence writes it: in billions ("120", "7.5") or in millions ("120,000").
            if (!numbers.Contains(f / 1_000_000_000m) && !numbers.Contains(f / 1_000_000m) && !numbers.Contains(f))
                return $"the sentence does not state {f.ToString("#,0", CultureInfo.InvariantCulture)}";
        }
        return null;
    }

    private static HashSet<decimal> NumbersIn(string sentence) =>
        Numbers().Matches(sentence).Select(m => decimal.TryParse(m.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v >= 0).ToHashSet();

    private sealed record Found(int Year, Money? Amount, Money? Low, Money? High, Qualifier Qualifier);

    /// <summary>The guidance a sentence gives, or null when it gives none.</summary>
    private static Found? Guidance(string sentence, DateOnly released)
    {
        if (!CapexWords().IsMatch(sentence) || !ForwardWords().IsMatch(sentence)) return null;
        var year = Years().Matches(sentence).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Where(y => y >= released.Year).DefaultIfEmpty(0).Min();
        if (year == 0) year = NextYear().IsMatch(sentence) ? released.Year + 1 : ThisYear().IsMatch(sentence) ? released.Year : 0;
        if (year == 0) return null;
        if (Range().Match(sentence) is { Success: true } r)
        {
            var scale = Scale(r.Groups["scale2"].Value);
            var low = Amount(r.Groups["low"].Value, r.Groups["scale1"].Value.Length > 0 ? Scale(r.Groups["scale1"].Value) : scale);
            var high = Amount(r.Groups["high"].Value, scale);
            if (low > 0 && high >= low) return new Found(year, null, Money.Usd(low), Money.Usd(high), Qualifier.Exact);
        }
        if (Single().Match(sentence) is { Success: true } m)
        {
            var value = Amount(m.Groups["value"].Value, Scale(m.Groups["scale"].Value));
            var qualifier = m.Groups["q"].Value.ToLowerInvariant() switch
            {
                "about" or "approximately" or "roughly" or "around" or "nearly" => Qualifier.About,
                "at least" or "more than" or "over" => Qualifier.AtLeast,
                "up to" => Qualifier.AtMost,
                _ => Qualifier.Exact,
            };
            if (value > 0) return new Found(year, Money.Usd(value), null, null, qualifier);
        }
        return null;
    }

    private static decimal Amount(string number, decimal scale) =>
        decimal.TryParse(number.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v * scale : 0;

    private static decimal Scale(string word) => word.ToLowerInvariant() switch
    {
        "trillion" => 1_000_000_000_000m,
        "billion" or "bn" or "b" => 1_000_000_000m,
        "million" or "m" => 1_000_000m,
        _ => 1m,
    };

    /// <summary>Sentences of a line: split after . ! ? followed by a space and a capital or a quote.</summary>
    private static IEnumerable<string> Sentences(string line) => SentenceSplit().Split(line).Select(s => s.Trim().Trim('"', '“', '”').Trim()).Where(s => s.Length > 0);

    private static DateOnly? FirstDate(string text)
    {
        foreach (Match m in Dates().Matches(text))
        {
            if (DateOnly.TryParseExact(m.Value.Replace("  ", " ", StringComparison.Ordinal), ["MMMM dd, yyyy", "MMMM d, yyyy", "MMM d, yyyy", "MMM dd, yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return d;
        }
        return null;
    }

    private static string Slug(string file) => NotSlug().Replace(Path.GetFileNameWithoutExtension(file).ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex(@"\((?:NASDAQ|NYSE|Nasdaq|NYSE American)\s*:\s*([A-Z.]{1,6})\)")]
    private static partial Regex ExchangeTicker();

    [GeneratedRegex(@"capital expenditures?|capex|capital spending|capital investments?", RegexOptions.IgnoreCase)]
    private static partial Regex CapexWords();

    [GeneratedRegex(@"\b(expect|expects|expected|anticipate|anticipates|plan|plans|planning|project|projects|guid(e|es|ance)|outlook|forecast|intend|intends|will invest)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardWords();

    [GeneratedRegex(@"\b20[2-4]\d\b")]
    private static partial Regex Years();

    [GeneratedRegex(@"\bnext (fiscal )?year\b", RegexOptions.IgnoreCase)]
    private static partial Regex NextYear();

    [GeneratedRegex(@"\bthis (fiscal )?year\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThisYear();

    [GeneratedRegex(@"\$\s?(?<low>\d[\d,]*(?:\.\d+)?)\s*(?<scale1>trillion|billion|million|bn|b|m)?\s*(?:to|-|–|and)\s*\$?\s?(?<high>\d[\d,]*(?:\.\d+)?)\s*(?<scale2>trillion|billion|million|bn|b|m)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?<q>about|approximately|roughly|around|nearly|at least|more than|over|up to)?\s*\$\s?(?<value>\d[\d,]*(?:\.\d+)?)\s*(?<scale>trillion|billion|million|bn|b|m)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Single();

    [GeneratedRegex(@"(?<=[.!?][""”]?)\s+(?=[""“A-Z])")]
    private static partial Regex SentenceSplit();

    // Not \b around the ISO date: in a file name it follows an underscore, which \b counts as part of a word.
    [GeneratedRegex(@"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}\b|(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")]
    private static partial Regex Dates();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotSlug();

    [GeneratedRegex(@"\s+")]
    private static partial Regex SpaceRuns();

    [GeneratedRegex(@"\b(capital (expenditure|spending|investment)s?|capex|invest(ing|ment)?|spend(ing)?|infrastructure|data cent(er|re)s?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpendWords();

    [GeneratedRegex(@"\b(billion|million|trillion|hundred|thousand)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberWords();

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?")]
    private static partial Regex Numbers();
}
