using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuronViewer.Storage;

namespace NeuronViewer.Pipeline;

/// <summary>Opens the store at start-up (a locked or unwritable data folder fails the start with its message) and loads the browser rows in the background.</summary>
internal sealed class StoreWarmup(NeuronViewerStore store, ILogger<StoreWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Data folder: {Folder}", store.Folder);
        _ = Task.Run(() =>
        {
            try
            {
                store.Summaries.Preload();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Loading the neuron browser rows failed");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
