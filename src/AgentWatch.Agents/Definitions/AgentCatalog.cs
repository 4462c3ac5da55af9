using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentWatch.Agents.Definitions;

/// <summary>
/// The agents, read from files: the built-in ones shipped beside the binary (<c>agents/</c>), then the configured folder,
/// whose files add agents or replace built-in ones by name. Files are read again when one changes, so a user edits an
/// agent's instructions or adds an agent without a rebuild or a restart. A broken file makes its agent unavailable with
/// an error naming the file, the line and the reason; the other agents go on working.
/// </summary>
public sealed class AgentCatalog(IOptions<AgentsOptions> options, ILogger<AgentCatalog> logger)
{
    /// <summary>Largest agent file read.</summary>
    public const int MaxFileBytes = 256 * 1024;

    private readonly Lock _gate = new();
    private string _stamp = "";
    private Dictionary<string, AgentDefinition> _agents = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, AgentDefinitionException> _broken = new(StringComparer.OrdinalIgnoreCase);
    private List<AgentDefinitionException> _errors = [];

    public static string BuiltInDirectory => Path.Combine(AppContext.BaseDirectory, "agents");

    /// <summary>The agent named, as its file says now.</summary>
    /// <exception cref="AgentDefinitionException">Its file cannot be used, or there is no agent of that name.</exception>
    public AgentDefinition Get(string name)
    {
        Refresh();
        lock (_gate)
        {
            if (_agents.TryGetValue(name, out var agent)) return agent;
            if (_broken.TryGetValue(name, out var error)) throw error;
            throw new AgentDefinitionException(Path.Combine(options.Value.Directory, name + ".md"), 0,
                $"there is no agent '{name}'; the agents are {string.Join(", ", _agents.Keys.Order(StringComparer.Ordinal))}.");
        }
    }

    /// <summary>
    /// The agent named or, when its file cannot be used, a definition the offline engine runs with; the reason goes to
    /// <paramref name="flags"/>, so the run records it.
    /// </summary>
    public AgentDefinition GetOrOffline(string name, List<string> flags)
    {
        try
        {
            return Get(name);
        }
        catch (AgentDefinitionException ex)
        {
            flags.Add($"agent-file: {ex.Message}");
            return AgentDefinition.Offline(name);
        }
    }

    public IReadOnlyList<AgentDefinition> All
    {
        get
        {
            Refresh();
            lock (_gate) return _agents.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Files that could not be read, with why.</summary>
    public IReadOnlyList<AgentDefinitionException> Errors
    {
        get
        {
            Refresh();
            lock (_gate) return [.. _errors];
        }
    }

    private IEnumerable<string> Files()
    {
        var folders = new[] { BuiltInDirectory, Path.GetFullPath(options.Value.Directory) }.Distinct(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
                if (!Path.GetFileName(file).Equals("README.md", StringComparison.OrdinalIgnoreCase)) yield return file;
        }
    }

    /// <summary>Reads the files again if any was added, removed or changed since the last read.</summary>
    private void Refresh()
    {
        var files = Files().ToList();
        var stamp = string.Join('|', files.Select(f => new FileInfo(f)).Select(f => $"{f.FullName}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
        lock (_gate)
        {
            if (stamp == _stamp) return;
            var agents = new Dictionary<string, AgentDefinition>(StringComparer.OrdinalIgnoreCase);
            var broken = new Dictionary<string, AgentDefinitionException>(StringComparer.OrdinalIgnoreCase);
            var errors = new List<AgentDefinitionException>();
            foreach (var file in files)
            {
                var fallbackName = Path.GetFileNameWithoutExtension(file);
                try
                {
                    var agent = Parse(file, File.ReadAllText(file, new UTF8Encoding(false, true)));
                    // A later folder (the user's) replaces an agent of the same name.
                    agents[agent.Name] = agent;
                    broken.Remove(agent.Name);
                }
                catch (Exception ex) when (ex is AgentDefinitionException or IOException or DecoderFallbackException)
                {
                    var error = ex as AgentDefinitionException ?? new AgentDefinitionException(file, 0, ex is DecoderFallbackException ? "not valid UTF-8" : ex.Message);
                    errors.Add(error);
                    broken[fallbackName] = error;
                    agents.Remove(fallbackName);
                    logger.LogWarning("Agent file not used: {Error}", error.Message);
                }
            }
            (_agents, _broken, _errors, _stamp) = (agents, broken, errors, stamp);
        }
    }

    /// <summary>Reads one agent file: YAML front matter between <c>---</c> lines, then the instructions.</summary>
    public static AgentDefinition Parse(string file, string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxFileBytes) throw new AgentDefinitionException(file, 0, $"larger than {MaxFileBytes / 1024} KB");
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            throw new AgentDefinitionException(file, 1, "an agent file starts with a front matter block: a line '---', YAML (name, role, tools, output), a line '---', then the instructions");
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0) throw new AgentDefinitionException(file, 1, "the front matter is not closed by a line '---'");

        YamlMappingNode front;
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(string.Join('\n', lines[1..end])));
            front = yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode m ? m
                : throw new AgentDefinitionException(file, 2, "the front matter is not a mapping of keys to values");
        }
        catch (YamlException ex)
        {
            throw new AgentDefinitionException(file, (int)ex.Start.Line + 1, $"the front matter is not valid YAML: {ex.Message}");
        }

        var known = new[] { "name", "role", "tools", "output", "max_steps", "temperature" };
        foreach (var key in front.Children.Keys)
        {
            var k = ((YamlScalarNode)key).Value ?? "";
            if (!known.Contains(k)) throw new AgentDefinitionException(file, (int)key.Start.Line + 1, $"unknown key '{k}'; the keys are {string.Join(", ", known)}");
        }
        string Required(string key) => front.Children.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { Length: > 0 } v }
            ? v.Trim() : throw new AgentDefinitionException(file, 2, $"'{key}' is missing");
        YamlNode? Optional(string key) => front.Children.TryGetValue(key, out var node) ? node : null;

        var name = Required("name");
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new AgentDefinitionException(file, Line(front, "name"), $"name '{name}' must be lower-case letters, digits and '-'");
        var tools = Optional("tools") switch
        {
            null => [],
            YamlSequenceNode seq => seq.Children.Select(n => ((n as YamlScalarNode)?.Value ?? "").Trim()).ToList(),
            var other => throw new AgentDefinitionException(file, (int)other.Start.Line + 1, "'tools' is a list, e.g. [companies.snapshot, companies.signals]"),
        };
        foreach (var tool in tools)
        {
            if (Tools.AgentTools.Resolve(tool).Count == 0)
                throw new AgentDefinitionException(file, Line(front, "tools"), $"unknown tool '{tool}'; the tools are {string.Join(", ", Tools.AgentTools.Names)}");
        }
        var output = (Optional("output") as YamlScalarNode)?.Value?.Trim() ?? "markdown";
        if (output is not ("markdown" or "text" or "two-sentences"))
            throw new AgentDefinitionException(file, Line(front, "output"), $"output '{output}' must be markdown, text or two-sentences");
        int? maxSteps = null;
        if (Optional("max_steps") is YamlScalarNode steps)
            maxSteps = int.TryParse(steps.Value, out var n) && n is >= 1 and <= 50 ? n : throw new AgentDefinitionException(file, (int)steps.Start.Line + 1, $"max_steps '{steps.Value}' must be a whole number from 1 to 50");
        float? temperature = null;
        if (Optional("temperature") is YamlScalarNode t)
            temperature = float.TryParse(t.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is >= 0 and <= 2
                ? v : throw new AgentDefinitionException(file, (int)t.Start.Line + 1, $"temperature '{t.Value}' must be a number from 0 to 2");

        var instructions = string.Join('\n', lines[(end + 1)..]).Trim();
        if (instructions.Length == 0) throw new AgentDefinitionException(file, end + 2, "the instructions (the text after the front matter) are empty");
        if (AgentInstructions.Problem(instructions) is { } problem) throw new AgentDefinitionException(file, end + 2, problem);
        return new AgentDefinition
        {
            Name = name, Role = Required("role"), Instructions = instructions, Tools = tools, Output = output, MaxSteps = maxSteps, Temperature = temperature, Source = file,
        };
    }

    private static int Line(YamlMappingNode front, string key) =>
        front.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == key) is { } node ? (int)node.Start.Line + 1 : 2;
}
