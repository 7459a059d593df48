namespace NeuronViewer.SubjectModel;

/// <summary>Paths of the bundled default model and corpus, copied beside every assembly that references SubjectModel.</summary>
public static class BundledAssets
{
    /// <summary>The bundled HF-layout checkpoint folder (config.json + model.safetensors).</summary>
    public static string ModelFolder => Path.Combine(AppContext.BaseDirectory, "Bundled", "model");

    /// <summary>The bundled corpus file (gzip of UTF-8 text; documents separated by a form feed line).</summary>
    public static string CorpusFile => Path.Combine(AppContext.BaseDirectory, "Bundled", "corpus", "brown.txt.gz");
}
