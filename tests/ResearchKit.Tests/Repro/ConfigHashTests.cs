using ResearchKit.Repro;

namespace ResearchKit.Tests.Repro;

public sealed class ConfigHashTests
{
    private enum Mode { Fast, Slow }

    private sealed record Cfg(int Seed, Mode Mode, int[] Sizes);

    [Fact]
    public void EqualConfigs_HashEqual_AndAnyChangedField_ChangesTheHash()
    {
        var a = new Cfg(0, Mode.Fast, [2, 4]);
        Assert.Equal(ConfigHash.Of(a), ConfigHash.Of(new Cfg(0, Mode.Fast, [2, 4])));
        Assert.NotEqual(ConfigHash.Of(a), ConfigHash.Of(a with { Seed = 1 }));
        Assert.NotEqual(ConfigHash.Of(a), ConfigHash.Of(a with { Mode = Mode.Slow }));
        Assert.NotEqual(ConfigHash.Of(a), ConfigHash.Of(a with { Sizes = [2, 8] }));
        Assert.Equal(16, ConfigHash.Of(a).Length);
    }

    [Fact]
    public void CanonicalJson_NamesEnumsAndUsesCamelCase()
    {
        Assert.Equal("{\"seed\":3,\"mode\":\"Slow\",\"sizes\":[1]}", ConfigHash.CanonicalJson(new Cfg(3, Mode.Slow, [1])));
    }
}
