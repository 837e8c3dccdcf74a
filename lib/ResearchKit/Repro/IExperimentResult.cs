namespace ResearchKit.Repro;

/// <summary>What every experiment result carries: the manifest of the run that produced it.</summary>
public interface IExperimentResult
{
    /// <summary>Config hash, seed, commit and wall time of the run.</summary>
    RunManifest Manifest { get; }
}
