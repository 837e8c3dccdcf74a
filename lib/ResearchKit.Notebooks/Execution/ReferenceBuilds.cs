using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace ResearchKit.Notebooks.Execution;

/// <summary>Refuses a <c>#r</c> of an assembly that this process would bind to a different build. .NET resolves an
/// assembly name from the host's own copy (its trusted platform assemblies, or one already loaded) before any path a
/// cell names, so a cell compiled against <c>../artifacts/.../ResearchKit.dll</c> would run the <c>researchkit</c>
/// binary's older or newer copy, and fail at the first member that differs with a MissingMethodException.</summary>
internal static class ReferenceBuilds
{
    /// <summary>Returns a one-line message for the first <c>#r</c> of <paramref name="compilation"/> that this process
    /// would run from a different build, or null when every one binds to itself.</summary>
    public static string? Mismatch(Compilation compilation)
    {
        foreach (var reference in compilation.DirectiveReferences.OfType<PortableExecutableReference>())
        {
            if (reference.FilePath is not { } file || Mvid(file) is not { } wanted) continue;
            var name = Path.GetFileNameWithoutExtension(file);
            foreach (var hostCopy in HostCopies(name))
            {
                if (Mvid(hostCopy) is { } mvid && mvid != wanted)
                    return $"#r \"{file}\" is a different build of {name}.dll from the one this process runs " +
                           $"({hostCopy}); .NET would run that one. Build both from the same commit, or run the notebook " +
                           $"with the researchkit built next to the referenced {name}.dll.";
            }
        }
        return null;
    }

    // The files the runtime would bind the name to instead of the referenced path.
    private static IEnumerable<string> HostCopies(string name)
    {
        var fileName = name + ".dll";
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            foreach (var path in tpa.Split(Path.PathSeparator))
                if (string.Equals(Path.GetFileName(path), fileName, StringComparison.OrdinalIgnoreCase)) yield return path;
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            if (!loaded.IsDynamic && loaded.GetName().Name == name && loaded.Location.Length > 0) yield return loaded.Location;
    }

    private static Guid? Mvid(string path)
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
            return null; // not ours to judge: Roslyn has already reported an unreadable reference
        }
    }
}
