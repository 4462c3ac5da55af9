using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Testing;

/// <summary>What the scripted model answers to one request.</summary>
public abstract record ModelReply
{
    /// <summary>A final answer.</summary>
    public static ModelReply Text(string content, int promptTokens = 100, int completionTokens = 20) => new Completion(content, [], promptTokens, completionTokens);

    /// <summary>Calls of tools, each with its arguments as the model would write them (JSON, or not).</summary>
    public static ModelReply Tools(params (string Name, string Arguments)[] calls) => new Completion(null, calls, 120, 15);

    /// <summary>A body of any kind, with any status: for malformed or failing endpoints.</summary>
    public static ModelReply Raw(string body, int status = 200) => new RawReply(body, status);

    public static ModelReply After(TimeSpan delay, ModelReply then) => new Delayed(delay, then);

    /// <summary>
    /// A final answer in two parts: when the request asks for a stream, the first part is sent, then nothing until
    /// <paramref name="release"/> completes, then the rest; without a stream, the whole answer once released.
    /// </summary>
    public static ModelReply Paused(string first, Task release, string rest) => new PausedText(first, release, rest);

    public sealed record Completion(string? Content, IReadOnlyList<(string Name, string Arguments)> Calls, int PromptTokens, int CompletionTokens) : ModelReply;
    public sealed record RawReply(string Body, int Status) : ModelReply;
    public sealed record Delayed(TimeSpan Delay, ModelReply Then) : ModelReply;
    public sealed record PausedText(string First, Task Release, string Rest) : ModelReply;
}

/// <summary>
/// A loopback server that speaks OpenAI's chat-completions wire format, answering from a script: tests drive the real
/// OpenAI SDK and AgentWatch's tool-calling loop against it and read back every request the model received.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<JsonElement, ModelReply>> _script = new();
    private readonly ConcurrentQueue<JsonElement> _requests = new();
    private int _calls;

    private ScriptedModelServer(WebApplication app) => _app = app;

    /// <summary>The base address to configure as Agents:Model:Endpoint.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Every request body received, in order.</summary>
    public IReadOnlyList<JsonElement> Requests => [.. _requests];

    public void Enqueue(ModelReply reply) => _script.Enqueue(_ => reply);

    /// <summary>The reply to every request the script has no entry for (by default, an error).</summary>
    public Func<JsonElement, ModelReply>? Otherwise { get; set; }

    /// <summary>A reply made from the request (to echo a tool result, say).</summary>
    public void Enqueue(Func<JsonElement, ModelReply> reply) => _script.Enqueue(reply);

    public static async Task<ScriptedModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedModelServer(app);
        app.MapPost("/{**path}", server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = app.Urls.Single() + "/v1";
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
        _requests.Enqueue(request);
        var reply = _script.TryDequeue(out var next) ? next(request)
            : Otherwise?.Invoke(request) ?? ModelReply.Raw("""{"error":{"message":"the script has no more replies","type":"server_error"}}""", 500);
        while (reply is ModelReply.Delayed delayed)
        {
            try { await Task.Delay(delayed.Delay, context.RequestAborted); } catch (OperationCanceledException) { return; }
            reply = delayed.Then;
        }
        var n = Interlocked.Increment(ref _calls);
        if (request.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True && reply is not ModelReply.RawReply)
        {
            await StreamAsync(context, reply, n);
            return;
        }
        if (reply is ModelReply.PausedText paused)
        {
            await paused.Release.WaitAsync(context.RequestAborted);
            reply = ModelReply.Text(paused.First + paused.Rest);
        }
        context.Response.ContentType = "application/json";
        switch (reply)
        {
            case ModelReply.RawReply raw:
                context.Response.StatusCode = raw.Status;
                await context.Response.WriteAsync(raw.Body);
                break;
            case ModelReply.Completion completion:
                await context.Response.WriteAsync(Completion(completion, n).ToJsonString());
                break;
        }
    }

    private static JsonObject Completion(ModelReply.Completion reply, int n)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (reply.Calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(reply.Calls.Select((c, i) => (JsonNode)new JsonObject
            {
                ["id"] = $"call_{n}_{i}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments },
            }).ToArray());
        }
        return new JsonObject
        {
            ["id"] = $"chatcmpl-{n}",
            ["object"] = "chat.completion",
            ["created"] = 1_767_225_600,
            ["model"] = "scripted-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = reply.Calls.Count > 0 ? "tool_calls" : "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = reply.PromptTokens,
                ["completion_tokens"] = reply.CompletionTokens,
                ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
            },
        };
    }

    /// <summary>The reply as OpenAI streams it: server-sent events of chunks, the text a few words at a time, then usage.</summary>
    private static async Task StreamAsync(HttpContext context, ModelReply reply, int n)
    {
        context.Response.ContentType = "text/event-stream";
        async Task SendAsync(JsonObject delta, string? finish = null, JsonObject? usage = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = $"chatcmpl-{n}",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_767_225_600,
                ["model"] = "scripted-model",
                ["choices"] = usage is null ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }) : new JsonArray(),
            };
            if (usage is not null) chunk["usage"] = usage;
            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
            await context.Response.Body.FlushAsync();
        }
        async Task TextAsync(string text)
        {
            foreach (var word in System.Text.RegularExpressions.Regex.Split(text, @"(?<= )"))
                if (word.Length > 0) await SendAsync(new JsonObject { ["content"] = word });
        }
        var (prompt, completionTokens) = (100, 20);
        await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = "" });
        switch (reply)
        {
            case ModelReply.PausedText paused:
                await TextAsync(paused.First);
                await paused.Release.WaitAsync(context.RequestAborted);
                await TextAsync(paused.Rest);
                await SendAsync(new JsonObject(), "stop");
                break;
            case ModelReply.Completion { Calls.Count: > 0 } calls:
                var i = 0;
                foreach (var (name, arguments) in calls.Calls)
                {
                    await SendAsync(new JsonObject
                    {
                        ["tool_calls"] = new JsonArray(new JsonObject
                        {
                            ["index"] = i, ["id"] = $"call_{n}_{i}", ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
                        }),
                    });
                    i++;
                }
                await SendAsync(new JsonObject(), "tool_calls");
                (prompt, completionTokens) = (calls.PromptTokens, calls.CompletionTokens);
                break;
            case ModelReply.Completion text:
                await TextAsync(text.Content ?? "");
                await SendAsync(new JsonObject(), "stop");
                (prompt, completionTokens) = (text.PromptTokens, text.CompletionTokens);
                break;
        }
        await SendAsync(new JsonObject(), usage: new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completionTokens, ["total_tokens"] = prompt + completionTokens });
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
