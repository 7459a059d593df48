using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeuronViewer.Core.Ablation;

namespace NeuronViewer.Core.Tests.Ablation;

/// <summary>Jensen–Shannon and Kullback–Leibler divergences on log-probabilities: properties and hand-computed cases.</summary>
public class DivergenceTests
{
    /// <summary>Random logits of 2–60 outcomes, turned into log-probabilities.</summary>
    private static Gen<double[]> LogDistribution(int size) =>
        Gen.Choose(-20_000, 20_000).Select(i => i / 1000.0).ArrayOf(size).Select(LogSoftmax);

    private static Gen<(double[] P, double[] Q)> Pairs =>
        Gen.Choose(2, 60).SelectMany(n => LogDistribution(n).Zip(LogDistribution(n)));

    [Property(MaxTest = 300)]
    public Property Jsd_is_symmetric_bounded_by_ln2_and_zero_only_against_itself() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var (p, q) = pair;
            var pq = Divergences.JensenShannon(p, q);
            Assert.InRange(pq, 0, Math.Log(2));
            Assert.Equal(pq, Divergences.JensenShannon(q, p), tolerance: 1e-14);
            Assert.Equal(0, Divergences.JensenShannon(p, p), tolerance: 1e-15);
            Assert.Equal(0, Divergences.KullbackLeibler(p, p), tolerance: 1e-15);
            Assert.True(Divergences.KullbackLeibler(p, q) >= 0, "KL is non-negative");
        });

    [Property(MaxTest = 200)]
    public Property Jsd_matches_the_textbook_formula_on_ordinary_distributions() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var (p, q) = pair;
            Assert.Equal(NaiveJsd(p, q), Divergences.JensenShannon(p, q), tolerance: 1e-12);
        });

    [Fact]
    public void Hand_computed_cases()
    {
        double[] p = [Math.Log(0.5), Math.Log(0.5)], q = [Math.Log(0.9), Math.Log(0.1)];
        // M = (0.7, 0.3).
        var jsd = 0.5 * ((0.5 * Math.Log(0.5 / 0.7)) + (0.5 * Math.Log(0.5 / 0.3)) + (0.9 * Math.Log(0.9 / 0.7)) + (0.1 * Math.Log(0.1 / 0.3)));
        Assert.Equal(jsd, Divergences.JensenShannon(p, q), tolerance: 1e-15);
        // KL(P‖Q) = ½ ln(0.5/0.9) + ½ ln(0.5/0.1) = ½ ln(25/9) = ln(5/3); the other way round differs (KL is not symmetric).
        Assert.Equal(Math.Log(5.0 / 3.0), Divergences.KullbackLeibler(p, q), tolerance: 1e-14);
        Assert.Equal((0.9 * Math.Log(0.9 / 0.5)) + (0.1 * Math.Log(0.1 / 0.5)), Divergences.KullbackLeibler(q, p), tolerance: 1e-15);
    }

    [Fact]
    public void Disjoint_supports_reach_ln2_for_jsd_and_infinity_for_kl()
    {
        double[] p = [0, double.NegativeInfinity], q = [double.NegativeInfinity, 0];
        Assert.Equal(Math.Log(2), Divergences.JensenShannon(p, q), tolerance: 1e-15);
        Assert.Equal(double.PositiveInfinity, Divergences.KullbackLeibler(p, q));
        // Where P is zero, KL ignores Q.
        Assert.Equal(0, Divergences.KullbackLeibler([0, double.NegativeInfinity], [0, -5]), tolerance: 1e-15);
    }

    [Fact]
    public void Nearly_equal_distributions_keep_their_tiny_divergence()
    {
        // ln Q = ln P + εg, renormalised; for small ε, JSD ≈ ε²/8 · Var_P(g) and KL ≈ ε²/2 · Var_P(g).
        var rng = new Random(7);
        var logits = Enumerable.Range(0, 50_000).Select(_ => rng.NextDouble() * 12).ToArray();
        var g = Enumerable.Range(0, logits.Length).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var p = LogSoftmax(logits);
        const double eps = 1e-5;
        var q = LogSoftmax(logits.Select((x, i) => x + (eps * g[i])).ToArray());
        var meanG = p.Select((lp, i) => Math.Exp(lp) * g[i]).Sum();
        var variance = p.Select((lp, i) => Math.Exp(lp) * (g[i] - meanG) * (g[i] - meanG)).Sum();
        var jsd = Divergences.JensenShannon(p, q);
        Assert.InRange(jsd / (eps * eps / 8 * variance), 0.999, 1.001);
        Assert.InRange(Divergences.KullbackLeibler(p, q) / (eps * eps / 2 * variance), 0.99, 1.01);
    }

    [Fact]
    public void Bad_input_is_rejected_and_names_parse()
    {
        Assert.Throws<ArgumentException>(() => Divergences.JensenShannon([0], [Math.Log(0.5), Math.Log(0.5)]));
        Assert.Throws<ArgumentException>(() => Divergences.JensenShannon([], []));
        Assert.Throws<ArgumentException>(() => Divergences.KullbackLeibler([double.NaN], [0]));
        Assert.Equal(DivergenceKind.Kl, Divergences.Parse("KL"));
        Assert.Equal("jsd", Divergences.Parse(" jsd ").Name());
        Assert.Contains("'tv'", Assert.Throws<ArgumentException>(() => Divergences.Parse("tv")).Message);
    }

    private static double NaiveJsd(double[] logP, double[] logQ)
    {
        double sum = 0;
        for (var i = 0; i < logP.Length; i++)
        {
            double p = Math.Exp(logP[i]), q = Math.Exp(logQ[i]), m = (p + q) / 2;
            sum += (p > 0 ? p * Math.Log(p / m) : 0) + (q > 0 ? q * Math.Log(q / m) : 0);
        }

        return sum / 2;
    }

    private static double[] LogSoftmax(double[] x)
    {
        var max = x.Max();
        var lse = max + Math.Log(x.Sum(v => Math.Exp(v - max)));
        return x.Select(v => v - lse).ToArray();
    }
}
