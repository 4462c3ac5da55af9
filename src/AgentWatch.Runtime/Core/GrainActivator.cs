using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Runtime.Core;

/// <summary>A piece of per-activation machinery (persistent state, a journal) that loads before OnActivateAsync.</summary>
internal interface IActivationLifecycleParticipant
{
    Task OnActivatingAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Builds the per-activation object for a constructor parameter marked with an attribute (persistent state,
/// journaled state). Registered in DI; one per attribute type.
/// </summary>
public interface IGrainFacetFactory
{
    Type AttributeType { get; }
    object Create(ParameterInfo parameter, Attribute attribute, IGrainContext context);
}

/// <summary>Creates grain instances: constructor services from DI, facets from their factories.</summary>
internal sealed class GrainActivator(IServiceProvider services, IEnumerable<IGrainFacetFactory> facetFactories)
{
    private readonly Dictionary<Type, IGrainFacetFactory> _facets = facetFactories.ToDictionary(f => f.AttributeType);

    public (Grain Grain, IReadOnlyList<IActivationLifecycleParticipant> Participants) Create(GrainClass grainClass, IGrainContext context)
    {
        var ctor = grainClass.Type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.Type.Name} has no public constructor.");
        var parameters = ctor.GetParameters();
        var args = new object?[parameters.Length];
        var participants = new List<IActivationLifecycleParticipant>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var facetAttribute = p.GetCustomAttributes().FirstOrDefault(a => _facets.ContainsKey(a.GetType()));
            if (facetAttribute is not null)
            {
                var facet = _facets[facetAttribute.GetType()].Create(p, facetAttribute, context);
                if (facet is IActivationLifecycleParticipant participant) participants.Add(participant);
                args[i] = facet;
            }
            else if (p.ParameterType == typeof(IGrainContext))
                args[i] = context;
            else if (p.ParameterType == typeof(IGrainFactory))
                args[i] = context.GrainFactory;
            else
                args[i] = services.GetService(p.ParameterType) ?? (p.HasDefaultValue ? p.DefaultValue
                    : throw new InvalidOperationException($"Grain class {grainClass.Type.Name} needs a {p.ParameterType.Name} ('{p.Name}'), which is not registered."));
        }
        var grain = (Grain)ctor.Invoke(args);
        grain.Attach(context);
        return (grain, participants);
    }
}
