using System.Text.Json;

namespace ResearchKit.Tests.Data;

/// <summary>Paths of the committed PNG and dataset fixtures and their expected values (written by data-scripts/make_png_fixtures.py).</summary>
internal static class DataFixtures
{
    public static string Png(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Png", name);

    public static string Dataset(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", "Datasets", .. parts]);

    public static JsonElement PngExpected { get; } = Load(Png("expected.json"));

    public static JsonElement DatasetExpected { get; } = Load(Dataset("expected.json"));

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>A fresh empty folder under the system temp folder; tests delete it when done.</summary>
    public static string TempFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "rk-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static JsonElement Load(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;
}
