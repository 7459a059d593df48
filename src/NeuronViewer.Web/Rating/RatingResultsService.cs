using NeuronViewer.Storage;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Storage.Scores;

namespace NeuronViewer.Web.Rating;

/// <summary>Reads a study's tasks, current submissions and each candidate's latest scores, and analyses them.</summary>
public sealed class RatingResultsService(NeuronViewerStore store)
{
    /// <summary>The study's tasks with scores and current submissions, in queue order.</summary>
    public IReadOnlyList<TaskRatings> Load(long studyId)
    {
        var submissions = store.Ratings.CurrentForStudy(studyId).ToLookup(s => s.TaskId);
        return store.RatingTasks.ForStudy(studyId).Select(task =>
        {
            var scores = store.Scores.ForNeuron(task.Neuron).ToLookup(s => s.ExplanationId);
            var ablations = store.Ablations.ForNeuron(task.Neuron).ToLookup(a => a.ExplanationId);
            double? Latest(long id, EvaluationSet set) => scores[id].Where(s => s.Set == set).MaxBy(s => s.Id)?.EvCorrelationScore;
            var perCandidate = task.Candidates.Select(c => new CandidateScores(
                Latest(c.ExplanationId, EvaluationSet.TopAndRandom), Latest(c.ExplanationId, EvaluationSet.RandomOnly),
                ablations[c.ExplanationId].Where(a => a.Set == EvaluationSet.TopAndRandom).MaxBy(a => a.Id)?.Score)).ToList();
            return new TaskRatings(task, perCandidate, submissions[task.Id].ToList());
        }).ToList();
    }

    public StudyResults Compute(long studyId, ComparedScore score) => RatingAnalysis.Analyse(Load(studyId), score);
}
