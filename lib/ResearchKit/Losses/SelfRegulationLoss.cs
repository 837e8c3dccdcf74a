using ResearchKit.Autograd;
using ResearchKit.Models;
using ResearchKit.Tensors;

namespace ResearchKit.Losses;

/// <summary>The self-regulation losses of a multi-exit forward (self-regulation spec §3). Teachers enter the SR terms
/// detached (sg): F_1 in L_F, S_N and q_N in L_L; they are trained only through their own MEA terms.</summary>
public static class SelfRegulationLoss
{
    /// <summary>L = λ_cls·L_cls + λ_seg·L_seg + g·(λ_F·L_F + λ_L·L_L) for <paramref name="o"/> against
    /// <paramref name="labels"/> ([N·H·W] ids, <paramref name="ignoreIndex"/> = void); g = 1 when <paramref name="selfRegulate"/>
    /// (after the warm-up), else the SR terms are not computed at all.</summary>
    public static SelfRegulationTerms Compute(MultiExitOutput o, int[] labels, int ignoreIndex, SelfRegulationOptions opt, bool selfRegulate)
    {
        int c = o.Logits[0].Size(1), batch = o.Logits[0].Size(0);
        var presence = PresenceTargets(labels, batch, c, ignoreIndex);
        var seg = Sum(o.Logits.Select(s => F.CrossEntropy(s, labels, ignoreIndex)));
        var cls = Sum(o.Presence.Select(q => F.BinaryCrossEntropy(q, presence)));
        var total = F.Add(F.Scale(cls, (float)opt.LambdaCls), F.Scale(seg, (float)opt.LambdaSeg));
        Tensor? feature = null, logit = null;
        if (selfRegulate)
        {
            feature = FeatureTerm(o, opt.FeatureTerm);
            logit = LogitTerm(o, opt);
            if (feature is not null) total = F.Add(total, F.Scale(feature, (float)opt.LambdaFeature));
            if (logit is not null) total = F.Add(total, F.Scale(logit, (float)opt.LambdaLogit));
        }
        return new SelfRegulationTerms(total, seg.Item(), cls.Item(), feature?.Item() ?? 0, logit?.Item() ?? 0);
    }

    /// <summary>y [N,C]: y[n,c] = 1 if class c occurs among sample n's valid pixels (void is not a class; spec §3).</summary>
    public static Tensor PresenceTargets(int[] labels, int batch, int numClasses, int ignoreIndex)
    {
        var y = Tensor.Zeros(batch, numClasses);
        var perSample = labels.Length / batch;
        for (var i = 0; i < labels.Length; i++)
        {
            var id = labels[i];
            if (id != ignoreIndex && id >= 0 && id < numClasses) y.Data[i / perSample * numClasses + id] = 1f;
        }
        return y;
    }

    /// <summary>Ŷ = argmax_c over dim 1 of <paramref name="logits"/> [N,C,H,W] per pixel, lowest id on ties, as [N·H·W].</summary>
    public static int[] Argmax(Tensor logits)
    {
        int batch = logits.Size(0), c = logits.Size(1), hw = logits.Count / (batch * c);
        var y = new int[batch * hw];
        for (var b = 0; b < batch; b++)
            for (var p = 0; p < hw; p++)
            {
                var best = 0;
                for (var k = 1; k < c; k++)
                    if (logits.Data[(b * c + k) * hw + p] > logits.Data[(b * c + best) * hw + p]) best = k;
                y[b * hw + p] = best;
            }
        return y;
    }

    private static Tensor? FeatureTerm(MultiExitOutput o, FeatureSr term) => term switch
    {
        FeatureSr.Mse => Sum(o.Projected.Select(p => F.MseLoss(p, o.Features[0].Detach()))),
        // No ignore index: every pixel of the shallow exit's argmax is a target (CE_all).
        FeatureSr.ShallowArgmaxCe => Sum(o.Logits.Skip(1).Select(s => F.CrossEntropy(s, Argmax(o.Logits[0])))),
        FeatureSr.Off => null,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, "unknown feature term"),
    };

    private static Tensor? LogitTerm(MultiExitOutput o, SelfRegulationOptions opt)
    {
        var students = o.Logits.Length - 1;
        return opt.LogitTerm switch
        {
            LogitSr.PixelKl => Sum(o.Logits.Take(students).Select(s =>
                F.KlDiv(s, o.Logits[^1], opt.Temperature, detachTeacher: true, opt.ScaleByTemperatureSquared))),
            LogitSr.ClassPresenceBce => Sum(o.Presence.Take(students).Select(q => F.BinaryCrossEntropy(q, o.Presence[^1].Detach()))),
            LogitSr.Off => null,
            _ => throw new ArgumentOutOfRangeException(nameof(opt), opt.LogitTerm, "unknown logit term"),
        };
    }

    private static Tensor Sum(IEnumerable<Tensor> terms) => terms.Aggregate(F.Add);
}
