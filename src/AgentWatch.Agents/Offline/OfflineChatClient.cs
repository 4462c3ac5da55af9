using System.Globalization;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Tools;
using Microsoft.Extensions.AI;

namespace AgentWatch.Agents.Offline;

/// <summary>What an agent writes without a model, from what it reads; run again each round with the results so far.</summary>
public interface IOfflineWriter
{
    Task<string> WriteAsync(IMarketReader reader, CancellationToken cancellationToken);
}

/// <summary>An offline writer that keeps what it wrote last, typed, for the agent to use beyond the text.</summary>
public sealed class OfflineWriter<T>(Func<IMarketReader, CancellationToken, Task<T>> write, Func<T, string> text) : IOfflineWriter
{
    public T? Result { get; private set; }

    public async Task<string> WriteAsync(IMarketReader reader, CancellationToken cancellationToken)
    {
        var result = await write(reader, cancellationToken).ConfigureAwait(false);
        Result = result;
        return text(result);
    }
}

/// <summary>
/// The offline engine as a chat client, so that it runs through the same Semantic Kernel pipeline as a model: the
/// kernel invokes the functions it asks for, through the same filters, into the same run record. Each round it runs the
/// agent's offline writer against the results already in the conversation; reads it has no result for yet become the
/// function calls of its reply (those started together go out together), and once every read is answered its reply is
/// the text. Deterministic: the same question on the same state makes the same calls and writes the same answer.
/// </summary>
public sealed class OfflineChatClient(IOfflineWriter writer, RunState state, CompanyDirectory directory) : IChatClient
{
    private int _round;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        _round++;
        var tools = options?.ToolMode is NoneChatToolMode ? [] : options?.Tools?.OfType<AIFunctionDeclaration>().Select(t => t.Name).ToList() ?? [];
        var reader = new ReplayReader(directory, [.. messages], state, tools, _round);
        try
        {
            var text = await writer.WriteAsync(reader, cancellationToken).ConfigureAwait(false);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
        }
        catch (PendingReadsException) when (reader.Pending.Count > 0)
        {
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, [.. reader.Pending]));
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false)).ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

/// <summary>Thrown by a read that has no result yet; the round ends and the reads go out as function calls.</summary>
public sealed class PendingReadsException() : Exception("reads are pending");

/// <summary>A read the offline engine could not make: the function is not offered, or it answered with an error.</summary>
public sealed class OfflineReadException(string message) : Exception(message);

/// <summary>
/// The market as the conversation so far has it: a read answered by a function result returns its typed value; a read
/// not yet made is queued as a function call.
/// </summary>
internal sealed class ReplayReader : IMarketReader
{
    private readonly Dictionary<string, string> _callIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _results = new(StringComparer.Ordinal);
    private readonly RunState _state;
    private readonly IReadOnlyList<string> _tools;
    private readonly int _round;
    private readonly List<FunctionCallContent> _pending = [];
    private readonly HashSet<string> _pendingKeys = new(StringComparer.Ordinal);

    public ReplayReader(CompanyDirectory directory, IReadOnlyList<ChatMessage> messages, RunState state, IReadOnlyList<string> tools, int round)
    {
        Directory = directory;
        _state = state;
        _tools = tools;
        _round = round;
        foreach (var content in messages.SelectMany(m => m.Contents))
        {
            if (content is FunctionCallContent call) _callIds[Key(call.Name, call.Arguments)] = call.CallId;
            else if (content is FunctionResultContent result) _results[result.CallId] = result.Result;
        }
    }

    public CompanyDirectory Directory { get; }

    public IReadOnlyList<FunctionCallContent> Pending => _pending;

    public Task<CompanyView> CompanySnapshotAsync(string ticker, DateOnly? asOf) =>
        Read<CompanyView>(CompaniesPlugin.Name, "snapshot", ("company", ticker), ("as_of", Day(asOf)));

    public Task<IReadOnlyList<Signal>> SignalsAsync(string ticker, SignalKind? kind, int? year, DateOnly? asOf, bool latestOnly = true) =>
        Read<IReadOnlyList<Signal>>(CompaniesPlugin.Name, "signals", ("company", ticker), ("kind", kind?.Id()), ("year", year), ("as_of", Day(asOf)), ("all_versions", latestOnly ? null : true));

    public Task<IReadOnlyList<CompanySignals>> CompareAsync(IReadOnlyList<string> tickers, SignalKind kind, int? year, DateOnly? asOf) =>
        Read<IReadOnlyList<CompanySignals>>(CompaniesPlugin.Name, "compare", ("companies", tickers.ToArray()), ("kind", kind.Id()), ("year", year), ("as_of", Day(asOf)));

    public Task<IReadOnlyList<Signal>> SignalsOfKindAsync(SignalKind kind, int? year, DateOnly? asOf) =>
        Read<IReadOnlyList<Signal>>(SignalsPlugin.Name, "of_kind", ("kind", kind.Id()), ("year", year), ("as_of", Day(asOf)));

    public Task<IReadOnlyList<Signal>> MarketSignalsAsync(SignalKind? kind, int? year, DateOnly? asOf) =>
        Read<IReadOnlyList<Signal>>(SignalsPlugin.Name, "market", ("kind", kind?.Id()), ("year", year), ("as_of", Day(asOf)));

    public Task<FilerSnapshot> PositionsByFilerAsync(string filer, DateOnly? asOf) =>
        Read<FilerSnapshot>(PositionsPlugin.Name, "by_filer", ("filer", filer), ("as_of", Day(asOf)));

    public Task<IReadOnlyList<Signal>> PositionsOnAsync(string ticker, DateOnly? asOf) =>
        Read<IReadOnlyList<Signal>>(PositionsPlugin.Name, "on_company", ("company", ticker), ("as_of", Day(asOf)));

    public Task<LeagueTable> CapexLeagueTableAsync(int year, DateOnly? asOf) =>
        Read<LeagueTable>(LeagueTablesPlugin.Name, "capex_league_table", ("year", year), ("as_of", Day(asOf)));

    public Task<FinancingView> FinancingGraphAsync(DateOnly? asOf) =>
        Read<FinancingView>(FinancingPlugin.Name, "graph", ("as_of", Day(asOf)));

    public Task<IReadOnlyList<Alert>> AlertsSinceAsync(long afterSequence, DateOnly? asOf, string? company = null) =>
        Read<IReadOnlyList<Alert>>(AlertsPlugin.Name, "since", ("after_sequence", afterSequence == 0 ? null : afterSequence), ("company", company), ("as_of", Day(asOf)));

    private Task<T> Read<T>(string plugin, string function, params (string Name, object? Value)[] arguments)
    {
        var qualified = AgentTools.QualifiedName(plugin, function);
        // The name the function goes by in this conversation (Semantic Kernel joins plugin and function with '_' here).
        var name = _tools.FirstOrDefault(t => t.Length == plugin.Length + 1 + function.Length && t.StartsWith(plugin, StringComparison.Ordinal) && t.EndsWith(function, StringComparison.Ordinal));
        var args = arguments.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value);
        if (name is not null && _pendingKeys.Contains(Key(name, args))) return Task.FromException<T>(new PendingReadsException());
        if (name is not null && _callIds.TryGetValue(Key(name, args), out var callId))
        {
            if (_state.Results.TryGetValue(callId, out var result) && result.Value is T value) return Task.FromResult(value);
            return Task.FromException<T>(new OfflineReadException($"{qualified} answered {Describe(_results.GetValueOrDefault(callId))}"));
        }
        if (name is null)
            return Task.FromException<T>(new OfflineReadException(_tools.Count == 0 ? $"{qualified} could not be called: no more tool calls in this run (its step limit)" : $"{qualified} is not offered to this agent"));
        _pending.Add(new FunctionCallContent($"offline-{_round}-{_pending.Count + 1}", name, args));
        _pendingKeys.Add(Key(name, args));
        return Task.FromException<T>(new PendingReadsException());
    }

    private static string Key(string name, IDictionary<string, object?>? arguments) =>
        name + JsonSerializer.Serialize(new SortedDictionary<string, object?>(arguments ?? new Dictionary<string, object?>(), StringComparer.Ordinal), ToolJson.Options);

    private static string Describe(object? result) => result switch
    {
        null => "nothing",
        string text => text.Length > 300 ? text[..300] + "…" : text,
        _ => result.ToString() ?? "",
    };

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
