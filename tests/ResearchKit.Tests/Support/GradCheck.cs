using static TorchSharp.torch;

namespace ResearchKit.Tests.Support;

/// <summary>Finite-difference gradient checks in float64: the autograd gradient of ⟨f(x), r⟩ for a fixed random r
/// against central differences at every element of x.</summary>
internal static class GradCheck
{
    /// <summary>Asserts the autograd gradient of f at x (float64 [any]) matches central differences within 1e-6 relative.</summary>
    public static void Assert(Func<Tensor, Tensor> f, Tensor x, double eps = 1e-6, double tol = 1e-6)
    {
        x = x.to_type(ScalarType.Float64).detach().requires_grad_(true);
        var y = f(x);
        var r = TestTensors.Uniform(99, y.shape).to_type(ScalarType.Float64);
        (y * r).sum().backward();
        var analytic = x.grad!.data<double>().ToArray();
        var flat = x.detach().clone().reshape(-1);
        for (var i = 0; i < flat.numel(); i++)
        {
            double At(double delta)
            {
                using var _ = no_grad();
                var probe = flat.clone();
                probe[i] = probe[i] + delta;
                return (f(probe.reshape(x.shape)) * r).sum().item<double>();
            }
            var numeric = (At(eps) - At(-eps)) / (2 * eps);
            Xunit.Assert.True(Math.Abs(numeric - analytic[i]) <= tol * Math.Max(1, Math.Abs(numeric)),
                $"d/dx[{i}]: finite differences {numeric}, autograd {analytic[i]}");
        }
    }
}
