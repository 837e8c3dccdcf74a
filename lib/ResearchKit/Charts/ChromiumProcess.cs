using System.Diagnostics;

namespace ResearchKit.Charts;

/// <summary>One headless Chromium process with its own temporary profile, reachable over the DevTools protocol.</summary>
internal sealed class ChromiumProcess : IDisposable
{
    private const string ListeningPrefix = "DevTools listening on ";
    private readonly Process _process;
    private readonly string _userDataDir;
    private readonly Queue<string> _stderrTail = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromiumProcess(Process process, string userDataDir)
    {
        _process = process;
        _userDataDir = userDataDir;
    }

    /// <summary>OS process id of the browser.</summary>
    internal int ProcessId => _process.Id;

    /// <summary>True once the browser has exited (killed with its process group, say by a Jupyter interrupt).</summary>
    internal bool HasExited => _process.HasExited;

    /// <summary>The browser-level DevTools WebSocket URL.</summary>
    internal string WebSocketUrl => _url.Task.Result;

    /// <summary>Starts Chromium and waits until it reports its DevTools address (stderr, or DevToolsActivePort in the profile).</summary>
    internal static ChromiumProcess Start(string executable, TimeSpan timeout)
    {
        string profile = Directory.CreateTempSubdirectory("researchkit-chromium-").FullName;
        var info = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank" })
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var chromium = new ChromiumProcess(process, profile);
        process.ErrorDataReceived += (_, e) => chromium.OnStderr(e.Data);
        process.OutputDataReceived += (_, _) => { }; // drained so a chatty browser never blocks on a full pipe
        process.Exited += (_, _) => chromium._url.TrySetException(new IOException(
            $"chromium ({executable}) exited with code {process.ExitCode} before DevTools was ready; last output: {chromium.StderrTail()}"));
        try
        {
            if (!process.Start()) throw new IOException($"Could not start {executable}.");
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            chromium.WaitForUrl(executable, timeout);
            return chromium;
        }
        catch
        {
            chromium.Dispose();
            throw;
        }
    }

    /// <summary>The last lines Chromium wrote to stderr, joined, for error messages.</summary>
    internal string StderrTail()
    {
        lock (_stderrTail) return _stderrTail.Count == 0 ? "(none)" : string.Join(" | ", _stderrTail);
    }

    /// <summary>Kills the browser and all its helper processes, then deletes the temporary profile.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started, or exited between the check and the kill: nothing left to stop.
        }
        _process.Dispose();
        DeleteProfile();
    }

    private void WaitForUrl(string executable, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string portFile = Path.Combine(_userDataDir, "DevToolsActivePort");
        while (!_url.Task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"chromium ({executable}) did not open DevTools within {timeout.TotalSeconds:0} s; last output: {StderrTail()}");
            if (File.Exists(portFile) && File.ReadAllLines(portFile) is [var port, var path, ..]
                && int.TryParse(port, out int number) && path.StartsWith("/devtools/", StringComparison.Ordinal))
                _url.TrySetResult($"ws://127.0.0.1:{number}{path.Trim()}");
            else
                _url.Task.Wait(TimeSpan.FromMilliseconds(50));
        }
        _url.Task.GetAwaiter().GetResult(); // rethrows the exit error, unwrapped
    }

    private void OnStderr(string? line)
    {
        if (line is null) return;
        int at = line.IndexOf(ListeningPrefix, StringComparison.Ordinal);
        if (at >= 0) _url.TrySetResult(line[(at + ListeningPrefix.Length)..].Trim());
        else if (line.Contains("dbus", StringComparison.Ordinal)) return; // headless without a session bus: harmless noise
        lock (_stderrTail)
        {
            _stderrTail.Enqueue(line);
            if (_stderrTail.Count > 8) _stderrTail.Dequeue();
        }
    }

    private void DeleteProfile()
    {
        for (int attempt = 1; Directory.Exists(_userDataDir); attempt++)
        {
            try
            {
                Directory.Delete(_userDataDir, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(50); // helper processes may still be flushing files into the profile
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"researchkit: could not delete Chromium profile {_userDataDir}: {e.Message}");
                return;
            }
        }
    }
}
