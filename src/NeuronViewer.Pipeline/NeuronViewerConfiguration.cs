using Microsoft.Extensions.Configuration;

namespace NeuronViewer.Pipeline;

/// <summary>The configuration sources web app and CLI share: appsettings.json beside the program, user secrets, <c>NeuronViewer__…</c> environment variables, then the command line.</summary>
public static class NeuronViewerConfiguration
{
    /// <summary>The user-secrets id both programs read (<c>dotnet user-secrets --id neuronviewer set OPENAI_API_KEY …</c>: the provider key is read from the environment variable or user secret named by <c>NeuronViewer:Provider:ApiKeyVariable</c>, never from appsettings.json).</summary>
    public const string UserSecretsId = "neuronviewer";

    /// <summary>Builds the CLI's configuration from the program folder's appsettings.json and the other sources.</summary>
    public static IConfigurationRoot Build(string[]? args = null, string? basePath = null, string? environment = null)
    {
        var builder = new ConfigurationBuilder();
        builder.AddNeuronViewerSources(args, basePath, environment);
        return builder.Build();
    }

    /// <summary>Adds the shared sources in priority order (later wins): appsettings.json, appsettings.{environment}.json, user secrets, environment variables, command line.</summary>
    public static IConfigurationBuilder AddNeuronViewerSources(
        this IConfigurationBuilder builder, string[]? args = null, string? basePath = null, string? environment = null)
    {
        basePath ??= AppContext.BaseDirectory;
        environment ??= Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        builder.AddJsonFile(Path.Combine(basePath, "appsettings.json"), optional: true, reloadOnChange: false);
        if (!string.IsNullOrWhiteSpace(environment))
            builder.AddJsonFile(Path.Combine(basePath, $"appsettings.{environment}.json"), optional: true, reloadOnChange: false);
        builder.AddUserSecrets(UserSecretsId, reloadOnChange: false);
        builder.AddEnvironmentVariables();
        if (args is { Length: > 0 })
            builder.AddCommandLine(args);
        return builder;
    }
}
