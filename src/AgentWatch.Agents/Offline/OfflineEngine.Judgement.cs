using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>Judgement questions, answered from the skeptic's factors.</summary>
public sealed partial class OfflineEngine
{
    /// <summary>
    /// Judgement questions ("is this a bubble?", "who is most exposed if the AI trade unwinds?") are answered from the
    /// skeptic's factors, the same ones its bubble-risk score adds up, each with its evidence: for the market, for the
    /// companies named, or company by company when the question asks who is most exposed.
    /// </summary>
    private async Task AnswerJudgementAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var assessment = await new Skeptic.BubbleRiskAssessor().AssessAsync(tools, answer.AsOf);
        var before = Derived;
        // The assessor read every watched company's signals; the same reads say which company each piece of evidence is about.
        var watched = tools.Directory.Companies.Where(c => c.Watched).Select(c => c.Ticker).Order(StringComparer.Ordinal).ToList();
        var perCompany = await Task.WhenAll(watched.Select(t => tools.SignalsAsync(t, null, null, answer.AsOf)));
        var filers = await Task.WhenAll(tools.Directory.Filers.Where(f => f.Watched).Select(f => tools.PositionsByFilerAsync(f.Key, answer.AsOf)));
        var subjects = perCompany.SelectMany(x => x).Concat(filers.SelectMany(f => f.Positions)).DistinctBy(x => x.Id)
            .ToDictionary(x => x.Id, x => x.Subjects().Where(watched.Contains).ToList(), StringComparer.Ordinal);
        var financing = await tools.FinancingGraphAsync(answer.AsOf);
        foreach (var d in financing.Deals) subjects.TryAdd(d.Id, d.Subjects().Where(watched.Contains).ToList());

        // Each factor's points go to the companies its evidence is about, in proportion to how much of it they are.
        var exposure = new Dictionary<string, (decimal Points, List<(RiskFactor Factor, List<Evidence> Evidence)> Factors)>(StringComparer.Ordinal);
        foreach (var factor in assessment.Factors.Where(f => f.Points > 0))
        {
            var about = factor.Evidence.SelectMany(e => subjects.GetValueOrDefault(e.SignalId) ?? []).ToList();
            foreach (var company in about.Distinct())
            {
                var share = factor.Points * about.Count(c => c == company) / (decimal)about.Count;
                var mine = factor.Evidence.Where(e => subjects.GetValueOrDefault(e.SignalId)?.Contains(company) == true).ToList();
                var current = exposure.GetValueOrDefault(company, (0m, []));
                current.Factors.Add((factor, mine));
                exposure[company] = (current.Points + share, current.Factors);
            }
        }
        Derived = [.. before, .. assessment.Derived, .. exposure.Select(e => (object)new { computed = "share of the skeptic's points", company = e.Key, points = Math.Round(e.Value.Points, 1) })];
        var score = $"bubble risk {assessment.Score} of 100 ({assessment.Level})";

        if (q.Companies.Count > 0)
        {
            // "Which hyperscaler has the thinnest cash cushion left after its capex?": of a group's factors, those the question
            // names by their own words (a company named is weighed on all of its factors).
            var focus = q.Group.Count == 0 ? new HashSet<string>() : assessment.Factors.Where(f => f.Name.Split(' ').Where(w => w is not ("capex" or "against" or "extreme" or "flow"))
                .Any(w => QuestionParser.MentionsAny(q.Text, w, w.TrimEnd('s')))).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var leads = new List<string>();
            foreach (var company in q.Companies)
            {
                var mineIds = exposure.TryGetValue(company, out var factorsOf) ? factorsOf.Factors.SelectMany(f => f.Evidence).Select(e => e.SignalId).ToHashSet(StringComparer.Ordinal) : [];
                if (factorsOf.Factors?.Where(f => focus.Count == 0 || focus.Contains(f.Factor.Name)).ToList() is { Count: > 0 } named)
                {
                    leads.Add($"On the skeptic's factors, {Label(company)} is exposed through {string.Join(" and ", named.Select(f => f.Factor.Name))}");
                    foreach (var (factor, evidence) in named)
                        answer.Line(evidence, $"{Capitalise(factor.Name)} ({factor.Points} of {factor.MaxPoints} points for the market): {string.Join("; ", evidence.Select(e => e.Summary))}");
                }
                else leads.Add($"None of the skeptic's factors points at {Label(company)}");
                // What a reader weighs beside the factors: how it is valued, what is left of its cash, what it borrowed.
                var own = await tools.SignalsAsync(company, null, null, answer.AsOf);
                // "Did the market overreact to Amazon's Q4 report?": the report's earnings beside the move.
                var weighed = own.Where(x => x.Kind is SignalKind.Eps && QuestionParser.MentionsAny(q.Text, "report", "results", "earnings", "numbers", "quarter", "zahlen", "bericht") || x.Kind is SignalKind.Valuation or SignalKind.CapexCashFlowRatio or SignalKind.FreeCashFlow or SignalKind.CapexGuidance or SignalKind.Capex or SignalKind.Revenue
                        or SignalKind.MarketCapMove or SignalKind.PriceMove or SignalKind.MarketShare or SignalKind.Metric or SignalKind.News || CompanyLevelKinds.Contains(x.Kind) || q.Kinds.Contains(x.Kind))
                    .GroupBy(x => x.Kind).SelectMany(g => Newest(Filter(g.ToList(), q, answer.AsOf) is { Count: > 0 } asked ? asked : g.ToList())
                        // (Of a company's many metrics, one set against a rival's, "R1 price relative to o1", weighs first.)
                        .OrderBy(x => x is Metric && Regex.IsMatch(NameOf(x), @"\b(relative|compared|versus|vs)\b", RegexOptions.IgnoreCase) ? 0 : 1).Take(g.Key is SignalKind.Metric ? 3 : g.Key is SignalKind.MarketCapMove or SignalKind.PriceMove || ExpandKinds(q).Contains(g.Key) || g.Key is SignalKind.CapexGuidance && q.Kinds.Contains(SignalKind.Capex) ? 2 : 1))
                    // "Can OpenAI afford its compute bills?": what it has signed up to pay comes before what was paid into it.
                    .Concat(Newest(own.OfType<FinancingDeal>().Where(d => d.Investee == company || d.Investor == company).Cast<Signal>().ToList())
                        .OrderBy(d => PaysAsked(q) && d is FinancingDeal { DealKind: DealKind.ComputeContract or DealKind.PurchaseCommitment } paid && paid.Investor == company ? 0 : 1).Take(4))
                    .Where(x => !mineIds.Contains(x.Id)).ToList();
                // "undercutting it on price": the company's figures the question's words name, whatever their kind.
                // "Is Meta's Hyperion project realistic?": the figures about what it names (the project's capacity).
                var topic = TopicWords(q);
                weighed = Relevant(own.Where(x => x.Kind is SignalKind.Metric or SignalKind.InvestmentPlan && !mineIds.Contains(x.Id)), q, allowSingleWord: true, unique: false)
                    .Concat(Newest(own.Where(x => !mineIds.Contains(x.Id) && TopicWordsOf(x).Overlaps(topic)).ToList()))
                    .Take(4).Concat(weighed).DistinctBy(x => x.Id).ToList();
                // Bets disclosed against it (13F puts and shorts) weigh on a judgement of it too.
                var bets = (await tools.PositionsOnAsync(company, answer.AsOf)).Where(p => !mineIds.Contains(p.Id));
                weighed = weighed.Concat(Newest(bets.ToList()).Take(2)).DistinctBy(x => x.Id).ToList();
                foreach (var v in weighed)
                    answer.Line(v, Described(v, answer.AsOf, Label(company)));
            }
            // "how much revenue is needed by 2030 to justify it, and what does OpenAI make?": the market's figures the
            // question names beside the companies'.
            var marketNamed = Relevant((await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null), q, allowSingleWord: false);
            foreach (var m in marketNamed.Take(3)) answer.Line(m, Described(m, answer.AsOf, "Market"));
            answer.Lead($"{string.Join(". ", leads)}. The market as a whole: {score}.");
            answer.Note("This is the skeptic's reading of the figures, not a forecast.");
            return;
        }

        // ("Who looks most exposed if the AI trade unwinds, going by Burry's biggest put?": the fund's largest bet of the kind
        // named decides; the company it is against leads, the fund's other bets of that kind beside it.)
        if (q.WantsWorst && q.Filers.Count > 0 && Regex.IsMatch(q.Text, @"\b(biggest|largest|größte\w*|grosste\w*)\s+(put|bet|position|short|wette)\b", RegexOptions.IgnoreCase))
        {
            var putsOnly = Regex.IsMatch(q.Text, @"\bputs?\b", RegexOptions.IgnoreCase);
            var bets = new List<OptionPosition>();
            foreach (var filer in q.Filers) bets.AddRange((await tools.PositionsByFilerAsync(filer, answer.AsOf)).Positions.OfType<OptionPosition>());
            if (Newest(bets.Where(b => b.IsBearish && b.Company is not null && (!putsOnly || b.PutCall == PutCall.Put)).ToList())
                    .OrderByDescending(b => b.Notional.Amount).ToList() is [var biggest, ..] ranked && ranked.All(b => b.Notional.Currency == biggest.Notional.Currency))
            {
                answer.Lead($"{Label(biggest.Company!)} is the most exposed going by the biggest {(putsOnly ? "put" : "bet")}: {biggest.DescribeValue()} ({When(biggest, answer.AsOf)})"
                    + (ranked.Count > 1 ? $", against {string.Join("; ", ranked.Skip(1).Select(b => $"{Name(b.Company!)} {b.Notional.ToHuman()}"))}." : "."));
                foreach (var b in ranked) answer.Line(b, Described(b, answer.AsOf, Label(b.Company!)));
            }
        }
        // "Who is most exposed to export controls on China?": a risk of its own kind is borne by the companies its figures
        // are about, whatever the skeptic's points say; they lead, the points follow as context.
        if (q.WantsWorst && q.Kinds.FirstOrDefault(k => k is SignalKind.ExportControl or SignalKind.MarketShare) is var riskKind && riskKind != default
            && Newest((await tools.SignalsOfKindAsync(riskKind, null, answer.AsOf)).Where(s => s.Company is not null).ToList()).ToList() is { Count: > 0 } bearing)
        {
            var mostHit = bearing.GroupBy(s => s.Company!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            answer.Lead($"{Label(mostHit.Key)} is the most exposed on the {riskKind.Label()} I have: {string.Join("; ", mostHit.Select(s => s.DescribeValue()))} ({When(mostHit.First(), answer.AsOf)}).");
            foreach (var s in bearing.Take(6)) answer.Line(s, Described(s, answer.AsOf, Label(s.Company!)));
        }
        if (q.WantsWorst && exposure.Count > 0)
        {
            var ranked = exposure.OrderByDescending(e => e.Value.Points).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
            var (top, worst) = (ranked[0].Key, ranked[0].Value);
            answer.Lead($"{Label(top)} looks most exposed on the skeptic's factors: {string.Join("; ", worst.Factors.Select(f => $"{f.Factor.Name} ({string.Join("; ", f.Evidence.Select(e => e.Summary))})"))}.");
            answer.Heading($"Companies by their share of the skeptic's points ({score} overall):");
            var rank = 0;
            foreach (var (company, (points, factors)) in ranked.Take(6))
                answer.Line(factors.SelectMany(f => f.Evidence).DistinctBy(e => e.SignalId).ToList(),
                    $"{++rank}. {Label(company)}: {Math.Round(points, 1).ToString("0.#", CultureInfo.InvariantCulture)} points, from {string.Join(", ", factors.Select(f => f.Factor.Name))}");
            // A reader weighs "most exposed" by comparing what each spends with what it earns: the same figures for
            // every company in the group asked about (or ranked), for the year asked when one is named.
            var compared = (q.Group.Count > 0 ? q.Group : ranked.Take(6).Select(r => r.Key)).ToList();
            var spending = new List<Signal>();
            foreach (var company in compared)
            {
                var own = await tools.SignalsAsync(company, null, null, answer.AsOf);
                foreach (var kind in (SignalKind[])[SignalKind.CapexGuidance, SignalKind.Capex, SignalKind.CapexCashFlowRatio, SignalKind.FreeCashFlow])
                {
                    var ofKind = own.Where(s => s.Kind == kind).ToList();
                    var asked = q.Years.Count > 0 ? Filter(ofKind, q, answer.AsOf) : ofKind;
                    // The year's own figure before a span of years that covers it.
                    var single = asked.Where(s => s.Period.Kind is PeriodKind.FiscalYear).ToList();
                    spending.AddRange(Newest(single.Count > 0 ? single : asked.Count > 0 ? asked : ofKind).Take(1));
                }
            }
            if (spending.Count > 0)
            {
                answer.Note("What each spends against what it earns:");
                foreach (var s in spending.DistinctBy(s => s.Id)) answer.Line(s, Described(s, answer.AsOf));
            }
            // "Which stock has the furthest to fall?": the richest valuations beside the skeptic's points.
            var valuations = Newest((await tools.SignalsOfKindAsync(SignalKind.Valuation, null, answer.AsOf)).ToList()).DistinctBy(v => v.Company)
                .Select(v => (Signal: v, Multiple: v.Figures().FirstOrDefault(f => f.Unit is "x" or "ratio")?.Value)).Where(v => v.Multiple is not null)
                .OrderByDescending(v => v.Multiple).Take(2).ToList();
            if (valuations.Count > 0)
            {
                answer.Note("Richest valuations (the most to lose if multiples fall):");
                foreach (var (v, _) in valuations) answer.Line(v, Described(v, answer.AsOf, Label(v.Company!)));
            }
            // "Which stock has the furthest to fall?": the largest run-ups too.
            if (QuestionParser.MentionsAny(q.Text, "furthest to fall", "farthest to fall", "most to lose", "fall the most", "drop the most", "most downside", "am tiefsten fallen"))
            {
                var runUps = (await tools.SignalsOfKindAsync(SignalKind.PriceMove, null, answer.AsOf)).OfType<PriceMove>().Where(m => m.ChangePercent > 0)
                    .OrderByDescending(m => m.ChangePercent).Take(2).ToList();
                if (runUps.Count > 0)
                {
                    answer.Note("Largest run-ups (the most to give back):");
                    foreach (var m in runUps) answer.Line(m, Described(m, answer.AsOf, Label(m.Company!)));
                }
            }
            answer.Note("This is the skeptic's reading of the figures, not a forecast.");
            return;
        }

        // "What's behind the 'capex eating cash flow' part of the score?": the factor named, and whose figures carry it.
        if (assessment.Factors.Where(f => QuestionParser.Mentions(q.Text, f.Name)).ToList() is [var factorAsked])
        {
            var whose = factorAsked.Evidence.SelectMany(e => subjects.GetValueOrDefault(e.SignalId) ?? []).Distinct().Select(Label).ToList();
            answer.Lead($"{Capitalise(factorAsked.Name)}: {factorAsked.Points} of {factorAsked.MaxPoints} points of the skeptic's {score}{(whose.Count > 0 ? $", carried by {string.Join(", ", whose)}" : "")}. {factorAsked.Reason}");
            if (factorAsked.Evidence.Count > 0) answer.Line(factorAsked.Evidence, string.Join("; ", factorAsked.Evidence.Select(e => e.Summary)));
            answer.Note("This is the skeptic's reading of the figures, not a forecast.");
            return;
        }
        answer.Lead($"The skeptic's reading: {score}, from five factors of up to 20 points each. It is a judgement on the figures, not a forecast.");
        foreach (var factor in assessment.Factors.OrderByDescending(f => f.Points))
        {
            if (factor.Evidence.Count > 0) answer.Line(factor.Evidence, $"{Capitalise(factor.Name)}: {factor.Points} of {factor.MaxPoints} points. {factor.Reason}");
            else answer.Note($"- {Capitalise(factor.Name)}: 0 of {factor.MaxPoints} points. {factor.Reason}");
        }
        // "All this debt going into data centres, red flag? Who is borrowing?": the deals of the kind the question names.
        if (q.Kinds.Contains(SignalKind.FinancingDeal) && DealKindsNamed(q.Text) is { Count: > 0 } dealKinds
            && Newest((await tools.FinancingGraphAsync(answer.AsOf)).Deals.OfType<FinancingDeal>().Where(d => dealKinds.Contains(d.DealKind)).Cast<Signal>().ToList()).Take(6).ToList() is { Count: > 0 } deals)
        {
            answer.Note($"The {string.Join(" and ", dealKinds.Select(k => k.ToString().ToLowerInvariant()))} deals I have:");
            foreach (var d in deals) answer.Line(d, $"{d.DescribeValueWithQualifier()}{PeriodPhrase(d, answer.AsOf)}");
        }
        // Whether the spending earns its keep is the other half of the question; the score does not weigh it, the
        // market's figures on profits and returns do.
        var metrics = (await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null).ToList();
        // The question's own subject first ("too much vc money going into ai?"), then the figures on returns.
        // A stretch of days named ("was the first week of November the start of it?"): the market's figures for it first.
        var window = q.Month?.Resolve(Today(answer.AsOf));
        var inWindow = window is null ? [] : metrics.Where(s => s.Period.Kind is PeriodKind.Day or PeriodKind.Days or PeriodKind.Month && window.Overlaps(s.Period.Start!.Value, s.Period.End!.Value));
        var market = inWindow.Concat(Relevant(metrics, q, allowSingleWord: true, unique: false)).Concat(metrics.Where(s => s is Metric m && ReturnWords.Any(w => QuestionParser.Mentions(m.Name, w)))).DistinctBy(s => s.Id).ToList();
        if (market.Count > 0)
        {
            answer.Note("Market-wide figures on whether it pays:");
            foreach (var m in market.Take(5)) answer.Line(m, Described(m, answer.AsOf, "Market"));
        }
        // "Looking at the first week of November, is the bubble popping?": the companies' own moves in those days too.
        if (window is not null)
        {
            var moves = (await CompanyMovesInAsync(window, [SignalKind.MarketCapMove, SignalKind.PriceMove], 0, answer.AsOf)).Take(5).ToList();
            if (moves.Count > 0)
            {
                answer.Note($"Moves in {window.Label}:");
                foreach (var m in moves) answer.Line(m, Described(m, answer.AsOf, Label(m.Company!)));
            }
        }
    }

    /// <summary>The question asks whether a company can pay what it owes ("afford its compute bills", "pay for all the compute").</summary>
    private static bool PaysAsked(ParsedQuestion q) =>
        QuestionParser.MentionsAny(q.Text, "afford", "pay", "pays", "paying", "pay for", "bills", "bill", "signed up", "commitments", "committed", "owes", "leisten", "bezahlen", "zahlen");

    /// <summary>What a market figure about returns on AI is called: profits, revenue needed to justify it, shares of returns.</summary>
    private static readonly string[] ReturnWords = ["profitable", "profit", "revenue needed", "justify", "returns"];
}
