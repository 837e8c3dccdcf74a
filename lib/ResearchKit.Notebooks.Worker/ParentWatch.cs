using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ResearchKit.Notebooks.Worker;

/// <summary>Ends the worker, and every process it started, once the runner that started it is gone (killed or
/// crashed). Left alone, an orphaned worker goes on training for hours with nobody reading its output, and writes into
/// the same run folders as the next run. Linux only: elsewhere the worker lives until its cells end.</summary>
internal static partial class ParentWatch
{
    [LibraryImport("libc")]
    private static partial int getppid();

    /// <summary>Polls the parent pid every <paramref name="every"/> on a background thread.</summary>
    public static void Start(TimeSpan every)
    {
        if (!OperatingSystem.IsLinux()) return;
        var parent = getppid();
        var thread = new Thread(() =>
        {
            // An orphan is re-parented (to init or a subreaper), so its parent pid changes.
            while (getppid() == parent) Thread.Sleep(every);
            Stop(parent);
        }) { IsBackground = true, Name = "parent watch" };
        thread.Start();
    }

    private static void Stop(int parent)
    {
        try
        {
            using var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
            stderr.WriteLine($"researchkit worker {Environment.ProcessId}: the runner (pid {parent}) is gone; stopping with the processes the cells started");
        }
        catch (IOException)
        {
            // the runner held the other end of stderr too
        }
        foreach (var child in Children(Environment.ProcessId))
        {
            try
            {
                using var p = Process.GetProcessById(child);
                p.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // already gone
            }
        }
        // Not Environment.Exit: exit handlers would talk to processes just killed. Outputs and checkpoints are written
        // by temp file + rename, so nothing is left half-written.
        Process.GetCurrentProcess().Kill();
    }

    private static IEnumerable<int> Children(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // gone meanwhile
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so parse after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var ppid) && ppid == pid) yield return candidate;
        }
    }
}
