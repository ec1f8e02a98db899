using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Tests.Http;

/// <summary>
/// A function invocation as the Azure Functions worker hands it to middleware: the definition names the entry point,
/// and with the ASP.NET Core integration the HttpContext sits in the invocation's items (the key it uses).
/// </summary>
    internal sealed class WorkerDefinition(string entryPoint) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(Archive.Functions.Articles.GetArticle).Assembly.Location;

        public override string EntryPoint => entryPoint;

        public override string Id => entryPoint;

        public override string Name => entryPoint;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    internal sealed class WorkerInvocation(string entryPoint, HttpContext? http) : FunctionContext
    {
        public override string InvocationId => "1";

        public override string FunctionId => entryPoint;

        public override TraceContext TraceContext => null!;

        public override BindingContext BindingContext => null!;

        public override RetryContext RetryContext => null!;

        public override IServiceProvider InstanceServices { get; set; } = null!;

        public override FunctionDefinition FunctionDefinition { get; } = new WorkerDefinition(entryPoint);

        public override IDictionary<object, object> Items { get; set; } = http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };

        public override IInvocationFeatures Features => null!;
    }
