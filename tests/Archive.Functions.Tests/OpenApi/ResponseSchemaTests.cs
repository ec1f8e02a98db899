using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Blobs;

namespace Archive.Functions.Tests.OpenApi;

/// <summary>
/// Every route of the app, called for real over a captured history, answers what openapi.json says: the status is
/// documented, the media type too, and a JSON body matches the route's schema, checked by an independent validator
/// (ajv, JSON Schema 2020-12, through tests/Archive.Testing/openapi-response-check.mjs).
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Every_route_answers_bodies_its_schema_in_the_document_accepts()
    {
        await using var stack = await ApiStack.StartAsync();
        // A history with an edit and a check that saw the same page again: version 1, a 304, version 2.
        var id = await stack.CaptureAsync("schema/story", "article-syria-2024.html");
        await stack.RecheckAsync(id, 2);
        stack.Pages.SetFile("schema/story", "article-syria-2024-edited.html");
        await stack.RecheckAsync(id, 3);
        var url = stack.Pages.Url("schema/story").AbsoluteUri;
        var escapedUrl = Uri.EscapeDataString(url);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var calls = new ResponseRecorder(http);
        var article = $"api/articles/{id}";

        await calls.GetAsync("/api/articles", $"api/articles?url={escapedUrl}", 200);
        await calls.GetAsync("/api/articles/{id}", article, 200);
        await calls.GetAsync("/api/articles/{id}", $"{article}?waitFor=check&after=3&timeout=1", 200);
        var timeline = await calls.GetAsync("/api/articles/{id}/versions", $"{article}/versions", 200);
        await calls.GetAsync("/api/articles/{id}/versions/{n}", $"{article}/versions/1", 200);
        var second = await calls.GetAsync("/api/articles/{id}/versions/{n}", $"{article}/versions/2", 200);
        await calls.GetAsync("/api/articles/{id}/versions/{n}/original", $"{article}/versions/1/original", 200);
        await calls.GetAsync("/api/articles/{id}/versions/{n}/evidence", $"{article}/versions/2/evidence", 200);
        await calls.GetAsync("/api/articles/{id}/versions/{n}/evidence", $"{article}/versions/9/evidence", 404);
        await calls.GetAsync("/api/articles/{id}/changes", $"{article}/changes", 200);
        await calls.GetAsync("/api/articles/{id}/checks", $"{article}/checks", 200);
        await calls.GetAsync("/api/articles/{id}/diff", $"{article}/diff?from=1&to=2", 200);
        await calls.GetAsync("/api/articles/{id}/diff", $"{article}/diff?from=1&to=2&format=text", 200);
        await calls.GetAsync("/api/articles/{id}/chain", $"{article}/chain?content=true", 200);
        await calls.GetAsync("/api/articles/{id}/warc", $"{article}/warc", 200);
        await calls.GetAsync("/api/articles/{id}/warc", $"{article}/warc?format=cdxj", 200);
        await calls.GetAsync("/api/articles/{id}/warc", $"{article}/warc?format=wacz", 200);
        await calls.SendAsync("/api/articles/{id}/warc", new HttpRequestMessage(HttpMethod.Get, $"{article}/warc?format=wacz") { Headers = { Range = new(0, 99) } }, 206);
        await calls.SendAsync("/api/articles/{id}/warc", new HttpRequestMessage(HttpMethod.Head, $"{article}/warc"), 200);
        await calls.GetAsync("/api/memento/timemap", $"api/memento/timemap?url={escapedUrl}", 200);
        await calls.GetAsync("/api/memento/timegate", $"api/memento/timegate?url={escapedUrl}", 302);
        await calls.GetAsync("/api/openapi.json", "api/openapi.json", 200);
        await calls.PostJsonAsync("/api/verify", "api/verify", new { articleId = id, passage = "roughly 10 kilometres from the capital" }, 200);
        await calls.PostJsonAsync("/api/verify", "api/verify", new { articleId = id, passage = "roughly 99 kilometres from the coast" }, 200);
        // A whole paragraph: the answer carries a paragraph proof, held to its schema too.
        var paragraph = Archive.Core.Provenance.ParagraphTree.Split(second!["text"]!.GetValue<string>())[0];
        await calls.PostJsonAsync("/api/verify", "api/verify", new { articleId = id, passage = paragraph }, 200);
        var original = timeline!["versions"]![0]!["originalSha256"]!.GetValue<string>();
        await calls.PostJsonAsync("/api/verify", "api/verify", new { url, sha256 = original }, 200);

        // Pages for people.
        await calls.GetAsync("/", "", 200);
        await calls.GetAsync("/articles/{id}", $"articles/{id}", 200);
        await calls.GetAsync("/articles/{id}/diff", $"articles/{id}/diff?from=1&to=2", 200);
        await calls.GetAsync("/articles/{id}/changes.atom", $"articles/{id}/changes.atom", 200);
        await calls.GetAsync("/feeds/changes.atom", "feeds/changes.atom", 200);
        await calls.GetAsync("/static/site.css", "static/site.css", 200);
        await calls.GetAsync("/verify", "verify", 200);
        await calls.PostFormAsync("/verify", "verify", new() { ["article"] = id, ["passage"] = "roughly 10 kilometres" }, 200);

        // Errors: problem details with the documented statuses.
        foreach (var path in new[] { "", "/versions", "/versions/1", "/versions/1/original", "/changes", "/checks", "/diff?from=1&to=2", "/chain", "/warc" })
        {
            var template = "/api/articles/{id}" + (path.Split('?')[0].Replace("/1", "/{n}", StringComparison.Ordinal));
            await calls.GetAsync(template, $"api/articles/{UnknownId}{path}", 404);
            await calls.GetAsync(template, $"api/articles/not-an-id{path}", 400);
        }

        // A broken chain: another article whose original bytes were altered in storage.
        var broken = await stack.CaptureAsync("schema/broken", "article-hostile.html");
        var brokenVersions = await calls.GetAsync("/api/articles/{id}/versions", $"api/articles/{broken}/versions", 200);
        var originals = stack.Scope.Get<BlobServiceClient>().GetBlobContainerClient(stack.Scope.Get<ResolvedStorageNames>().OriginalsContainer);
        await originals.GetBlobClient(brokenVersions!["versions"]![0]!["originalSha256"]!.GetValue<string>()).UploadAsync(BinaryData.FromString("altered"), overwrite: true);
        await calls.GetAsync("/api/articles/{id}/chain", $"api/articles/{broken}/chain?content=true", 409);

        await calls.GetAsync("/api/articles", "api/articles?url=" + Uri.EscapeDataString("https://never.example/story"), 404);
        await calls.GetAsync("/api/articles/{id}/diff", $"{article}/diff?from=1&to=9", 404);
        await calls.GetAsync("/api/memento/timemap", "api/memento/timemap", 400);
        await calls.GetAsync("/api/memento/timegate", "api/memento/timegate?url=" + Uri.EscapeDataString("https://never.example/story"), 404);
        await calls.PostJsonAsync("/api/verify", "api/verify", new { articleId = id }, 400);
        await calls.PostJsonAsync("/api/verify", "api/verify", new { articleId = UnknownId, passage = "x" }, 404);
        await calls.PostJsonAsync("/api/captures", "api/captures", new object[] { new { url }, new { url = "ftp://example.org/x" }, new { tags = "x" } }, 400);
        await calls.PostAsync("/api/articles/{id}/recheck", $"api/articles/{UnknownId}/recheck", 404);
        await calls.PostAsync("/api/articles/{id}/recheck", "api/articles/not-an-id/recheck", 400);
        await calls.GetAsync("/articles/{id}", $"articles/{UnknownId}", 404);
        await calls.GetAsync("/articles/{id}/diff", "articles/not-an-id/diff", 400);

        // What queues work last, so the history read above stays as it was.
        await calls.PostJsonAsync("/api/captures", "api/captures", new { url }, 202);
        await calls.PostJsonAsync("/api/captures", "api/captures", new { urls = new[] { url, stack.Pages.Url("article-hostile.html").AbsoluteUri } }, 202);
        await calls.PostAsync("/api/articles/{id}/recheck", $"{article}/recheck", 202);
        await calls.PostFormAsync("/submit", "submit", new() { ["urls"] = url }, 303);
        await calls.PostFormAsync("/articles/{id}/recheck", $"articles/{id}/recheck", [], 303);

        // Every operation of the document was called, and got a documented answer its schema accepts.
        var document = JsonDocument.Parse(calls.Document!.ToJsonString()).RootElement;
        var missed = Operations(document).Keys.Except(calls.Operations).Order().ToList();
        Assert.True(missed.Count == 0, "Operations the test never called: " + string.Join(", ", missed));
        var check = await calls.ValidateAsync();
        Assert.True(check.Completed && check.ExitCode == 0, $"Answers openapi.json does not describe:\n{Failures(check)}");
        Assert.Equal(calls.Count, JsonDocument.Parse(check.Output).RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task The_response_check_refuses_an_undeclared_property_and_a_missing_required_one()
    {
        await using var stack = await ApiStack.StartAsync();
        var id = await stack.CaptureAsync("schema/one", "article-syria-2024.html");
        using var http = new HttpClient { BaseAddress = stack.Host.BaseAddress };
        var calls = new ResponseRecorder(http);
        await calls.GetAsync("/api/openapi.json", "api/openapi.json", 200);
        var real = await calls.GetAsync("/api/articles/{id}", $"api/articles/{id}", 200);
        var valid = await calls.ValidateAsync();
        Assert.True(valid.ExitCode == 0, Failures(valid));

        var extra = real!.DeepClone().AsObject();
        extra["archivedBy"] = "someone";
        var nested = real.DeepClone().AsObject();
        nested["latest"]!["metadata"]!["colour"] = "blue";
        var missing = real.DeepClone().AsObject();
        missing.Remove("checkCount");
        calls.Add("extra", "/api/articles/{id}", "get", 200, "application/json", extra);
        calls.Add("nested", "/api/articles/{id}", "get", 200, "application/json", nested);
        calls.Add("missing", "/api/articles/{id}", "get", 200, "application/json", missing);
        calls.Add("undocumented-status", "/api/articles/{id}", "get", 418, "application/json", real.DeepClone());
        var check = await calls.ValidateAsync();
        Assert.Equal(1, check.ExitCode);
        var failures = Failures(check);
        Assert.Contains("extra: (body) must NOT have additional properties: archivedBy", failures, StringComparison.Ordinal);
        Assert.Contains("nested: /latest/metadata must NOT have additional properties: colour", failures, StringComparison.Ordinal);
        Assert.Contains("missing: (body) must have required property 'checkCount'", failures, StringComparison.Ordinal);
        Assert.Contains("undocumented-status:", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("get /api/articles/{id} 200:", failures, StringComparison.Ordinal);
    }

    // The validator's verdicts that were not valid, one a line.
    private static string Failures(ToolResult check)
    {
        if (!check.Completed || !check.Output.StartsWith('{'))
        {
            return check.Output + check.Error;
        }

        return string.Join("\n", JsonDocument.Parse(check.Output).RootElement.GetProperty("results").EnumerateArray()
            .Where(r => !r.GetProperty("valid").GetBoolean())
            .SelectMany(r => r.GetProperty("errors").EnumerateArray().Select(e => $"{r.GetProperty("name").GetString()}: {e.GetString()}")));
    }

    /// <summary>Calls the app and keeps each answer (operation, status, media type, JSON body) for the validator.</summary>
    private sealed class ResponseRecorder(HttpClient http)
    {
        private readonly List<JsonObject> _responses = [];

        public HashSet<string> Operations { get; } = new(StringComparer.Ordinal);

        public JsonNode? Document { get; private set; }

        public int Count => _responses.Count;

        public Task<JsonNode?> GetAsync(string template, string path, int status) =>
            SendAsync(template, new HttpRequestMessage(HttpMethod.Get, path), status);

        public Task<JsonNode?> PostAsync(string template, string path, int status) =>
            SendAsync(template, new HttpRequestMessage(HttpMethod.Post, path), status);

        public Task<JsonNode?> PostJsonAsync(string template, string path, object body, int status) =>
            SendAsync(template, new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, status);

        public Task<JsonNode?> PostFormAsync(string template, string path, Dictionary<string, string> form, int status) =>
            SendAsync(template, new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) }, status);

        public void Add(string name, string template, string method, int status, string? contentType, JsonNode? body) =>
            _responses.Add(new JsonObject { ["name"] = name, ["path"] = template, ["method"] = method, ["status"] = status, ["contentType"] = contentType, ["body"] = body });

        public async Task<ToolResult> ValidateAsync()
        {
            Assert.NotNull(Document);
            var folder = Directory.CreateTempSubdirectory("archive-responses-").FullName;
            try
            {
                var documentFile = Path.Combine(folder, "openapi.json");
                var responsesFile = Path.Combine(folder, "responses.json");
                await File.WriteAllTextAsync(documentFile, Document!.ToJsonString());
                await File.WriteAllTextAsync(responsesFile, new JsonArray([.. _responses.Select(r => r.DeepClone())]).ToJsonString());
                return await NodeScript.RunAsync(Path.Combine("tests", "Archive.Testing", "openapi-response-check.mjs"), [documentFile, responsesFile], TimeSpan.FromSeconds(60));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        public async Task<JsonNode?> SendAsync(string template, HttpRequestMessage request, int status)
        {
            using (request)
            {
                using var response = await http.SendAsync(request);
                var method = request.Method.Method.ToLowerInvariant();
                var name = $"{method} {template} {(int)response.StatusCode}: {request.RequestUri}";
                var bytes = await response.Content.ReadAsByteArrayAsync();
                Assert.True((int)response.StatusCode == status, $"{name}: expected {status}. {System.Text.Encoding.UTF8.GetString(bytes)}");
                var contentType = response.Content.Headers.ContentType?.ToString();
                var body = contentType is not null && contentType.Split(';')[0].Trim().EndsWith("json", StringComparison.OrdinalIgnoreCase)
                    ? JsonNode.Parse(bytes)
                    : null;
                Add(name, template, method, status, contentType, body);
                Operations.Add($"{method} {template}");
                if (template == "/api/openapi.json")
                {
                    Document = body;
                }

                return body;
            }
        }
    }
}
