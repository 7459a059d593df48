using Microsoft.Extensions.Configuration;
using NeuronViewer.Explainers.Configuration;

namespace NeuronViewer.Explainers.Tests;

/// <summary>The API key rule: only from the environment variable or user secrets; a key in appsettings.json or on the command line is refused with a message saying where to move it.</summary>
public sealed class ApiKeyTests : IDisposable
{
    private const string Key = "sk-test-Q7wE9rT1yU3iO5pA7sD9fG1hJ3kL5zX7";
    private readonly string variable = $"NV_TEST_KEY_{Guid.NewGuid():N}";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "nv-keys-" + Guid.NewGuid().ToString("N"));

    public ApiKeyTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(variable, null);
        Directory.Delete(folder, recursive: true);
    }

    private ProviderOptions Options => new() { Kind = ProviderKind.OpenAI, ApiKeyVariable = variable };

    private IConfigurationRoot FromJson(string fileName)
    {
        File.WriteAllText(Path.Combine(folder, fileName), $$"""{ "{{variable}}": "{{Key}}" }""");
        return new ConfigurationBuilder().SetBasePath(folder).AddJsonFile(fileName).Build();
    }

    [Fact]
    public void A_key_in_appsettings_json_is_not_used_and_the_explainer_fails_saying_where_to_move_it()
    {
        var configuration = FromJson("appsettings.json");

        var found = ApiKeys.Find(Options, configuration);
        var refused = Assert.Throws<InvalidOperationException>(() => ExplainerFactory.Create(Options, configuration));

        Assert.Equal((true, false, "appsettings.json"), (found.IsSet, found.IsUsable, found.Origin));
        Assert.StartsWith($"The API key is in appsettings.json, where secrets must not be kept, so it is not used: move it to the environment variable {variable} or to user secrets", refused.Message);
        Assert.Equal(found.Refusal, refused.Message);
        Assert.DoesNotContain(Key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_on_the_command_line_is_refused_too()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine([$"--{variable}={Key}"]).Build();

        var ex = Assert.Throws<InvalidOperationException>(() => ApiKeys.Resolve(Options, configuration));

        Assert.StartsWith("The API key is in the command line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_from_the_environment_variable_and_user_secrets_are_used_and_the_environment_wins()
    {
        var secrets = FromJson("secrets.json"); // how AddUserSecrets names its file

        var fromSecrets = ApiKeys.Find(Options, secrets);
        Environment.SetEnvironmentVariable(variable, Key + "-env");
        var fromEnvironment = ApiKeys.Find(Options, FromJson("appsettings.json"));

        Assert.Equal((Key, $"user secrets: {variable}", (string?)null), (fromSecrets.Key, fromSecrets.Origin, fromSecrets.Refusal));
        Assert.Equal((Key + "-env", variable, (string?)null), (fromEnvironment.Key, fromEnvironment.Origin, fromEnvironment.Refusal));
        Assert.Equal(Key + "-env", ApiKeys.Resolve(Options, FromJson("appsettings.json")));
    }

    [Fact]
    public void No_key_anywhere_is_null_not_a_refusal()
    {
        var found = ApiKeys.Find(Options, new ConfigurationBuilder().Build());

        Assert.Equal((false, (string?)null), (found.IsSet, found.Refusal));
        Assert.Null(ApiKeys.Resolve(Options));
    }
}
