using System.ClientModel;
using System.ClientModel.Primitives;
using AgentWatch.Agents.Definitions;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;

namespace AgentWatch.Agents.Running;

/// <summary>The model the agents use, when one is configured; <see cref="Service"/> is null when none is (offline).</summary>
public sealed record ChatModel(IChatCompletionService? Service, string? Name)
{
    public static ChatModel None { get; } = new(null, null);

    /// <summary>
    /// Semantic Kernel's OpenAI connector on an OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, Ollama,
    /// LM Studio, vLLM, llama.cpp server). The client is ours, so that <c>Agents:Model:Timeout</c> bounds each request
    /// (the connector's own client waits forever) and a dropped connection or a 429/5xx is tried once more.
    /// </summary>
    public static ChatModel Create(ModelOptions options, HttpClient http)
    {
        if (!options.Configured) return None;
        options.Validate();
        var key = !string.IsNullOrWhiteSpace(options.ApiKey) ? options.ApiKey : Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        var client = new OpenAIClient(
            // Local servers take any key; the SDK insists on one.
            new ApiKeyCredential(string.IsNullOrWhiteSpace(key) ? "no-key" : key),
            new OpenAIClientOptions
            {
                Endpoint = new Uri(options.Endpoint!),
                NetworkTimeout = options.Timeout,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
                Transport = new HttpClientPipelineTransport(http),
                UserAgentApplicationId = "AgentWatch",
            });
        return new ChatModel(new OpenAIChatCompletionService(options.Model, client), options.Model);
    }
}
