namespace ResearchKit.Repro;

/// <summary>Picks a preset's value: the one switch every experiment config's <c>For(preset)</c> uses.</summary>
public static class PresetExtensions
{
    /// <summary>The value of <paramref name="preset"/> among the four given.</summary>
    public static T Pick<T>(this Preset preset, T smoke, T quick, T paper, T full) => preset switch
    {
        Preset.Smoke => smoke,
        Preset.Quick => quick,
        Preset.Paper => paper,
        Preset.Full => full,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown preset"),
    };
}
