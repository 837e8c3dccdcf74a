using System.Runtime.InteropServices;

namespace ResearchKit.Notebooks.Kernel.Zmq;

/// <summary>The slice of libzmq's C API (Debian <c>libzmq5</c>, 4.3) the kernel uses, through P/Invoke.</summary>
internal static unsafe partial class LibZmq
{
    private const string Lib = "libzmq.so.5";

    public const int Pub = 1, Sub = 2, Rep = 4, Dealer = 5, Router = 6;
    public const int SndMore = 2, DontWait = 1;
    public const int OptSubscribe = 6, OptRcvMore = 13, OptLinger = 17, OptLastEndpoint = 32;
    public const short PollIn = 1;
    public const int EAgain = 11, EIntr = 4, ETerm = 156384765;

    /// <summary>zmq_msg_t: 64 opaque bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 64)]
    public struct Message
    {
        private readonly long _opaque;
    }

    /// <summary>zmq_pollitem_t on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollItem
    {
        public nint Socket;
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport(Lib, EntryPoint = "zmq_ctx_new")] public static partial nint CtxNew();
    [LibraryImport(Lib, EntryPoint = "zmq_ctx_term")] public static partial int CtxTerm(nint context);
    [LibraryImport(Lib, EntryPoint = "zmq_socket")] public static partial nint Socket(nint context, int type);
    [LibraryImport(Lib, EntryPoint = "zmq_close")] public static partial int Close(nint socket);
    [LibraryImport(Lib, EntryPoint = "zmq_bind", StringMarshalling = StringMarshalling.Utf8)] public static partial int Bind(nint socket, string endpoint);
    [LibraryImport(Lib, EntryPoint = "zmq_connect", StringMarshalling = StringMarshalling.Utf8)] public static partial int Connect(nint socket, string endpoint);
    [LibraryImport(Lib, EntryPoint = "zmq_setsockopt")] public static partial int SetSockOpt(nint socket, int option, void* value, nuint size);
    [LibraryImport(Lib, EntryPoint = "zmq_getsockopt")] public static partial int GetSockOpt(nint socket, int option, void* value, nuint* size);
    [LibraryImport(Lib, EntryPoint = "zmq_send")] public static partial int Send(nint socket, void* buffer, nuint length, int flags);
    [LibraryImport(Lib, EntryPoint = "zmq_msg_init")] public static partial int MsgInit(Message* message);
    [LibraryImport(Lib, EntryPoint = "zmq_msg_recv")] public static partial int MsgRecv(Message* message, nint socket, int flags);
    [LibraryImport(Lib, EntryPoint = "zmq_msg_data")] public static partial void* MsgData(Message* message);
    [LibraryImport(Lib, EntryPoint = "zmq_msg_size")] public static partial nuint MsgSize(Message* message);
    [LibraryImport(Lib, EntryPoint = "zmq_msg_more")] public static partial int MsgMore(Message* message);
    [LibraryImport(Lib, EntryPoint = "zmq_msg_close")] public static partial int MsgClose(Message* message);
    [LibraryImport(Lib, EntryPoint = "zmq_poll")] public static partial int Poll(PollItem* items, int count, long timeoutMs);
    [LibraryImport(Lib, EntryPoint = "zmq_errno")] public static partial int Errno();
    [LibraryImport(Lib, EntryPoint = "zmq_strerror")] public static partial nint StrError(int errnum);
    [LibraryImport(Lib, EntryPoint = "zmq_version")] public static partial void Version(int* major, int* minor, int* patch);

    /// <summary>The last error as "message (errno N)".</summary>
    public static string LastError()
    {
        var errno = Errno();
        return $"{Marshal.PtrToStringUTF8(StrError(errno))} (errno {errno})";
    }
}
