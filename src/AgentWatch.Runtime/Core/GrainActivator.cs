using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Runtime.Core;

/// <summary>A piece of per-activation machinery (persistent state, a journal) that loads before OnActivateAsync.</summary>
internal interface IActivationLifecycleParticipant
{
    Task OnActivatingAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Builds the per-activation object for a constructor parameter marked with an attribute (persistent state, journaled
/// state). Registered in DI; one per attribute type. <see cref="Prepare"/> runs once per grain class and parameter;
/// the creator it returns runs for every activation, so the reflection stays out of the activation path.
/// </summary>
public interface IGrainFacetFactory
{
    Type AttributeType { get; }
    Func<IGrainContext, object> Prepare(ParameterInfo parameter, Attribute attribute);
}

/// <summary>Creates grain instances: constructor services from DI, facets from their factories, by a plan made once per class.</summary>
internal sealed class GrainActivator(IServiceProvider services, IEnumerable<IGrainFacetFactory> facetFactories)
{
    private readonly Dictionary<Type, IGrainFacetFactory> _facets = facetFactories.ToDictionary(f => f.AttributeType);
    private readonly ConcurrentDictionary<Type, Plan> _plans = new();

    private sealed record Plan(Func<object?[], Grain> Construct, Func<IGrainContext, object?>[] Arguments);

    public (Grain Grain, IReadOnlyList<IActivationLifecycleParticipant> Participants) Create(GrainClass grainClass, IGrainContext context)
    {
        var plan = _plans.GetOrAdd(grainClass.Type, BuildPlan);
        var args = new object?[plan.Arguments.Length];
        List<IActivationLifecycleParticipant>? participants = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = plan.Arguments[i](context);
            if (value is IActivationLifecycleParticipant participant) (participants ??= []).Add(participant);
            args[i] = value;
        }
        var grain = plan.Construct(args);
        grain.Attach(context);
        return (grain, (IReadOnlyList<IActivationLifecycleParticipant>?)participants ?? []);
    }

    private Plan BuildPlan(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {type.Name} has no public constructor.");
        var parameters = ctor.GetParameters();
        var arguments = new Func<IGrainContext, object?>[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var facetAttribute = p.GetCustomAttributes().FirstOrDefault(a => _facets.ContainsKey(a.GetType()));
            if (facetAttribute is not null)
            {
                var create = _facets[facetAttribute.GetType()].Prepare(p, facetAttribute);
                arguments[i] = c => create(c);
            }
            else if (p.ParameterType == typeof(IGrainContext)) arguments[i] = c => c;
            else if (p.ParameterType == typeof(IGrainFactory)) arguments[i] = c => c.GrainFactory;
            else
            {
                // Checked now, so a missing registration fails the first call with a clear message rather than later.
                var service = p.ParameterType;
                var fallback = p.HasDefaultValue ? p.DefaultValue : null;
                var optional = p.HasDefaultValue;
                arguments[i] = _ => services.GetService(service) ?? (optional ? fallback
                    : throw new InvalidOperationException($"Grain class {type.Name} needs a {service.Name} ('{p.Name}'), which is not registered."));
            }
        }

        var args = Expression.Parameter(typeof(object?[]), "args");
        var construct = Expression.Lambda<Func<object?[], Grain>>(
            Expression.New(ctor, parameters.Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType))),
            args).Compile();
        return new Plan(construct, arguments);
    }
}
