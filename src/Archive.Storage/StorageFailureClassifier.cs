using Archive.Core.Capture;
using Azure;

namespace Archive.Storage;

/// <summary>
/// Azure Storage failures as the SDK reports them: a <see cref="RequestFailedException"/> (the service refused, or it
/// could not be reached), possibly inside the <see cref="AggregateException"/> the SDK throws once its retries run out.
/// </summary>
public sealed class StorageFailureClassifier : IStorageFailureClassifier
{
    /// <inheritdoc />
    public bool IsStorageFailure(Exception exception) => exception switch
    {
        RequestFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStorageFailure),
        { InnerException: { } inner } => IsStorageFailure(inner),
        _ => false,
    };
}
