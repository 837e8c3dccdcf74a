using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>One convolution's cost in a forward pass: its name, parameters and multiply-accumulates (1 MAC = 2 FLOP).</summary>
public sealed record LayerCost(string Layer, long Parameters, long Macs)
{
    /// <summary>k²·C_in·C_out·h·w: the MACs of a k×k convolution from C_in to C_out channels producing an h×w map (spectral spec 2.7).</summary>
    public static long ConvMacs(int kernel, int inChannels, int outChannels, int height, int width) =>
        (long)kernel * kernel * inChannels * outChannels * height * width;

    /// <summary>Every <see cref="Conv2d"/> of <paramref name="model"/> that runs in one eval-mode forward of a zero input
    /// [batch,3,height,width], in module order, counted by forward hooks while it runs: a layer the forward skips costs
    /// nothing. BN, pooling and resizing are not counted (as bench/README.md's count).</summary>
    public static IReadOnlyList<LayerCost> PerLayer(nn.Module<Tensor, Tensor> model, int batch, int height, int width) =>
        Measure(model, m => m.call(zeros(batch, 3, height, width)));

    /// <summary>The conv layers of <paramref name="model"/> that <paramref name="run"/> (eval mode, no gradients) calls,
    /// each with the MACs its hooks saw: N·H_out·W_out·(C_out·C_in/groups·k_h·k_w) summed over its calls.</summary>
    public static IReadOnlyList<LayerCost> Measure(nn.Module<Tensor, Tensor> model, Action<nn.Module<Tensor, Tensor>> run)
    {
        var convs = Engine.Ops.NamedModules(model).Where(m => m.Module is Conv2d).Select(m => (name: m.Name, Conv: (Conv2d)m.Module)).ToList();
        var macs = new long[convs.Count];
        RunHooked(model, run, convs.Select(c => c.Conv), (i, output) => macs[i] += output.shape[0] * output.shape[2] * output.shape[3] * convs[i].Conv.weight!.numel());
        return convs.Select((c, i) => (c, i)).Where(x => macs[x.i] > 0)
            .Select(x => new LayerCost(x.c.name, x.c.Conv.parameters().Sum(p => p.numel()), macs[x.i])).ToList();
    }

    /// <summary>The parameters of the modules <paramref name="run"/> (eval mode, no gradients) really calls: every leaf
    /// module of <paramref name="model"/> with parameters is hooked, and each one called at least once counts once.</summary>
    public static long ParametersRun(nn.Module<Tensor, Tensor> model, Action<nn.Module<Tensor, Tensor>> run)
    {
        var leaves = Engine.Ops.NamedModules(model).Select(m => m.Module)
            .Where(m => !m.children().Any() && m.parameters(recurse: false).Any())
            .Select(m => m as nn.Module<Tensor, Tensor> ?? throw new NotSupportedException($"layer cost: cannot hook {m.GetType().Name}")).ToList();
        var called = new bool[leaves.Count];
        RunHooked(model, run, leaves, (i, _) => called[i] = true);
        return leaves.Where((_, i) => called[i]).Sum(m => m.parameters(recurse: false).Sum(p => p.numel()));
    }

    /// <summary>Runs <paramref name="run"/> in eval mode without gradients with a forward hook on each of
    /// <paramref name="modules"/> (told its index and output), then restores the mode and removes the hooks.</summary>
    private static void RunHooked(nn.Module<Tensor, Tensor> model, Action<nn.Module<Tensor, Tensor>> run,
        IEnumerable<nn.Module<Tensor, Tensor>> modules, Action<int, Tensor> onOutput)
    {
        var removers = new List<Action>();
        var wasTraining = model.training;
        try
        {
            foreach (var (m, i) in modules.Select((m, i) => (m, i)))
            {
                var h = m.register_forward_hook((_, _, output) => { onOutput(i, output); return output; });
                removers.Add(() => h.remove());
            }
            model.eval();
            using var scope = NewDisposeScope();
            using (no_grad()) run(model);
        }
        finally
        {
            model.train(wasTraining);
            foreach (var remove in removers) remove();
        }
    }
}
