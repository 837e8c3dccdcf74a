using System.Text.Json.Nodes;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

/// <summary>Golden values produced once by PyTorch (scripts in data-scripts/goldens_*.py, never run in CI) and kept as
/// JSON in Fixtures/Goldens/: named tensors under "inputs", "outputs" and "grads", each {"shape": [...], "data": [...]},
/// plus free-form "params" (the op's settings).</summary>
internal sealed class Golden
{
    private readonly JsonObject _root;

    private Golden(JsonObject root) => _root = root;

    public static Golden Load(string name) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Goldens", name + ".json")))!.AsObject());

    public Tensor Input(string name) => Read("inputs", name);

    public Tensor Output(string name) => Read("outputs", name);

    public Tensor Grad(string name) => Read("grads", name);

    public JsonNode Param(string name) => _root["params"]![name]!;

    private Tensor Read(string group, string name)
    {
        var t = _root[group]?[name] ?? throw new KeyNotFoundException($"golden has no {group}.{name}");
        var shape = t["shape"]!.AsArray().Select(d => (int)d!).ToArray();
        var data = t["data"]!.AsArray().Select(v => (float)(double)v!).ToArray();
        return shape.Length == 0 ? Tensor.Scalar(data[0]) : new Tensor(data, shape);
    }

    /// <summary>Asserts |actual − expected| ≤ rtol·max(1, |expected|) elementwise (the 1e-4 relative).</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double rtol = 1e-4, string what = "")
    {
        Assert.Equal(expected.Shape, actual.Shape);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected.Data[i];
            Assert.True(Math.Abs(actual.Data[i] - e) <= rtol * Math.Max(1.0, Math.Abs(e)),
                $"{what}[{i}]: expected {e}, got {actual.Data[i]}");
        }
    }
}
