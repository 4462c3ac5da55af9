namespace AgentWatch.Abstractions.Signals;

public static class SignalDates
{
    /// <summary>
    /// The day a signal speaks of, as far as it had happened when it was known: its period's end, or the day it became
    /// known for a period not over yet (guidance for next year is news the day it is given). What "newest data" means
    /// for the rules' lookback, and the order a long history is sent in.
    /// </summary>
    public static DateOnly DataDate(Signal s)
    {
        var end = s.Period.End ?? s.Period.ApproximateEnd;
        return end < s.KnownOn ? end : s.KnownOn;
    }
}
