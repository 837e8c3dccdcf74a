using ResearchKit.Tensors;

namespace ResearchKit.Autograd;

/// <summary>Anomaly mode: every op checks its output (and every backward its gradients) and names the first op that
/// produced NaN or Inf. Off by default: the check reads every value once. Per thread, like grad mode: it applies to
/// the ops the current thread records.</summary>
public static class Anomaly
{
    [ThreadStatic] private static bool _enabled;

    /// <summary>Whether ops on this thread check their results for NaN/Inf.</summary>
    public static bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    /// <summary>Throws <see cref="ArithmeticException"/> naming <paramref name="op"/> if <paramref name="t"/> holds NaN or Inf.</summary>
    internal static void Check(string op, Tensor t, string what = "output")
    {
        var data = t.Data;
        for (var i = 0; i < data.Length; i++)
            if (!float.IsFinite(data[i]))
                throw new ArithmeticException(
                    $"anomaly: {op} produced {(float.IsNaN(data[i]) ? "NaN" : "Inf")} in its {what} {ShapeChecks.Format(t.Shape)} at flat index {i}");
    }
}
