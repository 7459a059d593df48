using NeuronViewer.Core.Records;
using NeuronViewer.Storage.Explanations;
using NeuronViewer.Storage.Rating;
using NeuronViewer.Web.Rating;

namespace NeuronViewer.Web.Tests.Rating;

public class RatingPartsTests
{
    private static NeuronRecord Record()
    {
        ActivationRecord R(string tag, int i) => new([tag + i], [i]);
        var top = Enumerable.Range(0, 8).Select(i => R("top", i)).ToArray();
        var random = Enumerable.Range(0, 6).Select(i => R("rnd", i)).ToArray();
        return new NeuronRecord(new NeuronId(0, 0), random, null, null, 0, 1, 0, 0, top);
    }

    [Fact]
    public void Task_excerpts_are_the_valid_split_labelled_by_kind_in_an_order_fixed_per_task()
    {
        var shown = TaskExcerpts.For(Record(), null, 17);

        // Valid split: top stride 4 → indices 2, 6; random stride 3 → indices 1, 4.
        Assert.Equal(["rnd1", "rnd4", "top2", "top6"], shown.Select(s => s.Record.Tokens[0]).Order());
        Assert.All(shown, s => Assert.Equal(s.Record.Tokens[0].StartsWith("top", StringComparison.Ordinal) ? ExcerptKind.Top : ExcerptKind.Random, s.Kind));
        Assert.Equal(shown.Select(s => s.Record.Tokens[0]), TaskExcerpts.For(Record(), null, 17).Select(s => s.Record.Tokens[0]));
        var orders = Enumerable.Range(0, 30).Select(t => string.Join(",", TaskExcerpts.For(Record(), null, t).Select(s => s.Record.Tokens[0]))).Distinct().Count();
        Assert.True(orders > 5, $"only {orders} orders over 30 tasks");
        Assert.Equal(2, TaskExcerpts.For(Record(), 1, 3).Count);
    }

    [Fact]
    public void Csv_quotes_fields_and_neutralises_formulas_in_free_text()
    {
        Assert.Equal("plain", RatingCsv.Field("plain"));
        Assert.Equal("\"a, \"\"b\"\"\nc\"", RatingCsv.Field("a, \"b\"\nc"));
        Assert.Equal("'=HYPERLINK(\"x\")", RatingCsv.Text("=HYPERLINK(\"x\")"));
        Assert.Equal("'-2+3", RatingCsv.Text("-2+3"));
        Assert.Equal("words", RatingCsv.Text("words"));
    }

    [Fact]
    public void The_ratings_csv_has_a_row_per_revision_and_candidate_with_letter_source_rating_and_rank()
    {
        var study = new Study { Id = 4, Name = "Pilot, v2" };
        var task = new RatingTask
        {
            Id = 9, StudyId = 4, Neuron = new NeuronId(1, 2),
            Candidates = Enumerable.Range(0, 5).Select(i => new TaskCandidate { ExplanationId = 100 + i, Text = i == 4 ? "=cmd" : $"idea {i}", Source = i == 4 ? ExplanationSource.Control : ExplanationSource.Explainer, ControlFrom = i == 4 ? new NeuronId(3, 3) : null }).ToList(),
        };
        var s = new RatingSubmission
        {
            TaskId = 9, AnnotatorId = "u1", AnnotatorName = "Ada", Revision = 2, IsCurrent = true, Ratings = [1, 2, 3, 4, 5], Ranking = [4, 3, 2, 1, 0],
            PresentationOrder = [2, 0, 1, 4, 3], SubmittedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), Comment = "ok",
        };
        using var w = new StringWriter();

        RatingCsv.WriteRatings(w, study, [task], [s]);

        var lines = w.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("study_id,study,task_id,layer,index,annotator_id,annotator,revision,is_current,started_at,submitted_at,candidate,shown_as,", lines[0]);
        Assert.Equal("4,\"Pilot, v2\",9,1,2,u1,Ada,2,true,0001-01-01T00:00:00.000Z,2025-01-02T03:04:05.000Z,5,D,104,control from 3:3,'=cmd,5,1,false,ok", lines[5]);
        Assert.Contains(",1,B,100,explainer,idea 0,1,5,", lines[1]);
    }

    [Theory]
    [InlineData("0:12, 1:7\n2:3", "0:12,1:7,2:3")]
    [InlineData("3:4 3:4", "3:4")]
    public void Neuron_lists_parse_in_order_without_duplicates(string text, string expected) =>
        Assert.Equal(expected, string.Join(",", StudyForm.ParseNeurons(text)));

    [Fact]
    public void A_new_study_form_explains_its_first_problem_in_one_line()
    {
        var form = new StudyForm { Name = "s", Selection = "list", Neurons = "3-117" };
        Assert.Null(form.Build("me", out var problem));
        Assert.Equal("“3-117” is not a neuron: write layer:index, e.g. 3:117.", problem);

        form = new StudyForm { Name = "s", Compose = true, HumanWritten = true, HumanTexts = "0:1 dates\n0:1 years" };
        Assert.Null(form.Build("me", out problem));
        Assert.Equal("Neuron 0:1 has two human-written explanations; keep one.", problem);

        form = new StudyForm { Name = "s", ScaleMin = 1, ScaleMax = 7 };
        Assert.Null(form.Build("me", out problem));
        Assert.Equal("The rating scale 1–7 needs 7 labels (one per value) or none; it has 5.", problem);

        form = new StudyForm { Name = " s ", Compose = true, ExplainerSamples = 2, ControlFrom = "4:4", HumanWritten = true, HumanTexts = "1:1  typed text " };
        var (study, selection, plan) = form.Build("me", out problem)!.Value;
        Assert.Null(problem);
        Assert.Equal("s", study.Name);
        Assert.Equal(20, selection.Limit);
        Assert.Equal(new NeuronId(4, 4), plan.ControlFrom);
        Assert.Equal("typed text", plan.HumanTexts[new NeuronId(1, 1)]);
        Assert.Equal(5, plan.Slots);
    }
}
