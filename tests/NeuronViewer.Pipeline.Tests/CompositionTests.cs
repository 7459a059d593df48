using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Pipeline.Tests;

public sealed class CompositionTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "nv-pipeline-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_core_services_share_one_store_in_the_configured_folder_and_the_engine_runs_as_a_hosted_service()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["NeuronViewer:DataFolder"] = folder, ["NeuronViewer:Jobs:MaxConcurrentJobs"] = "2",
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddNeuronViewerCore(configuration);
        services.AddSingleton<IJobHandler>(sp => new TestHandler(sp.GetRequiredService<NeuronViewerStore>()));
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<NeuronViewerStore>();
        Assert.Equal(Path.Combine(folder, "neuronviewer.db"), store.DatabasePath);
        Assert.Same(store.Explanations, provider.GetRequiredService<ExplanationRepository>());
        Assert.Same(store.Summaries, provider.GetRequiredService<NeuronSummaryRepository>());
        var hosted = provider.GetServices<IHostedService>().ToList();
        var engine = provider.GetRequiredService<JobEngine>();
        Assert.Equal(2, hosted.Count);
        Assert.Same(engine, hosted[^1]);
        Assert.Equal(["ablate", "collect", "explain", "first-run", "pipeline", "score", "test"], engine.Kinds.Order());

        foreach (var service in hosted)
            await service.StartAsync(CancellationToken.None);
        var id = engine.Submit("test", new TestJobParameters(3));
        Assert.Equal(3, (await engine.WaitAsync(id, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token)).Done);
        Assert.Equal(3, store.Summaries.Count);
        foreach (var service in hosted)
            await service.StopAsync(CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(folder, "neuronviewer.db")));
    }

    [Fact]
    public void The_CLI_configuration_reads_appsettings_then_environment_then_command_line()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "appsettings.json"),
            """{ "NeuronViewer": { "DataFolder": "/from/appsettings", "Corpus": "bundled", "Jobs": { "MaxConcurrentJobs": 1 } } }""");
        Environment.SetEnvironmentVariable("NeuronViewer__DataFolder", "/from/environment");
        try
        {
            var fromEnvironment = NeuronViewerConfiguration.Build([], folder);
            var fromArgs = NeuronViewerConfiguration.Build(["--NeuronViewer:DataFolder=/from/args"], folder);

            Assert.Equal("/from/environment", fromEnvironment["NeuronViewer:DataFolder"]);
            Assert.Equal("bundled", fromEnvironment["NeuronViewer:Corpus"]);
            Assert.Equal("/from/args", fromArgs["NeuronViewer:DataFolder"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NeuronViewer__DataFolder", null);
        }
        Assert.Equal("/from/appsettings", NeuronViewerConfiguration.Build([], folder)["NeuronViewer:DataFolder"]);
    }

    [Fact]
    public void The_shipped_appsettings_leaves_the_data_folder_to_the_per_user_default()
    {
        var shipped = NeuronViewerConfiguration.Build([], RepositoryRoot());
        Assert.Equal("", shipped["NeuronViewer:DataFolder"]);
        Assert.Equal("1", shipped["NeuronViewer:Jobs:MaxConcurrentJobs"]);
        Assert.Equal(DataFolder.Default, DataFolder.Resolve(shipped["NeuronViewer:DataFolder"]));
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "NeuronViewer.sln")))
            dir = dir.Parent;
        return dir.FullName;
    }
}
