using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ResearchKit.Notebooks.Worker;

/// <summary>Tells whether the ResearchKit.dll a notebook's <c>#r "nuget: ResearchKit"</c> resolved is the build the runner
/// comes from. scripts/setup.sh packs each build into the local feed (.deps/feed) under a new version; a feed left from an
/// older build would run the notebooks on old kit code without a word, so the worker refuses it.</summary>
public static class KitBuild
{
    /// <summary>The kit's package and assembly name.</summary>
    public const string Name = "ResearchKit";

    /// <summary>Returns a one-line message when <paramref name="resolved"/> (the package's dll) is another build than
    /// <paramref name="expected"/> (the runner's), or null when they are the same build (same module version id).</summary>
    public static string? Mismatch(string resolved, string version, string expected)
    {
        if (Mvid(resolved) is not { } got || Mvid(expected) is not { } want || got == want) return null;
        // Short up to the fix, which the run's summary line (160 characters) must still show.
        return $"{Name} {version} is not this researchkit's build (a stale feed): run scripts/setup.sh " +
               $"(package: {resolved}; researchkit's: {expected})";
    }

    /// <summary>The module version id of an assembly file, or null when it cannot be read.</summary>
    public static Guid? Mvid(string path)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(path));
            if (!pe.HasMetadata) return null;
            var metadata = pe.GetMetadataReader();
            return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
