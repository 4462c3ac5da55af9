using System.Reflection;
using System.Text;

namespace AgentWatch.Runtime.Core;

/// <summary>A grain class and the interfaces it serves.</summary>
internal sealed class GrainClass
{
    public GrainClass(Type type, string name)
    {
        Type = type;
        Name = name;
        PreferLocal = type.GetCustomAttribute<PreferLocalPlacementAttribute>() is not null;
    }

    public Type Type { get; }
    public string Name { get; }
    public bool PreferLocal { get; }
}

/// <summary>A grain interface: which class implements it and its methods.</summary>
internal sealed class GrainInterface
{
    private readonly Dictionary<MethodInfo, GrainMethod> _methods;

    public GrainInterface(Type type, GrainClass implementation)
    {
        Type = type;
        Implementation = implementation;
        _methods = type.GetMethods()
            .Concat(type.GetInterfaces().Where(i => typeof(IGrain).IsAssignableFrom(i)).SelectMany(i => i.GetMethods()))
            .Distinct()
            .ToDictionary(m => m, GrainMethod.Create);
    }

    public Type Type { get; }
    public GrainClass Implementation { get; }

    public GrainMethod GetMethod(MethodInfo method) =>
        _methods.TryGetValue(method, out var m) ? m
            : throw new InvalidOperationException($"{method.Name} is not a method of grain interface {Type.Name}.");
}

/// <summary>
/// Maps grain interfaces to the classes that implement them and to the stable type names used in storage.
/// Built once at start-up; read without locks afterwards.
/// </summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainInterface> _interfaces = new();
    private readonly Dictionary<string, GrainMethod> _methodsById = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, List<Type>> _ambiguous = new();
    private readonly Dictionary<string, GrainClass> _classesByName = new(StringComparer.Ordinal);

    /// <summary>Registers a grain class and every grain interface it implements.</summary>
    public void Register(Type grainClass)
    {
        if (!typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsAbstract)
            throw new ArgumentException($"{grainClass.Name} is not a concrete class derived from {nameof(Grain)}.", nameof(grainClass));

        var name = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultName(grainClass);
        if (_classesByName.TryGetValue(name, out var existing))
        {
            if (existing.Type == grainClass) return;
            throw new InvalidOperationException($"Grain classes {existing.Type.Name} and {grainClass.Name} share the grain type name '{name}'. Give one a [GrainType] attribute.");
        }

        var cls = new GrainClass(grainClass, name);
        var interfaces = grainClass.GetInterfaces()
            .Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey))
            .ToList();
        if (interfaces.Count == 0)
            throw new InvalidOperationException($"Grain class {grainClass.Name} implements no grain interface (an interface deriving from IGrainWithStringKey).");

        foreach (var iface in interfaces)
        {
            // A base interface shared by several grain classes (ISignalTimelineGrain) is fine; only asking for it is not.
            if (_ambiguous.TryGetValue(iface, out var implementers))
                implementers.Add(grainClass);
            else if (_interfaces.Remove(iface, out var other))
                _ambiguous[iface] = [other.Implementation.Type, grainClass];
            else
                _interfaces[iface] = new GrainInterface(iface, cls);
        }
        foreach (var method in interfaces.SelectMany(i => i.GetMethods().Concat(i.GetInterfaces().Where(b => typeof(IGrain).IsAssignableFrom(b)).SelectMany(b => b.GetMethods()))))
        {
            var descriptor = GrainMethod.Create(method);
            _methodsById.TryAdd(descriptor.Id, descriptor);
        }
        _classesByName[name] = cls;
    }

    /// <summary>Registers every concrete grain class in an assembly.</summary>
    public void RegisterAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)))
            Register(type);
    }

    internal GrainInterface GetInterface(Type grainInterface) =>
        _interfaces.TryGetValue(grainInterface, out var info) ? info
            : _ambiguous.TryGetValue(grainInterface, out var implementers)
                ? throw new InvalidOperationException($"{grainInterface.Name} is implemented by {string.Join(", ", implementers.Select(t => t.Name))}; ask for one of their own interfaces.")
                : throw new InvalidOperationException($"No grain class implements {grainInterface.Name}. Register the assembly that holds it with AddGrains(...).");

    internal GrainClass GetClass(string grainType) =>
        _classesByName.TryGetValue(grainType, out var cls) ? cls
            : throw new InvalidOperationException($"Unknown grain type '{grainType}'.");

    internal bool TryGetClass(string grainType, out GrainClass cls) => _classesByName.TryGetValue(grainType, out cls!);

    /// <summary>A method by the id another silo named it with.</summary>
    internal bool TryGetMethod(string id, out GrainMethod method) => _methodsById.TryGetValue(id, out method!);

    /// <summary>The registered grain type names.</summary>
    public IReadOnlyCollection<string> GrainTypes => _classesByName.Keys;

    /// <summary>The stable grain type name of a grain interface, e.g. <c>company</c> for ICompanyGrain.</summary>
    public string GetGrainType(Type grainInterface) => GetInterface(grainInterface).Implementation.Name;

    private static string DefaultName(Type type)
    {
        var name = type.Name.EndsWith("Grain", StringComparison.Ordinal) && type.Name.Length > 5 ? type.Name[..^5] : type.Name;
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
