using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Stages;
using NeuronViewer.Pipeline.Subject;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;

namespace NeuronViewer.Pipeline;

/// <summary>Registers what web app and CLI share: options, the data folder's store and its repositories, and the job engine.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds options, the store (opened on first use), each repository, the subject model host, the job engine and its hosted service.</summary>
    public static IServiceCollection AddNeuronViewerCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions();
        services.TryAddSingleton(configuration);
        services.Configure<NeuronViewerOptions>(configuration.GetSection(NeuronViewerOptions.Section));
        services.Configure<JobEngineOptions>(configuration.GetSection(JobEngineOptions.Section));
        services.Configure<SubjectModelOptions>(configuration.GetSection(SubjectModelOptions.Section));
        services.TryAddSingleton<SubjectModelHost>();
        services.TryAddSingleton(sp =>
            NeuronViewerStore.Open(DataFolder.Resolve(sp.GetRequiredService<IOptions<NeuronViewerOptions>>().Value.DataFolder)));
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Runs);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Records);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Summaries);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Explanations);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Scores);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Ablations);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Jobs);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Studies);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().RatingTasks);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().RatingDrafts);
        services.TryAddSingleton(sp => sp.GetRequiredService<NeuronViewerStore>().Ratings);
        services.TryAddSingleton(sp => new StudyComposer(sp.GetRequiredService<NeuronViewerStore>()));
        services.AddNeuronViewerStages();
        services.TryAddSingleton<JobEngine>();
        services.AddHostedService<StoreWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<JobEngine>());
        return services;
    }

    /// <summary>Registers a job kind's handler (the engine finds every registered IJobHandler).</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddSingleton<IJobHandler, THandler>();
        return services;
    }
}
