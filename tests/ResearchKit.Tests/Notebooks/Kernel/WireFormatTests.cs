using System.Text;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Kernel.Protocol;
using ResearchKit.Notebooks.Kernel.Zmq;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Notebooks.Kernel;

/// <summary>The wire format and signatures against Debian's jupyter_client (Python), and over real libzmq sockets.</summary>
public sealed class WireFormatTests
{
    private const string Key = "5f1c6b2e-7c4a-4f1e-9d2b-0a1b2c3d4e5f";

    private static JupyterMessage Request(string type) => new([Encoding.ASCII.GetBytes("client-1")],
        JupyterMessage.NewHeader(type, "session-1", "tester"), new JsonObject(), new JsonObject(), new JsonObject { ["code"] = "1 + 1" }, []);

    [Fact]
    public void AMessageSignedByJupyterClient_ParsesAndVerifies_AndOursVerifiesInJupyterClient()
    {
        // jupyter_client.session.Session signs a message; we parse and verify its frames.
        var fromPython = Python($$"""
            import base64, json
            from jupyter_client.session import Session
            s = Session(key=b'{{Key}}', signature_scheme='hmac-sha256', username='py')
            msg = s.msg('execute_request', content={'code': 'x = 2'})
            frames = s.serialize(msg, ident=[b'py-ident'])
            print(json.dumps([base64.b64encode(f).decode() for f in frames]))
            """);
        var frames = JsonNode.Parse(fromPython)!.AsArray().Select(f => Convert.FromBase64String((string)f!)).ToList();
        var parsed = WireFormat.Parse(frames, new MessageSigner(Key), out var problem);
        Assert.True(parsed is not null, problem);
        Assert.Equal("execute_request", parsed!.Type);
        Assert.Equal("x = 2", (string)parsed.Content["code"]!);
        Assert.Equal("py-ident", Encoding.ASCII.GetString(parsed.Identities[0]));

        // Our frames, deserialised (signature checked) by jupyter_client.
        var ours = WireFormat.Serialize(Request("kernel_info_request"), new MessageSigner(Key));
        var b64 = string.Join(",", ours.Select(f => $"'{Convert.ToBase64String(f)}'"));
        var check = Python($$"""
            import base64
            from jupyter_client.session import Session
            s = Session(key=b'{{Key}}', signature_scheme='hmac-sha256')
            frames = [base64.b64decode(f) for f in [{{b64}}]]
            idents, rest = s.feed_identities(frames, copy=True)
            m = s.deserialize(rest, content=True)
            print(m['header']['msg_type'], m['content']['code'], idents[0].decode())
            """);
        Assert.Equal("kernel_info_request 1 + 1 client-1", check);
    }

    [Fact]
    public void AWrongSignatureOrMissingDelimiter_IsRejectedWithTheReason()
    {
        var frames = WireFormat.Serialize(Request("execute_request"), new MessageSigner(Key));
        Assert.Null(WireFormat.Parse(frames, new MessageSigner("another key"), out var problem));
        Assert.Equal("bad signature", problem);
        frames[2] = Encoding.ASCII.GetBytes(new string('0', 64));
        Assert.Null(WireFormat.Parse(frames, new MessageSigner(Key), out problem));
        Assert.Equal("bad signature", problem);
        Assert.Null(WireFormat.Parse([Encoding.ASCII.GetBytes("junk")], new MessageSigner(Key), out problem));
        Assert.Equal("no <IDS|MSG> delimiter", problem);
        // Signing off (empty key): the signature frame is empty and anything verifies.
        var unsigned = WireFormat.Serialize(Request("execute_request"), new MessageSigner(""));
        Assert.Empty(unsigned[2]);
        Assert.NotNull(WireFormat.Parse(unsigned, new MessageSigner(""), out _));
    }

    [Fact]
    public void ARouterReceivesADealersMessage_AndRepliesToItsIdentity_OverLibzmq()
    {
        Assert.StartsWith("4.", ZmqContext.Version());
        using var context = new ZmqContext();
        using var router = new ZmqSocket(context, LibZmq.Router);
        using var dealer = new ZmqSocket(context, LibZmq.Dealer);
        var endpoint = router.Bind("tcp://127.0.0.1:*");
        Assert.Matches(@"^tcp://127\.0\.0\.1:\d+$", endpoint);
        dealer.Connect(endpoint);
        var signer = new MessageSigner(Key);
        dealer.Send(WireFormat.Serialize(Request("kernel_info_request") with { Identities = [] }, signer));
        var received = router.Receive(5000);
        Assert.NotNull(received);
        var request = WireFormat.Parse(received!, signer, out var problem);
        Assert.True(request is not null, problem);
        Assert.Single(request!.Identities); // the ROUTER prepends the dealer's routing id
        router.Send(WireFormat.Serialize(JupyterMessage.Reply(request, "kernel_info_reply", new JsonObject { ["status"] = "ok" }, "kernel-session"), signer));
        var reply = WireFormat.Parse(dealer.Receive(5000)!, signer, out problem);
        Assert.True(reply is not null, problem);
        Assert.Equal("kernel_info_reply", reply!.Type);
        Assert.Equal(request.Header["msg_id"]!.ToString(), reply.ParentHeader["msg_id"]!.ToString());
        Assert.Null(router.Receive(50)); // nothing else queued
    }

    private static string Python(string code) => PythonProcess.Run(code);
}
