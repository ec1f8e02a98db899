using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Local.Hosting;

/// <summary>One function of the Functions app, as found by its attributes.</summary>
public sealed record FunctionDescriptor(string Name, Type Type, MethodInfo Method, ParameterInfo Trigger, Attribute TriggerAttribute)
{
    /// <summary>The HTTP trigger, if this is an HTTP function.</summary>
    public HttpTriggerAttribute? Http => TriggerAttribute as HttpTriggerAttribute;

    /// <summary>The queue trigger, if this is a queue function.</summary>
    public QueueTriggerAttribute? Queue => TriggerAttribute as QueueTriggerAttribute;

    /// <summary>The timer trigger, if this is a timer function.</summary>
    public TimerTriggerAttribute? Timer => TriggerAttribute as TimerTriggerAttribute;
}

/// <summary>
/// Finds the functions of an assembly the way the Functions SDK does, from <see cref="FunctionAttribute"/> and the
/// trigger attribute on a parameter, so the local runner hosts exactly the classes Azure runs.
/// </summary>
public static class FunctionCatalog
{
    private static readonly Type[] Bindable = [typeof(CancellationToken), typeof(string), typeof(int), typeof(long)];

    /// <summary>Every function in <paramref name="assembly"/>.</summary>
    /// <exception cref="NotSupportedException">A function takes a parameter the runner cannot supply.</exception>
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                ParameterInfo? trigger = null;
                Attribute? triggerAttribute = null;
                foreach (var parameter in method.GetParameters())
                {
                    var attribute = parameter.GetCustomAttributes().FirstOrDefault(a => a is HttpTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute);
                    if (attribute is not null)
                    {
                        (trigger, triggerAttribute) = (parameter, attribute);
                    }
                    else if (!Bindable.Contains(parameter.ParameterType))
                    {
                        throw new NotSupportedException($"Function {function.Name} takes {parameter.ParameterType.Name} {parameter.Name}, which the local runner cannot supply.");
                    }
                }

                if (trigger is null || triggerAttribute is null)
                {
                    throw new NotSupportedException($"Function {function.Name} has no trigger the local runner knows (HTTP, queue, timer).");
                }

                functions.Add(new FunctionDescriptor(function.Name, type, method, trigger, triggerAttribute));
            }
        }

        return functions;
    }
}
