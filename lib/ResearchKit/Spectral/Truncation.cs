using System.Numerics;
using ResearchKit.Engine;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Spectral;

/// <summary>Where SpectralCrop samples the band-limited input (spectral spec 2.7, step 3).</summary>
public enum CropAlignment
{
    /// <summary>Output pixel m samples position m·t + (t−1)/2: the phase of area pooling and of bilinear with
    /// align_corners=false. The default.</summary>
    Centre,

    /// <summary>Output pixel m samples position m·t (no phase shift).</summary>
    TopLeft,
}

/// <summary>The two feature-truncation operators of spectral spec 2.7, mapping each channel of [N,C,h,w] to
/// [N,C,h/t,w/t].</summary>
public enum TruncationOperator
{
    /// <summary>The mean over each t×t block.</summary>
    AreaDownsample,

    /// <summary>Keep the DFT coefficients with |ũ| &lt; h′/2 and |ṽ| &lt; w′/2, re-sample on the coarse grid.</summary>
    SpectralCrop,
}

/// <summary>Feature truncation (spectral spec 2.7): <see cref="AreaDownsample"/> and the FFT-based, differentiable
/// <see cref="SpectralCrop"/>, on TorchSharp tensors with autograd.</summary>
/// <remarks>SpectralCrop is linear and real: y = A·x with A = (1/(h·w))·IDFT′·P·D·DFT, where DFT and IDFT′ are the
/// unnormalised transforms of the h×w and h′×w′ planes, P keeps the band and D is the alignment phase. It runs on
/// torch.fft, so its backward (Aᵀ·g) comes from autograd; <see cref="SpectralCropPlane"/> is the same operator on one plane
/// in double precision through FFTW, the reference the tests hold it to.</remarks>
public static class Truncation
{
    /// <summary>Applies <paramref name="op"/> with factor <paramref name="t"/> (Centre alignment for SpectralCrop).</summary>
    public static Tensor Apply(TruncationOperator op, Tensor x, int t) => op switch
    {
        TruncationOperator.AreaDownsample => AreaDownsample(x, t),
        TruncationOperator.SpectralCrop => SpectralCrop(x, t),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown truncation operator"),
    };

    /// <summary>The mean over each t×t block: [N,C,h,w] -> [N,C,h/t,w/t] (t must divide h and w); t = 1 is the identity.</summary>
    public static Tensor AreaDownsample(Tensor x, int t)
    {
        CheckShape("area_downsample", x, t);
        return t == 1 ? x : F.avg_pool2d(x, t, t);
    }

    /// <summary>The mean over each g×g cell of a grid anchored at the top-left pixel: [N,C,h,w] -> [N,C,⌈h/g⌉,⌈w/g⌉]; a cell
    /// cut by the bottom or right edge is the mean of the pixels it holds (avg_pool2d with ceil_mode, no padding, so the
    /// divisor counts only the pixels inside). g = 1 is the identity.</summary>
    public static Tensor GridMean(Tensor x, int g)
    {
        Ops.Require(g >= 1 && x.dim() == 4, "grid_mean", $"input must be [N,C,h,w] and the cell size at least 1, got {g}", x);
        return g == 1 ? x : F.avg_pool2d(x, [g, g], [g, g], ceil_mode: true, count_include_pad: false);
    }

    /// <summary>The spectral crop of each channel: [N,C,h,w] -> [N,C,h/t,w/t] (t must divide h and w); t = 1 is the identity.</summary>
    /// <remarks>fft2 (complex64), keep the band |ũ| &lt; h′/2, |ṽ| &lt; w′/2 with the alignment phase, place it in the
    /// h′×w′ spectrum (an even size's Nyquist row and column stay zero), ifft2, real part, scaled by h′w′/(hw) so the
    /// inverse is the unnormalised one divided by hw.</remarks>
    public static Tensor SpectralCrop(Tensor x, int t, CropAlignment alignment = CropAlignment.Centre)
    {
        CheckShape("spectral_crop", x, t);
        if (t == 1) return x;
        long h = x.shape[2], w = x.shape[3], oh = h / t, ow = w / t;
        var device = x.device;
        var spectrum = fft.fft2(x.contiguous()); // [N,C,h,w] complex (complex128 for a float64 input)
        var (rowsFrom, rowsTo, rowPhase) = Axis(h, oh, t, alignment, device);
        var (colsFrom, colsTo, colPhase) = Axis(w, ow, t, alignment, device);
        var phase = (rowPhase.unsqueeze(1) * colPhase.unsqueeze(0)).to_type(spectrum.dtype);  // [ku,kv], built in double
        var band = spectrum.index_select(2, rowsFrom).index_select(3, colsFrom) * phase;   // [N,C,ku,kv]
        var padded = cat([band, zeros_like(band[.., .., ..1])], 2);                        // + one zero row
        padded = cat([padded, zeros_like(padded[.., .., .., ..1])], 3);                    // + one zero column
        var small = padded.index_select(2, rowsTo).index_select(3, colsTo);                // [N,C,h',w']
        var y = fft.ifft2(small).real * ((double)(oh * ow) / (h * w));
        // Back in the input's layout: a channels-last decoder fed an NCHW skip through cat gets NaN input gradients
        // from libtorch 2.10's convolution backward (TruncationTests.SpectralCropInAChannelsLastUNet_TrainsWithFiniteGradients).
        return Layout.IsChannelsLast(x) ? Layout.ChannelsLast(y) : y;
    }

    // One axis of the band: which fine-spectrum indices are kept (in kept order), for each coarse index the position of
    // its coefficient among them (or the zero row past the end), and each kept frequency's phase exp(2πi·f·δ/size).
    private static (Tensor From, Tensor To, Tensor Phase) Axis(long size, long outSize, int t, CropAlignment alignment, Device device)
    {
        var kept = Enumerable.Range((int)-outSize, (int)(2 * outSize + 1)).Where(f => 2 * Math.Abs(f) < outSize).ToArray();
        var delta = alignment == CropAlignment.Centre ? (t - 1) / 2.0 : 0;
        var from = kept.Select(f => (long)Mod(f, size)).ToArray();
        var to = Enumerable.Repeat((long)kept.Length, (int)outSize).ToArray();
        for (var k = 0; k < kept.Length; k++) to[Mod(kept[k], outSize)] = k;
        var angle = kept.Select(f => 2 * Math.PI * f * delta / size).ToArray();
        var phase = polar(ones(kept.Length, ScalarType.Float64), tensor(angle));
        return (tensor(from, device: device), tensor(to, device: device), phase.to(device));
    }

    private static int Mod(long f, long n) => (int)(((f % n) + n) % n);

    /// <summary>SpectralCrop of one h×w plane in double precision, with the largest |imaginary part| left after the
    /// inverse DFT (zero up to rounding: the kept band is conjugate-symmetric). For tests and worked examples.</summary>
    public static double[] SpectralCropPlane(double[] plane, int h, int w, int t, CropAlignment alignment, out double maxImaginary) =>
        new Band(h, w, t, alignment).Forward(plane, out maxImaginary);

    /// <summary>The adjoint (backward) of <see cref="SpectralCropPlane"/> on one coarse plane.</summary>
    public static double[] SpectralCropAdjointPlane(double[] coarse, int h, int w, int t, CropAlignment alignment) =>
        new Band(h, w, t, alignment).Adjoint(coarse);

    private static void CheckShape(string op, Tensor x, int t)
    {
        Ops.Require(t >= 1, op, $"factor t must be at least 1, got {t}", x);
        Ops.Require(x.dim() == 4 && x.shape[2] % t == 0 && x.shape[3] % t == 0, op,
            $"input must be [N,C,h,w] with h and w multiples of t = {t}", x);
    }

    /// <summary>The kept coefficients of an h×w → h′×w′ crop: signed frequencies |ũ| &lt; h′/2, |ṽ| &lt; w′/2, their
    /// indices in both planes and their alignment phases.</summary>
    private sealed class Band
    {
        private readonly int _h, _w;
        private readonly int[] _us, _vs; // signed kept frequencies per axis
        private readonly Complex[] _phaseU, _phaseV;

        public Band(int h, int w, int t, CropAlignment alignment)
        {
            (_h, _w, OutHeight, OutWidth) = (h, w, h / t, w / t);
            _us = Kept(OutHeight);
            _vs = Kept(OutWidth);
            double dy = alignment == CropAlignment.Centre ? (t - 1) / 2.0 : 0, dx = dy; // δ = (h/h′ − 1)/2
            _phaseU = _us.Select(u => Complex.FromPolarCoordinates(1, 2 * Math.PI * u * dy / h)).ToArray();
            _phaseV = _vs.Select(v => Complex.FromPolarCoordinates(1, 2 * Math.PI * v * dx / w)).ToArray();
        }

        public int OutHeight { get; }

        public int OutWidth { get; }

        // Signed frequencies f with |f| < size/2, compared as reals (an even size's Nyquist index is dropped).
        private static int[] Kept(int size) => Enumerable.Range(-size, 2 * size + 1).Where(f => 2 * Math.Abs(f) < size).ToArray();

        private static int Mod(int f, int n) => ((f % n) + n) % n;

        /// <summary>y = (1/(h·w))·IDFT′[P·D·DFT x]; <paramref name="maxImaginary"/> is the largest |Im| before the real part is taken.</summary>
        public double[] Forward(double[] x, out double maxImaginary)
        {
            var full = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(x, _h, _w, FftNorm.Backward, threads: 1), _h, _w);
            var small = new Complex[OutHeight * OutWidth];
            for (var i = 0; i < _us.Length; i++)
                for (var j = 0; j < _vs.Length; j++)
                    small[Mod(_us[i], OutHeight) * OutWidth + Mod(_vs[j], OutWidth)] =
                        full[Mod(_us[i], _h) * _w + Mod(_vs[j], _w)] * _phaseU[i] * _phaseV[j];
            var back = Fft2D.Inverse(small, OutHeight, OutWidth, FftNorm.Forward, threads: 1); // unnormalised inverse
            var scale = 1.0 / ((double)_h * _w);
            var y = new double[back.Length];
            maxImaginary = 0;
            for (var k = 0; k < back.Length; k++)
            {
                y[k] = back[k].Real * scale;
                maxImaginary = Math.Max(maxImaginary, Math.Abs(back[k].Imaginary * scale));
            }
            return y;
        }

        /// <summary>Aᵀ g = (1/(h·w))·IDFT[pad(conj(D)·DFT′ g)].</summary>
        public double[] Adjoint(double[] g)
        {
            var small = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(g, OutHeight, OutWidth, FftNorm.Backward, threads: 1), OutHeight, OutWidth);
            var full = new Complex[_h * _w];
            for (var i = 0; i < _us.Length; i++)
                for (var j = 0; j < _vs.Length; j++)
                    full[Mod(_us[i], _h) * _w + Mod(_vs[j], _w)] =
                        small[Mod(_us[i], OutHeight) * OutWidth + Mod(_vs[j], OutWidth)] * Complex.Conjugate(_phaseU[i] * _phaseV[j]);
            var back = Fft2D.Inverse(full, _h, _w, FftNorm.Forward, threads: 1);
            var scale = 1.0 / ((double)_h * _w);
            var dx = new double[back.Length];
            for (var k = 0; k < back.Length; k++) dx[k] = back[k].Real * scale;
            return dx;
        }
    }
}
