using Archive.Local.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests.Hosting;

/// <summary>The local runner hands each function its trigger, however the runner came by the trigger's parameter.</summary>
public sealed class FunctionInvokerTests
{
    [Fact]
    public async Task The_trigger_reaches_the_function_when_its_parameter_is_another_instance_of_the_same_parameter()
    {
        // The same method seen through a derived type is another MethodInfo with its own ParameterInfo objects: the
        // runner must match the trigger's parameter by position, not by reference.
        var method = typeof(EchoFunction).GetMethod(nameof(EchoFunction.Run))!;
        var trigger = typeof(DerivedEchoFunction).GetMethod(nameof(EchoFunction.Run))!.GetParameters()[0];
        Assert.NotSame(method.GetParameters()[0], trigger);
        var descriptor = new FunctionDescriptor("Echo", typeof(EchoFunction), method, trigger, new QueueTriggerAttribute("echo"));
        await using var services = new ServiceCollection().BuildServiceProvider();

        var result = await FunctionInvoker.InvokeAsync(services, descriptor, "the message", new Dictionary<string, string?>(), CancellationToken.None);

        Assert.Equal("the message", result);
    }

#pragma warning disable CA1812, CA1822 // Instantiated and called by the runner through reflection.
    internal class EchoFunction
    {
        public Task<string> Run(string message, CancellationToken cancellationToken) =>
            Task.FromResult(message ?? throw new ArgumentNullException(nameof(message)));
    }

    internal sealed class DerivedEchoFunction : EchoFunction;
#pragma warning restore CA1812, CA1822
}
