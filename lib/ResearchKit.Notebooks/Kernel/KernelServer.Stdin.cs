using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Execution;
using ResearchKit.Notebooks.Kernel.Protocol;
using ResearchKit.Notebooks.Kernel.Zmq;

namespace ResearchKit.Notebooks.Kernel;

internal sealed partial class KernelServer
{
    private readonly BlockingCollection<JupyterMessage> _inputRequests = new();
    private readonly Lock _inputGate = new();
    private TaskCompletionSource<string>? _inputReply;

    /// <summary>The stdin channel: sends the running cell's input_request to the client that sent the cell (same zmq
    /// identity as on shell) and hands its input_reply to the waiting reader.</summary>
    private void StdinLoop()
    {
        using var socket = new ZmqSocket(_context, LibZmq.Router);
        socket.Bind(_connection.Endpoint(_connection.StdinPort));
        while (!_stop.IsCancellationRequested)
        {
            while (_inputRequests.TryTake(out var request)) socket.Send(WireFormat.Serialize(request, _signer));
            if (socket.Receive(100) is not { } frames) continue;
            var reply = WireFormat.Parse(frames, _signer, out var problem);
            if (reply is null)
                _log.WriteLine($"researchkit kernel: dropped a message on the stdin channel: {problem}");
            else if (reply.Type == "input_reply")
                lock (_inputGate) _inputReply?.TrySetResult(reply.Content["value"]?.GetValue<string>() ?? "");
        }
    }

    /// <summary>One line of input for the running cell (Console.ReadLine): asked of the front end when the execute request
    /// allows stdin, else end of input (null), as a terminal without input would give.</summary>
    internal string? ReadLine(string prompt = "")
    {
        if (_current is not { } parent || parent.Content["allow_stdin"]?.GetValue<bool>() != true)
        {
            _log.WriteLine("researchkit kernel: the cell read from the console, but its front end does not allow input; it gets end of input");
            return null;
        }
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_inputGate) _inputReply = reply;
        Console.Out.Flush();
        _inputRequests.Add(JupyterMessage.Reply(parent, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = false }, _session));
        try
        {
            // Waits like a console would, but an interrupt ends the wait as it ends a loop.
            while (!reply.Task.Wait(200)) CellInterrupt.Check();
            return reply.Task.Result;
        }
        finally
        {
            lock (_inputGate) _inputReply = null;
        }
    }
}
