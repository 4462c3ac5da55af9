using System.Diagnostics;
using AgentWatch.Ingestion;

namespace AgentWatch.Cli;

/// <summary>
/// A progress bar on standard error for long ingestions: "[#########-----------]  45%  3/21 files  12,345 records  7.1/15.8 MB".
/// It reports synchronously (Progress&lt;T&gt; would post to the thread pool, and a late report could redraw the bar
/// after it was cleared), redraws at most ten times a second, and only appears once the input is large enough to wait for.
/// </summary>
internal sealed class ProgressBar(TextWriter writer, long minimumBytes = 1024 * 1024) : IProgress<IngestProgress>
{
    private const int Width = 30;
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private bool _shown;
    private int _lastLength;

    public void Report(IngestProgress value)
    {
        if (value.BytesTotal < minimumBytes) return;
        lock (_lock)
        {
            var done = value.FilesDone == value.FilesTotal;
            if (_shown && !done && _sinceDrawn.ElapsedMilliseconds < 100) return;
            _sinceDrawn.Restart();
            var fraction = Math.Clamp((double)value.BytesDone / value.BytesTotal, 0, 1);
            var filled = (int)Math.Round(fraction * Width);
            var line = $"[{new string('#', filled)}{new string('-', Width - filled)}] {fraction,4:P0}  {value.FilesDone}/{value.FilesTotal} files  " +
                       $"{value.Records:N0} records  {value.BytesDone / 1048576.0:0.0}/{value.BytesTotal / 1048576.0:0.0} MB";
            writer.Write("\r" + line.PadRight(_lastLength));
            _lastLength = line.Length;
            _shown = true;
        }
    }

    /// <summary>Removes the bar, so the summary that follows starts on a clean line.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (!_shown) return;
            writer.Write("\r" + new string(' ', _lastLength) + "\r");
            _shown = false;
        }
    }
}
