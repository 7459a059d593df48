namespace NeuronViewer.Web.Neurons;

/// <summary>A pane's data while it loads off the circuit's thread: loading, ready with a value, or failed with a one-line reason.</summary>
public sealed class Loadable<T>
{
    private Loadable(bool ready, T? value, string? error) => (IsReady, Value, Error) = (ready, value, error);

    /// <summary>Still loading.</summary>
    public static Loadable<T> Loading { get; } = new(false, default, null);

    public bool IsReady { get; }

    public T? Value { get; }

    /// <summary>Why loading failed; null unless it failed.</summary>
    public string? Error { get; }

    public bool IsLoading => !IsReady && Error is null;

    public static Loadable<T> Ready(T value) => new(true, value, null);

    public static Loadable<T> Failed(string error) => new(false, default, error);

    /// <summary>Runs <paramref name="load"/> on the thread pool; exceptions become a failed state with their message.</summary>
    public static async Task<Loadable<T>> RunAsync(Func<T> load, CancellationToken cancellationToken = default)
    {
        try
        {
            return Ready(await Task.Run(load, cancellationToken));
        }
        catch (OperationCanceledException)
        {
            return Loading;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(e.Message);
        }
    }
}
