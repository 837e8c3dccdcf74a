namespace ResearchKit.Data;

/// <summary>Label PNGs from a path that is either one file or a folder of *.png files, each checked against a class count.</summary>
public static class LabelFiles
{
    /// <summary>(path, labels) for <paramref name="fileOrFolder"/>: the one PNG, or every *.png directly in the folder sorted by name; every value must be below <paramref name="numClasses"/> or equal <paramref name="ignoreIndex"/>.</summary>
    public static IReadOnlyList<(string Path, LabelMap Labels)> Load(string fileOrFolder, int numClasses, int? ignoreIndex)
    {
        LabelChecks.CheckArguments(numClasses, ignoreIndex);
        string[] paths;
        if (File.Exists(fileOrFolder))
            paths = [fileOrFolder];
        else if (Directory.Exists(fileOrFolder))
        {
            paths = LabelChecks.PngNames(fileOrFolder).Select(n => Path.Combine(fileOrFolder, n)).ToArray();
            if (paths.Length == 0)
                throw new FileNotFoundException($"{fileOrFolder}: folder holds no *.png label files");
        }
        else
            throw new FileNotFoundException($"{fileOrFolder}: no such file or folder");
        var maps = ParallelLoad.All(paths.Length, i => Read(paths[i], numClasses, ignoreIndex));
        return paths.Select((p, i) => (p, maps[i])).ToArray();
    }

    /// <summary>One label PNG (8-bit gray or palette), checked against <paramref name="numClasses"/> and <paramref name="ignoreIndex"/>.</summary>
    public static LabelMap Read(string path, int numClasses, int? ignoreIndex)
    {
        LabelChecks.CheckArguments(numClasses, ignoreIndex);
        var labels = Png.Read(path).ToLabelMap();
        LabelChecks.Validate(labels, numClasses, ignoreIndex, path);
        return labels;
    }
}
