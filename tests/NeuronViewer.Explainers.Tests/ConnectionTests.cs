using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Explainers.Http;
using NeuronViewer.Explainers.Tests.Fake;
using NeuronViewer.Explainers.Tests.Support;

namespace NeuronViewer.Explainers.Tests;

/// <summary>Retry policy (D12 fixed), Retry-After, timeouts, concurrency bound, authentication and usage metering.</summary>
public sealed class ConnectionTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Body() => new() { ["model"] = "m", ["messages"] = new JsonArray() };

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Transient_statuses_are_retried_until_success(int status)
    {
        _server.Script("chat/completions", FakeReply.Error(status, "try later", "server_error"), FakeReply.Error(status, "try later", "server_error"), FakeReply.Chat(3, 2, "ok"));
        var (json, _, usage) = await Connections.For(_server).PostJsonAsync(ChatRequest.Path, Body(), default);
        Assert.Equal("ok", ChatRequest.Content(ChatRequest.Choices(json)![0]));
        Assert.Equal(3, _server.Count("chat/completions"));
        Assert.Equal(new Core.Abstractions.Usage(1, 3, 2), usage);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Client_errors_are_not_retried_and_keep_the_error_body(int status)
    {
        _server.Script("chat/completions", FakeReply.Error(status, $"refused with {status}"));
        var ex = await Assert.ThrowsAsync<LlmCallException>(() => Connections.For(_server).PostJsonAsync(ChatRequest.Path, Body(), default));
        Assert.Equal(1, _server.Count("chat/completions"));
        Assert.Equal(status, ex.Status);
        Assert.Contains($"refused with {status}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"error\"", ex.RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_maximum()
    {
        _server.Chat = _ => FakeReply.Error(500, "down", "server_error");
        var ex = await Assert.ThrowsAsync<LlmCallException>(() => Connections.For(_server, o => o.MaxRetries = 2).PostJsonAsync(ChatRequest.Path, Body(), default));
        Assert.Equal(3, _server.Count("chat/completions"));
        Assert.Equal(500, ex.Status);
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_backoff_grows_otherwise()
    {
        var waits = new ConcurrentQueue<TimeSpan>();
        _server.Script("chat/completions", FakeReply.RateLimited("7"), FakeReply.Error(503, "x", "server_error"), FakeReply.Error(503, "x", "server_error"), FakeReply.Chat(1, 1, "ok"));
        await Connections.For(_server, o => { o.RetryBaseDelayMilliseconds = 1000; o.RetryMaxDelayMilliseconds = 10000; }, waits).PostJsonAsync(ChatRequest.Path, Body(), default);
        var w = waits.ToArray();
        Assert.Equal(3, w.Length);
        Assert.Equal(TimeSpan.FromSeconds(7), w[0]);
        Assert.InRange(w[1].TotalMilliseconds, 1600, 2400);
        Assert.InRange(w[2].TotalMilliseconds, 3200, 4800);
    }

    [Fact]
    public async Task A_timed_out_request_is_retried()
    {
        _server.Script("chat/completions", FakeReply.Chat(1, 1, "late") with { Delay = TimeSpan.FromSeconds(5) }, FakeReply.Chat(1, 1, "on time"));
        var (json, _, _) = await Connections.For(_server, o => o.TimeoutSeconds = 1).PostJsonAsync(ChatRequest.Path, Body(), default);
        Assert.Equal("on time", ChatRequest.Content(ChatRequest.Choices(json)![0]));
        Assert.Equal(2, _server.Count("chat/completions"));
    }

    [Fact]
    public async Task Concurrency_is_bounded_across_all_calls_of_a_connection()
    {
        _server.Latency = TimeSpan.FromMilliseconds(150);
        _server.Chat = _ => FakeReply.Chat(10, 5, "ok");
        var connection = Connections.For(_server, o => o.MaxConcurrency = 3);
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => connection.PostJsonAsync(ChatRequest.Path, Body(), default)));
        Assert.Equal(3, _server.MaxInFlight);
        Assert.Equal(new Core.Abstractions.Usage(12, 120, 60), connection.Meter.Total);
    }

    [Theory]
    [InlineData("{\"choices\": [")]
    [InlineData("<html>bad gateway</html>")]
    public async Task Truncated_or_malformed_json_is_an_error_with_the_raw_body(string body)
    {
        _server.Script("chat/completions", new FakeReply(200, body));
        var ex = await Assert.ThrowsAsync<LlmCallException>(() => Connections.For(_server).PostJsonAsync(ChatRequest.Path, Body(), default));
        Assert.Equal(body, ex.RawBody);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_goes_as_a_bearer_token_and_azure_uses_an_api_key_header_on_openai_v1()
    {
        _server.Chat = _ => FakeReply.Chat(1, 1, "ok");
        await Connections.For(_server).PostJsonAsync(ChatRequest.Path, Body(), default);
        Assert.Equal("Bearer test-key", _server.Requests.Last().Authorization);

        var azure = Connections.For(_server, o => { o.Kind = ProviderKind.Azure; o.Endpoint = _server.BaseUrl.GetLeftPart(UriPartial.Authority); });
        Assert.EndsWith("/openai/v1/", azure.Endpoint.AbsoluteUri, StringComparison.Ordinal);
        await azure.PostJsonAsync(ChatRequest.Path, Body(), default);
        Assert.Equal("test-key", _server.Requests.Last().ApiKey);
    }

    [Fact]
    public void A_missing_key_is_a_clear_error_naming_the_variable()
    {
        var options = new ProviderOptions { Kind = ProviderKind.OpenAI, ApiKeyVariable = "NV_TEST_KEY_THAT_IS_NOT_SET" };
        var ex = Assert.Throws<InvalidOperationException>(() => ConnectionFactory.Create(options));
        Assert.Contains("NV_TEST_KEY_THAT_IS_NOT_SET", ex.Message, StringComparison.Ordinal);
    }
}
