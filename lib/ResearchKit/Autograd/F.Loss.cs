using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using ResearchKit.Tensors;
using ResearchKit.Tensors.Ops;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>Cross-entropy of logits [N,C,...] (classes on dim 1) against hard labels [N,...] flattened row-major, as
    /// torch.nn.functional.cross_entropy with reduction 'mean': Σ w[y]·(−log_softmax(z)[y]) / Σ w[y] over the positions
    /// whose label is not <paramref name="ignoreIndex"/> (w = 1 without <paramref name="classWeights"/>).</summary>
    /// <remarks>When every position is ignored the loss is 0 with zero gradient (PyTorch gives NaN), matching
    /// <see cref="SoftCrossEntropy"/> on all-zero targets.</remarks>
    public static Tensor CrossEntropy(Tensor logits, int[] labels, int ignoreIndex = -100, float[]? classWeights = null)
    {
        const string op = "cross_entropy";
        var l = ClassLayout(op, logits);
        ShapeChecks.Require(labels.Length == l.Outer * l.Inner, op, $"{labels.Length} labels for {l.Outer * l.Inner} positions", logits);
        ShapeChecks.Require(classWeights is null || classWeights.Length == l.Size, op,
            $"{classWeights?.Length} class weights for {l.Size} classes", logits);
        LossKernels.CheckLabels(op, labels, l.Size, ignoreIndex);
        var z = logits.Data;
        var lse = SoftmaxKernels.LogSumExp(z, l);
        var (sum, weight) = LossKernels.WeightedNll(z, lse, labels, ignoreIndex, classWeights, l);
        var loss = Tensor.Scalar(weight > 0 ? (float)(sum / weight) : 0f);
        return Graph.Record(op, loss, [logits], g =>
        {
            var coef = new float[l.Outer * l.Inner];
            var scale = weight > 0 ? g.Data[0] / weight : 0;
            for (var p = 0; p < coef.Length; p++)
                if (labels[p] != ignoreIndex) coef[p] = (float)(scale * (classWeights?[labels[p]] ?? 1f));
            var dz = Tensor.Uninitialized(logits.Shape);
            LossKernels.ScaledSoftmax(z, lse, coef, dz.Data, l);
            for (var p = 0; p < coef.Length; p++)
                if (labels[p] != ignoreIndex) dz.Data[l.Offset(p / l.Inner, labels[p], p % l.Inner)] -= coef[p];
            return [dz];
        });
    }

    /// <summary><see cref="CrossEntropy(Tensor, int[], int, float[])"/> with byte class ids (label PNGs).</summary>
    public static Tensor CrossEntropy(Tensor logits, byte[] labels, int ignoreIndex = -100, float[]? classWeights = null) =>
        CrossEntropy(logits, Array.ConvertAll(labels, b => (int)b), ignoreIndex, classWeights);

    /// <summary>Soft cross-entropy normalised by target mass: −Σ T·log_softmax(Z) / Σ T over logits and targets
    /// [N,C,...] (classes on dim 1); 0 when Σ T = 0.</summary>
    /// <remarks>soft-labelling spec §2.4: ∂L/∂Z = (m·softmax(Z) − T)/ΣT with m = Σ_c T per position.</remarks>
    public static Tensor SoftCrossEntropy(Tensor logits, Tensor targets)
    {
        const string op = "soft_cross_entropy";
        var l = ClassLayout(op, logits);
        ShapeChecks.Same(op, logits, targets);
        float[] z = logits.Data, t = targets.Data;
        var lse = SoftmaxKernels.LogSumExp(z, l);
        var mass = SoftmaxKernels.SumAlong(t, l); // [N,...]: Σ_c T
        double total = 0;
        foreach (var m in mass) total += m;
        var sum = LossKernels.Dot(mass, lse) - LossKernels.Dot(t, z); // Σ T·(lse − z)
        var value = total > 0 ? sum / total : 0;
        return Graph.Record(op, Tensor.Scalar((float)value), [logits, targets], g =>
        {
            var scale = total > 0 ? (float)(g.Data[0] / total) : 0f;
            Tensor? dz = null, dt = null;
            if (logits.RequiresGrad)
            {
                dz = Tensor.Uninitialized(logits.Shape);
                var coef = new float[mass.Length];
                TensorPrimitives.Multiply(mass, scale, coef);
                LossKernels.ScaledSoftmax(z, lse, coef, dz.Data, l);
                TensorPrimitives.MultiplyAdd(t, -scale, dz.Data, dz.Data);
            }
            if (targets.RequiresGrad)
            {
                dt = Tensor.Uninitialized(targets.Shape); // scale·(lse − z − L) = −scale·(log_softmax(z) + L)
                SoftmaxKernels.Softmax(z, dt.Data, l, log: true);
                TensorPrimitives.Add(dt.Data, (float)value, dt.Data);
                TensorPrimitives.Multiply(dt.Data, -scale, dt.Data);
            }
            return [dz, dt];
        });
    }

    /// <summary>The self-regulation logit term for one student: T²·mean over positions of
    /// KL(softmax(teacher/T) ‖ softmax(student/T)) summed over classes (dim 1), on logits [N,C,...] of equal shape.</summary>
    /// <remarks>self-regulation spec §3 (PixelKl): KL(q‖r) = Σ_c q_c·(log q_c − log r_c), q from the teacher; the mean runs
    /// over all N·H·W positions (PyTorch: kl_div(log_softmax(s/T), softmax(t/T), reduction='none').sum(1).mean()·T²).
    /// With <paramref name="detachTeacher"/> the teacher is sg(·) and gets no gradient.</remarks>
    public static Tensor KlDiv(Tensor studentLogits, Tensor teacherLogits, double temperature, bool detachTeacher = true,
        bool scaleByTemperatureSquared = true)
    {
        const string op = "kl_div";
        var l = ClassLayout(op, studentLogits);
        ShapeChecks.Same(op, studentLogits, teacherLogits);
        if (!(temperature > 0)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, $"{op}: temperature must be positive");
        var invT = (float)(1 / temperature);
        float[] logR = ScaledLogSoftmax(studentLogits.Data, invT, l), logQ = ScaledLogSoftmax(teacherLogits.Data, invT, l);
        var q = new float[logQ.Length];
        TensorPrimitives.Exp(logQ, q);
        var diff = new float[q.Length]; // log q − log r
        TensorPrimitives.Subtract(logQ, logR, diff);
        var factor = (scaleByTemperatureSquared ? temperature * temperature : 1) / (l.Outer * l.Inner);
        var loss = Tensor.Scalar((float)(factor * LossKernels.Dot(q, diff)));
        Tensor[] inputs = detachTeacher ? [studentLogits] : [studentLogits, teacherLogits];
        return Graph.Record(op, loss, inputs, g =>
        {
            var scale = (float)(g.Data[0] * factor * invT);
            var grads = new Tensor?[inputs.Length];
            if (studentLogits.RequiresGrad) // scale·(r − q)
            {
                var ds = Tensor.Uninitialized(studentLogits.Shape);
                TensorPrimitives.Exp(logR, ds.Data);
                TensorPrimitives.Subtract(ds.Data, q, ds.Data);
                TensorPrimitives.Multiply(ds.Data, scale, ds.Data);
                grads[0] = ds;
            }
            if (!detachTeacher && teacherLogits.RequiresGrad) grads[1] = TeacherKlGrad(q, diff, scale, l, teacherLogits.Shape);
            return grads;
        });
    }

    /// <summary>log_softmax(x·invT) along the class axis.</summary>
    private static float[] ScaledLogSoftmax(float[] x, float invT, DimLayout l)
    {
        var scaled = new float[x.Length];
        TensorPrimitives.Multiply(x, invT, scaled);
        SoftmaxKernels.Softmax(scaled, scaled, l, log: true);
        return scaled;
    }

    /// <summary>∂KL/∂teacher = scale·q·(d − Σ_c q·d) with d = log q − log r (the entropy term's gradient cancels).</summary>
    private static Tensor TeacherKlGrad(float[] q, float[] diff, float scale, DimLayout l, int[] shape)
    {
        var qd = new float[q.Length];
        TensorPrimitives.Multiply(q, diff, qd);
        var perPosition = SoftmaxKernels.SumAlong(qd, l);
        var dt = Tensor.Uninitialized(shape);
        l.ForBlocks((o, start, len) =>
        {
            var kl = perPosition.AsSpan(o * l.Inner + start, len);
            for (var i = 0; i < l.Size; i++)
            {
                var off = l.Offset(o, i, start);
                var d = dt.Data.AsSpan(off, len);
                TensorPrimitives.Subtract(diff.AsSpan(off, len), kl, d);
                TensorPrimitives.Multiply(d, q.AsSpan(off, len), d);
                TensorPrimitives.Multiply(d, scale, d);
            }
        });
        return dt;
    }

    /// <summary>Mean squared error Σ(a − b)²/count (reduction 'mean').</summary>
    public static Tensor MseLoss(Tensor a, Tensor b)
    {
        const string op = "mse_loss";
        ShapeChecks.Same(op, a, b);
        var diff = new float[a.Count];
        TensorPrimitives.Subtract(a.Data, b.Data, diff);
        var loss = Tensor.Scalar((float)(LossKernels.Dot(diff, diff) / a.Count));
        return Graph.Record(op, loss, [a, b], g =>
        {
            var scale = 2f * g.Data[0] / a.Count;
            Tensor? da = null, db = null;
            if (a.RequiresGrad) { da = Tensor.Uninitialized(a.Shape); TensorPrimitives.Multiply(diff, scale, da.Data); }
            if (b.RequiresGrad) { db = Tensor.Uninitialized(b.Shape); TensorPrimitives.Multiply(diff, -scale, db.Data); }
            return [da, db];
        });
    }

    /// <summary>Classes on dim 1 of a tensor of rank ≥ 2: [N, C, positions].</summary>
    private static DimLayout ClassLayout(string op, Tensor logits)
    {
        ShapeChecks.Require(logits.Rank >= 2, op, "logits need a class dimension 1 ([N,C] or [N,C,H,W])", logits);
        return DimLayout.Around(logits.Shape, 1);
    }
}
