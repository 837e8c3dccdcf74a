using System.Security.Cryptography;
using System.Text;

namespace ResearchKit.Notebooks.Kernel.Protocol;

/// <summary>HMAC-SHA256 signatures of Jupyter messages (messaging protocol 5.3, "signature_scheme": "hmac-sha256"): the hex
/// digest over the header, parent header, metadata and content frames, in that order. An empty key disables signing.</summary>
internal sealed class MessageSigner(string key)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(key);

    /// <summary>True when messages are signed (the connection file's key is not empty).</summary>
    public bool Enabled => _key.Length > 0;

    /// <summary>The lower-case hex signature of the four frames ("" when signing is off).</summary>
    public string Sign(byte[] header, byte[] parent, byte[] metadata, byte[] content)
    {
        if (!Enabled) return "";
        using var hmac = new HMACSHA256(_key);
        hmac.TransformBlock(header, 0, header.Length, null, 0);
        hmac.TransformBlock(parent, 0, parent.Length, null, 0);
        hmac.TransformBlock(metadata, 0, metadata.Length, null, 0);
        hmac.TransformFinalBlock(content, 0, content.Length);
        return Convert.ToHexStringLower(hmac.Hash!);
    }

    /// <summary>True when <paramref name="signature"/> is the frames' signature, compared in constant time.</summary>
    public bool Verify(byte[] signature, byte[] header, byte[] parent, byte[] metadata, byte[] content)
    {
        if (!Enabled) return true;
        var expected = Encoding.ASCII.GetBytes(Sign(header, parent, metadata, content));
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
