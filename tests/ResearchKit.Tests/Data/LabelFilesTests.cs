using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class LabelFilesTests : IDisposable
{
    private readonly string _dir = DataFixtures.TempFolder();

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Folder_GivesEveryPngSortedByName()
    {
        Write("b.png", [1, 2]);
        Write("a.png", [0, 11]);
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not a label");
        var all = LabelFiles.Load(_dir, 11, 11);
        Assert.Equal(["a.png", "b.png"], all.Select(p => Path.GetFileName(p.Path)));
        Assert.Equal([0, 11], all[0].Labels.Data);
        Assert.Equal([1, 2], all[1].Labels.Data);
    }

    [Fact]
    public void SingleFile_GivesThatFile()
    {
        string path = Write("one.png", [3, 4]);
        var all = LabelFiles.Load(path, 5, null);
        Assert.Equal(path, Assert.Single(all).Path);
        Assert.Equal([3, 4], all[0].Labels.Data);
    }

    [Fact]
    public void ValueNotAClassAndNotIgnore_IsRejected()
    {
        string path = Write("x.png", [0, 5]);
        var e = Assert.Throws<InvalidDataException>(() => LabelFiles.Load(path, 5, null));
        Assert.Equal($"{path}: label value 5 at (0, 1) is not a class id (0..4)", e.Message);
    }

    [Fact]
    public void IgnoreIndexAboveTheClasses_IsAccepted_ButValuesBetweenAreNot()
    {
        string path = Write("x.png", [4, 255]);
        Assert.Equal([4, 255], LabelFiles.Load(path, 5, 255)[0].Labels.Data);
        Write("x.png", [4, 254]);
        var e = Assert.Throws<InvalidDataException>(() => LabelFiles.Load(path, 5, 255));
        Assert.Equal($"{path}: label value 254 at (0, 1) is not a class id (0..4) or the ignore index 255", e.Message);
    }

    [Fact]
    public void EmptyFolder_IsRejected()
    {
        var e = Assert.Throws<FileNotFoundException>(() => LabelFiles.Load(_dir, 3, null));
        Assert.Equal($"{_dir}: folder holds no *.png label files", e.Message);
    }

    [Fact]
    public void MissingPath_IsRejected()
    {
        string path = Path.Combine(_dir, "nope");
        var e = Assert.Throws<FileNotFoundException>(() => LabelFiles.Load(path, 3, null));
        Assert.Equal($"{path}: no such file or folder", e.Message);
    }

    [Fact]
    public void RgbPng_IsRefusedAsLabels()
    {
        string path = Path.Combine(_dir, "rgb.png");
        Png.Write(path, Png.EncodeRgb(new RgbImage(1, 1, [1, 2, 3])));
        var e = Assert.Throws<InvalidDataException>(() => LabelFiles.Load(path, 3, null));
        Assert.StartsWith($"{path}: cannot read labels from a 8-bit RGB PNG", e.Message);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(257, null)]
    [InlineData(5, 256)]
    [InlineData(5, -1)]
    public void ImpossibleArguments_AreRejected(int numClasses, int? ignoreIndex) =>
        Assert.Throws<ArgumentException>(() => LabelFiles.Load(_dir, numClasses, ignoreIndex));

    private string Write(string name, byte[] row)
    {
        string path = Path.Combine(_dir, name);
        Png.Write(path, Png.EncodeGray(new LabelMap(1, row.Length, row)));
        return path;
    }
}
