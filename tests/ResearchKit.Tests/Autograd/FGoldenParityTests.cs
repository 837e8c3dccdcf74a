using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

/// <summary>Forward values and gradients of the non-conv ops against PyTorch 1.13 (data-scripts/goldens_ops.py).</summary>
public sealed class FGoldenParityTests
{
    public static TheoryData<string> ProjectedOps => new(
        "ops_relu", "ops_max_pool2d_k2s2", "ops_max_pool2d_k3s2p1", "ops_avg_pool2d_k3s2p1", "ops_avg_pool2d_k2s2",
        "ops_adaptive_avg_pool2d", "ops_global_avg_pool2d",
        "ops_upsample_bilinear_noalign_3x4_to_6x8", "ops_upsample_bilinear_noalign_3x4_to_5x7", "ops_upsample_bilinear_noalign_6x5_to_4x3",
        "ops_upsample_bilinear_align_3x4_to_6x8", "ops_upsample_bilinear_align_3x4_to_5x7", "ops_upsample_bilinear_align_6x5_to_4x3",
        "ops_upsample_nearest_3x4_to_6x8", "ops_upsample_nearest_3x4_to_7x9", "ops_upsample_nearest_7x9_to_3x4",
        "ops_concat_dim1", "ops_concat_dim_last", "ops_sum_dims_0_2", "ops_mean_dims_2_3_keep",
        "ops_softmax_dim1", "ops_log_softmax_dim1", "ops_softmax_dim_last", "ops_log_softmax_dim0");

    public static TheoryData<string> Losses => new(
        "ops_cross_entropy_ignore_weights", "ops_cross_entropy_2d", "ops_soft_cross_entropy",
        "ops_kl_div_t2_detached", "ops_kl_div_t2_both", "ops_mse_loss");

    [Theory]
    [MemberData(nameof(ProjectedOps))]
    public void Op_MatchesPyTorchOutputAndGradients(string name)
    {
        var golden = Golden.Load(name);
        var inputNames = name.StartsWith("ops_concat") ? (name.EndsWith("dim1") ? ["a", "b", "c"] : new[] { "a", "b" }) : ["x"];
        var inputs = inputNames.Select(golden.Input).ToArray();
        foreach (var x in inputs) x.RequiresGrad = true;
        var y = Apply(name, golden, inputs);
        Golden.AssertClose(golden.Output("y"), y, what: name + " output");
        F.Sum(F.Mul(y, golden.Input("proj"))).Backward();
        for (var k = 0; k < inputs.Length; k++) Golden.AssertClose(golden.Grad(inputNames[k]), inputs[k].Grad!, what: $"{name} grad {inputNames[k]}");
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Loss_MatchesPyTorchValueAndGradients(string name)
    {
        var golden = Golden.Load(name);
        var (loss, inputs) = Loss(name, golden);
        Golden.AssertClose(golden.Output("loss"), loss, what: name + " loss");
        loss.Backward();
        foreach (var (key, x) in inputs)
            if (key == "teacher" && name.EndsWith("detached")) Assert.Null(x.Grad);
            else Golden.AssertClose(golden.Grad(key), x.Grad!, what: $"{name} grad {key}");
    }

    [Theory]
    [InlineData("ops_batch_norm_train")]
    [InlineData("ops_batch_norm_eval")]
    public void BatchNorm_MatchesPyTorchOutputGradientsAndRunningStatistics(string name)
    {
        var golden = Golden.Load(name);
        Tensor x = golden.Input("x"), weight = golden.Input("weight"), bias = golden.Input("bias");
        Tensor runningMean = golden.Input("running_mean"), runningVar = golden.Input("running_var");
        x.RequiresGrad = weight.RequiresGrad = bias.RequiresGrad = true;
        var y = F.BatchNorm2d(x, weight, bias, runningMean, runningVar, (bool)golden.Param("training")!,
            (double)golden.Param("momentum")!, (double)golden.Param("eps")!);
        Golden.AssertClose(golden.Output("y"), y, what: "y");
        Golden.AssertClose(golden.Output("running_mean"), runningMean, what: "running mean");
        Golden.AssertClose(golden.Output("running_var"), runningVar, what: "running var");
        F.Sum(F.Mul(y, golden.Input("proj"))).Backward();
        Golden.AssertClose(golden.Grad("x"), x.Grad!, what: "grad x");
        Golden.AssertClose(golden.Grad("weight"), weight.Grad!, what: "grad weight");
        Golden.AssertClose(golden.Grad("bias"), bias.Grad!, what: "grad bias");
    }

    private static Tensor Apply(string name, Golden g, Tensor[] x)
    {
        int P(string key) => (int)g.Param(key)!;
        if (name.StartsWith("ops_upsample_bilinear")) return F.UpsampleBilinear(x[0], P("outH"), P("outW"), (bool)g.Param("alignCorners")!);
        if (name.StartsWith("ops_upsample_nearest")) return F.UpsampleNearest(x[0], P("outH"), P("outW"));
        if (name.StartsWith("ops_max_pool2d")) return F.MaxPool2d(x[0], P("kernel"), P("stride"), P("padding"));
        if (name.StartsWith("ops_avg_pool2d")) return F.AvgPool2d(x[0], P("kernel"), P("stride"), P("padding"));
        if (name.StartsWith("ops_concat")) return F.Concat(x, P("dim"));
        if (name.StartsWith("ops_softmax")) return F.Softmax(x[0], P("dim"));
        if (name.StartsWith("ops_log_softmax")) return F.LogSoftmax(x[0], P("dim"));
        var dims = name.StartsWith("ops_sum") || name.StartsWith("ops_mean") ? g.Param("dims")!.AsArray().Select(d => (int)d!).ToArray() : [];
        return name switch
        {
            "ops_relu" => F.Relu(x[0]),
            "ops_adaptive_avg_pool2d" => F.AdaptiveAvgPool2d(x[0], P("outH"), P("outW")),
            "ops_global_avg_pool2d" => F.GlobalAvgPool2d(x[0]),
            "ops_sum_dims_0_2" => F.Sum(x[0], dims, (bool)g.Param("keepDim")!),
            "ops_mean_dims_2_3_keep" => F.Mean(x[0], dims, (bool)g.Param("keepDim")!),
            _ => throw new ArgumentException($"no op for golden {name}"),
        };
    }

    private static (Tensor Loss, Dictionary<string, Tensor> Inputs) Loss(string name, Golden g)
    {
        Dictionary<string, Tensor> Leaves(params string[] keys) => keys.ToDictionary(k => k, k =>
        {
            var t = g.Input(k);
            t.RequiresGrad = true;
            return t;
        });
        int[] Labels() => g.Input("labels").Data.Select(v => (int)v).ToArray();
        switch (name)
        {
            case "ops_cross_entropy_ignore_weights":
            case "ops_cross_entropy_2d":
            {
                var inputs = Leaves("logits");
                var weights = name.EndsWith("weights") ? g.Param("classWeights")!.AsArray().Select(v => (float)v!).ToArray() : null;
                return (F.CrossEntropy(inputs["logits"], Labels(), (int)g.Param("ignoreIndex")!, weights), inputs);
            }
            case "ops_soft_cross_entropy":
            {
                var inputs = Leaves("logits", "targets");
                return (F.SoftCrossEntropy(inputs["logits"], inputs["targets"]), inputs);
            }
            case "ops_kl_div_t2_detached":
            case "ops_kl_div_t2_both":
            {
                var inputs = Leaves("student", "teacher");
                return (F.KlDiv(inputs["student"], inputs["teacher"], (double)g.Param("temperature")!, (bool)g.Param("detachTeacher")!), inputs);
            }
            default:
            {
                var inputs = Leaves("a", "b");
                return (F.MseLoss(inputs["a"], inputs["b"]), inputs);
            }
        }
    }
}
