using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NeuronViewer.Web.Neurons;

/// <summary>Registers the services the researcher's pages use (neuron browser, neuron page, import/export).</summary>
public static class PageServices
{
    public static IServiceCollection AddNeuronViewerPages(this IServiceCollection services)
    {
        services.TryAddSingleton<NeuronExplorer>();
        services.TryAddSingleton<SubjectModelViews>();
        services.TryAddSingleton<Pipeline.Exchange.OpenAiImporter>();
        services.AddOptions<Api.ImportLimits>().BindConfiguration(Api.ImportLimits.Section);
        return services;
    }
}
