using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

/// <summary>Finite-difference gradient checks: compares backward with central differences of a random projection of the output.</summary>
/// <remarks>The checked loss is Σ f(x)⊙w for a fixed random w, evaluated in double from float outputs, with central
/// differences of step <c>eps</c>. Large inputs are checked at a seeded sample of positions.</remarks>
internal static class GradCheck
{
    public static void Assert(Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-2, double rtol = 2e-2,
        double atol = 2e-3, int maxPositions = 64, int seed = 0)
    {
        var rng = new Random(seed);
        foreach (var x in inputs) x.RequiresGrad = true;
        var output = f(inputs);
        var w = Random(rng, output.Shape);
        var loss = F.Sum(F.Mul(output, w));
        loss.Backward();
        for (var k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            Xunit.Assert.True(x.Grad is not null, $"input {k} got no gradient");
            foreach (var i in Positions(rng, x.Count, maxPositions))
            {
                var saved = x.Data[i];
                x.Data[i] = (float)(saved + eps);
                var plus = Project(f, inputs, w);
                x.Data[i] = (float)(saved - eps);
                var minus = Project(f, inputs, w);
                x.Data[i] = saved;
                var numeric = (plus - minus) / (2 * eps);
                var analytic = x.Grad!.Data[i];
                Xunit.Assert.True(Math.Abs(numeric - analytic) <= atol + rtol * Math.Abs(numeric),
                    $"input {k} [{i}]: analytic {analytic}, numeric {numeric}");
            }
        }
    }

    public static Tensor Random(Random rng, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        for (var i = 0; i < t.Count; i++) t.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        return t;
    }

    private static double Project(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor w)
    {
        using var _ = GradMode.Disable();
        var y = f(inputs);
        double s = 0;
        for (var i = 0; i < y.Count; i++) s += (double)y.Data[i] * w.Data[i];
        return s;
    }

    private static IEnumerable<int> Positions(Random rng, int count, int max) =>
        count <= max ? Enumerable.Range(0, count) : Enumerable.Range(0, max).Select(_ => rng.Next(count)).Distinct();
}
