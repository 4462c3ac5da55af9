using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AgentWatch.Silo.Tests;

/// <summary>
/// docker-compose.yml as compose reads it: anchors and merge keys (<c>&lt;&lt;: *silo</c>) resolved, and
/// <c>${VAR}</c> / <c>${VAR:?message}</c> filled in with the same made-up value per variable.
/// </summary>
public sealed partial record Compose(IReadOnlyDictionary<string, Compose.Service> Services, IReadOnlySet<string> Volumes, IReadOnlyDictionary<string, string> Secrets)
{
    public sealed record Service(
        IReadOnlyDictionary<string, string> Environment,
        IReadOnlyList<string> Command,
        IReadOnlyList<string> DependsOn,
        IReadOnlyList<string> Ports,
        IReadOnlyList<string> Volumes,
        IReadOnlyList<string> Secrets);

    public static Compose Load(string repositoryRoot)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(repositoryRoot, "docker-compose.yml"))) yaml.Load(reader);
        var root = Merged((YamlMappingNode)yaml.Documents[0].RootNode);
        var services = new Dictionary<string, Service>();
        foreach (var (name, node) in Merged((YamlMappingNode)root["services"]))
        {
            var service = Merged((YamlMappingNode)node);
            services[name] = new Service(
                service.TryGetValue("environment", out var env) ? Merged((YamlMappingNode)env).ToDictionary(kv => kv.Key, kv => Substitute(Scalar(kv.Value))) : [],
                service.TryGetValue("command", out var command) ? Strings(command) : [],
                service.TryGetValue("depends_on", out var depends) ? (depends is YamlMappingNode m ? m.Children.Keys.Select(Scalar).ToList() : Strings(depends)) : [],
                service.TryGetValue("ports", out var ports) ? Strings(ports) : [],
                service.TryGetValue("volumes", out var volumes) ? Strings(volumes) : [],
                service.TryGetValue("secrets", out var secrets) ? Strings(secrets) : []);
        }
        var declared = root.TryGetValue("volumes", out var v) ? ((YamlMappingNode)v).Children.Keys.Select(Scalar).ToHashSet() : [];
        var files = root.TryGetValue("secrets", out var s)
            ? Merged((YamlMappingNode)s).ToDictionary(kv => kv.Key, kv => Scalar(Merged((YamlMappingNode)kv.Value)["file"]))
            : new Dictionary<string, string>();
        return new Compose(services, declared, files);
    }

    /// <summary>A mapping with its merge keys applied: keys written in the mapping win over merged ones.</summary>
    private static Dictionary<string, YamlNode> Merged(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, YamlNode>();
        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merge))
        {
            foreach (var source in merge is YamlSequenceNode list ? list.Children : [merge])
                foreach (var (key, value) in Merged((YamlMappingNode)source)) result[key] = value;
        }
        foreach (var (key, value) in mapping.Children)
            if (Scalar(key) != "<<") result[Scalar(key)] = value;
        return result;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static List<string> Strings(YamlNode node) => node is YamlSequenceNode list ? list.Children.Select(Scalar).ToList() : [Scalar(node)];

    private static string Substitute(string value) => Variable().Replace(value, m => "value-of-" + m.Groups[1].Value);

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?][^}]*)?\}")]
    private static partial Regex Variable();
}
