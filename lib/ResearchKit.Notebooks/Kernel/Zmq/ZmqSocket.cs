namespace ResearchKit.Notebooks.Kernel.Zmq;

/// <summary>One libzmq socket: bind or connect, send and receive multipart messages, poll for input. Not thread-safe:
/// use each socket from one thread, as libzmq requires.</summary>
internal sealed unsafe class ZmqSocket : IDisposable
{
    private nint _handle;

    /// <summary>A socket of <paramref name="type"/> (<see cref="LibZmq.Router"/>, <see cref="LibZmq.Pub"/>, ...) in
    /// <paramref name="context"/>, with linger 0 so closing never blocks.</summary>
    public ZmqSocket(ZmqContext context, int type)
    {
        _handle = LibZmq.Socket(context.Handle, type);
        if (_handle == 0) throw new IOException($"zmq_socket: {LibZmq.LastError()}");
        var linger = 0;
        LibZmq.SetSockOpt(_handle, LibZmq.OptLinger, &linger, sizeof(int));
    }

    /// <summary>The native handle (for polling).</summary>
    public nint Handle => _handle;

    /// <summary>Binds to <paramref name="endpoint"/> (e.g. tcp://127.0.0.1:5555, or port 0 for any free port) and returns
    /// the endpoint actually bound.</summary>
    public string Bind(string endpoint)
    {
        if (LibZmq.Bind(_handle, endpoint) != 0) throw new IOException($"zmq_bind {endpoint}: {LibZmq.LastError()}");
        var buffer = stackalloc byte[256];
        nuint size = 256;
        return LibZmq.GetSockOpt(_handle, LibZmq.OptLastEndpoint, buffer, &size) == 0
            ? System.Text.Encoding.UTF8.GetString(buffer, (int)size - 1) : endpoint;
    }

    /// <summary>Connects to <paramref name="endpoint"/>.</summary>
    public void Connect(string endpoint)
    {
        if (LibZmq.Connect(_handle, endpoint) != 0) throw new IOException($"zmq_connect {endpoint}: {LibZmq.LastError()}");
    }

    /// <summary>Subscribes a SUB socket to every topic.</summary>
    public void SubscribeAll() => LibZmq.SetSockOpt(_handle, LibZmq.OptSubscribe, null, 0);

    /// <summary>Sends <paramref name="frames"/> as one multipart message.</summary>
    public void Send(IReadOnlyList<byte[]> frames)
    {
        for (var i = 0; i < frames.Count; i++)
            fixed (byte* p = frames[i])
            {
                var flags = i < frames.Count - 1 ? LibZmq.SndMore : 0;
                if (LibZmq.Send(_handle, p, (nuint)frames[i].Length, flags) < 0)
                    throw new IOException($"zmq_send: {LibZmq.LastError()}");
            }
    }

    /// <summary>Receives one whole multipart message, waiting at most <paramref name="timeoutMs"/> (−1 = forever); null on timeout.</summary>
    public List<byte[]>? Receive(int timeoutMs)
    {
        if (!Poll(timeoutMs)) return null;
        var frames = new List<byte[]>();
        LibZmq.Message message;
        while (true)
        {
            LibZmq.MsgInit(&message);
            if (LibZmq.MsgRecv(&message, _handle, 0) < 0)
            {
                LibZmq.MsgClose(&message);
                throw new IOException($"zmq_msg_recv: {LibZmq.LastError()}");
            }
            var size = (int)LibZmq.MsgSize(&message);
            frames.Add(new ReadOnlySpan<byte>(LibZmq.MsgData(&message), size).ToArray());
            var more = LibZmq.MsgMore(&message) != 0;
            LibZmq.MsgClose(&message);
            if (!more) return frames;
        }
    }

    /// <summary>True when a message can be received within <paramref name="timeoutMs"/>.</summary>
    public bool Poll(int timeoutMs)
    {
        var item = new LibZmq.PollItem { Socket = _handle, Events = LibZmq.PollIn };
        var n = LibZmq.Poll(&item, 1, timeoutMs);
        if (n < 0 && LibZmq.Errno() != LibZmq.EIntr) throw new IOException($"zmq_poll: {LibZmq.LastError()}");
        return n > 0 && (item.REvents & LibZmq.PollIn) != 0;
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose()
    {
        if (_handle == 0) return;
        LibZmq.Close(_handle);
        _handle = 0;
    }
}
