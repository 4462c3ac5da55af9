using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Definitions;

/// <summary>
/// One agent as its file describes it (<c>agents/NAME.md</c>: YAML front matter, then the instructions in Markdown):
/// what it is for, what it is told, which read-only tools it may call and what it writes.
/// </summary>
public sealed record AgentDefinition
{
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required string Instructions { get; init; }
    public required IReadOnlyList<string> Tools { get; init; }

    /// <summary>What the agent writes: "markdown", "text" or "two-sentences".</summary>
    public string Output { get; init; } = "markdown";

    /// <summary>Model calls allowed in one run; null: the configured default.</summary>
    public int? MaxSteps { get; init; }

    public float? Temperature { get; init; }

    /// <summary>The file it was read from.</summary>
    public required string Source { get; init; }

    /// <summary>The <see cref="Source"/> of a definition made for the offline engine when the agent's file cannot be used.</summary>
    public const string OfflineSource = "(offline: the agent's file could not be used)";

    /// <summary>
    /// What the offline engine runs as when the agent's file is broken or missing: no model ever sees it. With no file to
    /// say what the agent may read, it may read every function (all read-only), so the agent still writes its answer.
    /// </summary>
    public static AgentDefinition Offline(string name) => new()
    {
        Name = name, Role = "Writes from the data without a model.", Instructions = "Write from the tools' results.", Tools = AgentTools.Names, Source = OfflineSource,
    };
}

/// <summary>An agent file that cannot be used: the file, the line (0 when the whole file is at fault) and why.</summary>
public sealed class AgentDefinitionException(string file, int line, string reason)
    : Exception(line > 0 ? $"{file}, line {line}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}

/// <summary>Where agents are read from, and the model they use (configuration section <c>Agents</c>).</summary>
public sealed class AgentsOptions
{
    public const string SectionName = "Agents";

    /// <summary>
    /// A folder of agent files that add to or replace the built-in ones (shipped beside the binary), read again when a
    /// file changes: editing an agent needs no rebuild or restart.
    /// </summary>
    public string Directory { get; set; } = "agents";

    public ModelOptions Model { get; set; } = new();

    /// <summary>Longest tool result (characters of JSON) handed to a model or kept in a run's record.</summary>
    public int MaxToolResultChars { get; set; } = 24_000;

    /// <summary>Whether the sentinel explains each new alert.</summary>
    public bool ExplainAlerts { get; set; } = true;

    public NewsdeskOptions Newsdesk { get; set; } = new();

    public void Validate()
    {
        if (MaxToolResultChars is < 1_000 or > 1_000_000) throw new ArgumentException($"Agents:MaxToolResultChars must be 1000 to 1000000, not {MaxToolResultChars}.");
        Model.Validate();
        Newsdesk.Validate();
    }
}

/// <summary>
/// How the newsdesk agent judges news items (section <c>Agents:Newsdesk</c>); whether it raises alerts at all, and
/// how loud, is its rule's setting (<c>Rules:MaterialNews</c>).
/// </summary>
public sealed class NewsdeskOptions
{
    /// <summary>
    /// The offline judgement: what makes an item material, by kind of event, in words and phrases (whole words, any
    /// case or accent). An item about a watched company that holds one is material for it. Unset: the built-in lexicon
    /// (<see cref="DefaultLexicon"/>); set, it replaces the built-in one whole.
    /// </summary>
    public Dictionary<string, List<string>>? Lexicon { get; set; }

    /// <summary>How often a silo looks for items to read when it has none.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IReadOnlyDictionary<string, List<string>> LexiconOrDefault => Lexicon is { Count: > 0 } l ? l : DefaultLexicon;

    public static IReadOnlyDictionary<string, List<string>> DefaultLexicon { get; } = new Dictionary<string, List<string>>(StringComparer.Ordinal)
    {
        ["guidance"] = ["raises guidance", "raised guidance", "raises its guidance", "cuts guidance", "cut guidance", "lowers guidance", "lowered guidance",
            "raises its outlook", "cuts its outlook", "profit warning", "misses estimates", "missed estimates", "beats estimates", "beat estimates",
            "below expectations", "above expectations", "gewinnwarnung", "prognose gesenkt", "prognose angehoben"],
        ["deal"] = ["acquisition", "acquires", "to acquire", "merger", "takeover", "buyout", "übernahme", "übernimmt", "fusion"],
        ["legal"] = ["investigation", "probe", "lawsuit", "sues", "sued", "antitrust", "fined", "subpoena", "indictment", "ermittlungen", "klage", "kartellverfahren"],
        ["financing"] = ["bond sale", "bond issue", "share sale", "stock offering", "capital raise", "private credit", "default", "downgrade", "downgraded", "anleihe", "kapitalerhöhung"],
        ["capital return"] = ["buyback", "share repurchase", "dividend cut", "aktienrückkauf", "rückkauf"],
        ["people"] = ["ceo resigns", "steps down", "resigns", "layoffs", "job cuts", "lays off", "cuts jobs", "staff cuts", "stellenabbau", "entlassungen", "rücktritt"],
        ["supply"] = ["export ban", "export controls", "sanctions", "tariff", "tariffs", "shortage", "recall", "outage", "exportverbot", "zölle"],
        ["short sellers"] = ["short seller", "short sellers", "short report", "leerverkäufer"],
    };

    public void Validate()
    {
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1)) throw new ArgumentException($"Agents:Newsdesk:PollInterval must be 100 ms to 1 hour, not {PollInterval}.");
        foreach (var (kind, phrases) in Lexicon ?? [])
            if (phrases is null || phrases.Count == 0 || phrases.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException($"Agents:Newsdesk:Lexicon:{kind} needs at least one phrase, and no empty one.");
    }
}

/// <summary>
/// An OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, Ollama, LM Studio, vLLM, llama.cpp server).
/// With no <see cref="Endpoint"/>, the agents run on the offline engine.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>The API's base address, e.g. <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c> (Ollama).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The key sent as a bearer token; when empty, the environment variable <c>OPENAI_API_KEY</c>; local servers need none.</summary>
    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>Longest a whole run may take, model calls and tools together.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Model calls allowed in one run unless the agent's file says otherwise.</summary>
    public int MaxSteps { get; set; } = 8;

    public float? Temperature { get; set; } = 0;

    public int MaxOutputTokens { get; set; } = 1_500;

    public bool Configured => !string.IsNullOrWhiteSpace(Endpoint);

    public void Validate()
    {
        if (Configured && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new ArgumentException($"Agents:Model:Endpoint '{Endpoint}' is not an http(s) URL such as https://api.openai.com/v1 or http://localhost:11434/v1.");
        if (Configured && string.IsNullOrWhiteSpace(Model)) throw new ArgumentException("Agents:Model:Model is required when Agents:Model:Endpoint is set.");
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"Agents:Model:Timeout must be positive, not {Timeout}.");
        if (MaxSteps is < 1 or > 50) throw new ArgumentException($"Agents:Model:MaxSteps must be 1 to 50, not {MaxSteps}.");
        if (MaxOutputTokens is < 16 or > 100_000) throw new ArgumentException($"Agents:Model:MaxOutputTokens must be 16 to 100000, not {MaxOutputTokens}.");
    }
}
