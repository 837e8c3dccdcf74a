// Each assembly gets its own namespace, so a test project that sees both assemblies' internals can name either.
#if RESEARCHKIT_NOTEBOOKS
namespace ResearchKit.Notebooks.IO;
#else
namespace ResearchKit.IO;
#endif

/// <summary>Writes files so that a reader sees either the old file or the complete new one, never half of it.</summary>
/// <remarks>One source file compiled into the library and the runner (lib/Shared, linked by each project), because the
/// runner must not reference the library whose notebooks it runs.</remarks>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to a temp file beside <paramref name="path"/>, flushes it, then renames it over the target.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Writes UTF-8 text atomically (see <see cref="WriteAllBytes"/>).</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
