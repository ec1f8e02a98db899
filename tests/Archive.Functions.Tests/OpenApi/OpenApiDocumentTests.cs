using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Local.Hosting;
using Archive.Functions.OpenApi;
using Archive.Testing;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Tests.OpenApi;

/// <summary>The OpenAPI document served by the app describes exactly the HTTP functions the app has.</summary>
public sealed partial class OpenApiDocumentTests
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static async Task<JsonElement> DocumentAsync()
    {
        var request = FunctionHttp.Request();
        var response = await FunctionHttp.ExecuteAsync(request, new GetOpenApi().Run(request));
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        return response.Json;
    }

    /// <summary>Every HTTP function as "METHOD /path" the way the host routes it, with its function name and auth level.</summary>
    private static Dictionary<string, FunctionDescriptor> Routes()
    {
        var prefix = HostSettings.Load(Path.Combine(SharedAzurite.RepositoryRoot, "host.json")).RoutePrefix;
        var routes = new Dictionary<string, FunctionDescriptor>(StringComparer.Ordinal);
        foreach (var function in FunctionCatalog.Discover(typeof(GetOpenApi).Assembly).Where(f => f.Http is not null))
        {
            var route = function.Http!.Route ?? function.Name;
            var path = "/" + (prefix.Length == 0 ? route : $"{prefix}/{route}");
            // A segment that may only be empty ({x:maxlength(0)?}, the home page's route) is the path without it.
            path = EmptyOnlySegment().Replace(path, string.Empty) is { Length: > 0 } trimmed ? trimmed : "/";
            path = RouteParameter().Replace(path, m => "{" + m.Groups["name"].Value + "}");
            foreach (var method in function.Http.Methods ?? ["get", "post"])
            {
                routes.Add($"{method.ToLowerInvariant()} {path}", function);
            }
        }

        return routes;
    }

    private static Dictionary<string, JsonElement> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)).Select(o => (Key: $"{o.Name} {path.Name}", o.Value)))
            .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

    /// <summary>What differs between the routes and the document: routes it leaves out, and operations no function serves.</summary>
    private static (List<string> Undocumented, List<string> Unserved) Compare(JsonElement document)
    {
        var routes = Routes();
        var operations = Operations(document);
        return (routes.Keys.Except(operations.Keys).Order().ToList(), operations.Keys.Except(routes.Keys).Order().ToList());
    }

    [Fact]
    public async Task Every_route_and_method_is_documented_and_every_documented_one_exists()
    {
        var document = await DocumentAsync();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var (undocumented, unserved) = Compare(document);
        Assert.True(undocumented.Count == 0, "Routes missing from openapi.json: " + string.Join(", ", undocumented));
        Assert.True(unserved.Count == 0, "Documented but no function serves: " + string.Join(", ", unserved));
        Assert.True(Routes().Count >= 16);
    }

    [Fact]
    public async Task The_comparison_notices_a_missing_and_an_invented_operation()
    {
        var document = await DocumentAsync();
        var paths = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(document.GetProperty("paths").GetRawText())!;
        paths.Remove("/api/articles/{id}/warc");
        paths["/api/invented"] = JsonDocument.Parse("""{"get": {"responses": {"200": {"description": "x"}}}}""").RootElement;
        var edited = JsonDocument.Parse(JsonSerializer.Serialize(new { openapi = "3.0.3", paths })).RootElement;
        var (undocumented, unserved) = Compare(edited);
        Assert.Equal(["get /api/articles/{id}/warc", "head /api/articles/{id}/warc"], undocumented);
        Assert.Equal(["get /api/invented"], unserved);
    }

    [Fact]
    public async Task Each_operation_is_named_after_its_function_declares_its_parameters_and_says_who_may_call_it()
    {
        var document = await DocumentAsync();
        var routes = Routes();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        foreach (var (key, operation) in Operations(document))
        {
            var function = routes[key];
            // Operation ids must be unique: a function serving several methods names each after itself and the method.
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var expectedId = function.Http!.Methods is { Length: > 1 } ? function.Name + char.ToUpperInvariant(method[0]) + method[1..] : function.Name;
            Assert.Equal(expectedId, operation.GetProperty("operationId").GetString());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), key);
            Assert.NotEmpty(operation.GetProperty("responses").EnumerateObject());

            var declared = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToHashSet()
                : [];
            var inPath = RouteParameter().Matches(key).Select(m => m.Groups["name"].Value).ToHashSet();
            Assert.True(inPath.SetEquals(declared!), $"{key}: path parameters {string.Join(",", inPath)} but declared {string.Join(",", declared)}");

            var needsKey = function.Http!.AuthLevel is AuthorizationLevel.Function or AuthorizationLevel.Admin;
            var security = operation.TryGetProperty("security", out var s) ? s.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList() : [];
            Assert.True(needsKey == security.Count > 0, $"{key}: auth level {function.Http.AuthLevel} but security [{string.Join(",", security)}]");
            Assert.All(security, name => Assert.True(schemes.TryGetProperty(name, out _), $"{key}: unknown security scheme {name}"));
        }
    }

    [Fact]
    public async Task An_independent_validator_accepts_the_document_and_rejects_a_broken_one()
    {
        var document = await DocumentAsync();
        var file = Path.Combine(Path.GetTempPath(), $"archive-openapi-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, document.GetRawText());
            var valid = await ValidateAsync(file);
            Assert.True(valid.ExitCode == 0, valid.Output + valid.Error);
            Assert.Contains("\"valid\":true", valid.Output, StringComparison.Ordinal);

            // A response without its required description: the validator must say no, or its yes proves nothing.
            await File.WriteAllTextAsync(file, document.GetRawText().Replace("\"description\": \"The TimeMap.\",", string.Empty, StringComparison.Ordinal));
            var broken = await ValidateAsync(file);
            Assert.Equal(1, broken.ExitCode);
            Assert.Contains("description", broken.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        static Task<ToolResult> ValidateAsync(string path) =>
            NodeScript.RunAsync(Path.Combine("tests", "Archive.Testing", "openapi-check.mjs"), [path], TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_app_serves_the_document()
    {
        await using var stack = await ApiStack.StartAsync();
        using var response = await stack.Http.GetAsync(new Uri("api/openapi.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Archive API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    [GeneratedRegex(@"/\{[A-Za-z0-9_]+:maxlength\(0\)\?\}")]
    private static partial Regex EmptyOnlySegment();

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z0-9_]+)(?::[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
