using System.Text;
using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class Crc32Tests
{
    [Fact]
    public void StandardCheckString_GivesCbf43926() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void EmptyInput_GivesZero() => Assert.Equal(0u, Crc32.Compute([]));

    [Fact]
    public void IendChunkType_GivesTheCrcEveryPngEndsWith() =>
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8));

    [Fact]
    public void SlicedComputation_MatchesBitwiseReference_ForEveryLengthUpTo70()
    {
        var rng = new Random(7);
        for (int n = 0; n <= 70; n++)
        {
            var data = new byte[n];
            rng.NextBytes(data);
            Assert.Equal(Bitwise(data), Crc32.Compute(data));
        }
    }

    [Fact]
    public void UpdateInPieces_EqualsOneShot()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        uint crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, data.AsSpan(0, 13)), data.AsSpan(13));
        Assert.Equal(0x414FA339u, ~crc);
        Assert.Equal(0x414FA339u, Crc32.Compute(data));
    }

    // The definition itself: shift out one bit at a time with the reflected polynomial.
    private static uint Bitwise(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
        }
        return ~c;
    }
}
