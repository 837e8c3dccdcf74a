using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;
using ResearchKit.Tests.Autograd;

namespace ResearchKit.Tests.Optim;

/// <summary>The model of data-scripts/goldens_optim.py, made only of elementwise ops: h = w⊙x + b,
/// pred = a⊙h + reshape(c)⊙x, loss = (1/K) Σ_k mean((pred_k − y_k)²).</summary>
internal sealed class TinyModel : Module
{
    public TinyModel(Tensor a, Tensor w, Tensor b, Tensor c)
    {
        A = RegisterParameter("a", a);
        W = RegisterParameter("w", w);
        B = RegisterParameter("b", b);
        C = RegisterParameter("c", c);
    }

    public Tensor A { get; }
    public Tensor W { get; }
    public Tensor B { get; }
    public Tensor C { get; }

    /// <summary>The model with the golden's initial weights, and the golden's samples x, y ([K,2,3] each, split per sample).</summary>
    public static (TinyModel Model, Tensor[] X, Tensor[] Y) FromGolden(Golden g) =>
        (new TinyModel(g.Input("a"), g.Input("w"), g.Input("b"), g.Input("c")), Split(g.Input("x")), Split(g.Input("y")));

    /// <summary>A model with seeded random weights and samples (for tests that need no golden).</summary>
    public static (TinyModel Model, Tensor[] X, Tensor[] Y) Random(ulong seed)
    {
        var rng = new Rng(seed);
        Tensor N(float std, params int[] shape)
        {
            var t = Tensor.Zeros(shape);
            rng.FillNormal(t.Data, 0, std);
            return t;
        }
        var model = new TinyModel(N(1, 2, 3), N(1, 2, 3), N(0.5f, 2, 3), N(0.5f, 6));
        return (model, [N(1, 2, 3), N(1, 2, 3), N(1, 2, 3)], [N(1, 2, 3), N(1, 2, 3), N(1, 2, 3)]);
    }

    /// <summary>pred = a⊙(w⊙x + b) + reshape(c)⊙x for one sample x [2,3].</summary>
    public override Tensor Forward(Tensor input)
    {
        var h = F.Add(F.Mul(W, input), B);
        return F.Add(F.Mul(A, h), F.Mul(F.Reshape(C, 2, 3), input));
    }

    /// <summary>The mean squared error averaged over the samples.</summary>
    public Tensor Loss(Tensor[] x, Tensor[] y)
    {
        Tensor? total = null;
        for (var k = 0; k < x.Length; k++)
        {
            var diff = F.Add(Forward(x[k]), F.Scale(y[k], -1f));
            var term = F.Mean(F.Mul(diff, diff));
            total = total is null ? term : F.Add(total, term);
        }
        return F.Scale(total!, 1f / x.Length);
    }

    private static Tensor[] Split(Tensor stacked)
    {
        var (k, rows, cols) = (stacked.Shape[0], stacked.Shape[1], stacked.Shape[2]);
        return Enumerable.Range(0, k)
            .Select(i => new Tensor(stacked.Data.AsSpan(i * rows * cols, rows * cols).ToArray(), rows, cols)).ToArray();
    }
}
