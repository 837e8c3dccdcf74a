using System.Buffers;

namespace ResearchKit.Data;

/// <summary>Checks shared by the dataset readers, each failing with a one-line message that names the file.</summary>
internal static class LabelChecks
{
    /// <summary>Throws unless every value of <paramref name="labels"/> is below <paramref name="numClasses"/> or equals <paramref name="ignoreIndex"/>.</summary>
    public static void Validate(LabelMap labels, int numClasses, int? ignoreIndex, string path)
    {
        int bad = labels.Data.AsSpan().IndexOfAny(Invalid(numClasses, ignoreIndex));
        if (bad < 0) return;
        string ignore = ignoreIndex is int ig ? $" or the ignore index {ig}" : "";
        throw new InvalidDataException(
            $"{path}: label value {labels.Data[bad]} at ({bad / labels.Width}, {bad % labels.Width}) is not a class id (0..{numClasses - 1}){ignore}");
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a class count or ignore index a byte label cannot hold.</summary>
    public static void CheckArguments(int numClasses, int? ignoreIndex)
    {
        if (numClasses is < 1 or > 256)
            throw new ArgumentException($"numClasses must be 1..256 for 8-bit label files, got {numClasses}.");
        if (ignoreIndex is < 0 or > 255)
            throw new ArgumentException($"ignoreIndex must be 0..255 for 8-bit label files, got {ignoreIndex}.");
    }

    /// <summary>Throws naming both files unless <paramref name="image"/> and <paramref name="labels"/> have the same size.</summary>
    public static void SameSize(RgbImage image, string imagePath, LabelMap labels, string labelPath)
    {
        if (image.Width != labels.Width || image.Height != labels.Height)
            throw new InvalidDataException(
                $"{imagePath} is {image.Width}x{image.Height} (width x height) but its label {labelPath} is {labels.Width}x{labels.Height}");
    }

    /// <summary>Names (not paths) of the *.png files directly in <paramref name="folder"/>, sorted ordinally.</summary>
    public static string[] PngNames(string folder)
    {
        var names = Directory.GetFiles(folder, "*.png").Select(p => Path.GetFileName(p)).ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    // SearchValues vectorises the scan: a CamVid label (172,800 pixels) is checked in microseconds.
    private static SearchValues<byte> Invalid(int numClasses, int? ignoreIndex)
    {
        var invalid = new List<byte>();
        for (int v = numClasses; v < 256; v++)
            if (v != ignoreIndex) invalid.Add((byte)v);
        return SearchValues.Create(invalid.ToArray());
    }
}
