using System.Text.Json.Nodes;
using ResearchKit.Cli.Commands;
using ResearchKit.Data;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Cli.Commands;

public sealed class SpectrumCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-spectrum-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // Spec 3.1's 4x4 map: classes 0/1, one void pixel (id 2 here) in the bottom-left corner.
    private static LabelMap SpecMap() => new(4, 4, [0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 2, 1, 1, 1]);

    private string WriteLabel(string name, LabelMap map)
    {
        var path = Path.Combine(dir, name);
        Png.Write(path, Png.EncodeGray(map));
        return path;
    }

    [Fact]
    public void JsonOfTheSpecMap_GivesItsEnergyRatiosAndCutoffs()
    {
        WriteLabel("a.png", SpecMap());
        var json = SpectrumCommand.ToJson(SpectrumCommand.Compute(dir, numClasses: 2, ignoreIndex: 2));

        Assert.Equal((1, 4, 4, 2, 2), ((int)json["images"]!, (int)json["height"]!, (int)json["width"]!,
            (int)json["numClasses"]!, (int)json["ignoreIndex"]!));
        var e = json["energyRatio"]!.AsArray().Select(n => (double)n!).ToArray();
        Assert.Equal(3, e.Length);
        Assert.Equal(125.0 / 240, e[0], 12);
        Assert.Equal(225.0 / 240, e[1], 12);
        Assert.Equal(1.0, e[2], 12);
        var cutoffs = json["cutoffs"]!.AsArray().Select(c => ((double)c!["tau"]!, (int)c["k"]!, (double)c["s"]!)).ToArray();
        Assert.Equal([(0.90, 1, 2.0), (0.95, 2, 1.0), (0.99, 2, 1.0)], cutoffs);
        Assert.Equal(240.0, json["radialProfile"]!.AsArray().Sum(n => (double)n!), 9); // Σ|Y|² = N·N_v
    }

    [Fact]
    public void FolderOfTwoMaps_PoolsNumeratorsAndDenominators()
    {
        WriteLabel("a.png", SpecMap());
        WriteLabel("b.png", new LabelMap(4, 4, new byte[16])); // all class 0: every bit of energy at DC
        var json = SpectrumCommand.ToJson(SpectrumCommand.Compute(dir, 2, 2));
        Assert.Equal(2, (int)json["images"]!);
        Assert.Equal(240 + 256, (long)json["pooledDenominator"]!);
        Assert.Equal((125.0 + 256) / (240 + 256), (double)json["energyRatio"]![0]!, 12);
    }

    [Fact]
    public void Cli_PrintsJsonWithTheDocumentedKeys()
    {
        WriteLabel("a.png", SpecMap());
        var (code, stdout, _, _) = CliProcess.Run("spectrum", dir, "--num-classes", "2", "--ignore-index", "2", "--json");
        Assert.Equal(0, code);
        var json = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(["images", "height", "width", "numClasses", "ignoreIndex", "voidHandling", "pooledDenominator",
            "energyRatio", "cutoffs", "radialProfile"], json.Select(p => p.Key));
    }

    [Fact]
    public void BadInputs_GetOneLineErrorsNamingTheFile_AndExitCode1()
    {
        var bad = WriteLabel("bad.png", new LabelMap(4, 4, [0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        AssertOneLineError(["spectrum", bad, "--num-classes", "2", "--ignore-index", "2"], $"{bad}: label value 7 at (1, 1)");

        var corrupt = Path.Combine(dir, "corrupt.png");
        File.WriteAllBytes(corrupt, "GIF89a not a png"u8.ToArray());
        AssertOneLineError(["spectrum", corrupt, "--num-classes", "2"], $"{corrupt}: not a PNG");

        var sizes = Directory.CreateDirectory(Path.Combine(dir, "sizes")).FullName;
        Png.Write(Path.Combine(sizes, "a.png"), Png.EncodeGray(SpecMap()));
        Png.Write(Path.Combine(sizes, "b.png"), Png.EncodeGray(new LabelMap(2, 4, new byte[8])));
        AssertOneLineError(["spectrum", sizes, "--num-classes", "2", "--ignore-index", "2"], Path.Combine(sizes, "b.png") + ": label map is 4x2");

        AssertOneLineError(["spectrum", Path.Combine(dir, "missing"), "--num-classes", "2"], "missing: no such file or folder");
    }

    private static void AssertOneLineError(string[] args, string expected)
    {
        var (code, stdout, stderr, _) = CliProcess.Run(args);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("researchkit: ", stderr);
        Assert.True(stderr.Contains(expected), $"expected \"{expected}\" in: {stderr}");
    }
}
