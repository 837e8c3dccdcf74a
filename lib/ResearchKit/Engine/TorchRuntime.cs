using System.Runtime.InteropServices;
using TorchSharp;

namespace ResearchKit.Engine;

/// <summary>Starts libtorch for the kit: the heap settings that keep it fast on these machines, the thread count, and a
/// one-line error naming the native library and the loader's own message when it cannot load.</summary>
/// <remarks>Why the heap settings (shared/notes/torchsharp-speed.md): glibc returns large freed blocks to the OS, so every
/// training step page-faults its activations afresh (26-33 ms for one 19 MB tensor here). Keeping blocks below 256 MiB in
/// the heap and trimming only past 1 GiB took the U-Net step from ~340 to ~177 ms. They must be set before the first
/// tensor exists, so every entry point calls <see cref="Initialize"/> first.</remarks>
public static partial class TorchRuntime
{
    private const int MTrimThreshold = -1, MMmapThreshold = -3; // glibc's mallopt parameters
    private static readonly object Gate = new();
    private static bool _started;

    /// <summary>The libtorch version TorchSharp binds (e.g. "2.10.0").</summary>
    public static string LibTorchVersion => Initialize().Version;

    /// <summary>Starts libtorch once per process (heap settings, then the native library); later calls return at once.</summary>
    /// <exception cref="TorchLoadException">The native library did not load; the message names it and the loader's reason.</exception>
    public static (string Version, bool Cuda) Initialize()
    {
        lock (Gate)
        {
            if (!_started)
            {
                if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("RESEARCHKIT_MALLOC") != "default")
                {
                    mallopt(MMmapThreshold, 256 << 20);
                    mallopt(MTrimThreshold, 1 << 30);
                }
                Load();
                DisableNnpack();
                _started = true;
            }
            return (torch.__version__, torch.cuda.is_available());
        }
    }

    /// <summary>Sets libtorch's intra-op threads (the kit's managed loops follow the same count).</summary>
    public static void SetThreads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1");
        Initialize();
        torch.set_num_threads(threads);
        Repro.Threading.Threads = threads;
    }

    /// <summary>The device named <paramref name="name"/> ("cpu", "cuda", "cuda:1"); CUDA only where a CUDA build of
    /// TorchSharp is referenced and a GPU is present, else an error that says what to change.</summary>
    public static torch.Device Device(string? name)
    {
        Initialize();
        var text = string.IsNullOrWhiteSpace(name) ? "cpu" : name.Trim().ToLowerInvariant();
        if (text == "cpu") return torch.CPU;
        if (!text.StartsWith("cuda", StringComparison.Ordinal))
            throw new ArgumentException($"device '{name}': use cpu or cuda (cuda:N for the N-th GPU)");
        if (!torch.cuda.is_available())
            throw new ArgumentException($"device '{name}': no CUDA device is available to this build (it references TorchSharp-cpu; " +
                "reference a TorchSharp-cuda package on a machine with a GPU, see the README)");
        return torch.device(text);
    }

    private static void Load()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TorchLoadException(LoaderMessage() ?? $"TorchSharp could not start libtorch: {e.Message}", e);
        }
    }

    // torch.backends.nnpack.set_flags(False), which TorchSharp does not expose. libtorch asks NNPACK for every batch-1
    // convolution that oneDNN declines; on these CPUs NNPACK cannot start, and each ask costs ~80 ms and prints
    // "Could not initialize NNPACK! Reason: Unsupported hardware" (17 times per forward of a batch-1 U-Net).
    private static void DisableNnpack()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            set_user_enabled_nnpack(global_context(), false);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Another libtorch build: keep its default (the warning is noise, not an error).
        }
    }

    // TorchSharp reports any load failure as "doesn't contain a reference to libtorch-cpu-linux-x64"; dlopen says why.
    private static string? LoaderMessage()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var folder = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "";
        string[] candidates = [Path.Combine(folder, "cpu", "libLibTorchSharp.so"), Path.Combine(folder, "libLibTorchSharp.so"),
            Path.Combine(folder, "runtimes", "linux-x64", "native", "libLibTorchSharp.so")];
        foreach (var path in candidates.Where(File.Exists))
        {
            var handle = dlopen(path, 2 /* RTLD_NOW */);
            if (handle != IntPtr.Zero) continue;
            var reason = Marshal.PtrToStringUTF8(dlerror()) ?? "unknown reason";
            var hint = reason.Contains("GLIBCXX_3.4.32", StringComparison.Ordinal)
                ? " (run scripts/setup.sh: it marks that libstdc++ version weak, see the README)" : "";
            return $"{path}: cannot load: {reason}{hint}";
        }
        return null;
    }

    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static partial IntPtr global_context();

    [LibraryImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static partial void set_user_enabled_nnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);

    [LibraryImport("libc", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr dlopen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dlerror")]
    private static partial IntPtr dlerror();
}
