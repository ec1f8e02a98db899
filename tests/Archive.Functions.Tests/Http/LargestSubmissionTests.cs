using Archive.Core.Capture;
using Archive.Core.Urls;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Queues;

namespace Archive.Functions.Tests.Http;

/// <summary>
/// The largest submission validation lets through makes a queue message the queue accepts and the worker can read:
/// a 2,048-character canonical URL, the most tags of the longest length, the longest source, each character one
/// that JSON must escape.
/// </summary>
public sealed class LargestSubmissionTests
{
    [Fact]
    public async Task The_largest_valid_submission_fits_a_queue_message()
    {
        await using var scope = await StorageScope.CreateAsync();
        var options = new CaptureOptions();
        var prefix = "https://example.com/?q=";
        var url = prefix + string.Concat(Enumerable.Repeat("%22", (UrlCanonicalizer.MaxLength - prefix.Length) / 3));
        var tags = Enumerable.Range(0, options.MaxTags).Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + new string('"', options.MaxTagLength - 3)).ToList();
        var source = new string('\\', options.MaxSourceLength);
        var submissions = scope.Get<SubmissionService>();

        var accepted = await submissions.SubmitAsync([new CaptureSubmission(url, tags, source)]);

        Assert.True(accepted[0].Url.ToString().Length <= UrlCanonicalizer.MaxLength);
        var queue = scope.Get<QueueServiceClient>().GetQueueClient(scope.Get<ResolvedStorageNames>().CaptureQueue);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(1)).Value);
        var work = Archive.Storage.CaptureMessageCodec.Decode(message.Body, message.MessageId);
        Assert.Equal(accepted[0].Url.ToString(), work.Url);
        Assert.Equal(options.MaxTags, work.Tags.Count);
    }
}
