using System.Runtime.InteropServices;

namespace TorchSharpTwin;

/// <summary>What TorchSharp 0.107 does not expose: glibc malloc thresholds, the oneDNN switch, RSS, faults.</summary>
internal static unsafe partial class Native
{
    private const int M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3;
    public const int MmapThreshold = 256 << 20;   // 256 MiB: activations come from the heap, not from fresh mmaps
    public const int TrimThreshold = 1 << 30;     // 1 GiB: freed blocks stay in the heap for the next step

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int param, int value);

    /// <summary>Keeps large freed blocks in the glibc heap. Call before the first tensor is made.</summary>
    public static void TuneMalloc()
    {
        if (Mallopt(M_MMAP_THRESHOLD, MmapThreshold) != 1 || Mallopt(M_TRIM_THRESHOLD, TrimThreshold) != 1)
            throw new InvalidOperationException("mallopt failed");
    }

    [LibraryImport("libc.so.6", EntryPoint = "getrusage")]
    private static partial int GetRusage(int who, long* usage);

    /// <summary>Minor page faults of the whole process so far (getrusage(RUSAGE_SELF).ru_minflt).</summary>
    public static long MinorFaults()
    {
        long* u = stackalloc long[18];   // struct rusage: 2 timevals, then 14 longs; ru_minflt is the 5th long
        if (GetRusage(0, u) != 0) throw new InvalidOperationException("getrusage failed");
        return u[8];
    }

    /// <summary>Peak resident set size (VmHWM of /proc/self/status) in MiB.</summary>
    public static double PeakRssMiB() => StatusMiB("VmHWM:");

    /// <summary>Current resident set size (VmRSS of /proc/self/status) in MiB.</summary>
    public static double RssMiB() => StatusMiB("VmRSS:");

    private static double StatusMiB(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        throw new IOException($"/proc/self/status has no {key} line");
    }

    /// <summary>
    /// at::globalContext().setUserEnabledMkldnn(on), i.e. torch.backends.mkldnn.enabled = on in Python. Looked up in
    /// the libtorch_cpu.so that TorchSharp already loaded (found in /proc/self/maps), so it is the same global context.
    /// Call after the first tensor op. Returns the value read back.
    /// </summary>
    public static bool SetMkldnnEnabled(bool on)
    {
        var path = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].EndsWith("/libtorch_cpu.so", StringComparison.Ordinal))
            .Select(f => f[5]).FirstOrDefault()
            ?? throw new InvalidOperationException("libtorch_cpu.so is not loaded yet");
        var lib = NativeLibrary.Load(path);
        // Itanium-mangled C++: at::globalContext(), at::Context::setUserEnabledMkldnn(bool), userEnabledMkldnn() const.
        var globalContext = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(lib, "_ZN2at13globalContextEv");
        var setEnabled = (delegate* unmanaged<IntPtr, byte, void>)NativeLibrary.GetExport(
            lib, "_ZN2at7Context20setUserEnabledMkldnnEb");
        var isEnabled = (delegate* unmanaged<IntPtr, byte>)NativeLibrary.GetExport(
            lib, "_ZNK2at7Context17userEnabledMkldnnEv");
        var ctx = globalContext();
        setEnabled(ctx, on ? (byte)1 : (byte)0);
        return isEnabled(ctx) != 0;
    }
}
