using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using AgentWatch.Agents.Definitions;
using Microsoft.Extensions.AI;
using global::OpenAI;
using global::OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using OpenAIChatMessage = global::OpenAI.Chat.ChatMessage;
using OpenAIFinishReason = global::OpenAI.Chat.ChatFinishReason;

namespace AgentWatch.Agents.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the OpenAI SDK's chat-completions client, pointed at any OpenAI-compatible
/// endpoint. It translates messages, tool declarations, tool calls and results, and token counts; it runs no tools
/// itself (the agent runner does). A tool call whose arguments are not JSON comes back with the parse error attached,
/// so the runner can tell the model instead of failing the run.
/// </summary>
public sealed class OpenAIChatClient : IChatClient
{
    private readonly ChatClient _client;
    private readonly string _model;
    private readonly Uri _endpoint;

    public OpenAIChatClient(ModelOptions options)
    {
        options.Validate();
        _model = options.Model;
        _endpoint = new Uri(options.Endpoint!);
        var key = !string.IsNullOrWhiteSpace(options.ApiKey) ? options.ApiKey : Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = _endpoint,
            NetworkTimeout = options.Timeout,
            // One retry for a dropped connection or a 429/5xx; the run's own time limit bounds the rest.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
            UserAgentApplicationId = "AgentWatch",
        };
        // Local servers (Ollama, llama.cpp, vLLM) take any key; the SDK insists on one.
        _client = new ChatClient(options.Model, new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? "no-key" : key), clientOptions);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var completionOptions = new ChatCompletionOptions
        {
            Temperature = options?.Temperature,
            MaxOutputTokenCount = options?.MaxOutputTokens,
        };
        foreach (var tool in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
            completionOptions.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));

        ClientResult<ChatCompletion> result;
        try
        {
            result = await _client.CompleteChatAsync(ToOpenAI(messages), completionOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException ex)
        {
            throw new HttpRequestException(ex.Status == 0
                ? $"{_endpoint} did not answer: {ex.Message}"
                : $"{_endpoint} answered {ex.Status}: {Shorten(ex.GetRawResponse()?.Content?.ToString() ?? ex.Message)}", ex);
        }
        return FromOpenAI(result.Value);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("AgentWatch's agents do not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : serviceKey is null && serviceType == typeof(ChatClient) ? _client : null;

    public void Dispose()
    {
    }

    private static List<OpenAIChatMessage> ToOpenAI(IEnumerable<AIChatMessage> messages)
    {
        var list = new List<OpenAIChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == AIChatRole.System) list.Add(new SystemChatMessage(message.Text));
            else if (message.Role == AIChatRole.User) list.Add(new UserChatMessage(message.Text));
            else if (message.Role == AIChatRole.Assistant)
            {
                var calls = message.Contents.OfType<FunctionCallContent>().Select(c =>
                    ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromString(ArgumentsJson(c)))).ToList();
                if (calls.Count == 0)
                {
                    list.Add(new AssistantChatMessage(message.Text));
                    continue;
                }
                var assistant = new AssistantChatMessage(calls);
                if (!string.IsNullOrEmpty(message.Text)) assistant.Content.Add(ChatMessageContentPart.CreateTextPart(message.Text));
                list.Add(assistant);
            }
            else if (message.Role == AIChatRole.Tool)
            {
                foreach (var result in message.Contents.OfType<FunctionResultContent>())
                    list.Add(new ToolChatMessage(result.CallId, result.Result as string ?? JsonSerializer.Serialize(result.Result)));
            }
        }
        return list;
    }

    private ChatResponse FromOpenAI(ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (text.Length > 0) contents.Add(new TextContent(text));
        foreach (var call in completion.ToolCalls)
        {
            var raw = call.FunctionArguments?.ToString() ?? "";
            var content = FunctionCallContent.CreateFromParsedArguments(raw, call.Id, call.FunctionName,
                json => string.IsNullOrWhiteSpace(json) ? new Dictionary<string, object?>() : JsonSerializer.Deserialize<Dictionary<string, object?>>(json));
            (content.AdditionalProperties ??= [])["raw_arguments"] = raw;
            contents.Add(content);
        }
        return new ChatResponse(new AIChatMessage(AIChatRole.Assistant, contents))
        {
            ModelId = completion.Model ?? _model,
            ResponseId = completion.Id,
            FinishReason = completion.FinishReason switch
            {
                OpenAIFinishReason.ToolCalls => AIFinishReason.ToolCalls,
                OpenAIFinishReason.Length => AIFinishReason.Length,
                OpenAIFinishReason.ContentFilter => AIFinishReason.ContentFilter,
                _ => AIFinishReason.Stop,
            },
            Usage = completion.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
        };
    }

    /// <summary>The call's arguments as the model sent them: re-encoded when they parsed, verbatim when they did not.</summary>
    private static string ArgumentsJson(FunctionCallContent call) =>
        call.Exception is not null && call.AdditionalProperties?.TryGetValue("raw_arguments", out var raw) == true
            ? raw?.ToString() ?? "{}"
            : JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>());

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
