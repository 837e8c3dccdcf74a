using ResearchKit.IO;

namespace ResearchKit.Tests.Shared;

public sealed class AtomicFileTests
{
    [Fact]
    public void WriteAllText_ReplacesTheFileAndLeavesNoTempFiles()
    {
        var dir = Directory.CreateTempSubdirectory("rk-atomic-").FullName;
        try
        {
            var path = Path.Combine(dir, "sub", "result.json");
            AtomicFile.WriteAllText(path, "old");
            AtomicFile.WriteAllText(path, "new");
            Assert.Equal("new", File.ReadAllText(path));
            Assert.Equal(["result.json"], Directory.GetFiles(Path.Combine(dir, "sub")).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FailedWrite_KeepsThePreviousFile()
    {
        var dir = Directory.CreateTempSubdirectory("rk-atomic-").FullName;
        try
        {
            var path = Path.Combine(dir, "result.json");
            AtomicFile.WriteAllText(path, "previous");
            Directory.CreateDirectory(path + ".blocker");
            // A target that is a directory cannot be replaced: the write fails, the old file and folder stay.
            Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path + ".blocker", "x"));
            Assert.Equal("previous", File.ReadAllText(path));
            Assert.Equal(["result.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
