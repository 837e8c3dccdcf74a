namespace ResearchKit.Notebooks.Worker;

/// <summary>The ResearchKit package a notebook resolved is another build than the runner's (see <see cref="KitBuild"/>);
/// thrown before the package's assemblies are referenced, so the stale kit never loads.</summary>
internal sealed class StaleKitPackageException(string message) : Exception(message);
