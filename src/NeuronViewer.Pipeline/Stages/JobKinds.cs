namespace NeuronViewer.Pipeline.Stages;

/// <summary>The job kinds of the pipeline stages (submit with <c>JobEngine.Submit(kind, parameters)</c>).</summary>
public static class JobKinds
{
    /// <summary>Activation collection; parameters <see cref="CollectParameters"/>.</summary>
    public const string Collect = "collect";

    /// <summary>Candidate explanations per neuron; parameters <see cref="ExplainParameters"/>.</summary>
    public const string Explain = "explain";

    /// <summary>Correlation scoring of every candidate per neuron; parameters <see cref="ScoreParameters"/>.</summary>
    public const string Score = "score";

    /// <summary>Ablation scoring of every candidate per neuron (the original and mean passes shared); parameters <see cref="AblateParameters"/>.</summary>
    public const string Ablate = "ablate";

    /// <summary>Collect, then explain, then score, as one job with stages; parameters <see cref="PipelineParameters"/>.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>The bundled model over part of the bundled corpus with the offline baselines; parameters <see cref="FirstRunParameters"/>.</summary>
    public const string FirstRun = "first-run";
}
