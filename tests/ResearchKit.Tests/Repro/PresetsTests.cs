using ResearchKit.Repro;

namespace ResearchKit.Tests.Repro;

public sealed class PresetsTests
{
    [Theory]
    [InlineData("smoke", Preset.Smoke)]
    [InlineData("PAPER", Preset.Paper)]
    [InlineData(" Quick ", Preset.Quick)]
    [InlineData("full", Preset.Full)]
    [InlineData("", Preset.Quick)]
    [InlineData(null, Preset.Quick)]
    public void Parse_NamesAnyCase_AndFallsBackWhenEmpty(string? name, Preset expected) =>
        Assert.Equal(expected, Presets.Parse(name, Preset.Quick));

    [Theory]
    [InlineData("fast")]
    [InlineData("1")]
    [InlineData("smoke,quick")]
    public void Parse_OfANameThatIsNoPreset_SaysWhichAreValid(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Presets.Parse(name, Preset.Quick));
        Assert.Equal($"RESEARCHKIT_PRESET={name} is not a preset; use one of smoke, quick, paper, full", e.Message);
    }
}
