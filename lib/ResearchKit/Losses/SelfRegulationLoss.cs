using ResearchKit.Models;
using static TorchSharp.torch;
using L = ResearchKit.Losses.SegmentationLosses;

namespace ResearchKit.Losses;

/// <summary>The self-regulation losses of a multi-exit forward (self-regulation spec §3). Teachers enter the SR terms
/// detached (sg): F_1 in L_F, S_N and q_N in L_L; they are trained only through their own MEA terms.</summary>
public static class SelfRegulationLoss
{
    /// <summary>L = λ_cls·L_cls + λ_seg·L_seg + g·(λ_F·L_F + λ_L·L_L) for <paramref name="o"/> against
    /// <paramref name="labels"/> ([N,H,W] int64 ids, <paramref name="ignoreIndex"/> = void); g = 1 when <paramref name="selfRegulate"/>
    /// (after the warm-up), else the SR terms are not computed at all.</summary>
    public static SelfRegulationTerms Compute(MultiExitOutput o, Tensor labels, int ignoreIndex, SelfRegulationOptions opt, bool selfRegulate)
    {
        var c = (int)o.Logits[0].shape[1];
        var presence = PresenceTargets(labels, c, ignoreIndex);
        var seg = Sum(o.Logits.Select(s => L.CrossEntropy(s, labels, ignoreIndex)));
        var cls = Sum(o.Presence.Select(q => L.BinaryCrossEntropy(q, presence)));
        var total = cls * opt.LambdaCls + seg * opt.LambdaSeg;
        Tensor? feature = null, logit = null;
        if (selfRegulate)
        {
            feature = FeatureTerm(o, opt.FeatureTerm);
            logit = LogitTerm(o, opt);
            if (feature is not null) total = total + feature * opt.LambdaFeature;
            if (logit is not null) total = total + logit * opt.LambdaLogit;
        }
        return new SelfRegulationTerms(total, seg.item<float>(), cls.item<float>(), feature?.item<float>() ?? 0, logit?.item<float>() ?? 0);
    }

    /// <summary>y [N,C] float: y[n,c] = 1 if class c occurs among sample n's valid pixels (void is not a class; spec §3).</summary>
    public static Tensor PresenceTargets(Tensor labels, int numClasses, int ignoreIndex)
    {
        var batch = labels.shape[0];
        var flat = labels.reshape(batch, -1);                                               // [N,H·W]
        var valid = flat.ne(ignoreIndex).logical_and(flat.ge(0)).logical_and(flat.lt(numClasses));
        var ids = where(valid, flat, full_like(flat, numClasses));                          // void -> a spare column C
        var y = zeros(batch, numClasses + 1, device: labels.device).scatter_(1, ids, ones(ids.shape, device: labels.device));
        return y[.., ..numClasses].contiguous();                                            // [N,C]
    }

    /// <summary>Ŷ = argmax_c over dim 1 of <paramref name="logits"/> [N,C,H,W] per pixel, lowest id on ties, as [N,H,W] int64.</summary>
    public static Tensor Argmax(Tensor logits) => logits.argmax(1);

    private static Tensor? FeatureTerm(MultiExitOutput o, FeatureSr term) => term switch
    {
        FeatureSr.Mse => Sum(o.Projected.Select(p => L.Mse(p, o.Features[0].detach()))),
        // No ignore index: every pixel of the shallow exit's argmax is a target (CE_all).
        FeatureSr.ShallowArgmaxCe => Sum(o.Logits.Skip(1).Select(s => L.CrossEntropy(s, Argmax(o.Logits[0].detach())))),
        FeatureSr.Off => null,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "unknown feature term"),
    };

    private static Tensor? LogitTerm(MultiExitOutput o, SelfRegulationOptions opt)
    {
        var students = o.Logits.Length - 1;
        return opt.LogitTerm switch
        {
            LogitSr.PixelKl => Sum(o.Logits.Take(students).Select(s =>
                L.KlDiv(s, o.Logits[^1], opt.Temperature, detachTeacher: true, opt.ScaleByTemperatureSquared))),
            LogitSr.ClassPresenceBce => Sum(o.Presence.Take(students).Select(q => L.BinaryCrossEntropy(q, o.Presence[^1].detach()))),
            LogitSr.Off => null,
            _ => throw new ArgumentOutOfRangeException(nameof(opt), opt.LogitTerm, "unknown logit term"),
        };
    }

    private static Tensor Sum(IEnumerable<Tensor> terms) => terms.Aggregate((a, b) => a + b);
}
