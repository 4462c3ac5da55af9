namespace AgentWatch.Abstractions.Api;

/// <summary>Writes a brief from the current state; the agents project provides it, the brief grain calls it.</summary>
public interface IBriefWriter
{
    Task<Brief> WriteAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken);
}

/// <summary>Answers a question from the current state; the agents project provides it.</summary>
public interface IQuestionAnswerer
{
    Task<Answer> AnswerAsync(string question, DateOnly? asOf, CancellationToken cancellationToken);

    /// <summary>The answer's text as a model writes it, then the answer, checked.</summary>
    IAsyncEnumerable<AnswerUpdate> AnswerStreamingAsync(string question, DateOnly? asOf, CancellationToken cancellationToken);
}
