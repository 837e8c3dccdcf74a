using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class ModuleTests
{
    /// <summary>y = weight ⊙ x + bias, with a buffer to test state handling.</summary>
    private sealed class Affine : Module
    {
        public Affine(int n, float scale = 1)
        {
            Weight = RegisterParameter("weight", Tensor.Full(scale, n));
            Bias = RegisterParameter("bias", Tensor.Zeros(n));
            Seen = RegisterBuffer("seen", Tensor.Zeros(1));
        }

        public Tensor Weight { get; }
        public Tensor Bias { get; }
        public Tensor Seen { get; }

        public override Tensor Forward(Tensor input) => F.Add(F.Mul(Weight, input), Bias);
    }

    private sealed class Net : Module
    {
        public Net(int n = 2)
        {
            Gain = RegisterParameter("gain", Tensor.Full(1f, n));
            Enc = RegisterModule("enc", new Sequential(new Affine(n, 2), new Affine(n, 3)));
            Head = RegisterModule("head", new Affine(n));
        }

        public Tensor Gain { get; }
        public Sequential Enc { get; }
        public Affine Head { get; }

        public override Tensor Forward(Tensor input) => Head.Forward(Enc.Forward(F.Mul(Gain, input)));
    }

    [Fact]
    public void NamedParameters_OwnFirstThenChildrenDepthFirst_WithDottedNames()
    {
        Assert.Equal(["gain", "enc.0.weight", "enc.0.bias", "enc.1.weight", "enc.1.bias", "head.weight", "head.bias"],
            new Net().NamedParameters().Select(p => p.Name));
        Assert.Equal(["enc.0.seen", "enc.1.seen", "head.seen"], new Net().NamedBuffers().Select(b => b.Name));
        Assert.Equal(14, new Net().ParameterCount());
        Assert.All(new Net().Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void StateDict_PerModuleParametersThenBuffers_SharingTheModulesValues()
    {
        var net = new Net();
        var state = net.StateDict();
        Assert.Equal(["gain", "enc.0.weight", "enc.0.bias", "enc.0.seen", "enc.1.weight", "enc.1.bias", "enc.1.seen",
            "head.weight", "head.bias", "head.seen"], state.Keys);
        Assert.Same(net.Head.Weight.Data, state["head.weight"].Data);
        Assert.False(state["head.weight"].RequiresGrad);
    }

    [Fact]
    public void SequentialForward_AppliesLayersInOrder()
    {
        var net = new Net();
        var y = net.Forward(new Tensor([1f, -1f], 2)); // 1·(3·(2·x))
        Assert.Equal([6f, -6f], y.Data);
        Assert.Equal(2, net.Enc.Count);
        Assert.Same(net.Enc[1], net.NamedModules().Single(m => m.Name == "enc.1").Value);
    }

    [Fact]
    public void TrainAndEval_ReachEveryDescendant()
    {
        var net = new Net();
        Assert.All(net.NamedModules(), m => Assert.True(m.Value.Training));
        net.Eval();
        Assert.All(net.NamedModules(), m => Assert.False(m.Value.Training));
        net.Enc.Train();
        Assert.Equal([false, true, true, true, false], net.NamedModules().Select(m => m.Value.Training));
    }

    [Fact]
    public void ZeroGrad_ClearsGradientsSoTheNextBackwardStartsAfresh()
    {
        var net = new Net();
        var x = new Tensor([1f, 2f], 2);
        F.Sum(net.Forward(x)).Backward();
        Assert.Equal([6f, 12f], net.Gain.Grad!.Data);  // ∂/∂gain of 6·gain⊙x = 6x
        net.ZeroGrad();
        Assert.All(net.Parameters(), p => Assert.Null(p.Grad));
        F.Sum(net.Forward(x)).Backward();
        Assert.Equal([6f, 12f], net.Gain.Grad!.Data);
    }

    [Fact]
    public void LoadStateDict_CopiesValuesInPlace()
    {
        var (source, target) = (new Net(), new Net());
        source.Head.Bias.Data[1] = 5;
        source.Enc[0].StateDict()["seen"].Data[0] = 7;
        var bias = target.Head.Bias;
        target.LoadStateDict(source.StateDict());
        Assert.Same(bias, target.Head.Bias);
        Assert.Equal([0f, 5f], target.Head.Bias.Data);
        Assert.Equal(7f, target.StateDict()["enc.0.seen"].Data[0]);
    }

    [Fact]
    public void LoadStateDict_ListsEveryMismatchByLayer_AndCopiesNothing()
    {
        var target = new Net(2);
        var state = new Net(3).StateDict();
        state.Remove("head.seen");
        state.Add("extra.weight", Tensor.Zeros(1));
        var e = Assert.Throws<ArgumentException>(() => target.LoadStateDict(state));
        Assert.StartsWith("load state dict: layer gain: state dict [3], model [2]; layer enc.0.weight: state dict [3], model [2];", e.Message);
        Assert.Contains("layer head.seen: missing from the state dict (model [1])", e.Message);
        Assert.EndsWith("layer extra.weight: in the state dict but not in the model", e.Message);
        Assert.Equal([1f, 1f], target.Gain.Data);
        var partial = new OrderedDictionary<string, Tensor> { ["head.bias"] = new Tensor([4f, 4f], 2), ["other"] = Tensor.Zeros(1) };
        target.LoadStateDict(partial, strict: false);
        Assert.Equal([4f, 4f], target.Head.Bias.Data);
    }

    [Fact]
    public void InvalidOrRepeatedNames_AreRefused()
    {
        Assert.Contains("already registered", Assert.Throws<ArgumentException>(() => new Repeated()).Message);
        Assert.Contains("not a valid name", Assert.Throws<ArgumentException>(() => new Dotted()).Message);
    }

    private sealed class Repeated : Module
    {
        public Repeated()
        {
            RegisterParameter("w", Tensor.Zeros(1));
            RegisterBuffer("w", Tensor.Zeros(1));
        }

        public override Tensor Forward(Tensor input) => input;
    }

    private sealed class Dotted : Module
    {
        public Dotted() => RegisterParameter("a.b", Tensor.Zeros(1));

        public override Tensor Forward(Tensor input) => input;
    }
}
