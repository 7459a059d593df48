using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Pipeline;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;

namespace NeuronViewer.Cli.Commands;

/// <summary>
/// The same composition as the web app (AddNeuronViewerCore) for one CLI command: shared configuration plus the command's
/// overrides, the data folder's store, the subject model host, the stages and a job engine that runs only the jobs this command claims.
/// </summary>
public sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly HashSet<long> claimed = [];
    private bool engineStarted;

    private CliServices(IConfiguration configuration)
    {
        Configuration = configuration;
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddNeuronViewerCore(configuration);
        services.Configure<JobEngineOptions>(o => o.Claim = job => { lock (claimed) return claimed.Contains(job.Id); });
        provider = services.BuildServiceProvider();
    }

    public IConfiguration Configuration { get; }

    public NeuronViewerStore Store => provider.GetRequiredService<NeuronViewerStore>();

    public SubjectModelHost Model => provider.GetRequiredService<SubjectModelHost>();

    public BackendResolver Backends => provider.GetRequiredService<BackendResolver>();

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    /// <summary>Builds the services with configuration overrides (e.g. <c>NeuronViewer:SubjectModel:Path</c>); null values are ignored.</summary>
    public static CliServices Create(ParseResult parse, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder().AddNeuronViewerSources();
        var all = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>()) { ["NeuronViewer:DataFolder"] = DataFolderOption.Of(parse) };
        builder.AddInMemoryCollection(all.Where(kv => kv.Value is not null));
        return new CliServices(builder.Build());
    }

    /// <summary>The provider overrides of <c>--endpoint</c> and <c>--model</c> as configuration keys.</summary>
    public static Dictionary<string, string?> ProviderOverrides(string? endpoint, string? explainerModel, string? simulatorModel) => new()
    {
        [ProviderOptions.SectionName + ":Endpoint"] = endpoint,
        [ProviderOptions.SectionName + ":ExplainerModel"] = explainerModel,
        [ProviderOptions.SectionName + ":SimulatorModel"] = simulatorModel,
    };

    /// <summary>The job engine, started on first use; it runs only jobs passed to <see cref="Claim"/>.</summary>
    public async Task<JobEngine> EngineAsync()
    {
        var engine = provider.GetRequiredService<JobEngine>();
        if (!engineStarted)
        {
            await engine.StartAsync(CancellationToken.None);
            engineStarted = true;
        }
        return engine;
    }

    /// <summary>Lets the engine run this job (jobs of the web app in the same data folder are left alone).</summary>
    public void Claim(long jobId)
    {
        lock (claimed) claimed.Add(jobId);
    }

    public async ValueTask DisposeAsync()
    {
        if (engineStarted) await provider.GetRequiredService<JobEngine>().StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
    }
}
