using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Kernel;

/// <summary>A Jupyter connection file: transport, address, the five ports, the signing key and scheme.</summary>
internal sealed record ConnectionInfo(string Transport, string Ip, int ShellPort, int IopubPort, int StdinPort, int ControlPort,
    int HbPort, string Key, string SignatureScheme)
{
    /// <summary>The endpoint of <paramref name="port"/>, e.g. tcp://127.0.0.1:5555.</summary>
    public string Endpoint(int port) => $"{Transport}://{Ip}:{port}";

    /// <summary>Reads <paramref name="path"/>; a missing field or another signature scheme than hmac-sha256 is refused naming the file.</summary>
    public static ConnectionInfo Read(string path)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a Jupyter connection file ({e.Message})");
        }
        string Text(string name) => o[name]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: connection file has no \"{name}\"");
        int Port(string name) => o[name]?.GetValue<int>() ?? throw new InvalidDataException($"{path}: connection file has no \"{name}\"");
        var scheme = o["signature_scheme"]?.GetValue<string>() ?? "hmac-sha256";
        if (scheme != "hmac-sha256") throw new InvalidDataException($"{path}: signature scheme {scheme} is not supported (hmac-sha256 only)");
        return new ConnectionInfo(o["transport"]?.GetValue<string>() ?? "tcp", Text("ip"), Port("shell_port"), Port("iopub_port"),
            Port("stdin_port"), Port("control_port"), Port("hb_port"), o["key"]?.GetValue<string>() ?? "", scheme);
    }
}
