using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Support;

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

    /// <summary>The names under "inputs", "outputs" or "grads".</summary>
    public IEnumerable<string> Keys(string group) => _root[group]!.AsObject().Select(kv => kv.Key);

    private Tensor Read(string group, string name)
    {
        var t = _root[group]?[name] ?? throw new KeyNotFoundException($"golden has no {group}.{name}");
        var shape = t["shape"]!.AsArray().Select(d => (long)d!).ToArray();
        var data = t["data"]!.AsArray().Select(v => (float)(double)v!).ToArray();
        return shape.Length == 0 ? tensor(data[0]) : tensor(data, shape);
    }

    /// <summary>Asserts |actual − expected| ≤ rtol·max(1, |expected|) elementwise (the 1e-4 relative).</summary>
    public static void AssertClose(Tensor expected, Tensor actual, double rtol = 1e-4, string what = "")
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = Values(expected);
        var a = Values(actual);
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(a[i] - e[i]) <= rtol * Math.Max(1.0, Math.Abs(e[i])), $"{what}[{i}]: expected {e[i]}, got {a[i]}");
    }

    /// <summary>Gradients are compared within <paramref name="rtol"/> of the tensor's largest value (they are small).</summary>
    public static void AssertGradClose(Tensor expected, Tensor actual, string what, double rtol = 1e-4)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = Values(expected);
        var a = Values(actual);
        var tol = rtol * e.Max(v => Math.Abs(v));
        for (var i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tol, $"{what}[{i}]: expected {e[i]}, got {a[i]}");
    }

    /// <summary>A tensor's values as floats (row-major, whatever its layout).</summary>
    public static float[] Values(Tensor t) => ResearchKit.Engine.Ops.ToFloats(t);
}
