using NeuronViewer.Core.Formatting;
using NeuronViewer.Core.Records;

namespace NeuronViewer.Core.Simulation;

/// <summary>A simulator's discrete distribution over 0..10 at one token and its expected value.</summary>
public sealed record TokenPrediction(double ExpectedValue, IReadOnlyList<double> DistributionValues, IReadOnlyList<double> DistributionProbabilities)
{
    /// <summary>No valid activation string among the candidates: EV 0 and an empty distribution (the reference's placeholder).</summary>
    public static TokenPrediction Empty { get; } = new(0.0, [], []);

    /// <summary>A certain prediction: all probability on <paramref name="value"/> (a sampled value without log-probs, or a baseline's guess).</summary>
    public static TokenPrediction Point(double value)
    {
        if (!(value >= 0 && value <= ActivationNormalization.MaxNormalizedActivation))
            throw new ArgumentOutOfRangeException(nameof(value), value, $"A predicted activation lies from 0 to {ActivationNormalization.MaxNormalizedActivation}.");
        return new TokenPrediction(value, [value], [1.0]);
    }
}

/// <summary>Expected activations from the log-probabilities of the strings "0".."10" (spec §7.1).</summary>
public static class ExpectedValues
{
    /// <summary>Whether a candidate token is exactly one of "0", "1", …, "10" (so " 5" and "05" are not).</summary>
    public static bool IsValidActivationString(string token) =>
        token.Length is 1 or 2 && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
        && v <= ActivationNormalization.MaxNormalizedActivation && v.ToString(System.Globalization.CultureInfo.InvariantCulture) == token;

    /// <summary>
    /// Keeps the valid candidates in the order given, turns natural-log probabilities into probabilities, normalises them over the
    /// valid candidates and takes the expected value. A repeated candidate keeps its first position and its last value, as a
    /// Python dict built from the same pairs would.
    /// </summary>
    public static TokenPrediction FromTopLogprobs(IEnumerable<KeyValuePair<string, double>> topLogprobs)
    {
        ArgumentNullException.ThrowIfNull(topLogprobs);
        var order = new List<int>();
        var probabilityByValue = new Dictionary<int, double>();
        foreach (var (token, logprob) in topLogprobs)
        {
            if (token is null || !IsValidActivationString(token))
                continue;
            var value = int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
            if (!probabilityByValue.ContainsKey(value))
                order.Add(value);
            probabilityByValue[value] = Math.Exp(logprob);
        }

        return FromProbabilities(order.Select(v => new KeyValuePair<int, double>(v, probabilityByValue[v])).ToArray());
    }

    /// <summary>
    /// Normalises unnormalised probabilities of the values 0..10 (in the order given, each value once) over their sum and takes the
    /// expected value; no values give <see cref="TokenPrediction.Empty"/>. The step shared by every simulator that reads a distribution.
    /// </summary>
    public static TokenPrediction FromProbabilities(IReadOnlyList<KeyValuePair<int, double>> probabilityByValue)
    {
        ArgumentNullException.ThrowIfNull(probabilityByValue);
        if (probabilityByValue.Count == 0)
            return TokenPrediction.Empty;
        var seen = new HashSet<int>();
        foreach (var (value, probability) in probabilityByValue)
        {
            if (value is < 0 or > ActivationNormalization.MaxNormalizedActivation || !seen.Add(value))
                throw new ArgumentException($"Distribution values must be distinct integers from 0 to {ActivationNormalization.MaxNormalizedActivation}; {value} is out of range or repeated.", nameof(probabilityByValue));
            if (probability < 0)
                throw new ArgumentException($"The probability of {value} is {probability}; probabilities cannot be negative.", nameof(probabilityByValue));
        }

        var total = probabilityByValue.Sum(p => p.Value);
        var probabilities = probabilityByValue.Select(p => p.Value / total).ToArray();
        var expected = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
            expected += probabilityByValue[i].Key * probabilities[i];
        return new TokenPrediction(expected, probabilityByValue.Select(p => (double)p.Key).ToArray(), probabilities);
    }

    /// <summary>A simulation on the simulator's 0–10 scale from one prediction per token.</summary>
    public static SequenceSimulation ToSequenceSimulation(IReadOnlyList<string> tokens, IReadOnlyList<TokenPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(predictions);
        if (tokens.Count != predictions.Count)
            throw new ArgumentException($"Expected one prediction per token: {tokens.Count} tokens but {predictions.Count} predictions.", nameof(predictions));
        return new SequenceSimulation(
            tokens.ToArray(),
            predictions.Select(p => p.ExpectedValue).ToArray(),
            ActivationScale.SimulatedNormalizedActivations,
            predictions.Select(p => p.DistributionValues).ToArray(),
            predictions.Select(p => p.DistributionProbabilities).ToArray());
    }
}
