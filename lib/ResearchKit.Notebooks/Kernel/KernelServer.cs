using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Execution;
using ResearchKit.Notebooks.Kernel.Protocol;
using ResearchKit.Notebooks.Kernel.Zmq;

namespace ResearchKit.Notebooks.Kernel;

/// <summary>A Jupyter kernel for C# on the runner's Roslyn engine (messaging protocol 5.3 over libzmq): heartbeat on
/// its own thread, iopub published from one sender thread, control served on its own thread so shutdown is answered
/// while a cell runs, shell requests executed one at a time.</summary>
/// <remarks>Every socket is used by exactly one thread, as libzmq requires. Messages with a bad signature are dropped
/// (logged to stderr) and get no reply.</remarks>
internal sealed partial class KernelServer : IDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly MessageSigner _signer;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private readonly ZmqContext _context = new();
    private readonly BlockingCollection<JupyterMessage> _iopub = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _log;
    private readonly ManualResetEventSlim _published = new();
    private CellExecutor? _executor;
    private JupyterMessage? _current;
    private volatile bool _running;
    private volatile string? _statusDisplayId;
    private int _cellSerial;

    /// <summary>A kernel for <paramref name="connection"/>; messages about its own work go to <paramref name="log"/>.</summary>
    public KernelServer(ConnectionInfo connection, TextWriter log)
    {
        _connection = connection;
        _signer = new MessageSigner(connection.Key);
        _log = log;
    }

    /// <summary>Serves until a shutdown request; returns the process exit code.</summary>
    public int Run()
    {
        var threads = new[]
        {
            new Thread(Heartbeat) { IsBackground = true, Name = "hb" },
            new Thread(PublishLoop) { IsBackground = true, Name = "iopub" },
            new Thread(() => Serve(_connection.ControlPort, control: true)) { IsBackground = true, Name = "control" },
            new Thread(StdinLoop) { IsBackground = true, Name = "stdin" },
        };
        foreach (var t in threads) t.Start();
        Serve(_connection.ShellPort, control: false);
        _iopub.CompleteAdding();
        // Every socket must be closed by its own thread before the context goes: each loop sees _stop within one poll.
        foreach (var t in threads) t.Join(2000);
        return 0;
    }

    private void Heartbeat()
    {
        using var hb = new ZmqSocket(_context, LibZmq.Rep);
        hb.Bind(_connection.Endpoint(_connection.HbPort));
        while (!_stop.IsCancellationRequested)
            if (hb.Receive(200) is { } ping) hb.Send(ping);
    }

    private void PublishLoop()
    {
        using var pub = new ZmqSocket(_context, LibZmq.Pub);
        pub.Bind(_connection.Endpoint(_connection.IopubPort));
        foreach (var message in _iopub.GetConsumingEnumerable())
        {
            var topic = System.Text.Encoding.UTF8.GetBytes($"kernel.{_session}.{message.Type}");
            pub.Send(WireFormat.Serialize(message with { Identities = [topic] }, _signer));
        }
        _published.Set();
    }

    private void Serve(int port, bool control)
    {
        using var socket = new ZmqSocket(_context, LibZmq.Router);
        socket.Bind(_connection.Endpoint(port));
        while (!_stop.IsCancellationRequested)
        {
            if (socket.Receive(200) is not { } frames) continue;
            var request = WireFormat.Parse(frames, _signer, out var problem);
            if (request is null)
            {
                _log.WriteLine($"researchkit kernel: dropped a message on the {(control ? "control" : "shell")} channel: {problem}");
                continue;
            }
            Publish(request, "status", new JsonObject { ["execution_state"] = "busy" });
            if (Handle(request) is { } reply)
                socket.Send(WireFormat.Serialize(JupyterMessage.Reply(request, reply.Type, reply.Content, _session), _signer));
            else
                _log.WriteLine($"researchkit kernel: no handler for {request.Type}; ignored");
            Publish(request, "status", new JsonObject { ["execution_state"] = "idle" });
            if (request.Type != "shutdown_request") continue;
            _stop.Cancel();
            // A shutdown or restart while a cell runs: the shell thread is stuck in it, so end the process here.
            if (_running) ExitNow(0, "shutdown while a cell was running");
        }
    }

    private void Publish(JupyterMessage parent, string type, JsonObject content)
    {
        try
        {
            _iopub.Add(JupyterMessage.Reply(parent, type, content, _session));
        }
        catch (InvalidOperationException)
        {
            // Shutting down: iopub is closed.
        }
    }

    /// <summary>Stops the threads and closes the context.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _context.Dispose();
    }
}
