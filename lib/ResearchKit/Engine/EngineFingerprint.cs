using TorchSharp;

namespace ResearchKit.Engine;

/// <summary>What made a trained number: the tensor library and the kit's training semantics. A cached run is reused
/// only when its fingerprint equals the current one, so no number from another engine is ever taken for this one's.</summary>
public static class EngineFingerprint
{
    /// <summary>Bump when training semantics change (the loss, the optimiser step, initialisation, augmentation, the
    /// order of random draws): every earlier run is retrained rather than reused.</summary>
    public const int TrainingCodeVersion = 1;

    /// <summary>"torchsharp-0.107.0+libtorch-2.10.0/train-1": TorchSharp's and libtorch's versions and <see cref="TrainingCodeVersion"/>.</summary>
    public static string Current
    {
        get
        {
            TorchRuntime.Initialize();
            var managed = typeof(torch).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";
            return $"torchsharp-{managed}+libtorch-{torch.__version__}/train-{TrainingCodeVersion}";
        }
    }

    /// <summary>A short, folder-name-safe form of <see cref="Current"/> (8 hex digits of its hash).</summary>
    public static string Short => Repro.ConfigHash.OfText(Current)[..8];
}
