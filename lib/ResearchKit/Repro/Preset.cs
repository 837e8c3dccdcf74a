namespace ResearchKit.Repro;

/// <summary>How much compute an experiment spends; every experiment config has one static property per value.</summary>
public enum Preset
{
    /// <summary>Seconds: unit tests and CI.</summary>
    Smoke,
    /// <summary>A few CPU minutes: the default of the README's main command.</summary>
    Quick,
    /// <summary>The paper's figure, within about 2 hours on 2 cores.</summary>
    Paper,
    /// <summary>The paper's full protocol where it needs more than <see cref="Paper"/>.</summary>
    Full,
}

/// <summary>Preset helpers for notebooks.</summary>
public static class Presets
{
    /// <summary>The environment variable a notebook's parameters cell reads, so a notebook opened in Jupyter or VS Code
    /// runs the preset the environment names (<c>RESEARCHKIT_PRESET=smoke jupyter lab</c>).</summary>
    public const string EnvironmentVariable = "RESEARCHKIT_PRESET";

    /// <summary>The preset named by <see cref="EnvironmentVariable"/> (any case), else <paramref name="fallback"/>.</summary>
    /// <exception cref="ArgumentException">The variable names no preset.</exception>
    public static Preset FromEnvironment(Preset fallback) => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable), fallback);

    /// <summary>The preset named by <paramref name="name"/> (any case; null or empty gives <paramref name="fallback"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> names no preset.</exception>
    public static Preset Parse(string? name, Preset fallback)
    {
        if (string.IsNullOrWhiteSpace(name)) return fallback;
        return name.Trim().All(char.IsLetter) && Enum.TryParse<Preset>(name.Trim(), ignoreCase: true, out var preset)
            ? preset
            : throw new ArgumentException($"{EnvironmentVariable}={name} is not a preset; use one of {string.Join(", ", Enum.GetNames<Preset>().Select(n => n.ToLowerInvariant()))}");
    }
}
