namespace Archive.Core.Capture;

/// <summary>
/// Tells a storage failure (the storage service refused a request or could not be reached) apart from other
/// exceptions, so a capture can record it as <c>storage-failure</c>. The core knows no storage SDK: the storage
/// adapter supplies the test.
/// </summary>
public interface IStorageFailureClassifier
{
    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a failure of the storage service.</summary>
    bool IsStorageFailure(Exception exception);
}
