using ResearchKit.Nn;

namespace ResearchKit.Tests.Nn;

public sealed class RngTests
{
    [Fact]
    public void FirstOutputs_MatchAnIndependentXoshiro256StarStarWithSplitMix64Seeding()
    {
        // Reference values from a direct Python transcription of Vigna's xoshiro256** and splitmix64.
        var zero = new Rng(0);
        Assert.Equal([0x99ec5f36cb75f2b4UL, 0xbf6e1f784956452aUL, 0x1a5f849d4933e6e0UL],
            new[] { zero.NextUInt64(), zero.NextUInt64(), zero.NextUInt64() });
        var fortyTwo = new Rng(42);
        Assert.Equal(0x15780b2e0c2ec716UL, fortyTwo.NextUInt64());
    }

    [Fact]
    public void SavedState_RestoredIntoAnotherGenerator_ContinuesTheSameSequence()
    {
        var rng = new Rng(7);
        for (var i = 0; i < 13; i++) rng.NextUInt64();
        var state = rng.GetState();
        Assert.Equal(Rng.StateBytes, state.Length);
        var expected = Draws(rng);
        var other = new Rng(123);
        other.SetState(state);
        Assert.Equal(expected, Draws(other));
        rng.SetState(state);
        Assert.Equal(expected, Draws(rng));
    }

    [Fact]
    public void SameSeed_SameDraws_DifferentSeed_DifferentDraws()
    {
        Assert.Equal(Draws(new Rng(5)), Draws(new Rng(5)));
        Assert.NotEqual(Draws(new Rng(5)), Draws(new Rng(6)));
    }

    [Fact]
    public void Uniform_StaysInRange_WithMeanAndVarianceOfTheUniformLaw()
    {
        var values = new float[200_000];
        new Rng(1).FillUniform(values, -2, 3);
        Assert.All(values, v => Assert.InRange(v, -2f, 3f));
        var (mean, variance) = Moments(values);
        Assert.Equal(0.5, mean, 0.02);              // (a + b)/2; std error ≈ 0.0032
        Assert.Equal(25.0 / 12, variance, 0.03);    // (b − a)²/12
        var unit = new Rng(2);
        for (var i = 0; i < 10_000; i++) Assert.InRange(unit.NextFloat(), 0f, 0.99999995f);
    }

    [Fact]
    public void Normal_HasTheRequestedMeanAndStd_AndOddLengthsAreFilled()
    {
        var values = new float[100_001];
        values[^1] = float.NaN;
        new Rng(3).FillNormal(values, 1.5f, 0.5f);
        var (mean, variance) = Moments(values);
        Assert.Equal(1.5, mean, 0.01);              // std error 0.0016
        Assert.Equal(0.25, variance, 0.01);
        Assert.True(float.IsFinite(values[^1]));
        var within1Sd = values.Count(v => Math.Abs(v - 1.5) < 0.5) / (double)values.Length;
        Assert.Equal(0.6827, within1Sd, 0.01);
    }

    [Fact]
    public void Bernoulli_OnesAppearWithProbabilityP()
    {
        var mask = new float[100_000];
        new Rng(4).FillBernoulli(mask, 0.3);
        Assert.All(mask, v => Assert.True(v is 0f or 1f));
        Assert.Equal(0.3, mask.Average(), 0.01);
    }

    [Fact]
    public void NextIntAndShuffle_CoverTheRangeEvenly_AndPermute()
    {
        var rng = new Rng(8);
        var counts = new int[6];
        for (var i = 0; i < 60_000; i++) counts[rng.NextInt(6)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
        var items = Enumerable.Range(0, 50).ToArray();
        rng.Shuffle<int>(items);
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
    }

    [Fact]
    public void InvalidStates_AreRefused()
    {
        var rng = new Rng(1);
        Assert.Contains("32 bytes, got 31", Assert.Throws<ArgumentException>(() => rng.SetState(new byte[31])).Message);
        Assert.Contains("all-zero", Assert.Throws<ArgumentException>(() => rng.SetState(new byte[32])).Message);
    }

    private static double[] Draws(Rng rng) =>
        [rng.NextDouble(), rng.Normal(), rng.Uniform(-1, 1), rng.NextInt(1000), rng.Bernoulli(0.5) ? 1 : 0, rng.NextUInt64()];

    private static (double Mean, double Variance) Moments(float[] values)
    {
        var mean = values.Average(v => (double)v);
        return (mean, values.Average(v => (v - mean) * (v - mean)));
    }
}
