using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharpTwin;

/// <summary>2 x (3x3 conv without bias -> BatchNorm -> ReLU), as `Block` in bench/torch/unet_ref.py.</summary>
internal sealed class Block : Module<Tensor, Tensor>
{
    // Field names are the parameter names (RegisterComponents): conv1.weight, bn1.weight, bn1.bias, ...
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;

    public Block(long cin, long cout) : base(nameof(Block))
    {
        conv1 = Conv2d(cin, cout, 3, padding: 1, bias: false);
        bn1 = BatchNorm2d(cout);
        conv2 = Conv2d(cout, cout, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(cout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = F.relu(bn1.forward(conv1.forward(x)));
        return F.relu(bn2.forward(conv2.forward(y)));
    }
}

/// <summary>unet_ref.py's UNetRef: encoder 16-32-64-128, bottleneck 256, bilinear decoder, 1x1 head.</summary>
internal sealed class UNetRef : Module<Tensor, Tensor>
{
    public static readonly long[] Widths = [16, 32, 64, 128];
    public const long Bottleneck = 256, InChannels = 3, NumClasses = 12;

    // Declaration order = named_parameters() order of the PyTorch model.
    private readonly Block enc1, enc2, enc3, enc4, bottleneck, dec4, dec3, dec2, dec1;
    private readonly Conv2d head;

    public UNetRef() : base(nameof(UNetRef))
    {
        long c1 = Widths[0], c2 = Widths[1], c3 = Widths[2], c4 = Widths[3];
        enc1 = new Block(InChannels, c1);
        enc2 = new Block(c1, c2);
        enc3 = new Block(c2, c3);
        enc4 = new Block(c3, c4);
        bottleneck = new Block(c4, Bottleneck);
        dec4 = new Block(Bottleneck + c4, c4);
        dec3 = new Block(c4 + c3, c3);
        dec2 = new Block(c3 + c2, c2);
        dec1 = new Block(c2 + c1, c1);
        head = Conv2d(c1, NumClasses, 1, bias: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) // [N,3,H,W] -> [N,12,H,W]
    {
        var s1 = enc1.forward(x);
        var s2 = enc2.forward(Pool(s1));
        var s3 = enc3.forward(Pool(s2));
        var s4 = enc4.forward(Pool(s3));
        var b = bottleneck.forward(Pool(s4));
        var d = dec4.forward(cat([Up2(b), s4], 1));
        d = dec3.forward(cat([Up2(d), s3], 1));
        d = dec2.forward(cat([Up2(d), s2], 1));
        d = dec1.forward(cat([Up2(d), s1], 1));
        return head.forward(d);
    }

    private static Tensor Pool(Tensor x) => F.max_pool2d(x, 2, stride: 2);

    /// <summary>Bilinear x2 up-sampling, align_corners=False (F.interpolate(scale_factor=2) in PyTorch).</summary>
    private static Tensor Up2(Tensor x) =>
        F.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>Conv MACs of one forward, layer by layer as unet_ref.layer_macs (19 convs, head included).</summary>
    public static long ForwardMacs(long batch, long height, long width)
    {
        if (height % 16 != 0 || width % 16 != 0)
            throw new ArgumentException($"size {height}x{width}: both sides must be divisible by 16");
        long total = 0, cin = InChannels;
        long[] levels = [.. Widths, Bottleneck];
        for (int level = 0; level < levels.Length; level++)
        {
            long cout = levels[level], px = (height >> level) * (width >> level);
            total += batch * px * cout * cin * 9 + batch * px * cout * cout * 9;
            cin = cout;
        }
        for (int level = 3; level >= 0; level--)
        {
            long cout = Widths[level], px = (height >> level) * (width >> level);
            total += batch * px * cout * (cin + cout) * 9 + batch * px * cout * cout * 9;
            cin = cout;
        }
        return total + batch * height * width * NumClasses * cin;
    }
}
