using System.ClientModel.Primitives;
using System.Globalization;

namespace NeuronViewer.Explainers.Http;

/// <summary>
/// Retries 408, 429, 5xx and network timeouts with exponential backoff and ±20% jitter, honouring
/// <c>Retry-After</c>/<c>retry-after-ms</c>; never retries other statuses such as 400, 401, 403, 404 (defect D12 fixed).
/// </summary>
internal sealed class BackoffRetryPolicy(int maxRetries, TimeSpan baseDelay, TimeSpan maxDelay, Func<TimeSpan, CancellationToken, Task>? wait = null) : PipelinePolicy
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(2);
    private readonly Func<TimeSpan, CancellationToken, Task> _wait = wait ?? Task.Delay;

    public static bool IsRetryableStatus(int status) => status is 408 or 429 || status >= 500;

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessAsync(message, pipeline, currentIndex).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        for (var retry = 0; ; retry++)
        {
            Exception? failure = null;
            try
            {
                await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransient(ex, message) && retry < maxRetries)
            {
                failure = ex;
            }
            if (failure is null && (message.Response is null || !IsRetryableStatus(message.Response.Status) || retry >= maxRetries))
                return;
            var delay = failure is null ? RetryAfter(message.Response!) ?? Backoff(retry) : Backoff(retry);
            message.Response?.Dispose();
            await _wait(delay, message.CancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(Exception ex, PipelineMessage message) =>
        !message.CancellationToken.IsCancellationRequested
        && ex is OperationCanceledException or TimeoutException or IOException or HttpRequestException;

    private TimeSpan Backoff(int retry)
    {
        var ms = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, retry));
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    /// <summary>The server's requested wait, from <c>retry-after-ms</c> or <c>Retry-After</c> (seconds or an HTTP date).</summary>
    internal static TimeSpan? RetryAfter(PipelineResponse response)
    {
        TimeSpan? requested = null;
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
            requested = TimeSpan.FromMilliseconds(m);
        else if (response.Headers.TryGetValue("Retry-After", out var value))
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                requested = TimeSpan.FromSeconds(seconds);
            else if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                requested = at - DateTimeOffset.UtcNow;
        }
        if (requested is null)
            return null;
        return requested < TimeSpan.Zero ? TimeSpan.Zero : requested > MaxRetryAfter ? MaxRetryAfter : requested;
    }
}
