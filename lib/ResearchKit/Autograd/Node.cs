using ResearchKit.Tensors;

namespace ResearchKit.Autograd;

/// <summary>One recorded op: its inputs and the function that maps ∂loss/∂output to ∂loss/∂input for each input.</summary>
/// <remarks>The backward function returns one gradient per input, null where an input needs none; it must not modify
/// the gradient it is given, which may be shared.</remarks>
internal sealed class Node(string op, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
{
    /// <summary>The op's name, used in errors and anomaly reports ("conv2d", "batch_norm", ...).</summary>
    public string Op { get; } = op;

    /// <summary>The tensors the op read.</summary>
    public Tensor[] Inputs { get; } = inputs;

    /// <summary>Maps the output gradient to input gradients.</summary>
    public Func<Tensor, Tensor?[]> Backward { get; } = backward;
}
