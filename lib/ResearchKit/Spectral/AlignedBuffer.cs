namespace ResearchKit.Spectral;

/// <summary>A pinned, 64-byte aligned buffer of unmanaged values owned by the garbage collector (no Dispose needed).</summary>
/// <remarks>FFTW's new-array execute functions require arrays aligned like the ones the plan was made with; the
/// array lives on the pinned object heap, so its address never moves and the aligned pointer stays valid as long as
/// the buffer is reachable: code that hands <see cref="Pointer"/> to native code keeps the buffer alive
/// (<see cref="GC.KeepAlive"/>) until the call returns, or a collection on another thread may free it mid-call.</remarks>
internal sealed unsafe class AlignedBuffer<T> where T : unmanaged
{
    private const int Alignment = 64;
    private readonly T[] _storage;
    private readonly int _offset;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public AlignedBuffer(long length)
    {
        if (length < 0 || length > int.MaxValue - Alignment)
            throw new ArgumentException($"Buffer length {length} is out of range.");
        Length = (int)length;
        _storage = GC.AllocateArray<T>(Length + Alignment / sizeof(T) + 1, pinned: true);
        fixed (T* p = _storage)
        {
            var misalign = (int)((nuint)p % Alignment);
            _offset = misalign == 0 ? 0 : (Alignment - misalign) / sizeof(T);
        }
        Pointer = (T*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _storage[_offset]);
    }

    /// <summary>Number of usable elements.</summary>
    public int Length { get; }

    /// <summary>Aligned address of element 0.</summary>
    public T* Pointer { get; }

    /// <summary>The usable elements as a span.</summary>
    public Span<T> Span => _storage.AsSpan(_offset, Length);
}
