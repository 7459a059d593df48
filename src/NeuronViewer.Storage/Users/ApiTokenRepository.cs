using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LiteDB;

namespace NeuronViewer.Storage.Users;

/// <summary>
/// Personal API tokens in LiteDB. A secret is <see cref="Prefix"/> plus 32 random bytes in base64url; only its SHA-256 hash is
/// stored, so the database (or a copy of it) cannot be used to sign in.
/// </summary>
public sealed class ApiTokenRepository
{
    /// <summary>The start of every secret, so people and secret scanners recognise one.</summary>
    public const string Prefix = "nvt_";

    /// <summary>The length of a secret: the prefix and 43 base64url characters (32 bytes).</summary>
    public const int SecretLength = 47;

    internal const string CollectionName = "api_tokens";
    private readonly LiteStore store;
    private readonly ILiteCollection<ApiToken> tokens;

    internal ApiTokenRepository(LiteStore store)
    {
        this.store = store;
        tokens = store.Collection<ApiToken>(CollectionName);
        tokens.EnsureIndex(t => t.SecretHash, unique: true);
        tokens.EnsureIndex(t => t.UserId);
    }

    /// <summary>Whether the text has the shape of a secret (prefix, length, base64url characters); says nothing about whether it exists.</summary>
    public static bool LooksLikeSecret(string? text) =>
        text is { Length: SecretLength } && text.StartsWith(Prefix, StringComparison.Ordinal)
        && text.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    /// <summary>Creates a token for the user with a fresh secret; the secret is returned once and never stored.</summary>
    public IssuedApiToken Issue(string userId, string name, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (string.IsNullOrWhiteSpace(name))
            throw new StorageException("An API token needs a name.");
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.NewGuid().ToString("N"), UserId = userId, Name = name.Trim(), SecretHash = Hash(secret), CreatedAt = now, ExpiresAt = expiresAt,
        };
        store.Atomic(() => tokens.Insert(token));
        return new(token, secret);
    }

    public ApiToken? Get(string id) => string.IsNullOrEmpty(id) ? null : tokens.FindById(id);

    /// <summary>The token whose secret this is (revoked and expired ones too: the caller decides), or null.</summary>
    public ApiToken? FindBySecret(string secret)
    {
        if (!LooksLikeSecret(secret))
            return null;
        var hash = Hash(secret);
        // The index finds the row by the hash of an unguessable secret; the final comparison is in constant time all the same.
        var token = tokens.FindOne(t => t.SecretHash == hash);
        return token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.SecretHash), Encoding.ASCII.GetBytes(hash))
            ? token
            : null;
    }

    /// <summary>The user's tokens, newest first.</summary>
    public IReadOnlyList<ApiToken> ListForUser(string userId) =>
        tokens.Find(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();

    /// <summary>How many tokens each user has that work at <paramref name="now"/> (users without any are absent).</summary>
    public IReadOnlyDictionary<string, int> ActiveCounts(DateTimeOffset now) =>
        tokens.FindAll().Where(t => t.IsActiveAt(now)).GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Revokes one of the user's tokens; false when the user has no such token or it is revoked already.</summary>
    public bool Revoke(string userId, string id, DateTimeOffset now) => store.Atomic(() =>
    {
        var token = Get(id);
        if (token is null || token.UserId != userId || token.RevokedAt is not null)
            return false;
        token.RevokedAt = now;
        return tokens.Update(token);
    });

    /// <summary>Revokes every token of the user not revoked yet; returns how many.</summary>
    public int RevokeAll(string userId, DateTimeOffset now) => store.Atomic(() =>
    {
        var open = tokens.Find(t => t.UserId == userId).Where(t => t.RevokedAt is null).ToList();
        foreach (var token in open)
            token.RevokedAt = now;
        return open.Count == 0 ? 0 : tokens.Update(open);
    });

    /// <summary>Records a use at <paramref name="now"/> unless one was recorded less than <paramref name="interval"/> before; true when written.</summary>
    public bool Touch(string id, DateTimeOffset now, TimeSpan interval) => store.Atomic(() =>
    {
        var token = Get(id);
        if (token is null || token.UsedWithin(now, interval))
            return false;
        token.LastUsedAt = now;
        return tokens.Update(token);
    });

    /// <summary>The stored form of a secret: SHA-256 of its UTF-8 bytes, lower-case hex.</summary>
    internal static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
