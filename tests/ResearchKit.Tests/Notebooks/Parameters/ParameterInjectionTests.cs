using ResearchKit.Notebooks.Parameters;

namespace ResearchKit.Tests.Notebooks.Parameters;

public sealed class ParameterInjectionTests
{
    [Fact]
    public void Declarations_AreTheTopLevelVariablesWithTheirWrittenTypes()
    {
        var source = "// comment\nPreset preset = Preset.Quick;\nint seed = 0, runs = 2;\nvar name = \"a\";\nConsole.WriteLine(seed);";
        Assert.Equal(
            [new("preset", "Preset"), new("seed", "int"), new("runs", "int"), new ParameterDeclaration("name", "var")],
            ParameterCell.Declarations(source));
    }

    [Theory]
    [InlineData("3", "int", null, "3")]
    [InlineData("-0.5", "double", null, "-0.5")]
    [InlineData("0.5", "float", null, "0.5f")]
    [InlineData("1.25", "decimal", null, "1.25m")]
    [InlineData("True", "bool", null, "true")]
    [InlineData("say \"hi\"\n", "string", null, "\"say \\\"hi\\\"\\n\"")]
    [InlineData("smoke", "Preset", null, "Preset.Smoke")]
    [InlineData("paper-full", "Preset", null, "Preset.PaperFull")]
    [InlineData("new[] { 1, 2 }", "int[]", null, "new[] { 1, 2 }")]
    public void ValueText_BecomesCSharpOfTheDeclaredType(string value, string type, Type? runtime, string expected) =>
        Assert.Equal(expected, ParameterInjection.ToExpression("p", value, type, runtime));

    [Theory]
    [InlineData("ordinal-ignore-case", "StringComparison.OrdinalIgnoreCase")]
    [InlineData("ORDINAL", "StringComparison.Ordinal")]
    [InlineData("Current_Culture", "StringComparison.CurrentCulture")]
    public void EnumMembers_MatchIgnoringCaseDashesAndUnderscores(string value, string expected) =>
        Assert.Equal(expected, ParameterInjection.ToExpression("p", value, "StringComparison", typeof(StringComparison)));

    [Fact]
    public void StaticMembersOfOtherTypes_MatchLikeEnumMembers() =>
        Assert.Equal("TimeSpan.MaxValue", ParameterInjection.ToExpression("p", "max-value", "TimeSpan", typeof(TimeSpan)));

    [Theory]
    [InlineData("abc", "int", "parameter p is int; 'abc' is not a number")]
    [InlineData("yes", "bool", "parameter p is bool; 'yes' is not true or false")]
    public void ValuesThatCannotBeTheType_AreRejected(string value, string type, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => ParameterInjection.ToExpression("p", value, type, null)).Message);

    [Fact]
    public void BuildSource_WritesOneAssignmentPerValueUnderTheHeader()
    {
        var declared = new[] { new ParameterDeclaration("preset", "Preset"), new ParameterDeclaration("seed", "int") };
        var source = ParameterInjection.BuildSource(
            [new("preset", "quick"), new("seed", "42")], declared, _ => null);
        Assert.Equal(ParameterInjection.Header + "\npreset = Preset.Quick;\nseed = 42;", source);
    }
}
