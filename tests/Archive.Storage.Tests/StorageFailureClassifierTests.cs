using Archive.Local;
using Archive.Core.Capture;
using Archive.Core.Versions;
using Archive.Testing;
using Azure.Storage.Blobs;

namespace Archive.Storage.Tests;

/// <summary>What the SDK really throws when storage is out of reach or refuses, and that it counts as a storage failure.</summary>
public sealed class StorageFailureClassifierTests
{
    private static readonly StorageFailureClassifier Classifier = new();

    [Fact]
    public async Task Storage_out_of_reach_is_a_storage_failure()
    {
        // A port nothing listens on, and one quick retry: connection refused, as when Azurite is stopped.
        var closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";
        var client = new BlobServiceClient(closed, new BlobClientOptions { Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10) } });

        var error = await Record.ExceptionAsync(() => client.GetBlobContainerClient("originals").GetBlobClient("x").DownloadContentAsync());

        Assert.NotNull(error);
        Assert.True(Classifier.IsStorageFailure(error));
    }

    [Fact]
    public async Task A_refusal_is_a_storage_failure_and_other_errors_are_not()
    {
        await using var scope = await StorageScope.CreateAsync();
        var missing = scope.Get<BlobServiceClient>().GetBlobContainerClient("nosuchcontainer").GetBlobClient("x");
        var refused = await Record.ExceptionAsync(() => missing.UploadAsync(BinaryData.FromString("x")));

        Assert.True(Classifier.IsStorageFailure(refused!));
        Assert.True(Classifier.IsStorageFailure(new InvalidOperationException("wrapped", refused)));
        Assert.False(Classifier.IsStorageFailure(new InvalidOperationException("not storage")));
        Assert.False(Classifier.IsStorageFailure(new CaptureRetryException(CaptureOutcome.Http5xx, "5xx")));
        Assert.False(Classifier.IsStorageFailure(new RecordIntegrityException("tampered")));
    }
}
