using System.Linq.Expressions;
using System.Reflection;

namespace AgentWatch.Runtime.Core;

/// <summary>
/// One method of a grain interface, with a compiled invoker so that dispatch costs a delegate call, not reflection.
/// </summary>
internal abstract class GrainMethod
{
    protected GrainMethod(MethodInfo method)
    {
        Method = method;
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        Id = $"{method.DeclaringType!.FullName}.{method.Name}({string.Join(",", method.GetParameters().Select(p => p.ParameterType.FullName))})";
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute), inherit: true);
        IsAlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true);
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        Invoker = CompileInvoker(method);
    }

    public MethodInfo Method { get; }
    public string Name { get; }

    /// <summary>Names the method across silos: interface, name and parameter types.</summary>
    public string Id { get; }

    /// <summary>The type a call returns (null for Task and ValueTask).</summary>
    public virtual Type? ResultType => null;

    /// <summary>The result of a completed call, boxed, for a call that came from another silo.</summary>
    public virtual object? GetResult(Task completed) => null;
    public bool IsReadOnly { get; }
    public bool IsAlwaysInterleave { get; }
    public Type[] ParameterTypes { get; }

    /// <summary>Calls the method on a grain instance and returns its Task (ValueTasks are converted).</summary>
    public Func<object, object?[], Task> Invoker { get; }

    /// <summary>Starts a call through the runtime and returns the Task the proxy hands to the caller.</summary>
    public abstract object Call(GrainRuntime runtime, GrainReference target, object?[] args);

    /// <summary>Builds the call path for a method, checking it is asynchronous as every grain method must be.</summary>
    public static GrainMethod Create(MethodInfo method)
    {
        var ret = method.ReturnType;
        if (ret == typeof(Task) || ret == typeof(ValueTask))
            return new VoidGrainMethod(method);
        if (ret.IsGenericType && (ret.GetGenericTypeDefinition() == typeof(Task<>) || ret.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            var resultType = ret.GetGenericArguments()[0];
            return (GrainMethod)Activator.CreateInstance(typeof(GrainMethod<>).MakeGenericType(resultType), method)!;
        }
        throw new InvalidOperationException(
            $"Grain interface method {method.DeclaringType!.Name}.{method.Name} returns {ret.Name}; grain methods must return " +
            "Task, Task<T>, ValueTask or ValueTask<T> because every call is asynchronous.");
    }

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var callArgs = new Expression[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            callArgs[i] = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), parameters[i].ParameterType);

        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, callArgs);
        var ret = method.ReturnType;
        if (ret == typeof(ValueTask) || (ret.IsGenericType && ret.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            call = Expression.Call(call, ret.GetMethod(nameof(ValueTask.AsTask))!);
        if (call.Type != typeof(Task))
            call = Expression.Convert(call, typeof(Task));
        return Expression.Lambda<Func<object, object?[], Task>>(call, grain, args).Compile();
    }
}

internal sealed class GrainMethod<TResult>(MethodInfo method) : GrainMethod(method)
{
    public override Type? ResultType => typeof(TResult);
    public override object? GetResult(Task completed) => ((Task<TResult>)completed).Result;

    public override object Call(GrainRuntime runtime, GrainReference target, object?[] args) =>
        runtime.InvokeAsync<TResult>(target, this, args);
}

internal sealed class VoidGrainMethod(MethodInfo method) : GrainMethod(method)
{
    public override object Call(GrainRuntime runtime, GrainReference target, object?[] args) =>
        runtime.InvokeVoidAsync(target, this, args);
}
