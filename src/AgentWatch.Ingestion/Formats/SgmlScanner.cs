using System.Text;

namespace AgentWatch.Ingestion.Formats;

/// <summary>
/// Reads an SEC submission (SGML around XML documents) as a stream: the text up to a marker, then each &lt;XML&gt; block
/// as a reader of its own (<see cref="XmlBlockReader"/>), so a submission of any size is never held in memory whole. It
/// counts lines, so errors inside a block are placed at their line in the file.
/// </summary>
public sealed class SgmlScanner(TextReader reader)
{
    private const int MaxKeptText = 256 * 1024;
    private readonly char[] _buffer = new char[64 * 1024];
    private int _position;
    private int _length;

    /// <summary>The line (1-based) the scanner is on.</summary>
    public int Line { get; private set; } = 1;

    /// <summary>Reads up to and past <paramref name="marker"/> (case-insensitive); the text before it (its first 256 KB), or null at the end.</summary>
    public async Task<string?> ReadUntilAsync(string marker, CancellationToken cancellationToken)
    {
        var kept = new StringBuilder();
        var matched = 0;
        while (true)
        {
            var c = await NextAsync(cancellationToken).ConfigureAwait(false);
            if (c < 0) return null;
            var ch = (char)c;
            if (char.ToUpperInvariant(ch) == char.ToUpperInvariant(marker[matched]))
            {
                if (++matched == marker.Length) return kept.ToString();
                continue;
            }
            if (matched > 0)
            {
                if (kept.Length < MaxKeptText) kept.Append(marker, 0, matched);
                matched = char.ToUpperInvariant(ch) == char.ToUpperInvariant(marker[0]) ? 1 : 0;
                if (matched == 1) continue;
            }
            if (kept.Length < MaxKeptText) kept.Append(ch);
        }
    }

    /// <summary>The next character, or -1 at the end.</summary>
    internal async ValueTask<int> NextAsync(CancellationToken cancellationToken)
    {
        if (_position == _length)
        {
            _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            _position = 0;
            if (_length == 0) return -1;
        }
        var c = _buffer[_position++];
        if (c == '\n') Line++;
        return c;
    }

    /// <summary>The next character, read synchronously (for <see cref="TextReader.Read()"/>, which XmlReader uses).</summary>
    internal int Next()
    {
        if (_position == _length)
        {
            _length = reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            if (_length == 0) return -1;
        }
        var c = _buffer[_position++];
        if (c == '\n') Line++;
        return c;
    }
}

/// <summary>One &lt;XML&gt; block of a submission, up to its closing marker, as a reader an XmlReader can read.</summary>
public sealed class XmlBlockReader(SgmlScanner scanner, string terminator) : TextReader
{
    private readonly StringBuilder _candidate = new();
    private readonly Queue<char> _ready = new();
    private bool _done;

    /// <summary>Whitespace before the XML declaration would make the document invalid; it is not part of it.</summary>
    public void SkipLeadingWhitespace()
    {
        while (true)
        {
            var c = scanner.Next();
            if (c < 0) { _done = true; return; }
            if (!char.IsWhiteSpace((char)c))
            {
                Take((char)c);
                return;
            }
        }
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_ready.Count > 0)
            {
                buffer[written++] = _ready.Dequeue();
                continue;
            }
            if (_done) break;
            var c = scanner.Next();
            if (c < 0)
            {
                foreach (var held in _candidate.ToString()) _ready.Enqueue(held);
                _candidate.Clear();
                _done = true;
                continue;
            }
            Take((char)c);
        }
        return written;
    }

    /// <summary>
    /// Holds characters while they could be the start of the terminator; once they cannot, the first of them is
    /// content and the rest are looked at again. The terminator is six characters, so this costs little.
    /// </summary>
    private void Take(char c)
    {
        _candidate.Append(c);
        while (_candidate.Length > 0 && !IsTerminatorPrefix())
        {
            _ready.Enqueue(_candidate[0]);
            _candidate.Remove(0, 1);
        }
        if (_candidate.Length == terminator.Length)
        {
            _candidate.Clear();
            _done = true;
        }
    }

    private bool IsTerminatorPrefix()
    {
        for (var i = 0; i < _candidate.Length; i++)
            if (char.ToUpperInvariant(_candidate[i]) != char.ToUpperInvariant(terminator[i])) return false;
        return true;
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    /// <summary>Reads past the rest of the block, when the XML reader stopped before its end.</summary>
    public void SkipRest()
    {
        var sink = new char[4096];
        while (Read(sink) > 0)
        {
        }
    }
}
