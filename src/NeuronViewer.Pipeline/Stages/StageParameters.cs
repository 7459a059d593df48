using NeuronViewer.Core.Records;

namespace NeuronViewer.Pipeline.Stages;

/// <summary>Which explainer and simulator a job uses; null fields take the configured provider (<c>NeuronViewer:Provider</c>).</summary>
public sealed record BackendChoice
{
    /// <summary>"offline" (the statistics baseline) or "openai" (the configured provider, or OpenAI when none is configured).</summary>
    public string? Explainer { get; init; }

    /// <summary>"offline" (the lexical baseline), "chat", "completions" or "json".</summary>
    public string? Simulator { get; init; }

    /// <summary>An OpenAI-compatible base URL that replaces the configured one.</summary>
    public string? Endpoint { get; init; }

    public string? ExplainerModel { get; init; }

    public string? SimulatorModel { get; init; }

    /// <summary>The offline baselines for both roles (no key, no network).</summary>
    public static BackendChoice Offline { get; } = new() { Explainer = "offline", Simulator = "offline" };
}

/// <summary>Parameters of a <c>collect</c> job (and of a pipeline's collect stage).</summary>
public sealed record CollectParameters
{
    /// <summary>Layers to collect; null collects every layer.</summary>
    public IReadOnlyList<int>? Layers { get; init; }

    /// <summary>Stop after this many 64-token excerpts of the corpus; null reads it all.</summary>
    public long? MaxExcerpts { get; init; }

    /// <summary>A UTF-8 text file, a folder of them, or "bundled"; null takes <c>NeuronViewer:Corpus</c>.</summary>
    public string? Corpus { get; init; }

    public ulong Seed { get; init; }

    public int BatchSize { get; init; } = 16;

    /// <summary>Also write OpenAI-layout files here (<c>{layer}/{neuron}.json</c>).</summary>
    public string? OutFolder { get; init; }
}

/// <summary>Which neurons a job covers: the stored neurons of some layers, or a list; both null means every stored neuron.</summary>
public sealed record NeuronSelection
{
    public IReadOnlyList<int>? Layers { get; init; }

    public IReadOnlyList<NeuronId>? Neurons { get; init; }
}

/// <summary>Parameters of an <c>explain</c> job.</summary>
public sealed record ExplainParameters
{
    public NeuronSelection Select { get; init; } = new();

    /// <summary>Candidate explanations per neuron (five in the paper's rating study).</summary>
    public int Candidates { get; init; } = 5;

    public BackendChoice? Backend { get; init; }

    /// <summary>Records per split (null: as many as the record allows, spec §4).</summary>
    public int? ExamplesPerSplit { get; init; }

    public int? Seed { get; init; }
}

/// <summary>Parameters of a <c>score</c> job.</summary>
public sealed record ScoreParameters
{
    public NeuronSelection Select { get; init; } = new();

    public BackendChoice? Backend { get; init; }

    /// <summary>Records per split (null: as many as the record allows, spec §4).</summary>
    public int? ExamplesPerSplit { get; init; }

    public int? Seed { get; init; }
}

/// <summary>Parameters of a <c>pipeline</c> job: what to collect, then explain and score those neurons.</summary>
public sealed record PipelineParameters
{
    public CollectParameters Collect { get; init; } = new();

    public int Candidates { get; init; } = 5;

    public BackendChoice? Backend { get; init; }

    public int? ExamplesPerSplit { get; init; }

    public int? Seed { get; init; }
}

/// <summary>Parameters of the <c>first-run</c> job: how many excerpts of the bundled corpus (the rest is fixed: all layers, offline baselines).</summary>
public sealed record FirstRunParameters
{
    /// <summary>Excerpts of the bundled corpus; chosen so the whole run takes a few minutes on a 2-core machine.</summary>
    public long MaxExcerpts { get; init; } = FirstRun.DefaultExcerpts;
}
