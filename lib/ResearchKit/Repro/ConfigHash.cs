using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchKit.Repro;

/// <summary>A stable short hash of an experiment config: what a result cache and a run manifest key on.</summary>
public static class ConfigHash
{
    /// <summary>The JSON options every config and result is (de)serialised with: enums by name, camelCase, NaN allowed.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    private static readonly JsonSerializerOptions Compact = new(Json) { WriteIndented = false };

    /// <summary>The canonical one-line JSON of <paramref name="cfg"/> (declaration order of its properties).</summary>
    public static string CanonicalJson<T>(T cfg) => JsonSerializer.Serialize(cfg, Compact);

    /// <summary>The first 16 hex digits of SHA-256 over <see cref="CanonicalJson{T}"/>, prefixed with the config's type name.</summary>
    public static string Of<T>(T cfg)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(typeof(T).FullName + "\n" + CanonicalJson(cfg)));
        return Convert.ToHexString(bytes, 0, 8).ToLowerInvariant();
    }

    /// <summary>The first 16 hex digits of SHA-256 over the UTF-8 of <paramref name="text"/>.</summary>
    public static string OfText(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8).ToLowerInvariant();
}
