using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Local.Hosting;

/// <summary>Creates a function's class from the container, as the Functions worker does, and calls the function.</summary>
public static class FunctionInvoker
{
    /// <summary>Invokes <paramref name="function"/> with its trigger value and named values for the other parameters.</summary>
    public static async Task<object?> InvokeAsync(
        IServiceProvider services, FunctionDescriptor function, object? triggerValue, IReadOnlyDictionary<string, string?> namedValues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        await using var scope = services.CreateAsyncScope();
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Type);
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            // By position, not by reference: ParameterInfo instances are not guaranteed to be the same objects from one
            // GetParameters call to the next (hosts that start at once in one process may each see their own), and a
            // reference miss left the trigger's argument null now and then.
            arguments[i] = parameter.Position == function.Trigger.Position ? triggerValue
                : parameter.ParameterType == typeof(CancellationToken) ? cancellationToken
                : Convert(namedValues.TryGetValue(parameter.Name!, out var value) ? value : null, parameter.ParameterType);
        }

        try
        {
            var result = function.Method.Invoke(instance, arguments);
            if (result is Task task)
            {
                await task.ConfigureAwait(false);
                var type = task.GetType();
                return type.IsGenericType ? type.GetProperty("Result")!.GetValue(task) : null;
            }

            return result;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        finally
        {
            if (instance is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else if (instance is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    private static object? Convert(string? value, Type type) =>
        type == typeof(string) ? value
        : value is null ? null
        : System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
}
