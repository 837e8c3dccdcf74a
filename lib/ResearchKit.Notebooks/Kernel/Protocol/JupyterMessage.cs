using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Kernel.Protocol;

/// <summary>One Jupyter message (messaging protocol 5.3): the routing identities, header, parent header, metadata,
/// content and binary buffers.</summary>
internal sealed record JupyterMessage(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader,
    JsonObject Metadata, JsonObject Content, IReadOnlyList<byte[]> Buffers)
{
    /// <summary>The protocol version the kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>header.msg_type.</summary>
    public string Type => Header["msg_type"]?.GetValue<string>() ?? "";

    /// <summary>A new message of <paramref name="type"/> in reply to (or caused by) <paramref name="parent"/>, to the
    /// parent's identities, with a fresh header of <paramref name="session"/>.</summary>
    public static JupyterMessage Reply(JupyterMessage? parent, string type, JsonObject content, string session, JsonObject? metadata = null) =>
        new(parent?.Identities ?? [], NewHeader(type, session, parent?.Header["username"]?.GetValue<string>() ?? "kernel"),
            parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone(), metadata ?? new JsonObject(), content, []);

    /// <summary>A header: msg_id, session, username, date (ISO 8601 UTC), msg_type, version.</summary>
    public static JsonObject NewHeader(string type, string session, string username) => new()
    {
        ["msg_id"] = Guid.NewGuid().ToString("N"),
        ["session"] = session,
        ["username"] = username,
        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"),
        ["msg_type"] = type,
        ["version"] = ProtocolVersion,
    };
}
