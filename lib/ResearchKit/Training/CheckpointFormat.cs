namespace ResearchKit.Training;

/// <summary>The checkpoint file layout (all little-endian), version 1:</summary>
/// <remarks>
/// <code>
/// magic    8 bytes  "RKCKPT\r\n"
/// version  int32    1
/// length   int64    body bytes
/// body:
///   step int64, epoch int64, metadata string
///   parameters: int32 count, then per entry: name string, tensor
///   buffers:    int32 count, then per entry: name string, tensor
///   optimiser:  byte 0 | 1, then kind string, step count int64, learning rate float64, int32 parameter count,
///               per parameter: step int64, int32 buffer count, per buffer: name string, tensor
///   rng:        int32 byte count (−1: none), bytes
/// crc32    uint32   CRC-32 of the body
/// tensor = int32 rank, int32 dims..., float32 values (row-major); string = 7-bit-encoded length + UTF-8
/// </code>
/// A reader refuses files whose magic, version, announced length or checksum do not match, so a truncated or foreign
/// file is never half-read.</remarks>
internal static class CheckpointFormat
{
    /// <summary>The version this kit writes; it reads versions 1..Version.</summary>
    public const int Version = 1;

    /// <summary>Magic + version + body length.</summary>
    public const int HeaderBytes = 8 + 4 + 8;

    /// <summary>The trailing CRC-32.</summary>
    public const int TrailerBytes = 4;

    /// <summary>The magic bytes every checkpoint starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "RKCKPT\r\n"u8;

    /// <summary>Highest tensor rank accepted when reading (guards against corrupt headers).</summary>
    public const int MaxRank = 8;
}
