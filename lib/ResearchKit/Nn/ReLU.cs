using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>max(0, x) elementwise (torch.nn.ReLU); no parameters.</summary>
public sealed class ReLU : Module
{
    /// <summary>max(0, x), same shape.</summary>
    public override Tensor Forward(Tensor input) => F.Relu(input);
}
