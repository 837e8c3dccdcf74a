using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Kernel.Protocol;

/// <summary>The multipart wire format of Jupyter messages: identities, "&lt;IDS|MSG&gt;", signature, header, parent header,
/// metadata, content, buffers (messaging protocol 5.3, "The Wire Protocol").</summary>
internal static class WireFormat
{
    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>The frames of <paramref name="message"/>, signed by <paramref name="signer"/>.</summary>
    public static List<byte[]> Serialize(JupyterMessage message, MessageSigner signer)
    {
        byte[] header = Json(message.Header), parent = Json(message.ParentHeader), metadata = Json(message.Metadata), content = Json(message.Content);
        var frames = new List<byte[]>(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.AddRange([header, parent, metadata, content]);
        frames.AddRange(message.Buffers);
        return frames;
    }

    /// <summary>The message in <paramref name="frames"/>, or null with <paramref name="problem"/> set when it has no
    /// delimiter, too few frames, a wrong signature or frames that are not JSON objects.</summary>
    public static JupyterMessage? Parse(IReadOnlyList<byte[]> frames, MessageSigner signer, out string? problem)
    {
        var at = -1;
        for (var i = 0; i < frames.Count && at < 0; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) at = i;
        if (at < 0 || frames.Count < at + 6)
        {
            problem = at < 0 ? "no <IDS|MSG> delimiter" : $"{frames.Count - at - 1} frames after the delimiter, need 5";
            return null;
        }
        byte[] signature = frames[at + 1], header = frames[at + 2], parent = frames[at + 3], metadata = frames[at + 4], content = frames[at + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
        {
            problem = "bad signature";
            return null;
        }
        try
        {
            problem = null;
            return new JupyterMessage(frames.Take(at).ToArray(), Object(header), Object(parent), Object(metadata), Object(content),
                frames.Skip(at + 6).ToArray());
        }
        catch (JsonException e)
        {
            problem = $"a frame is not a JSON object: {e.Message}";
            return null;
        }
    }

    private static byte[] Json(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());

    private static JsonObject Object(byte[] frame) => JsonNode.Parse(frame) as JsonObject ?? throw new JsonException("expected an object");
}
