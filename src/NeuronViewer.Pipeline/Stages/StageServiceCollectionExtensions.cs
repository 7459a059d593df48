using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeuronViewer.Pipeline.Jobs;
using NeuronViewer.Pipeline.Subject;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>Registers the stages, their job handlers (collect, explain, score, ablate, pipeline, first-run) and the backend resolver.</summary>
public static class StageServiceCollectionExtensions
{
    /// <summary>Called by <c>AddNeuronViewerCore</c>; safe to call again.</summary>
    public static IServiceCollection AddNeuronViewerStages(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StageItems)))
            return services;
        services.TryAddSingleton<BackendResolver>();
        services.TryAddSingleton<CollectStage>();
        services.TryAddSingleton<ExplainStage>();
        services.TryAddSingleton<ScoreStage>();
        services.TryAddSingleton<StageItems>();
        services.AddJobHandler<CollectHandler>();
        services.AddJobHandler<ExplainHandler>();
        services.AddJobHandler<ScoreHandler>();
        services.TryAddSingleton<AblateStage>();
        services.AddJobHandler<AblateHandler>();
        services.AddSingleton<IJobHandler>(sp => new PipelineHandler(JobKinds.Pipeline, c => c.Parameters<PipelineParameters>(),
            sp.GetRequiredService<StageItems>(), sp.GetRequiredService<SubjectModelHost>()));
        services.AddSingleton<IJobHandler>(sp => new PipelineHandler(JobKinds.FirstRun, c => FirstRun.Parameters(c.Parameters<FirstRunParameters>()),
            sp.GetRequiredService<StageItems>(), sp.GetRequiredService<SubjectModelHost>()));
        return services;
    }
}
