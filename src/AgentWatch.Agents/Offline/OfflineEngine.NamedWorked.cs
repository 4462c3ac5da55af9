using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// Two figures the question names by their words, set against each other ("How many times bigger is Stargate than
/// Amazon's 2026 capex budget?", "Oracle's bond sale as a share of what OpenAI pays it each year?"): each side is found as
/// a question of its own would find it, and the answer is the share, the multiple, the gap, the sum or what is left
/// between them. Runs only when the answer worked nothing out, and only when each side comes to exactly one figure in
/// one unit.
/// </summary>
public sealed partial class OfflineEngine
{
    private enum NamedWork { Share, Times, Larger, Difference, Sum, More, Gap, Reach }

    // Each shape says which words name the part (or the figure counted) and which the whole (or the figure counted in).
    private static readonly (Regex Shape, NamedWork Work)[] TwoNamedShapes =
    [
        // (A comparison asked of figures named first, before the shapes that would read the figures as a sum alone.)
        // ("Meta's private credit plus Oracle's bond sale — together, is that more than CoreWeave raised?": figures named, then
        // whether they come to more than another.)
        // ("nvidia lost 350bn in a week. more or less than amazon + alphabet 2026 capex combined?")
        (new(@"^(?<num>[^—–:;?]+?)\s*(?:[—–:;,.?]|\s-\s)\s*(?:(?:together|combined|in\s+total|zusammen(?:gerechnet)?|insgesamt)\s*[,:—–-]?\s*)?(?:(?:is|are|was|were|would\s+be|ist|sind|wäre)\s+(?:that|it|this|they|the\s+(?:total|sum)|das|es)\s+)?(?:more|bigger|larger|greater|higher|mehr|größer|groesser)(?:\s+or\s+(?:less|smaller|lower|weniger))?\s+(?:than|als)\s+(?<den>.+)$", Options), NamedWork.More),
        // ("Amazon said more than $30bn of capex for Q4 2025. Annualised, is that pace above or below what it spent in 2025?")
        (new(@"^(?<num>[^.?!;:]+?)\s*[.;:]\s*(?:annuali[sz]ed\s*,?\s*)?(?:is|was|would\s+be)\s+(?:that|this|it)(?:\s+(?:annual(?:i[sz]ed)?\s+)?(?:run.?rate|pace|figure|total))?\s+(?:above|higher\s+than|more\s+than|bigger\s+than)(?:\s+or\s+(?:below|lower\s+than|less\s+than|smaller\s+than))?\s+(?<den>.+)$", Options), NamedWork.More),
        // ("Add Nvidia's October one-day hit to its early-November weekly loss. Is the total more than the Stargate plan?")
        (new(@"^add\s+(?<num>.+?)\s+to\s+(?<num2>.+?)\s*[.;:,]\s*(?:is|would|was)\s+(?:the\s+(?:total|sum)|that|it|this)\s+(?:be\s+)?(?:more|bigger|larger|greater|higher)\s+than\s+(?<den>.+)$", Options), NamedWork.More),
        // ("Sum Amazon's 2026 capex with …. Does it top Dell'Oro's 2025 figure?": a sum asked, then set against another.)
        (AddedUpThen(@"top|beat|exceed|surpass|outstrip"), NamedWork.More),
        // ("If you add up Scion's Palantir and Nvidia puts, does it roughly match the ~$1bn short?": how near they come.)
        (AddedUpThen(@"match|equal|come\s+close\s+to"), NamedWork.Gap),
        (new(@"^how\s+many\s+times\s+(?:bigger|larger|greater|higher|more|as\s+(?:big|large|much))\s+(?:is|are|was|were)\s+(?<num>.+?)\s+(?:than|as)\s+(?<den>.+)$", Options), NamedWork.Times),
        // ("How often does Hyperion fit into China's new capacity?": the larger counted in the smaller.)
        (new(@"^how\s+many\s+times\s+(?:does|do|would|could|will|can)\s+(?<den>.+?)\s+fit\s+(?:into|in)\s+(?<num>.+)$", Options), NamedWork.Times),
        (new(@"^wie\s+oft\s+(?:passt|passen)\s+(?<den>.+?)\s+in\s+(?<num>.+)$", Options), NamedWork.Times),
        (new(@"^(?<num>.+?)\s+(?:is|are|was|were)\s+how\s+many\s+times\s+(?:bigger\s+than\s+|larger\s+than\s+|the\s+size\s+of\s+|as\s+(?:big|large)\s+as\s+)?(?<den>.+)$", Options), NamedWork.Times),
        // ("How many times Amazon's 2026 plan is the Stargate commitment?")
        (new(@"^how\s+many\s+times\s+(?<den>(?!(?:is|are|was|were|has|have|had|did|does|do|bigger|larger|more)\b).+?)\s+(?:is|are|was|were|did|does|do)\s+(?<num>.+)$", Options), NamedWork.Times),
        (new(@"^(?<num>.+?)\s+(?:as|is|are|was|were|would\s+be)\s+(?:an?\s+|what\s+|which\s+)?(?:share|percent(?:age)?|%|fraction|proportion|portion)\s+of\s+(?<den>.+)$", Options), NamedWork.Share),
        // ("Oracle's bond raise covers what share of one year of OpenAI's payments to Oracle?")
        (new(@"^(?<num>.+?)\s+(?:covers?|makes?\s+up|accounts?\s+for|represents?|is|are)\s+(?:what|which)\s+(?:share|percent(?:age)?|%|fraction|proportion|portion|part)\s+of\s+(?<den>.+)$", Options), NamedWork.Share),
        (new(@"^(?:what|which|how\s+(?:big|large)\s+a)\s+(?:share|percent(?:age)?|%|fraction|proportion|portion|part)\s+of\s+(?<den>.+?)\s+(?:is|are|was|were|does|do|did|could|would|will|can|might|sits?|sat|lies|goes|went)\s+(?<num>.+?)(?:\s+(?:make\s+up|account\s+for|represent|take\s+up|cover|come\s+to|amount\s+to))?$", Options), NamedWork.Share),
        // ("Annualise the big four's Q3 2025 capex. What share of Dell'Oro's 2025 data-centre capex would that be?")
        (new(@"^annuali[sz]e\s+(?<num>[^.?;:]+?)\s*[.?;:]\s*(?:what|which)\s+(?:share|percent(?:age)?|%|fraction|proportion|portion|part)\s+of\s+(?<den>.+?)\s+(?:would|is|was|does|will)\s+(?:that|this|it)\b.*$", Options), NamedWork.Share),
        // ("Take AWS's Q4 2025 revenue, annualise it, and then tell me what share of Amazon's 2026 capex guidance that annual
        // run rate would cover")
        (new(@"^(?:take|use|start\s+with|grab)\s+(?<num>[^,.;:]+?)\s*(?:,\s*|\s+and\s+)(?:then\s+)?annuali[sz]e\s+(?:it|that|this)\b[^.?;:]*?\b(?:what|which)\s+(?:share|percent(?:age)?|%|fraction|proportion|portion|part)\s+of\s+(?<den>.+?)\s+(?:that|this|it)\b.*$", Options), NamedWork.Share),
        // ("Welchen Anteil haben Amazon, Meta, Google und Microsoft zusammen an den weltweiten Rechenzentrumsinvestitionen?")
        (new(@"^welchen\s+anteil\s+(?:haben|hat|hatten|hatte)\s+(?<num>.+?)\s+(?:zusammen\s+|gemeinsam\s+)?an\s+(?<den>.+)$", Options), NamedWork.Share),
        // ("What's AWS's annualised run rate based on Q4 2025, and how many times that is Amazon's 2026 capex?": a quarter
        // taken four times, then the other figure as a multiple of it.)
        (new(@"^(?:what(?:['’]s|\s+is|\s+was)\s+)?(?<den>.+?)\s+annuali[sz]ed\s+(?<runRate>run.?rate|pace|revenue)(?:\s+(?:based\s+on|from|using|off)\s+(?<denWhat>(?:its\s+|the\s+)?q[1-4]\s+(?:20)?\d\d(?:\s+(?:revenue|sales))?))?\s*,?\s*and\s+how\s+many\s+times\s+(?:that|this|it)\s+(?:is|are|would\s+be)\s+(?<num>.+)$", Options), NamedWork.Times),
        // ("How many employees does OpenAI have per DeepSeek employee?": a count over a count.)
        (new(@"^how\s+many\s+(?<what>\w+)\s+(?:does|do|did)\s+(?<num>.+?)\s+have\s+(?:per|for\s+(?:each|every))\s+(?<den>.+)$", Options), NamedWork.Times),
        // ("How many OpenAI employees are there per DeepSeek employee?")
        (new(@"^how\s+many\s+(?<num>.+?)\s+(?:are|is)\s+there\s+(?:per|for\s+(?:each|every))\s+(?<den>.+)$", Options), NamedWork.Times),
        // ("Take CoreWeave's 2030 gigawatt target plus Hyperion's power need together: what percentage of Bain's 200 GW do
        // they cover?")
        // ("Add Nvidia's commitment to OpenAI and its CoreWeave investment together. What share of … would that total be?")
        (new(@"^(?:take|add(?:\s+up)?|sum(?:\s+up)?)\s+(?<num>.+?)\s+together\s*[.:;,]\s*(?:what|which)\s+(?:share|percent(?:age)?|%|fraction|proportion|portion|part)\s+of\s+(?<den>.+?)\s+(?:would|do|does|did|could|will|can|is|are)\s+(?:they|that|it|these|those)\b.*$", Options), NamedWork.Share),
        // ("CoreWeave's 5 GW plus Meta's Hyperion at its maximum: what share of Bain's 200 GW of extra compute demand is that?")
        (new(@"^(?<num>[^:;?]+?\b(?:plus|and|\+)\b[^:;?]+?)\s*(?:[:;,]\s*(?:and\s+)?|,?\s+and\s+)(?:what|which)\s+(?:share|percent(?:age)?|%|fraction|proportion|portion|part)\s+of\s+(?<den>.+?)\s+(?:is|are|would\s+be|was|were|does|do)\s+(?:that|this|it|they|these)\b.*$", Options), NamedWork.Share),
        (new(@"^(?:wie\s+viele?\s+prozent|welchen\s+anteil)\s+(?<den>.+?)\s+(?:macht|machen|machte|hat|haben|hatte|stellt|stellen)\s+(?<num>.+?)(?:\s+(?:aus|dar))?$", Options), NamedWork.Share),
        (new(@"^how\s+(?:big|large)\s+(?:is|are|was|were)\s+(?<num>.+?)\s+(?:next\s+to|compared\s+(?:with|to)|relative\s+to|against)\s+(?<den>.+)$", Options), NamedWork.Share),
        // ("ByteDance's 2025 capex minus its domestic AI chip budget: how much is left?", "Hyperion plus CoreWeave's 2030
        // target: how many gigawatts together?")
        (new(@"^(?<num>[^:;]+?)\s+minus\s+(?<den>[^:;,]+?)(?:\s*[:;,].*)?$", Options), NamedWork.Difference),
        // ("What was global hyperscale capex in 2024 excluding Tencent?", "Take Microsoft's fiscal 2025 capex out of the big
        // four's combined 2025 plans. What's left?", "The eight AI leaders lost about $800bn that week. How much of that was
        // not Nvidia?", "Leaving Nvidia out, how much did the other AI leaders shed?": a whole less the part named.)
        (new(@"^(?:(?:what|how\s+much)\s+(?:was|is|were|are)\s+)?(?<num>[^,;:]+?)\s+(?:excluding|not\s+counting|leaving\s+out|net\s+of)\s+(?<den>[^,;:]+?)$", Options), NamedWork.Difference),
        (new(@"^(?:if\s+(?:you|we)\s+)?(?:take|strip|remove|subtract|pull|nimm)\s+(?<den>.+?)\s+(?:out\s+of|from|off)\s+(?<num>[^.?;:,]+?)\s*[.?;:,]\s*[^.?;:]*\b(?:left|remains?|remaining|rest|übrig|bleibt)\b.*$", Options), NamedWork.Difference),
        (new(@"^(?<num>[^.?!]+?)\s*[.!]\s*(?:how\s+much\s+of\s+(?:that|this|it)\s+(?:is|was|came\s+from|comes\s+from)\s+not\s+(?:from\s+)?|wie\s+viel\s+davon\s+(?:entfiel|entfällt|kam|kommt|war|ist)\s+nicht\s+(?:auf\s+|von\s+)?)(?<den>.+)$", Options), NamedWork.Difference),
        // ("Once the domestic AI chip budget is taken out, how much of its 2025 capex is left?")
        (new(@"^(?:once|after|if|when)\s+(?:you\s+|we\s+)?(?:take\s+out\s+|deduct\s+|subtract\s+|remove\s+)?(?<den>.+?)(?:\s+(?:is|are|has\s+been|have\s+been|gets?)\s+(?:taken\s+out|deducted|subtracted|removed|stripped\s+out|taken\s+away))?\s*,\s*how\s+much\s+(?:of\s+)?(?<num>.+?)\s+(?:(?:is|would\s+be|stays?)\s+(?:left|remaining|over)|remains?(?:\s+(?:left|over))?)$", Options), NamedWork.Difference),
        // ("How much of ByteDance's 2025 capex is left once you take out the domestic AI chip budget?")
        (new(@"^how\s+much\s+(?:of\s+)?(?<num>.+?)\s+(?:is|would\s+be|stays?|remains?)\s+(?:left|remaining|over)\s+(?:once|after|if|when)\s+(?:you\s+|we\s+)?(?:take|strip|remove|subtract|deduct|leave)\s+(?:out\s+|away\s+)?(?<den>.+?)(?:\s+out)?$", Options), NamedWork.Difference),
        // ("Nvidia lost about $350bn in the first week of November 2025. What did the other seven AI leaders lose between
        // them that week?": the whole the others belong to less the one named first.)
        (new(@"^(?<den>[^.?!]+?)\s*[.!]\s*(?:what|how\s+much)\s+did\s+the\s+(?:other|remaining|rest\s+of\s+the)\s+(?:\w+\s+)?(?<num>[^.?!]+?(?:lose|lost|shed|gain|gained|add|added))\b[^.?!]*$", Options), NamedWork.Difference),
        (new(@"^of\s+(?<num>[^,]+?),\s*how\s+much\s+(?:is|would\s+be)\s+left\s+(?:once|after|if|when)\s+(?:you\s+|we\s+)?(?:take|strip|remove|subtract|leave)\s+(?:out\s+|away\s+)?(?<den>.+?)(?:\s+out)?$", Options), NamedWork.Difference),
        (new(@"^(?:leaving|leave|taking|setting|putting)\s+(?<den>[^,]+?)\s+(?:out|aside)\s*,\s*(?<num>.+)$", Options), NamedWork.Difference),
        (new(@"^(?<num>[^:;]+?)\s+(?:plus|\+)\s+(?<den>[^:;,]+?)\s*[:;,]\s*[^:;]*\b(?:together|combined|in\s+total|total|sum|add(?:ed)?\s+up)\b[^:;]*$", Options), NamedWork.Sum),
        // ("Meta pay package for the ex-Apple AI engineer, and the biggest signing bonus on offer; together?": two things
        // listed, then the sum asked of them.)
        (new(@"^(?<num>[^:;,]+?),?\s+(?:and|und)\s+(?<den>[^:;,]+?)\s*[:;,—–-]\s*(?:(?:and\s+)?(?:together|combined|added\s+up|zusammen|insgesamt))\s*$", Options), NamedWork.Sum),
        // ("China's new power capacity in 2024 vs the power Meta's Hyperion could need": two figures and nothing else asked.)
        // ("Power check: Bain's extra demand versus China's new capacity": a few words naming the topic may come first.)
        (new(@"^(?:[\w\s'’-]{1,25}:\s*)?(?<num>[^:;,]+?)\s+(?:vs\.?|versus)\s+(?<den>(?:(?!\s-\s)[^:;,—–?])+)$", Options), NamedWork.Larger),
        (new(@"^(?<num>[^:;,]+?)\s+(?:vs\.?|versus|against)\s+(?<den>[^:;,]+?)\s*[,:;-]+\s*(?:what|which|in|as\s+an?)\s+(?:%|percent(?:age)?|share)\W*$", Options), NamedWork.Share),
        // ("Stargate vs Meta's spending through 2028: which is bigger and by how much?": the gap, the larger named first.)
        (new(@"^(?:[\w\s'’-]{1,25}:\s*)?(?<num>[^:;,]+?)\s+(?:vs\.?|versus|against|compared\s+(?:with|to))\s+(?<den>[^:;,]+?)\s*[:;,-]+\s*[^:;]*\b(?:by\s+how\s+much|how\s+much\s+(?:bigger|larger|more)|(?:what(?:['’]s|\s+is)\s+the\s+)?(?:gap|difference))\b[^:;]*$", Options), NamedWork.Gap),
        // ("What's the annual shortfall between what OpenAI earns and what it pays Oracle?")
        (new(@"^(?:what(?:['’]s|\s+is|\s+was)\s+)?(?:the\s+)?(?:annual\s+|yearly\s+)?(?:shortfall|gap|difference)\s+between\s+(?<num>.+?)\s+and\s+(?<den>.+)$", Options), NamedWork.Gap),
        // ("Does Meta's Hyperion need more power than CoreWeave's entire 2030 build-out?": yes or no, and by how much.)
        (new(@"^(?:does|do|did|will|would)\s+(?<num>.+?)\s+(?:need|have|cost|spend|draw|use|take|raise|make|earn|get)\s+more(?:\s+\w+)?\s+than\s+(?<den>.+)$", Options), NamedWork.More),
        (new(@"^(?:is|are|was|were)\s+(?<num>.+?)\s+(?:bigger|larger|greater|higher|more)\s+than\s+(?<den>.+)$", Options), NamedWork.More),
        // ("If you annualise AWS's Q4 2025 revenue, does that run rate cover Amazon's 2026 capex budget?": whether it reaches
        // the other, and how far short.)
        (new(@"^(?:if\s+(?:you|we)\s+)?annuali[sz]e\s+(?<num>[^,.;:]+?)\s*[,.;:]\s*(?:does|would|will|can|could)\s+(?:that|this|it|the)(?:\s+(?:annual(?:i[sz]ed)?\s+)?(?:run.?rate|pace|figure|total))?\s+(?:cover|reach|match|pay\s+for|fund)\s+(?<den>.+)$", Options), NamedWork.Reach),
        // ("Is the big four's Q3 2025 capex pace already at Bain's 2030 level? How far off is it?": yes or no, and the gap.)
        (new(@"^(?:is|are)\s+(?<num>.+?)\s+(?:already\s+)?(?:at|near|close\s+to|level\s+with|up\s+to)\s+(?<den>[^.?!]+?)(?:\s*[.?!]\s*how\s+far\s+(?:off|short|away|below)(?:\s+is\s+(?:it|that|this))?)?$", Options), NamedWork.Reach),
        // ("Zuckerberg's spending through 2028 vs Stargate: which is bigger, and by what factor?": the larger over the smaller.)
        (new(@"^(?<num>[^:;]+?)\s+(?:vs\.?|versus|against|compared\s+(?:with|to)|next\s+to)\s+(?<den>[^:;,]+?)\s*[:;,-]+\s*[^:;]*\b(?:by\s+what\s+factor|how\s+many\s+times|what\s+multiple|multiple|ratio)\b[^:;]*$", Options), NamedWork.Larger),
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    // ("Sum X with Y. Does it top Z?", "If you add up X, does it match Z?": figures added up, then set against another; the
    // verb after them says whether which is larger is asked or how near they come.)
    private static Regex AddedUpThen(string verbs) =>
        new($@"^(?:if\s+(?:you|we)\s+)?(?:add\s+up|sum(?:\s+up)?|total(?:\s+up)?|add|combine)\s+(?<num>.+?)\s*[,.;:]\s*(?:does|do|did|is|would|will)\s+(?:it|that|this|they|the\s+(?:total|sum))\s+(?:(?:roughly|about|approximately|really|still)\s+)?(?:{verbs})\w*\s+(?<den>.+)$", Options);

    // ("the big four's Q3 2025 capex pace on an annual basis", "Aufs Jahr hochgerechnet": a quarter's figure kept up for a year.)
    private static readonly Regex AnnualisedAsked = new(@"\b(?:annuali[sz]\w*|(?:q[1-4]|quarter\w*)\s+(?:20\d\d\s+)?(?:[\w-]+\s+){0,2}pace|(?:on\s+an?\s+)?(?:annual|yearly)\s+(?:basis|pace|run.?rate)|run.?rate|four\s+(?:straight\s+|full\s+|consecutive\s+)?quarters|aufs\s+jahr\s+(?:hoch)?gerechnet|hochgerechnet)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private const string PerQuarterWords = @"(?:per|a|each|every|pro|je)[ -](?:quarter|quater|qtr|quartal)";
    // ("per-year spend", not "Bain's annual AI capex", which is a year's figure already.)
    private static readonly Regex PerYearSide = new(@"\b(?:(?:per|a|each|every|pro|je)[ -](?:year|yr|annum|jahr)|(?:average|avg)\s+(?:annual|yearly)|annually)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex PerQuarterSide = new($@"\b{PerQuarterWords}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Words that say how a figure is asked, not which figure it is ("alone", "today", "make up").
    private static readonly Regex SideFiller = new($@"(?:\s+(?:alone|by\s+itself|on\s+its\s+own|today|now|right\s+now|make\s+up|account\s+for|represent|amount\s+to|come\s+to|{PerQuarterWords}))+\s*$", Options);

    private async Task<Answer> WithTwoNamedWorkedAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        var declined = DeclinedLead.IsMatch(firstLine);
        // ("… next to the midpoint of its guidance": the midpoint alone is one side, not the answer.)
        // (Nor does a first line that says a figure is missing when the words of each side find it.)
        declined |= firstLine.StartsWith("The midpoint is ", StringComparison.Ordinal) || firstLine.StartsWith("I have no ", StringComparison.Ordinal);
        // (An amount the question brings itself is the quoted step's to work.)
        // (One that only restates a named company's own figure, "Alphabet's midpoint as a % of Amazon's $200bn", is not;
        // nor, once the sides are found, one that is a figure either side finds: "the $500bn Stargate plan".)
        var quotedMoney = QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).Select(f => new Money(f.Value, f.Currency ?? "USD")).ToList();
        var quotedHeld = true;
        if (quotedMoney.Count > 0)
        {
            var theirs = new List<Signal>();
            foreach (var company in parser.Parse(question).Companies) theirs.AddRange(await tools.SignalsAsync(company, null, null, answer.AsOf));
            quotedHeld = quotedMoney.All(said => theirs.Any(s => Restates(s, said)));
        }
        static bool Restates(Signal s, Money said) =>
            MoneySpan(s) is { } x && x.Low.Currency == said.Currency && (Math.Abs(x.Low.Amount) == said.Amount || Math.Abs(x.High.Amount) == said.Amount);
        var text = Regex.Replace(QuestionParser.WrittenOut(question.Trim()), @"[\s?!.]+$", "");
        var (shape, work) = TwoNamedShapes.Select(s => (Match: s.Shape.Match(text), s.Work)).FirstOrDefault(s => s.Match.Success);
        // ("ByteDance: once the domestic AI chip budget is taken out, how much of its 2025 capex is left?": a company named
        // as the question's heading is the company of each side that names none.)
        string? headed = null;
        if (shape is null && Regex.Match(text, @"^(?<name>[^:;?]{2,40}?)\s*:\s*(?=\S)") is { Success: true } heading
            && parser.Parse(heading.Groups["name"].Value) is { Companies: [var named], Kinds.Count: 0, Years.Count: 0 }
            && Regex.Matches(heading.Groups["name"].Value, @"[\p{L}\d]+").Count <= 3)
        {
            (shape, work) = TwoNamedShapes.Select(s => (Match: s.Shape.Match(text[heading.Length..]), s.Work)).FirstOrDefault(s => s.Match.Success);
            headed = named;
        }
        if (shape is null) return answer;
        // ("oracle bonds vs what OpenAI pays it, what %": a gap worked out where a share was asked does not answer it.)
        if (work == NamedWork.Share && firstLine.StartsWith("Difference:", StringComparison.Ordinal)) declined = true;
        // ("Annualise the big four's Q3 capex. What share of Dell'Oro's 2025 total would that be?": the yearly pace alone, or
        // a ratio worked from a quarter not taken four times, does not answer it.)
        var annualised = AnnualisedAsked.IsMatch(question);
        var paceOnly = annualised && !declined && (firstLine.Contains("a year at that pace", StringComparison.Ordinal) || !firstLine.Contains("times four", StringComparison.Ordinal));
        // ("Global hyperscale capex in 2024 per quarter vs the big four's Q3 2025 AI capex": one side asked a quarter at a time.)
        var quartered = PerQuarterSide.IsMatch(shape.Groups["num"].Value) != PerQuarterSide.IsMatch(shape.Groups["den"].Value);
        paceOnly |= quartered && !declined && !firstLine.Contains(" a quarter", StringComparison.Ordinal);
        declined |= paceOnly;
        // ("… plus … — together, is that more than CoreWeave raised?": a sum of what was found answers no comparison.)
        // (Not when the sum is asked too: "combined amount and difference?")
        declined |= work is NamedWork.More or NamedWork.Gap or NamedWork.Reach && Regex.IsMatch(firstLine, @"^(?:\w+\s+)?together:", Options)
            && !Regex.IsMatch(question, @"\b(?:sum|total|combined\s+(?:amount|total|figure|value))\b", Options);
        if (!declined && WorkedLead.IsMatch(firstLine)) return answer;
        string Side(string words) => SideFiller.Replace(Regex.Replace(words.Trim(), @"^(?:(?:the|that\s+of|those\s+of|der|des|die|den|dem|von|vom|an|am)\s+)+", "", Options), "");
        var (numWords, denWords) = (Side(shape.Groups["num"].Value), Side(shape.Groups["den"].Value));
        if (shape.Groups["num2"].Success) numWords = $"{numWords} plus {Side(shape.Groups["num2"].Value)}";
        if (shape.Groups["what"].Success) numWords = $"{numWords} {shape.Groups["what"].Value}";
        if (shape.Groups["denWhat"].Success) denWords = $"{denWords} {shape.Groups["denWhat"].Value}";
        // (A run rate is of revenue unless the side says otherwise.)
        if (shape.Groups["runRate"].Success && !Regex.IsMatch(denWords, @"\b(revenue|sales|capex|spend\w*)\b", Options)) denWords += " revenue";
        // (An end of a range named, "the top end of GOOGL's range", is the older range rules' to work.)
        if (numWords.Length < 3 || denWords.Length < 3 || TopEndWord.IsMatch($"{numWords} {denWords}") || LowEndWord.IsMatch($"{numWords} {denWords}")) return answer;
        if (headed is not null)
            (numWords, denWords) = (Headed(numWords), Headed(denWords));
        string Headed(string words) => parser.Parse(words) is { Companies.Count: 0, Filers.Count: 0 }
            ? OwnerPronoun.IsMatch(words) ? OwnerPronoun.Replace(words, $"{Name(headed)}'s") : $"{Name(headed)}'s {words}"
            : words;
        // ("… next to the midpoint of its 2026 capex guidance": "its" is the company the other side names.)
        var (numParsed, denParsed) = (parser.Parse(numWords), parser.Parse(denWords));
        numWords = OwnerFilled(numWords, numParsed, denParsed);
        denWords = OwnerFilled(denWords, denParsed, numParsed);
        // ("Amazon's free cash flow as a share of Alphabet's": a side that names only a company asks of it what the other side
        // asks, never whatever figure of it comes first.)
        (numWords, denWords) = (OfSameFigure(numWords, numParsed, denWords, denParsed), OfSameFigure(denWords, denParsed, numWords, numParsed));
        // ("global hyperscale capex in 2024 excluding Tencent": a part that names a company and nothing else is that
        // company's share of what the whole names.)
        if (work == NamedWork.Difference && numParsed.Companies.Count == 0 && denParsed is { Companies.Count: > 0, Kinds.Count: 0, Years.Count: 0 }
            && Regex.Matches(denWords, @"[\p{L}\d]+").Count <= 3)
            denWords = $"{denWords} {numWords}";
        var asOf = answer.AsOf;
        var market = await tools.MarketSignalsAsync(null, null, asOf);
        var nums = await NamedFiguresAsync(numWords, market, asOf, cancellationToken);
        // ("Welchen Anteil haben Amazon, Meta, Google und Microsoft zusammen an den … Rechenzentrumsinvestitionen 2025?": a
        // side that names no year, and finds no one figure without one, is of the year the other side names.)
        async Task<List<NamedFigure>> OfOtherYearAsync(List<NamedFigure> found, string words, ParsedQuestion own, ParsedQuestion other)
        {
            if (found.Count == 1 || own.Years.Count > 0 || own.Quarter is not null || other.Years is not [var year]) return found;
            var again = await NamedFiguresAsync($"{words} {year}", market, asOf, cancellationToken);
            return again.Count == 1 ? again : found;
        }
        nums = await OfOtherYearAsync(nums, numWords, numParsed, denParsed);
        // ("Meta's private credit plus Oracle's bond sale", "Amazon's Pennsylvania and North Carolina campuses together": a
        // side that adds figures up is their sum.)
        // ("What share of Amazon's 2025 plan do its Pennsylvania and North Carolina campuses make up?": so is one that names
        // several, each of which is one figure, whatever the side finds as a whole.)
        var summing = work is not (NamedWork.Sum or NamedWork.Difference);
        var sumSaid = summing && SumSaid.IsMatch(question);
        if (summing) nums = await SummedSideAsync(nums, numWords, sumSaid, denParsed, market, asOf, cancellationToken);
        var dens = nums.Count == 0 ? [] : await OfOtherYearAsync(await NamedFiguresAsync(denWords, market, asOf, cancellationToken), denWords, denParsed, numParsed);
        // ("How much of ByteDance's 2025 capex is left once you take out the domestic AI chip budget?": what is taken out
        // of a company's figure, naming no company, is the company's own when one of its figures is so named.)
        if (work == NamedWork.Difference && nums.Count > 0 && denParsed is { Companies.Count: 0, Filers.Count: 0 } && numParsed.Companies is [var whose]
            && !(dens is [var foundDen] && foundDen.Signal.Company == whose)
            && (await NamedFiguresAsync($"{Name(whose)}'s {denWords}", market, asOf, cancellationToken)).Where(x => nums.All(n => n.Signal.Id != x.Signal.Id)).ToList() is [var owned])
            dens = [owned];
        if (summing && nums.Count > 0) dens = await SummedSideAsync(dens, denWords, sumSaid, numParsed, market, asOf, cancellationToken);
        // ("Meta's Hyperion" is its gigawatts and the homes they would power: the one in the other side's unit.)
        if (nums.Select(x => x.Unit).Intersect(dens.Select(x => x.Unit)).ToList() is not [var unit]) return answer;
        (nums, dens) = (nums.Where(x => x.Unit == unit).ToList(), dens.Where(x => x.Unit == unit).ToList());
        // ("ByteDance's 2025 capex minus its domestic AI chip budget": the budget the other side names is not this side's.)
        if (nums.Count > 1 && dens is [var onlyDen]) nums = nums.Where(x => x.Signal.Id != onlyDen.Signal.Id).ToList();
        // ("What share of Scion's combined PLTR + NVDA put notional was on Palantir?": a whole its words say is combined is
        // the figures they find added up, the part among them.)
        if (work == NamedWork.Share && dens.Count > 1 && nums is [var partOf] && dens.Any(x => x.Signal.Id == partOf.Signal.Id) && CombinedWhole.IsMatch(denWords))
            dens = [new NamedFigure(dens.First(x => x.Signal.Id != partOf.Signal.Id).Signal, dens.Sum(x => x.Low), dens.Sum(x => x.High), unit, Together: dens.Select(x => x.Signal).ToList())];
        if (dens.Count > 1 && nums is [var onlyNum]) dens = dens.Where(x => x.Signal.Id != onlyNum.Signal.Id).ToList();
        if (!quotedHeld && !quotedMoney.All(said => nums.Concat(dens).SelectMany(x => x.Together ?? [x.Signal]).Any(s => Restates(s, said)))) return answer;
        // (A part set against a sum it is in is no figure against itself.)
        if (nums is not [var num] || dens is not [var den] || num.Signal.Id == den.Signal.Id && num.Together is null && den.Together is null) return answer;
        // (A plan never adds to what was spent on it: one company's capex guidance and its capex are one spending twice.)
        if (work == NamedWork.Sum && num.Signal.Company is { } spender && spender == den.Signal.Company
            && new[] { num, den }.All(x => x.Signal.Kind is SignalKind.Capex or SignalKind.CapexGuidance)) return answer;
        if (annualised) (num, den) = (Annualised(num), Annualised(den));
        if (quartered) (num, den) = (Quartered(num, shape.Groups["num"].Value), Quartered(den, shape.Groups["den"].Value));
        (num, den) = (Yearly(num, shape.Groups["num"].Value), Yearly(den, shape.Groups["den"].Value));
        foreach (var x in new[] { num, den }.Where(x => x.Years > 0 && Regex.IsMatch(x.Unit, "^[A-Z]{3}$")))
            Computed("per year", [x.Signal.Id], new Money(x.Low, x.Unit), new Money(x.High, x.Unit));
        // (The yearly pace and the quarter's part are figures of the answer's own working, and the figure check reads them.)
        foreach (var x in new[] { num, den }.Where(x => (x.Annualised || x.Quartered) && Regex.IsMatch(x.Unit, "^[A-Z]{3}$")))
            Computed(x.Annualised ? "quarter taken four times" : "year's fourth", [x.Signal.Id], new Money(x.Low, x.Unit), new Money(x.High, x.Unit));
        // (A range's midpoint, said beside it, is worked out too: "$115 billion to $135 billion …, midpoint $125 billion".)
        foreach (var x in new[] { num, den }.Where(x => x.Together is null && x.Low != x.High && Regex.IsMatch(x.Unit, "^[A-Z]{3}$")))
            Computed("midpoint", [x.Signal.Id], new Money((x.Low + x.High) / 2, x.Unit), new Money((x.Low + x.High) / 2, x.Unit));
        // (A worked first line set aside for the yearly pace, or for a year taken a quarter at a time, stays when no
        // figure was so taken.)
        if (paceOnly && !num.Annualised && !den.Annualised && !num.Quartered && !den.Quartered) return answer;
        // ("market value lost by eight leading AI companies: about $800 billion" against Nvidia's fall of $350 billion: a
        // loss its words say is a loss, whatever its sign.)
        if (Math.Sign(num.Low) != Math.Sign(den.Low)) (num, den) = (AsLoss(num), AsLoss(den));
        // ("Was Nvidia's one-day October drop bigger than Amazon's 2026 capex budget?": a loss set against an amount that is
        // none is set against it by its size.)
        if (Math.Sign(num.Low) != Math.Sign(den.Low) && work is not (NamedWork.Sum or NamedWork.Difference)) (num, den) = (Size(num), Size(den));
        // ("Nvidia's one-day loss as a percentage of its weekly loss": two losses are set against each other by their size.)
        if (Math.Sign(num.Low) != Math.Sign(den.Low) || Math.Sign(num.Low) != Math.Sign(num.High) || Math.Sign(den.Low) != Math.Sign(den.High)) return answer;
        if (num.Low < 0) (num, den) = (num with { Low = -num.High, High = -num.Low }, den with { Low = -den.High, High = -den.Low });
        var (numValue, denValue) = ((num.Low + num.High) / 2, (den.Low + den.High) / 2);
        var (top, bottom) = work is NamedWork.Larger or NamedWork.Gap && numValue < denValue ? (den, num) : (num, den);
        var ids = new[] { top.Signal.Id, bottom.Signal.Id }.Concat((top.Together ?? []).Concat(bottom.Together ?? []).Select(x => x.Id)).Distinct().ToArray();
        List<Signal> shownSignals = [.. new[] { num.Signal, den.Signal }.Concat(num.Together ?? []).Concat(den.Together ?? []).DistinctBy(x => x.Id)];
        string lead;
        if (work == NamedWork.Reach)
        {
            // (Yes when it is there; otherwise how far short, in the unit of both: a range's ends each set against the other
            // side's figure, or its midpoint.)
            var (gapA, gapB) = (Math.Abs(denValue - num.Low), Math.Abs(denValue - num.High));
            var (gapLow, gapHigh) = (Math.Min(gapA, gapB), Math.Max(gapA, gapB));
            var roughly = num.Signal.Qualifier is Qualifier.Exact && den.Signal.Qualifier is Qualifier.Exact && den.Low == den.High ? "" : "about ";
            Derived = [.. Derived, new { computed = "difference", of = ids, low = gapLow, high = gapHigh, unit }];
            lead = StandingOf(numValue, numValue, denValue, denValue) == Standing.Below
                ? $"No: {roughly}{Spanned(gapLow, gapHigh, unit)} short (worked out): {Said(num)} against {Said(den)}"
                : $"Yes: {roughly}{Spanned(gapLow, gapHigh, unit)} above it (worked out): {Said(num)} against {Said(den)}";
            return WithWorkedLead(answer, declined, lead, shownSignals, asOf);
        }
        if (work is NamedWork.Difference or NamedWork.Sum or NamedWork.Gap)
        {
            // (Of one range or a bound and an exact figure, the result keeps the bound: "more than CNY 150 billion" less
            // CNY 40 billion is more than CNY 110 billion; $500 billion less $66 billion to $72 billion is $428 billion
            // to $434 billion.)
            if (work == NamedWork.Gap && (num.Low != num.High || den.Low != den.High)) return answer;
            var (a, b) = (top.Signal.Qualifier, bottom.Signal.Qualifier);
            var bound = work == NamedWork.Gap ? (a, b) is (Qualifier.Exact, Qualifier.Exact) ? "" : "about "
                : work == NamedWork.Difference
                ? (a, b) switch { (Qualifier.Exact, Qualifier.Exact) => "", (Qualifier.AtLeast, Qualifier.Exact) => "more than ", (Qualifier.AtMost, Qualifier.Exact) => "at most ", _ => "about " }
                : a == b || b == Qualifier.Exact ? Bound(a) : a == Qualifier.Exact ? Bound(b) : "about ";
            var (low, high) = work switch
            {
                NamedWork.Sum => (num.Low + den.Low, num.High + den.High),
                NamedWork.Gap => (Math.Abs(numValue - denValue), Math.Abs(numValue - denValue)),
                _ => (num.Low - den.High, num.High - den.Low),
            };
            if (low <= 0) return answer;
            var said = Spanned(low, high, unit);
            Derived = [.. Derived, new { computed = work == NamedWork.Sum ? "sum" : "difference", of = ids, low, high, unit }];
            lead = work switch
            {
                NamedWork.Difference => $"{Capitalise(bound)}{said} left (worked out): {Said(top)} less {Said(bottom)}",
                NamedWork.Gap => $"Gap: {bound}{said} (worked out): {Said(top)} against {Said(bottom)}",
                _ => $"{Capitalise(bound)}{said} together (worked out): {Said(top)} plus {Said(bottom)}",
            };
            return WithWorkedLead(answer, declined, lead, shownSignals, asOf);
        }
        var value = work == NamedWork.Share ? numValue / denValue * 100 : (top.Low + top.High) / (bottom.Low + bottom.High);
        // (To a tenth; a share below one per cent to a hundredth: "0.65 %".)
        var rounded = Plain(Math.Round(value, value < 1 ? 2 : 1));
        // (A share or multiple that rounds to nothing says nothing.)
        if (rounded == 0) return answer;
        var about = num.Low != num.High || den.Low != den.High || QualifierOf(top) is not Qualifier.Exact || QualifierOf(bottom) is not Qualifier.Exact ? "about " : "";
        // ("… together up to 10 GW … what percentage of Bain's 200 GW?": a share of a bound part of an exact whole keeps
        // the part's bound, "up to 5 %".)
        if (work == NamedWork.Share && num.Low == num.High && den.Low == den.High && QualifierOf(den) is Qualifier.Exact && QualifierOf(num) is Qualifier.AtMost or Qualifier.AtLeast)
            about = Bound(QualifierOf(num));
        if (work == NamedWork.Share)
        {
            Derived = [.. Derived, new { computed = "share", of = ids, percent = rounded }];
            lead = $"{Capitalise(about)}{rounded.ToString(CultureInfo.InvariantCulture)} % (worked out): {Said(top)} out of {Said(bottom)}";
            // ("What share of ByteDance's 150bn-yuan budget goes to domestic chips, and how much is left after that?": what
            // the part leaves of the whole, too, keeping the whole's bound.)
            if (LeftAsked.IsMatch(question)
                && (den.Low - num.High, den.High - num.Low) is var (leftLow, leftHigh) && leftLow > 0)
            {
                Derived = [.. Derived, new { computed = "difference", of = ids, low = leftLow, high = leftHigh, unit }];
                lead += $"; {LeftBound(den.Signal.Qualifier, [num.Signal.Qualifier])}{Spanned(leftLow, leftHigh, unit)} left";
            }
        }
        else if (work == NamedWork.More)
        {
            Derived = [.. Derived, new { computed = "ratio", of = ids, times = rounded }];
            // (Of ranges, their midpoints are set against each other.)
            lead = StandingOf(numValue, numValue, denValue, denValue) switch
            {
                Standing.Above => $"Yes: {Said(top)} is {about}{TimesRecorded(rounded, value)} {Said(bottom)} (worked out)",
                Standing.Overlapping => $"No, {(about.Length > 0 ? "about " : "")}the same: {Said(top)} against {Said(bottom)}",
                _ => $"No: {Said(top)} is {about}{TimesRecorded(rounded, value)} {Said(bottom)} (worked out)",
            };
        }
        else
        {
            Derived = [.. Derived, new { computed = "ratio", of = ids, times = rounded }];
            lead = $"{Capitalise(about)}{TimesRecorded(rounded, value)} (worked out): {Said(top)} against {Said(bottom)}";
        }
        return WithWorkedLead(answer, declined, lead, shownSignals, asOf);

        static NamedFigure Quartered(NamedFigure x, string words) =>
            PerQuarterSide.IsMatch(words) && x.Signal.Period.Kind == PeriodKind.FiscalYear ? x with { Low = x.Low / 4, High = x.High / 4, Quartered = true } : x;

        // ("Alibaba's per-year spend vs Tencent's 2024 capex": a plan over several years taken a year at a time, when its
        // side's words ask it per year.)
        static NamedFigure Yearly(NamedFigure x, string words) =>
            PerYearSide.IsMatch(words) && x.Together is null && !Regex.IsMatch(x.Signal.DescribeValue(), @"\b(annual|yearly|a year|per year)\b", Options) && x.Signal.Period is { Kind: PeriodKind.FiscalYears, Year: { } first, EndYear: { } last } && last > first
                ? x with { Low = x.Low / (last - first + 1), High = x.High / (last - first + 1), Years = last - first + 1 } : x;

        static NamedFigure Annualised(NamedFigure x) =>
            x.Signal.Period.Kind == PeriodKind.FiscalQuarter ? x with { Low = x.Low * 4, High = x.High * 4, Annualised = true } : x;

        static NamedFigure Size(NamedFigure x) => x.Low < 0 && x.High <= 0 ? x with { Low = -x.High, High = -x.Low } : x;

        static NamedFigure AsLoss(NamedFigure x) =>
            x.Low > 0 && Regex.IsMatch(x.Signal.DescribeValue(), @"\b(?:lost|loss(?:es)?|shed|wiped\s+out)\b", Options) ? x with { Low = -x.High, High = -x.Low } : x;

        // (Of figures added up, the bound they share, or "about" when they differ.)
        static Qualifier QualifierOf(NamedFigure x) => x.Together is { } parts
            ? parts.Select(p => p.Qualifier).Where(b => b != Qualifier.Exact).Distinct().ToList() switch { [] => Qualifier.Exact, [var one] => one, _ => Qualifier.About }
            : x.Signal.Qualifier;

        static string Bound(Qualifier qualifier) => qualifier switch { Qualifier.AtLeast => "more than ", Qualifier.AtMost => "up to ", Qualifier.About => "about ", _ => "" };

        string Said(NamedFigure x) => x.Together is { } parts
            ? $"together {Bound(QualifierOf(x))}{Spanned(x.Low, x.High, x.Unit)}, adding {string.Join(" and ", parts.Select(p => Said(new NamedFigure(p, 0, 0, x.Unit))))}"
            : $"{(x.Signal.Company is { } co ? Label(co) + " " : "")}{KindLabel(x.Signal)} {x.Signal.DescribeValue()} ({When(x.Signal, asOf)})"
            + (x.Annualised ? $", {Spanned(x.Low, x.High, x.Unit)} a year at that pace (times four)" : "")
            + (x.Quartered ? $", {Spanned(x.Low, x.High, x.Unit)} a quarter (a fourth of the year's)" : "")
            + (x.Years > 0 ? $", {Spanned(x.Low, x.High, x.Unit)} a year over its {x.Years} years" : "")
            + (x.Low != x.High ? $", midpoint {Human((x.Low + x.High) / 2, x.Unit)}" : "");

        static string Spanned(decimal low, decimal high, string unit) => low == high ? Human(low, unit) : $"{Human(low, unit)} to {Human(high, unit)}";

        // (Money in its currency; a count with no unit after it: "22.5", not "22.5 count".)
        static string Human(decimal value, string unit) =>
            Regex.IsMatch(unit, "^[A-Z]{3}$") ? new Money(value, unit).ToHuman() : $"{Plain(value).ToString(CultureInfo.InvariantCulture)}{(unit == "count" ? "" : " " + unit)}";

        string OfSameFigure(string words, ParsedQuestion own, string otherWords, ParsedQuestion other) =>
            own is { Companies: [var company], Kinds.Count: 0, Years.Count: 0, Quarter: null, Filers.Count: 0 } && Regex.Matches(words, @"[\p{L}\d]+").Count <= 3
            && other is { Companies: [var theirs], Kinds.Count: > 0 } && theirs != company && WithoutNames(otherWords, other).Trim() is { Length: > 2 } asked
                ? $"{Name(company)}'s {Regex.Replace(asked, @"^'s\s+", "")}" : words;

        // ("its 2026 guidance" of a side naming no company; "Nvidia's stake in it": the company the other side names.)
        static string OwnerFilled(string words, ParsedQuestion own, ParsedQuestion other)
        {
            if (other.Companies is not [var owner] || own.Companies.Contains(owner)) return words;
            if (own.Companies.Count == 0) words = OwnerPronoun.Replace(words, $"{owner}'s");
            // ("the spending it guided for Q4": "it" is the company the other side names.)
            if (own.Companies.Count == 0) words = Regex.Replace(words, @"\b(?:it|they)\s+(?=(?:guided|guides|planned|plans|spent|spends|expects|expected|budgeted|flagged|earmarked|raised|paid|pays)\b)", $"{owner} ", Options);
            return Regex.Replace(words, @"\b(in|into|of|on|to)\s+(?:it|them)\b", $"$1 {owner}", Options);
        }
    }

    // ("its 2026 guidance", "their capex": the word that stands for the company a side belongs to.)
    private static readonly Regex OwnerPronoun = new(@"\b(?:its|their)\b", Options);

    // ("plus", "together", "add up", "zusammen": figures asked added up.)
    private static readonly Regex SumSaid = new(@"\b(?:plus|together|combined|add(?:ed)?\s+up|add|sum|summed|zusammen\w*|insgesamt)\b|\+", Options);

    /// <summary>
    /// A side that names several figures, "Meta's private credit plus Oracle's bond sale", as one figure: their sum, each
    /// part found as a side of its own would be (a part naming no company that finds nothing alone is of the one the
    /// others name: "Amazon's Pennsylvania and North Carolina campuses"). When the question says figures are added up and
    /// the parts do not each find one, the figures the whole side finds, of one kind that adds up ("Scion's Palantir and
    /// Nvidia puts", "what CoreWeave raised"). The side as found when it names one figure or the figures will not add up.
    /// </summary>
    private async Task<List<NamedFigure>> SummedSideAsync(List<NamedFigure> found, string words, bool sumSaid, ParsedQuestion other, IReadOnlyList<Signal> market, DateOnly? asOf, CancellationToken cancellationToken)
    {
        // ("…, taking alphabet's midpoint": how a range is taken, not a figure to add.)
        var middles = Regex.IsMatch(words, @"\b(?:mid-?points?|middle|mittelwert\w*|mitte)\b", Options);
        words = Regex.Replace(words, @",?\s*\b(?:taking|using|at)\s+(?:the\s+)?(?:[\w'’]+\s+)?(?:mid-?points?|middles?)\s*$", "", Options);
        // (A comma lists figures only when they are said to be added up: "die Kraftwerksleistung, die China 2024 …" is one.)
        var parts = Regex.Split(words, sumSaid ? @"\s*(?:\bplus\b|\+|,|\band\b|\bund\b|\bwith\b|\bmit\b)\s*" : @"\s*(?:\bplus\b|\+|\band\b|\bund\b|\bwith\b|\bmit\b)\s*", Options)
            .Where(p => p.Length > 0).ToList();
        // (Unless the question says so, "its bet against Nvidia and Palantir" is one figure: a part that is only a company's
        // name names no figure of its own, nor do companies listed one after the other, "the Nvidia and Palantir short".)
        var parsed = parts.Count > 1 ? parts.Select(p => parser.Parse(p)).ToList() : [];
        var figures = parts.Count > 1 && (sumSaid || parts.Zip(parsed).All(p => Regex.IsMatch(WithoutNames(p.First, p.Second), @"\b(?!(?:the|a|an|its|their|of|der|die|das|den)\b)\p{L}{2,}", Options))
                && parts.SkipLast(1).All(p => Regex.Match(p, @"[\p{L}\d.&-]+$") is not { Success: true } last || parser.Parse(last.Value).Companies.Count == 0))
            ? await EachPartAsync() : null;
        // (Deals, bets, plans and moves add up; a measure of one period after another does not.)
        figures ??= sumSaid && found.Count > 1 && found.Select(x => x.Signal.Kind).Distinct().ToList() is [SignalKind.FinancingDeal or SignalKind.OptionPosition
            or SignalKind.InvestmentPlan or SignalKind.MarketCapMove or SignalKind.CapacityPlan] ? found : null;
        if (figures is null || figures.Select(x => x.Unit).Distinct().Count() != 1 || figures.DistinctBy(x => x.Signal.Id).Count() != figures.Count) return found;
        // ("with the midpoints of Alphabet's and Meta's 2026 ranges": each range taken at its midpoint.)
        if (middles)
            figures = figures.Select(x => x.Low == x.High ? x : x with { Low = (x.Low + x.High) / 2, High = (x.Low + x.High) / 2 }).ToList();
        var (low, high, unit) = (figures.Sum(x => x.Low), figures.Sum(x => x.High), figures[0].Unit);
        if (Regex.IsMatch(unit, "^[A-Z]{3}$")) Computed("sum", figures.Select(x => x.Signal.Id), new Money(low, unit), new Money(high, unit));
        return [new NamedFigure(figures[0].Signal, low, high, unit, Together: figures.Select(x => x.Signal).ToList())];

        async Task<List<NamedFigure>?> EachPartAsync()
        {
            // (Of the parts, or else of the other side: "What share of Amazon's 2025 plan do the Pennsylvania and North
            // Carolina campuses make up?")
            var owners = parsed.SelectMany(p => p.Companies).Distinct().ToList() is { Count: > 0 } named ? named : other.Companies.ToList();
            var each = new List<List<NamedFigure>>();
            // ("amazon + alphabet 2026 capex": what the last part asks of its company is asked of a part that names only one.)
            var asked = WithoutNames(parts[^1], parsed[^1]).Trim();
            for (var i = 0; i < parts.Count; i++)
            {
                var own = parsed[i];
                // ("Nvidia's commitment to OpenAI and its CoreWeave investment": "its" is the company the first part names.)
                var part = i > 0 && parsed[0].Companies is [var first, ..] && Regex.IsMatch(parts[i], @"^(?:its|their)\b", Options)
                    ? Regex.Replace(parts[i], @"^(?:its|their)\b", $"{Name(first)}'s", Options) : parts[i];
                var alone = await NamedFiguresAsync(part, market, asOf, cancellationToken);
                if (alone.Count == 0 && own.Companies.Count == 0 && own.Filers.Count == 0 && owners is [var owner])
                    alone = await NamedFiguresAsync($"{Name(owner)}'s {part}", market, asOf, cancellationToken);
                else if (alone.Count != 1 && own is { Companies.Count: 1, Kinds.Count: 0, Years.Count: 0 } && i < parts.Count - 1 && asked.Length > 0)
                    alone = await NamedFiguresAsync($"{part} {asked}", market, asOf, cancellationToken);
                each.Add(alone);
            }
            // ("Hyperion's maximum power need" is its gigawatts and the homes they would power: the one in the unit all
            // parts share.)
            var shared = each.Select(x => x.Select(f => f.Unit).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
            var inUnit = each.Select(x => x.Where(f => shared.Contains(f.Unit)).ToList()).ToList();
            return shared.Count == 1 && inUnit.All(x => x.Count == 1) ? inUnit.Select(x => x[0]).ToList() : null;
        }
    }

    // (Annualised: a quarter's figure taken four times, when the question asks for a yearly pace.)
    // (Quartered: a year's figure taken a quarter at a time, when its side's words ask it per quarter.)
    // (Together: the figures a whole its words say is combined adds up.)
    private sealed record NamedFigure(Signal Signal, decimal Low, decimal High, string Unit, bool Annualised = false, bool Quartered = false, IReadOnlyList<Signal>? Together = null, int Years = 0);

    private static readonly Regex CombinedWhole = new(@"\b(?:combined|together|total|both|all|summed|zusammen\w*|gesamt\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The figures a few words name, found as the words asked on their own would find them: of the figures that answer
    /// shows, those its first line gives, in an amount (money, gigawatts, a count), not a percentage.
    /// </summary>
    private async Task<List<NamedFigure>> NamedFiguresAsync(string words, IReadOnlyList<Signal> market, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var found = await AnswerOneAsync(words + "?", asOf, cancellationToken);
        var firstLine = found.Text.Split('\n', 2)[0];
        if (!found.Answered || found.Evidence.Count == 0 || Regex.IsMatch(firstLine, @"^(I have no|I don't|Not worked out)\b")) return [];
        var parsed = parser.Parse(words);
        // ("Stargate": a project answered without a company asked; the companies its first line names hold it.)
        var companies = found.Companies.Concat(parsed.Companies).Concat(parser.Parse(firstLine).Companies).Distinct().ToList();
        var known = (await Task.WhenAll(companies.Select(c => tools.SignalsAsync(c, null, null, asOf, latestOnly: false)))).SelectMany(x => x)
            .Concat(market).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var shown = found.Evidence.Select(e => known.GetValueOrDefault(e.SignalId)).OfType<Signal>().DistinctBy(s => s.Id)
            .Select(s => PlainAmount(s) is { } a ? new NamedFigure(s, a.Low, a.High, a.Unit) : null).OfType<NamedFigure>().Where(x => x.Low != 0).ToList();
        // ("the big four's 2025 capex plans": a group's figure is the market's figure that adds its members up, never the one
        // member a league table leads with.)
        if (parsed.Group.Count > 1)
            shown = shown.Where(x => x.Signal.Company is null && tools.Directory.FindMentionsInQuestion($"{NameOf(x.Signal)} {x.Signal.Note}").SelectMany(m => m.Candidates).ToHashSet() is var named
                && parsed.Group.All(named.Contains)).ToList();
        // (Of several shown, the one the first line gives.)
        if (shown.Count > 1 && shown.Where(x => firstLine.Contains(x.Signal.DescribeValue(), StringComparison.Ordinal)).ToList() is { Count: > 0 } lead) shown = lead;
        // ("Burry's short", "the Palantir put position": of several shown, those of the kind the words name.)
        if (shown.Count > 1 && parsed.Kinds.Count > 0 && shown.Where(x => parsed.Kinds.Contains(x.Signal.Kind)).ToList() is { Count: > 0 } ofKind) shown = ofKind;
        // ("the Palantir put position" against "Burry's short": options are not the short, nor the short the options.)
        if (shown.Any(x => x.Signal is ShortPosition) && shown.Any(x => x.Signal is OptionPosition))
            shown = shown.Where(x => PositionWordsFit(words, x.Signal)).ToList();
        // ("Meta's Hyperion": of a company's figures, the one whose own words carry the name the side gives.)
        if (shown.Count > 1 && Regex.Matches(words, @"\b[A-Z][\w-]{3,}\b").Select(m => m.Value).Where(w => parser.Parse(w).Companies.Count == 0).ToList() is { Count: > 0 } names)
        {
            var hits = shown.Select(x => (x, Hits: names.Count(n => QuestionParser.Mentions($"{NameOf(x.Signal)} {x.Signal.Note} {x.Signal.DescribeValue()}", n)))).ToList();
            if (hits.Max(h => h.Hits) is > 0 and var most) shown = hits.Where(h => h.Hits == most).Select(h => h.x).ToList();
        }
        // ("Amazon's original 2025 plan": a campus inside the plan is not the plan, unless the words name what it is for,
        // "its domestic AI chip budget".)
        if (shown.Count > 1 && shown.Any(x => x.Signal.Kind is SignalKind.Capex or SignalKind.CapexGuidance))
            shown = shown.Where(x => x.Signal.Kind != SignalKind.InvestmentPlan || Regex.IsMatch(words, @"\b(campus\w*|sites?|fabs?|facilit\w+|projects?)\b", Options)
                || Regex.Matches(x.Signal.DescribeValue(), @"\p{L}{4,}").Select(m => m.Value).Any(w => !Regex.IsMatch(w, @"^(billion|million|trillion)$", Options) && QuestionParser.Mentions(words, w))).ToList();
        // ("the big four's Q3 2025 capex pace": of a year's figure and a quarter's, the quarter the words name.)
        if (shown.Count > 1 && parsed.Quarter is { } quarter
            && shown.Where(x => x.Signal.Period.Kind == PeriodKind.FiscalQuarter && x.Signal.Period.Quarter == quarter).ToList() is { Count: > 0 } inQuarter) shown = inQuarter;
        // (A year the words name must be the figure's.)
        if (parsed.Years.Count > 0) shown = shown.Where(x => parsed.Years.Any(y => Covers(x.Signal, y, parsed.Calendar))).ToList();
        // ("Bain's 2030 level of annual AI capex": of the market's figures, the one whose own name holds most of the words.)
        if (shown.Count > 1 && shown.All(x => x.Signal.Company is null))
        {
            var wordsOf = Regex.Matches(words, @"\p{L}{3,}").Select(m => m.Value).Where(w => !Regex.IsMatch(w, @"^(?:the|and|for|of|level|what|how|much|its|their)$", Options)).ToList();
            var scored = shown.Select(x => (x, Hits: wordsOf.Count(w => QuestionParser.Mentions(x.Signal.DescribeValue(), w)))).ToList();
            if (scored.Max(h => h.Hits) is > 0 and var best && scored.Count(h => h.Hits == best) == 1) shown = [scored.Single(h => h.Hits == best).x];
        }
        // ("Amazon's full-year 2025 capex" when both the plan and what was spent are there: what was spent, unless a plan is
        // said.)
        if (shown.Count == 2 && shown.Count(x => x.Signal.Kind == SignalKind.Capex) == 1 && shown.Count(x => x.Signal.Kind == SignalKind.CapexGuidance) == 1
            && shown[0].Signal.Period == shown[1].Signal.Period)
            shown = shown.Where(x => x.Signal.Kind == (PlanSaid.IsMatch(words) ? SignalKind.CapexGuidance : SignalKind.Capex)).ToList();
        return shown;
    }

    /// <summary>
    /// Whether a position is of the kind the words name: options ("puts", "calls") are not the short, nor the short the
    /// options; words naming both or neither fit either.
    /// </summary>
    private static bool PositionWordsFit(string words, Signal s) =>
        Regex.IsMatch(words, @"\b(puts?|calls?|options?)\b", Options) is var options && options == Regex.IsMatch(words, @"\b(short\w*|leerverk\w*)\b", Options)
        || (options ? s is not ShortPosition : s is not OptionPosition);

    /// <summary>A figure's amount in its unit (money in its currency, gigawatts, a count), not a percentage; null for none.</summary>
    private static (decimal Low, decimal High, string Unit)? PlainAmount(Signal s) => s switch
    {
        _ when MoneySpan(s) is { } x && x.Low.Currency == x.High.Currency => (x.Low.Amount, x.High.Amount, x.Low.Currency),
        Valuation { Value: { } v } => (v.Amount, v.Amount, v.Currency),
        CapacityPlan c => (c.Gigawatts, c.Gigawatts, "GW"),
        Metric { Unit: not ("percent" or "points") } m when !Regex.IsMatch(m.Unit, "^[A-Z]{3}$") => (m.Value, m.Value, m.Unit),
        _ => null,
    };
}
