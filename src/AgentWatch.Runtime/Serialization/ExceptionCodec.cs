using System.Reflection;

namespace AgentWatch.Runtime.Serialization;

/// <summary>
/// An exception as it travels between silos: its type, message, remote stack trace, and for the runtime's own
/// exceptions the fields a caller inspects (the grain, the method, the cycle).
/// </summary>
public sealed record SerializedException(string Type, string Message, string? StackTrace, Dictionary<string, string>? Fields = null);

/// <summary>
/// Carries exceptions across a serialization boundary. The runtime's own exceptions come back whole; other types come
/// back as themselves when they are known here and have a (string message) constructor, otherwise as a
/// <see cref="RemoteGrainException"/> that still names the type and message.
/// </summary>
public static class ExceptionCodec
{
    public static SerializedException Encode(Exception exception)
    {
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        var fields = exception switch
        {
            GrainCallTimeoutException t => new Dictionary<string, string>
            {
                ["grainType"] = t.Grain.Type, ["grainKey"] = t.Grain.Key, ["method"] = t.Method, ["timeoutTicks"] = t.Timeout.Ticks.ToString(),
            },
            GrainCallCycleException c => new Dictionary<string, string>
            {
                ["cycle"] = string.Join("\n", c.Cycle.Select(g => $"{g.Type}\t{g.Key}")), ["method"] = c.Method,
            },
            _ => null,
        };
        return new SerializedException(type, exception.Message, exception.StackTrace, fields);
    }

    public static Exception Decode(SerializedException serialized)
    {
        if (serialized.Fields is { } f)
        {
            if (serialized.Type == typeof(GrainCallTimeoutException).FullName)
                return GrainCallTimeoutException.FromMessage(new GrainId(f["grainType"], f["grainKey"]), f["method"],
                    TimeSpan.FromTicks(long.Parse(f["timeoutTicks"])), serialized.Message);
            if (serialized.Type == typeof(GrainCallCycleException).FullName)
                return new GrainCallCycleException(
                    f["cycle"].Split('\n').Select(line => line.Split('\t')).Select(p => new GrainId(p[0], p[1])).ToList(), f["method"]);
        }
        var type = ResolveType(serialized.Type);
        if (type is not null && typeof(Exception).IsAssignableFrom(type))
        {
            var ctor = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
            if (ctor is not null && ctor.Invoke([serialized.Message]) is Exception recreated)
                return recreated;
        }
        return new RemoteGrainException(serialized.Type, serialized.Message, serialized.StackTrace);
    }

    private static Type? ResolveType(string fullName)
    {
        var type = Type.GetType(fullName, throwOnError: false);
        if (type is not null) return type;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            type = assembly.GetType(fullName, throwOnError: false);
            if (type is not null) return type;
        }
        return null;
    }
}
