using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>A training forward of a <see cref="MultiExit"/> network (self-regulation spec §2), exits 1..N in block order.</summary>
/// <param name="Logits">S_b: every exit's logits up-sampled to the input, [N,C,H,W]; the last is the main output.</param>
/// <param name="Presence">q_b = sigmoid(Linear_b(GAP(Z_b))), [N,C], Z_b the exit's logits at its own resolution.</param>
/// <param name="Features">F_b, the blocks' outputs.</param>
/// <param name="Projected">Up_1(P_b(F_b)) for b = 2..N: each block projected to F_1's channels and resolution.</param>
public sealed record MultiExitOutput(Tensor[] Logits, Tensor[] Presence, Tensor[] Features, Tensor[] Projected);
