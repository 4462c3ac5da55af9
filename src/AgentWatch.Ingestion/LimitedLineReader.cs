using System.Text;

namespace AgentWatch.Ingestion;

/// <summary>
/// Reads lines like <see cref="StreamReader.ReadLineAsync()"/>, but refuses a line longer than a limit without holding
/// more than the limit in memory, and carries on with the next line.
/// </summary>
public sealed class LimitedLineReader(TextReader reader, int maxLength)
{
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;

    /// <summary>The next line without its line break; null at the end. Throws <see cref="InvalidDataException"/> for a line over the limit (the line is skipped).</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        _line.Clear();
        var tooLong = false;
        var readAny = false;
        while (true)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                _position = 0;
                if (_length == 0)
                {
                    if (!readAny) return null;
                    break;
                }
            }
            readAny = true;
            var newline = Array.IndexOf(_buffer, '\n', _position, _length - _position);
            var end = newline < 0 ? _length : newline;
            var count = end - _position;
            if (!tooLong)
            {
                if (_line.Length + count > maxLength + 1) tooLong = true;
                else _line.Append(_buffer, _position, count);
            }
            _position = newline < 0 ? _length : newline + 1;
            if (newline >= 0) break;
        }
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        if (tooLong || _line.Length > maxLength)
            throw new InvalidDataException($"line is longer than {maxLength:N0} characters (Ingestion:Limits:MaxLineLength)");
        return _line.ToString();
    }
}
