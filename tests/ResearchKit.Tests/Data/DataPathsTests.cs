using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class DataPathsTests
{
    [Fact]
    public void EnvironmentValue_WinsOverTheRepository()
    {
        string env = Path.Combine(Path.GetTempPath(), "my-data");
        Assert.Equal(env, DataPaths.Resolve(env, AppContext.BaseDirectory, AppContext.BaseDirectory));
    }

    [Fact]
    public void WithoutEnvironment_DataIsUnderTheFolderHoldingTheSolution()
    {
        string repo = DataFixtures.TempFolder();
        try
        {
            File.WriteAllText(Path.Combine(repo, "ResearchKit.sln"), "");
            string deep = Directory.CreateDirectory(Path.Combine(repo, "notebooks", "sub")).FullName;
            string elsewhere = Path.GetTempPath();
            Assert.Equal(Path.Combine(repo, "data"), DataPaths.Resolve(null, deep, elsewhere));
            Assert.Equal(Path.Combine(repo, "data"), DataPaths.Resolve("", elsewhere, deep)); // falls back to the assembly folder
        }
        finally { Directory.Delete(repo, true); }
    }

    [Fact]
    public void NoRepositoryAndNoEnvironment_IsRejected()
    {
        string lone = DataFixtures.TempFolder();
        try
        {
            var e = Assert.Throws<DirectoryNotFoundException>(() => DataPaths.Resolve(null, lone, lone));
            Assert.EndsWith("set RESEARCHKIT_DATA to the data folder", e.Message);
        }
        finally { Directory.Delete(lone, true); }
    }

    [Fact]
    public void TestRun_FindsThisRepository()
    {
        string? repo = DataPaths.FindRepository(AppContext.BaseDirectory);
        Assert.NotNull(repo);
        Assert.True(File.Exists(Path.Combine(repo, "ResearchKit.sln")));
        Assert.Equal(Path.Combine(DataPaths.Root, "camvid"), DataPaths.CamVid);
    }
}
