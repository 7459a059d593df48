using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuronViewer.Storage;

namespace NeuronViewer.Pipeline;

/// <summary>Opens the store at start-up (a locked or unwritable data folder fails the start with its message) and loads the browser rows in the background.</summary>
internal sealed class StoreWarmup(NeuronViewerStore store, ILogger<StoreWarmup> logger) : IHostedService
{
    private Task _preload = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Data folder: {Folder}", store.Folder);
        _preload = Task.Run(() =>
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

    /// <summary>Lets a preload still under way finish (within the host's shutdown time) before the store is closed.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _preload.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped while the neuron browser rows were still loading");
        }
    }
}
