using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Losses;

/// <summary>The losses the kit trains with, on TorchSharp ops (autograd gives their gradients).</summary>
public static class SegmentationLosses
{
    /// <summary>Cross-entropy of logits [N,C,H,W] against labels [N,H,W] (int64 class ids), torch's cross_entropy with
    /// reduction 'mean': Σ w[y]·(−log_softmax(z)[y]) / Σ w[y] over the pixels whose label is not <paramref name="ignoreIndex"/>.</summary>
    /// <remarks>When every pixel is ignored the loss is 0 with zero gradient (torch gives NaN), as <see cref="SoftCrossEntropy"/>
    /// gives on all-zero targets: a crop of void must not stop training.</remarks>
    public static Tensor CrossEntropy(Tensor logits, Tensor labels, long ignoreIndex = -100, Tensor? classWeights = null)
    {
        var loss = F.cross_entropy(logits, labels, weight: classWeights, ignore_index: ignoreIndex);
        return labels.ne(ignoreIndex).any().item<bool>() ? loss : (logits * 0).sum();
    }

    /// <summary>Soft cross-entropy normalised by target mass: −Σ T·log_softmax(Z) / Σ T over logits and targets [N,C,H,W]
    /// (classes on dim 1); 0 when Σ T = 0.</summary>
    /// <remarks>soft-labelling spec §2.4: ∂L/∂Z = (m·softmax(Z) − T)/ΣT with m = Σ_c T per position. Void pixels carry the
    /// zero vector, so they add nothing to either sum.</remarks>
    public static Tensor SoftCrossEntropy(Tensor logits, Tensor targets)
    {
        var mass = targets.sum();
        return -(targets * F.log_softmax(logits, 1)).sum() / mass.clamp_min(1e-12);
    }

    /// <summary>The self-regulation logit term for one student: T²·mean over positions of KL(softmax(teacher/T) ‖
    /// softmax(student/T)) summed over classes (dim 1), on logits [N,C,...] of equal shape.</summary>
    /// <remarks>self-regulation spec §3 (PixelKl); PyTorch: kl_div(log_softmax(s/T), softmax(t/T), reduction='none').sum(1).mean()·T².
    /// With <paramref name="detachTeacher"/> the teacher is sg(·) and gets no gradient.</remarks>
    public static Tensor KlDiv(Tensor studentLogits, Tensor teacherLogits, double temperature, bool detachTeacher = true,
        bool scaleByTemperatureSquared = true)
    {
        if (!studentLogits.shape.SequenceEqual(teacherLogits.shape))
            throw new ArgumentException($"kl_div: student [{string.Join(",", studentLogits.shape)}] and teacher [{string.Join(",", teacherLogits.shape)}] differ");
        var teacher = detachTeacher ? teacherLogits.detach() : teacherLogits;
        var q = F.softmax(teacher / temperature, 1);
        var kl = F.kl_div(F.log_softmax(studentLogits / temperature, 1), q, reduction: nn.Reduction.None, log_target: false).sum(1).mean();
        return scaleByTemperatureSquared ? kl * (temperature * temperature) : kl;
    }

    /// <summary>Binary cross-entropy −mean[t·log q + (1 − t)·log(1 − q)] of probabilities q against targets t in [0, 1],
    /// each log clamped at ≥ −100 (PyTorch's BCELoss).</summary>
    public static Tensor BinaryCrossEntropy(Tensor q, Tensor t) => F.binary_cross_entropy(q, t);

    /// <summary>Mean squared error Σ(a − b)²/count (reduction 'mean').</summary>
    public static Tensor Mse(Tensor a, Tensor b) => F.mse_loss(a, b);
}
