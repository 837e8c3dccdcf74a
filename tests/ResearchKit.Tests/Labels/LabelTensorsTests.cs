using ResearchKit.Data;
using ResearchKit.Labels;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Labels;

/// <summary>Label maps and soft targets to tensors and back.</summary>
public sealed class LabelTensorsTests
{
    [Fact]
    public void LabelMap_BecomesAnInt64Tensor_RowMajor_AndComesBackUnchanged()
    {
        var label = new LabelMap(2, 3, [0, 1, 2, 11, 4, 5]);
        var t = label.ToTensor();
        Assert.Equal(ScalarType.Int64, t.dtype);
        Assert.Equal([2L, 3], t.shape);
        Assert.Equal(11L, t[1, 0].item<long>());
        Assert.Equal(label.Data, LabelTensors.ToLabelMap(t).Data);
        Assert.Equal(label.Data, LabelTensors.ToLabelMap(t.to(ScalarType.Int32)).Data);
    }

    [Fact]
    public void SoftLabelMap_BecomesAFloatTensor_ClassMajor()
    {
        var map = new SoftLabelMap(2, 1, 2, [0.25f, 0.5f, 0.75f, 0f]); // T[c, 0, col]
        var t = map.ToTensor();
        Assert.Equal([2L, 1, 2], t.shape);
        Assert.Equal(0.5f, t[0, 0, 1].item<float>());
        Assert.Equal(0.75f, t[1, 0, 0].item<float>());
    }

    [Fact]
    public void ToLabelMap_RefusesIdsOutsideAByte_AndNonIntegerOrNon2DTensors()
    {
        Assert.Contains("0..255, got -1..3", Assert.Throws<ArgumentException>(() => LabelTensors.ToLabelMap(tensor(new long[] { -1, 3 }).reshape(1, 2))).Message);
        Assert.Contains("0..255, got 0..256", Assert.Throws<ArgumentException>(() => LabelTensors.ToLabelMap(tensor(new long[] { 0, 256 }).reshape(1, 2))).Message);
        Assert.Contains("integer [H,W]", Assert.Throws<ArgumentException>(() => LabelTensors.ToLabelMap(zeros(2, 2))).Message);
        Assert.Contains("integer [H,W]", Assert.Throws<ArgumentException>(() => LabelTensors.ToLabelMap(zeros(2, dtype: ScalarType.Int64))).Message);
    }
}
