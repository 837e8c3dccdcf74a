using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ResearchKit.Charts;

/// <summary>A Chrome DevTools Protocol client over one WebSocket; callers send one command at a time.</summary>
internal sealed class DevToolsConnection : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private DevToolsConnection()
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>Connects to a browser or page DevTools endpoint ("ws://127.0.0.1:port/devtools/...").</summary>
    internal static async Task<DevToolsConnection> ConnectAsync(string url, TimeSpan timeout)
    {
        var connection = new DevToolsConnection();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await connection._socket.ConnectAsync(new Uri(url), cts.Token).ConfigureAwait(false);
            return connection;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            connection.Dispose();
            throw new TimeoutException($"Could not connect to Chromium DevTools at {url} within {timeout.TotalSeconds:0} s.");
        }
        catch (WebSocketException e)
        {
            connection.Dispose();
            throw new IOException($"Could not connect to Chromium DevTools at {url}: {e.Message}", e);
        }
    }

    /// <summary>Sends <paramref name="method"/> (to a page session when <paramref name="sessionId"/> is given) and returns its "result".</summary>
    internal async Task<JsonObject> SendAsync(string method, JsonObject parameters, string? sessionId, TimeSpan timeout)
    {
        int id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (sessionId is not null) message["sessionId"] = sessionId;
        byte[] bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cts.Token).ConfigureAwait(false);
            while (true)
            {
                var reply = await ReceiveAsync(cts.Token).ConfigureAwait(false);
                if (reply["id"] is not JsonValue replyId || replyId.GetValue<int>() != id) continue; // events
                if (reply["error"] is JsonObject error)
                    throw new InvalidOperationException($"Chromium rejected {method}: {error["message"]} {error["data"]}".TrimEnd());
                return reply["result"] as JsonObject ?? [];
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"Chromium did not answer {method} within {timeout.TotalSeconds:0} s.");
        }
        catch (WebSocketException e)
        {
            throw new IOException($"Lost the DevTools connection to Chromium during {method}: {e.Message}", e);
        }
    }

    /// <summary>Closes the socket without waiting for the browser.</summary>
    public void Dispose() => _socket.Dispose();

    private async Task<JsonObject> ReceiveAsync(CancellationToken token)
    {
        using var text = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var part = await _socket.ReceiveAsync(buffer, token).ConfigureAwait(false);
            if (part.MessageType == WebSocketMessageType.Close)
                throw new IOException($"Chromium closed the DevTools connection ({part.CloseStatus} {part.CloseStatusDescription}).");
            text.Write(buffer, 0, part.Count);
            if (part.EndOfMessage) break;
        }
        return JsonNode.Parse(text.ToArray()) as JsonObject
            ?? throw new InvalidDataException("Chromium sent a DevTools message that is not a JSON object.");
    }
}
