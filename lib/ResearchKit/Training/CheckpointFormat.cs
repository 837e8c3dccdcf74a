namespace ResearchKit.Training;

/// <summary>The checkpoint file layout (all little-endian), version 2 (TorchSharp engine):</summary>
/// <remarks>
/// <code>
/// magic    8 bytes  "RKCKPT\r\n"
/// version  int32    2
/// length   int64    body bytes
/// body:
///   step int64, epoch int64, metadata string, engine string
///   state:      int32 count, then per entry: name string, tensor   (the model's state_dict: parameters and buffers)
///   optimiser:  int32 byte count (−1: none), then TorchSharp's own optimiser state (Optimizer.save_state_dict)
///   rng:        int32 byte count (−1: none), then torch.get_rng_state()'s bytes
/// crc32    uint32   CRC-32 of the body
/// tensor = byte dtype (TorchSharp's ScalarType), int32 rank, int64 dims..., raw values (row-major)
/// string = 7-bit-encoded length + UTF-8
/// </code>
/// A reader refuses files whose magic, version, announced length or checksum do not match, so a truncated or foreign
/// file is never half-read. Version 1 was the kit's hand-written engine; its files are refused with that reason.</remarks>
internal static class CheckpointFormat
{
    /// <summary>The version this kit writes and the only one it reads.</summary>
    public const int Version = 2;

    /// <summary>Magic + version + body length.</summary>
    public const int HeaderBytes = 8 + 4 + 8;

    /// <summary>The trailing CRC-32.</summary>
    public const int TrailerBytes = 4;

    /// <summary>The magic bytes every checkpoint starts with.</summary>
    public static ReadOnlySpan<byte> Magic => "RKCKPT\r\n"u8;

    /// <summary>Highest tensor rank accepted when reading (guards against corrupt headers).</summary>
    public const int MaxRank = 8;
}
