namespace NeuronViewer.Web.Security;

/// <summary>
/// What the running server decided: single-user authentication is switched on only after <see cref="ListenGuard"/> has seen that every
/// address the server actually listens on is loopback; until then (and in accounts mode) requests need a login.
/// </summary>
public sealed class AuthState
{
    private volatile bool singleUserActive;

    /// <summary>Whether every request is currently the local user with every role.</summary>
    public bool SingleUserActive => singleUserActive;

    /// <summary>The addresses the server listens on (empty for an in-memory test server).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>Why the server stopped itself after start (single-user mode found bound to a non-loopback address), or null.</summary>
    public string? Refusal { get; private set; }

    internal void Started(IReadOnlyList<string> addresses, bool singleUser, string? refusal = null)
    {
        Addresses = addresses;
        singleUserActive = singleUser;
        Refusal = refusal;
    }
}

/// <summary>Thrown at start when the configuration must not run (for example single-user mode on a non-loopback address); its message is one line.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
