using System.Globalization;
using System.Text;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

/// <summary>The answer as it is written: its first line, then the lines with their evidence.</summary>
public sealed partial class OfflineEngine
{
    /// <summary>Collects answer lines, each with the signals it rests on and their sources.</summary>
    private sealed class AnswerBuilder(DateOnly? asOf)
    {
        private readonly StringBuilder _text = new();
        private readonly List<Evidence> _evidence = [];
        private string? _lead;
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);

        public DateOnly? AsOf => asOf;
        public bool Answered { get; private set; }

        /// <summary>The answer in words and figures first, then the lines that show where it comes from.</summary>
        public string Text => _lead is null ? _text.ToString() : _lead + Environment.NewLine + _text;

        /// <summary>What was written does not answer the question after all (it stays, as context).</summary>
        public void Withdraw() => Answered = false;

        /// <summary>The first line: the answer itself. The first one set stands.</summary>
        public void Lead(string text) => _lead ??= text;

        /// <summary>A first line put before the one set: what answers the question, ahead of the figures it rests beside.</summary>
        public void LeadBefore(string text) => _lead = _lead is null ? text : $"{text}. {_lead}";

        /// <summary>Whether the answer has said it has nothing to give, so that no closest figures are added to it.</summary>
        public bool SaidNone { get; private set; }

        /// <summary>The first line says what is not there; nothing else answers in its place.</summary>
        public void None(string text)
        {
            Lead(text);
            SaidNone = true;
        }
        public IReadOnlyList<Evidence> Evidence => _evidence;

        /// <summary>Whether a line already rests on this signal.</summary>
        public bool Shows(string signalId) => _evidence.Any(e => e.SignalId == signalId);

        public void Heading(string text) => _text.AppendLine(text);
        public void Note(string text) => _text.AppendLine(text);

        public void Line(Signal signal, string text, bool answers = true) => Line([signal], text, answers);

        public void Line(IReadOnlyList<Signal> signals, string text, bool answers = true) =>
            Line(signals.Select(s => new Evidence(s.Id, s.Source, s.Describe(), s.KnownOn)).ToList(), text, answers);

        /// <summary>A line of the answer with its evidence; <paramref name="answers"/> false for context that does not answer it.</summary>
        public void Line(IReadOnlyList<Evidence> evidence, string text, bool answers = true)
        {
            // Two routes to the same figure (a group's market total, then the market's figures) write it once.
            if (!_written.Add(text)) { Answered |= answers; return; }
            var sources = evidence.Count == 0 ? "" : " — " + string.Join("; ", evidence.Select(e =>
                $"known {e.KnownOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}, {e.Source.ToShortString()} [{e.SignalId}]"));
            _text.Append("- ").Append(text).Append(text.EndsWith('.') || text.EndsWith(".)", StringComparison.Ordinal) ? "" : ".").AppendLine(sources);
            foreach (var e in evidence.Where(e => _evidence.All(x => x.SignalId != e.SignalId))) _evidence.Add(e);
            Answered |= answers;
        }
    }
}
