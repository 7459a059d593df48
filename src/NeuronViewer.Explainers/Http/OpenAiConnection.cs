using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using System.Text.Json.Nodes;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Explainers.Configuration;
using OpenAI;

namespace NeuronViewer.Explainers.Http;

/// <summary>
/// One provider connection through the OpenAI .NET SDK's client pipeline (authentication, retry policy, timeout),
/// with a semaphore bounding concurrent calls and a meter summing the token usage of every request.
/// </summary>
public sealed class OpenAiConnection
{
    private const string OpenAiEndpoint = "https://api.openai.com/v1";
    private readonly SemaphoreSlim _slots;
    private readonly string? _apiKey;

    /// <summary>Creates the client; <paramref name="apiKey"/> goes only to the SDK's authentication policy (and is cut out of any response that echoes it).</summary>
    public OpenAiConnection(ProviderOptions options, string? apiKey, Func<TimeSpan, CancellationToken, Task>? retryWait = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Kind == ProviderKind.Offline)
            throw new InvalidOperationException("The offline provider has no connection; use the baselines.");
        if (string.IsNullOrWhiteSpace(apiKey) && options.Kind != ProviderKind.Compatible)
            throw new InvalidOperationException(
                $"No API key: set the environment variable {options.ApiKeyVariable} (or a user secret of that name) for provider kind {options.Kind}.");
        Options = options;
        _apiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;
        Endpoint = ResolveEndpoint(options);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            RetryPolicy = new BackoffRetryPolicy(
                options.MaxRetries, TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                TimeSpan.FromMilliseconds(options.RetryMaxDelayMilliseconds), retryWait),
        };
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(apiKey) ? "no-key" : apiKey);
        if (options.Kind == ProviderKind.Azure)
            clientOptions.AddPolicy(new HeaderPolicy("api-key", credential), PipelinePosition.PerCall);
        Client = new OpenAIClient(credential, clientOptions);
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    public ProviderOptions Options { get; }

    public Uri Endpoint { get; }

    /// <summary>The SDK client (its file and batch clients share this connection's pipeline settings).</summary>
    public OpenAIClient Client { get; }

    /// <summary>Usage of every request sent through this connection.</summary>
    public UsageMeter Meter { get; } = new();

    /// <summary>Waits for one of the connection's concurrency slots; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireSlotAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Slot(_slots);
    }

    /// <summary>POSTs a JSON body to <paramref name="path"/> (e.g. <c>chat/completions</c>) and returns the parsed JSON and its usage.</summary>
    public async Task<(JsonObject Json, string Raw, Usage Usage)> PostJsonAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var slot = await AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
        var oneRequest = new Usage(1, 0, 0);
        int status;
        string raw;
        try
        {
            (status, raw) = await SendAsync("POST", path, BinaryData.FromString(body.ToJsonString()), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Meter.Add(oneRequest);
            throw new LlmCallException(
                $"No response from {path}: timed out after {Options.TimeoutSeconds} s on each of {Options.MaxRetries + 1} attempt(s).", null, null, oneRequest);
        }
        catch (Exception e) when (e is HttpRequestException or ClientResultException or IOException)
        {
            Meter.Add(oneRequest);
            throw new LlmCallException($"No response from {path}: {Redact(e.Message)}", null, null, oneRequest);
        }
        if (status is < 200 or >= 300)
        {
            Meter.Add(oneRequest);
            throw new LlmCallException($"HTTP {status} from {path}: {ErrorMessage(raw)}", status, raw, oneRequest);
        }
        var json = ParseObject(raw, path, oneRequest);
        var usage = ReadUsage(json);
        Meter.Add(usage);
        return (json, raw, usage);
    }

    /// <summary>Sends a raw request through the SDK pipeline (retries included) and returns the final status and body.</summary>
    public async Task<(int Status, string Body)> SendAsync(string method, string path, BinaryData? content, CancellationToken cancellationToken)
    {
        using var message = Client.Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri = new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/'));
        message.Request.Headers.Set("Accept", "application/json");
        if (content is not null)
        {
            message.Request.Headers.Set("Content-Type", "application/json");
            message.Request.Content = BinaryContent.Create(content);
        }
        message.Apply(new RequestOptions { CancellationToken = cancellationToken, ErrorOptions = ClientErrorBehaviors.NoThrow });
        await Client.Pipeline.SendAsync(message).ConfigureAwait(false);
        var response = message.Response!;
        return (response.Status, Redact(response.Content.ToString()));
    }

    /// <summary>The text with the API key cut out, should a provider echo it (e.g. in an "incorrect API key" error).</summary>
    private string Redact(string text) =>
        _apiKey is { Length: >= 8 } key && text.Contains(key, StringComparison.Ordinal) ? text.Replace(key, "[API key]", StringComparison.Ordinal) : text;

    internal static JsonObject ParseObject(string raw, string what, Usage usage)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject
                ?? throw new LlmCallException($"The response from {what} is not a JSON object.", 200, raw, usage);
        }
        catch (JsonException ex)
        {
            throw new LlmCallException($"The response from {what} is not valid JSON: {ex.Message}", 200, raw, usage);
        }
    }

    /// <summary>Reads OpenAI's <c>usage</c> object; a response counts as one request even without it.</summary>
    internal static Usage ReadUsage(JsonObject json)
    {
        var usage = json["usage"] as JsonObject;
        return new Usage(1, Long(usage?["prompt_tokens"]), Long(usage?["completion_tokens"]));
    }

    private static long Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;

    /// <summary>The <c>error.message</c> of an OpenAI error body, or the start of the raw body.</summary>
    internal static string ErrorMessage(string raw)
    {
        try
        {
            if (JsonNode.Parse(raw)?["error"]?["message"]?.GetValue<string>() is { } m)
                return m;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
        }
        return raw.Length > 200 ? raw[..200] + "…" : raw;
    }

    private static Uri ResolveEndpoint(ProviderOptions options)
    {
        var configured = string.IsNullOrWhiteSpace(options.Endpoint) ? OpenAiEndpoint : options.Endpoint.Trim();
        if (options.Kind == ProviderKind.Azure && !configured.Contains("/openai/", StringComparison.OrdinalIgnoreCase))
            configured = configured.TrimEnd('/') + "/openai/v1";
        return new Uri(configured.TrimEnd('/') + "/");
    }

    /// <summary>Azure OpenAI reads the key from an <c>api-key</c> header.</summary>
    private sealed class HeaderPolicy(string name, ApiKeyCredential credential) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Set(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Set(message);
            return ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Set(PipelineMessage message)
        {
            credential.Deconstruct(out var key);
            message.Request.Headers.Set(name, key);
        }
    }

    private sealed class Slot(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                semaphore.Release();
        }
    }
}

/// <summary>Thread-safe running total of <see cref="Usage"/>.</summary>
public sealed class UsageMeter
{
    private readonly Lock _gate = new();
    private Usage _total;

    public Usage Total
    {
        get
        {
            lock (_gate)
                return _total;
        }
    }

    public void Add(Usage usage)
    {
        lock (_gate)
            _total += usage;
    }
}
