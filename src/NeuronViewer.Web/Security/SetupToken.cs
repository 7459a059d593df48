using System.Security.Cryptography;
using System.Text;

namespace NeuronViewer.Web.Security;

/// <summary>The one-time token that creates the first admin at <c>/setup</c>: issued at start when no user exists, kept only in memory, gone once used.</summary>
public sealed class SetupToken
{
    private readonly Lock gate = new();
    private string? current;

    /// <summary>Whether a token is waiting to be used.</summary>
    public bool IsIssued
    {
        get
        {
            lock (gate)
                return current is not null;
        }
    }

    /// <summary>Issues a new random token (128 bits, shown as 8 groups of 4 hex digits) and returns it.</summary>
    public string Issue()
    {
        var hex = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var token = string.Join('-', Enumerable.Range(0, 8).Select(i => hex.Substring(i * 4, 4)));
        lock (gate)
            current = token;
        return token;
    }

    /// <summary>Whether the candidate is the current token (compared in constant time; spaces and case ignored).</summary>
    public bool Matches(string? candidate)
    {
        string? token;
        lock (gate)
            token = current;
        if (token is null || candidate is null)
            return false;
        var typed = Encoding.UTF8.GetBytes(candidate.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(typed, Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Ends the token (after it created the first admin, or when a user exists anyway).</summary>
    public void Expire()
    {
        lock (gate)
            current = null;
    }
}
