using ResearchKit.Notebooks.Worker;

namespace ResearchKit.Tests.Notebooks.Worker;

public sealed class KitBuildTests
{
    private static string Dll(string name) => Path.Combine(AppContext.BaseDirectory, name);

    [Fact]
    public void TheSameBuild_IsNoMismatch_EvenFromAnotherPath()
    {
        var copy = Path.Combine(Directory.CreateTempSubdirectory("rk-kitbuild-").FullName, "ResearchKit.dll");
        File.Copy(Dll("ResearchKit.dll"), copy);
        try
        {
            Assert.Null(KitBuild.Mismatch(copy, "1.0.0", Dll("ResearchKit.dll")));
            Assert.Equal(typeof(ResearchKit.Repro.Preset).Assembly.ManifestModule.ModuleVersionId, KitBuild.Mvid(copy));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    [Fact]
    public void AnotherBuild_IsAOneLineMessage_NamingTheVersionBothFilesAndTheFix()
    {
        var message = KitBuild.Mismatch(Dll("ResearchKit.Notebooks.dll"), "0.1.0-gold", Dll("ResearchKit.dll"));
        Assert.Equal("ResearchKit 0.1.0-gold is not this researchkit's build (a stale feed): run scripts/setup.sh " +
                     $"(package: {Dll("ResearchKit.Notebooks.dll")}; researchkit's: {Dll("ResearchKit.dll")})", message);
    }

    [Fact]
    public void AFileThatIsNoAssembly_IsNotJudged()
    {
        var text = Path.GetTempFileName();
        try
        {
            Assert.Null(KitBuild.Mvid(text));
            Assert.Null(KitBuild.Mismatch(text, "1.0.0", Dll("ResearchKit.dll")));
        }
        finally
        {
            File.Delete(text);
        }
    }
}
