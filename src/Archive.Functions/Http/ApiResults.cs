using Archive.Core.Urls;
using System.Text.Json;
using Archive.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Functions.Http;

/// <summary>Answers in Archive's JSON shape, and RFC 9457 problem details for errors.</summary>
public static class ApiResults
{
    /// <summary>The media type of problem details.</summary>
    public const string ProblemJson = "application/problem+json";

    /// <summary>A JSON answer.</summary>
    public static ContentResult Json<T>(T value, int status = StatusCodes.Status200OK) => new()
    {
        StatusCode = status,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(value, ArchiveJson.Indented),
    };

    /// <summary>A problem-details answer.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="title">A short summary that stays the same for every instance of the problem type.</param>
    /// <param name="detail">What went wrong this time.</param>
    /// <param name="type">A URI naming the problem type (relative to the API).</param>
    /// <param name="extensions">Extra members, such as the list of invalid fields.</param>
    public static ContentResult Problem(int status, string title, string? detail = null, string? type = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["type"] = type ?? "about:blank",
            ["title"] = title,
            ["status"] = status,
        };
        if (detail is not null)
        {
            body["detail"] = detail;
        }

        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return new ContentResult
        {
            StatusCode = status,
            ContentType = ProblemJson + "; charset=utf-8",
            Content = JsonSerializer.Serialize(body, ArchiveJson.Indented),
        };
    }

    /// <summary>400: the request is malformed.</summary>
    public static ContentResult BadRequest(string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status400BadRequest, "The request is invalid.", detail, "/problems/invalid-request", extensions);

    /// <summary>404: the thing asked for does not exist.</summary>
    public static ContentResult NotFound(string detail) =>
        Problem(StatusCodes.Status404NotFound, "Not found.", detail, "/problems/not-found");

    /// <summary>404 for an article id nobody archived.</summary>
    public static ContentResult ArticleNotFound(ArticleId id) => NotFound($"No article has the id {id}.");
}
