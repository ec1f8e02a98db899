namespace Archive.Functions.Pages.Views;

/// <summary>Messages of the pages' readable errors.</summary>
public static class ErrorText
{
    /// <summary>The title of a bad-request page.</summary>
    public const string BadRequest = "That did not work";

    /// <summary>The title of a not-found page.</summary>
    public const string NotFound = "Not found";
}
