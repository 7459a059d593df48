using System.Globalization;
using NeuronViewer.Core.Abstractions;
using NeuronViewer.Core.Records;
using NeuronViewer.Core.Slicing;
using NeuronViewer.Core.Summaries;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Summaries;

namespace NeuronViewer.Storage.Rating;

/// <summary>Composes studies from stored neurons and explanations: plans the tasks (what is missing, per neuron), then creates everything in one transaction.</summary>
public sealed class StudyComposer(NeuronViewerStore store)
{
    /// <summary>The backend recorded on token look-up baselines built here.</summary>
    public static readonly BackendInfo TokenLookupBackend = new("token-lookup", "table", "v1", IsBaseline: true);

    /// <summary>Plans a study without writing anything: one task per selected neuron that has a record and enough candidates.</summary>
    public StudyPlan Plan(Study study, NeuronSelection selection, CandidatePlan plan)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.ExplainerSamples < 0 || plan.Slots != RatingRules.CandidatesPerTask)
            throw new StorageException($"The candidate plan gives {plan.Slots} candidates ({plan.Describe()}); a task needs exactly {RatingRules.CandidatesPerTask}.");
        var tasks = new List<PlannedTask>();
        var skipped = new List<string>();
        foreach (var neuron in Select(selection))
        {
            if (!store.Records.Exists(neuron))
            {
                skipped.Add($"{neuron}: no neuron record (excerpts) is stored.");
                continue;
            }
            var (candidates, problem) = Compose(neuron, plan, study.Seed);
            if (problem is not null)
                skipped.Add($"{neuron}: {problem}");
            else
                tasks.Add(new PlannedTask(neuron, candidates));
        }
        study.Composition = plan.Describe();
        return new StudyPlan(study, tasks, skipped);
    }

    /// <summary>Stores the plan's new explanations and the study with its tasks, all or nothing; returns the study id.</summary>
    public long Create(StudyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return store.Atomic(() =>
        {
            var tasks = plan.Tasks.Select(t => new RatingTask { Neuron = t.Neuron, Candidates = t.Candidates.Select(Stored).ToList() }).ToList();
            return store.Studies.Create(plan.Study, tasks);
        });
    }

    /// <summary>Replaces one candidate of a task in a Draft study, storing the explanation first when it is new.</summary>
    public RatingTask ReplaceCandidate(long taskId, int position, StoredExplanation candidate) =>
        store.Atomic(() => store.RatingTasks.ReplaceCandidate(taskId, position, Stored(candidate)));

    /// <summary>A new human-written explanation of the neuron (not stored yet).</summary>
    public static StoredExplanation HumanWritten(NeuronId neuron, string text, string? author)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new StorageException($"The human-written explanation of neuron {neuron} is empty.");
        return new StoredExplanation { Neuron = neuron, Text = text.Trim(), Source = ExplanationSource.HumanWritten, Author = author };
    }

    /// <summary>
    /// A control for <paramref name="neuron"/>: an explanation of <paramref name="from"/> (or of a random other neuron chosen by
    /// <paramref name="seedKey"/>) whose text differs from <paramref name="avoid"/>; null when there is none.
    /// </summary>
    public StoredExplanation? Control(NeuronId neuron, NeuronId? from, string seedKey, IEnumerable<string> avoid)
    {
        var taken = avoid.Select(Normalize).ToHashSet();
        var donors = from is { } chosen
            ? [chosen]
            : store.Summaries.All().Where(s => s.ExplanationCount > 0 && s.Neuron != neuron).Select(s => s.Neuron).ToList();
        var state = SeededOrder.Seed(seedKey);
        foreach (var donor in donors.OrderBy(_ => SeededOrder.Next(ref state)).Take(50))
        {
            var options = store.Explanations.ForNeuron(donor).Where(e => !e.IsControl && !taken.Contains(Normalize(e.Text))).ToList();
            if (options.Count == 0)
                continue;
            var pick = options[(int)(SeededOrder.Next(ref state) % (ulong)options.Count)];
            var existing = store.Explanations.ForNeuron(neuron).FirstOrDefault(e => e.IsControl && e.ControlFrom == donor && e.Text == pick.Text);
            return existing ?? new StoredExplanation
            {
                Neuron = neuron, Text = pick.Text, Source = ExplanationSource.Control, ControlFrom = donor, Backend = pick.Backend, IsBaseline = pick.IsBaseline,
            };
        }
        return null;
    }

    /// <summary>The neuron's token look-up baseline: a stored one, else "the tokens '…', '…'" from its look-up table (not stored yet).</summary>
    public StoredExplanation? TokenLookupBaseline(NeuronId neuron)
    {
        var stored = store.Explanations.ForNeuron(neuron).LastOrDefault(e => e.Source == ExplanationSource.TokenLookupBaseline);
        if (stored is not null)
            return stored;
        var table = store.Records.GetRelatedTokens(neuron)?.LookupTable;
        if (table is null && store.Records.Get(neuron) is { } record)
            table = TokenLookupTables.FromRecords(record.Record.TrainActivationRecords(ActivationRecordSliceParams.All), size: 8, minCount: 2);
        var tokens = table?.Tokens.Where(t => t.Trim().Length > 0).Take(8).ToList() ?? [];
        if (tokens.Count == 0)
            return null;
        return new StoredExplanation
        {
            Neuron = neuron, Text = "the tokens " + string.Join(", ", tokens.Select(t => "'" + t + "'")),
            Source = ExplanationSource.TokenLookupBaseline, Backend = TokenLookupBackend, IsBaseline = true,
        };
    }

    private (List<StoredExplanation> Candidates, string? Problem) Compose(NeuronId neuron, CandidatePlan plan, int seed)
    {
        var own = store.Explanations.ForNeuron(neuron);
        var samples = own.Where(e => e.Source is ExplanationSource.Explainer or ExplanationSource.Imported)
            .OrderBy(e => e.SampleIndex ?? int.MaxValue).ThenBy(e => e.Id).Take(plan.ExplainerSamples).ToList();
        if (samples.Count < plan.ExplainerSamples)
            return ([], $"{Count(samples.Count, "explainer explanation")} stored; the plan needs {plan.ExplainerSamples}.");
        var candidates = new List<StoredExplanation>(samples);
        if (plan.TokenLookupBaseline)
        {
            var baseline = TokenLookupBaseline(neuron);
            if (baseline is null)
                return ([], "no token look-up table to build the baseline from.");
            candidates.Add(baseline);
        }
        if (plan.HumanWritten)
        {
            if (plan.HumanTexts.TryGetValue(neuron, out var text) && !string.IsNullOrWhiteSpace(text))
                candidates.Add(own.FirstOrDefault(e => e.IsHumanWritten && e.Text == text.Trim()) ?? HumanWritten(neuron, text, plan.Author));
            else if (own.LastOrDefault(e => e.IsHumanWritten) is { } human)
                candidates.Add(human);
            else
                return ([], "no human-written explanation was typed or stored.");
        }
        if (plan.Control)
        {
            var control = Control(neuron, plan.ControlFrom, string.Create(CultureInfo.InvariantCulture, $"control\n{seed}\n{neuron}"), candidates.Select(c => c.Text));
            if (control is null)
                return ([], plan.ControlFrom is { } from ? $"neuron {from} has no explanation to use as a control." : "no other neuron has an explanation to use as a control.");
            candidates.Add(control);
        }
        var duplicate = candidates.GroupBy(c => Normalize(c.Text)).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? (candidates, null) : ([], $"two candidates have the same text (“{duplicate.First().Text}”).");
    }

    private IEnumerable<NeuronId> Select(NeuronSelection selection)
    {
        if (selection.Neurons is { } list)
            return list.Distinct();
        if (selection.Limit < 1)
            throw new StorageException($"The neuron limit must be 1 or more (got {selection.Limit}).");
        var query = new NeuronQuery
        {
            Layer = selection.Layer, MinScore = selection.MinScore, MaxScore = selection.MaxScore, ScoreKind = ScoreKind.TopAndRandom,
            Take = Math.Min(selection.Limit, NeuronQuery.MaxTake),
        };
        var found = new List<NeuronId>();
        for (var skip = 0; found.Count < selection.Limit; skip += query.Take)
        {
            var page = store.Summaries.Query(query with { Skip = skip });
            found.AddRange(page.Items.Where(r => r.HasRecord && r.ExplanationCount > 0).Select(r => r.Neuron));
            if (skip + query.Take >= page.Total)
                break;
        }
        return found.Take(selection.Limit);
    }

    private TaskCandidate Stored(StoredExplanation e)
    {
        if (e.Id == 0)
            e.Id = store.Explanations.Add(e);
        return TaskCandidate.From(e);
    }

    private static string Normalize(string text) => text.Trim().TrimEnd('.').ToLowerInvariant();

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun} is" : $"{n} {noun}s are";
}
