namespace ResearchKit.Notebooks.Kernel.Zmq;

/// <summary>A libzmq context; dispose it after every socket made in it.</summary>
internal sealed class ZmqContext : IDisposable
{
    private nint _handle = LibZmq.CtxNew();

    /// <summary>The native handle.</summary>
    public nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(ZmqContext));

    /// <summary>libzmq's version, e.g. "4.3.4".</summary>
    public static unsafe string Version()
    {
        int major, minor, patch;
        LibZmq.Version(&major, &minor, &patch);
        return $"{major}.{minor}.{patch}";
    }

    /// <summary>Terminates the context.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        LibZmq.CtxTerm(_handle);
        _handle = 0;
    }
}
