using System.Numerics;
using System.Runtime.CompilerServices;

namespace ResearchKit.Data;

/// <summary>The five PNG scanline filters (None, Sub, Up, Average, Paeth), both directions.</summary>
/// <remarks>A filter predicts each byte from a = the byte <c>bpp</c> to the left, b = the byte above and
/// c = the byte above-left (0 outside the image) and stores the difference mod 256 (PNG spec section 9).</remarks>
internal static class PngFilters
{
    /// <summary>Reconstructs <paramref name="row"/> in place; <paramref name="prior"/> is the reconstructed row above (zeros for the first).</summary>
    public static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        switch (filter)
        {
            case 0: break;
            case 1:
                for (int i = bpp; i < row.Length; i++) row[i] += row[i - bpp];
                break;
            case 2: AddInPlace(row, prior); break;
            case 3:
                for (int i = 0; i < bpp; i++) row[i] += (byte)(prior[i] >> 1);
                for (int i = bpp; i < row.Length; i++) row[i] += (byte)((row[i - bpp] + prior[i]) >> 1);
                break;
            case 4: UnPaeth(row, prior, bpp); break;
            default: throw new ArgumentOutOfRangeException(nameof(filter));
        }
    }

    /// <summary>Writes <paramref name="row"/> filtered with <paramref name="filter"/> into <paramref name="dst"/> (same length).</summary>
    public static void Filter(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> dst)
    {
        int n = row.Length, head = Math.Min(bpp, n);
        switch (filter)
        {
            case 0: row.CopyTo(dst); break;
            case 1:
                row[..head].CopyTo(dst);
                for (int i = bpp; i < n; i++) dst[i] = (byte)(row[i] - row[i - bpp]);
                break;
            case 2:
                for (int i = 0; i < n; i++) dst[i] = (byte)(row[i] - prior[i]);
                break;
            case 3:
                for (int i = 0; i < head; i++) dst[i] = (byte)(row[i] - (prior[i] >> 1));
                for (int i = bpp; i < n; i++) dst[i] = (byte)(row[i] - ((row[i - bpp] + prior[i]) >> 1));
                break;
            case 4:
                for (int i = 0; i < head; i++) dst[i] = (byte)(row[i] - prior[i]);
                for (int i = bpp; i < n; i++) dst[i] = (byte)(row[i] - Paeth(row[i - bpp], prior[i], prior[i - bpp]));
                break;
            default: throw new ArgumentOutOfRangeException(nameof(filter));
        }
    }

    /// <summary>The Paeth predictor: whichever of a, b, c is closest to a + b - c (ties prefer a, then b).</summary>
    public static byte Paeth(byte a, byte b, byte c) => (byte)PaethInt(a, b, c);

    // Written without data-dependent branches (selects by sign masks; the JIT does not if-convert inside
    // loops): on photographs the chosen neighbour is unpredictable, and a mispredicted branch per byte
    // dominated decoding time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PaethInt(int a, int b, int c)
    {
        int pa = Abs(b - c), pb = Abs(a - c), pc = Abs(a + b - 2 * c);
        int takeC = (pc - pb) >> 31;                 // -1 when pc < pb
        int bc = b ^ ((b ^ c) & takeC);              // pb <= pc ? b : c
        int minBc = pb ^ ((pb ^ pc) & takeC);        // min(pb, pc)
        return a ^ ((a ^ bc) & ((minBc - pa) >> 31)); // pa <= min(pb, pc) ? a : bc
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Abs(int x)
    {
        int sign = x >> 31;
        return (x ^ sign) - sign;
    }

    // Most CamVid rows are Paeth-filtered, so this loop is the decoder's hot spot; pointers drop the bounds checks.
    private static unsafe void UnPaeth(Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        int n = row.Length;
        if (prior.Length < n) throw new ArgumentException("Prior row is shorter than the row.", nameof(prior));
        fixed (byte* r = row)
        fixed (byte* p = prior)
        {
            for (int i = 0; i < Math.Min(bpp, n); i++) r[i] += p[i];
            for (int i = bpp; i < n; i++) r[i] += (byte)PaethInt(r[i - bpp], p[i], p[i - bpp]);
        }
    }

    /// <summary>Sum of |filtered byte| read as signed: the libpng heuristic for choosing a row's filter.</summary>
    public static int Cost(ReadOnlySpan<byte> filtered)
    {
        int sum = 0;
        foreach (byte v in filtered) sum += Abs((sbyte)v);
        return sum;
    }

    // Up is a plain wrapping byte add; doing it a vector at a time makes it nearly free.
    private static void AddInPlace(Span<byte> row, ReadOnlySpan<byte> prior)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<byte>.Count <= row.Length; i += Vector<byte>.Count)
                (new Vector<byte>(row[i..]) + new Vector<byte>(prior[i..])).CopyTo(row[i..]);
        for (; i < row.Length; i++) row[i] += prior[i];
    }
}
