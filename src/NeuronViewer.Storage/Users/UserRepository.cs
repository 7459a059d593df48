using LiteDB;

namespace NeuronViewer.Storage.Users;

/// <summary>Users in LiteDB, unique by case-insensitive user name; changes are read-modify-write in one transaction.</summary>
public sealed class UserRepository
{
    internal const string CollectionName = "users";
    private readonly LiteStore store;
    private readonly ILiteCollection<UserAccount> users;

    internal UserRepository(LiteStore store)
    {
        this.store = store;
        users = store.Collection<UserAccount>(CollectionName);
        users.EnsureIndex(u => u.NormalizedUserName, unique: true);
    }

    /// <summary>The form user names are compared in: trimmed, lower case.</summary>
    public static string Normalize(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return userName.Trim().ToLowerInvariant();
    }

    public int Count() => users.Count();

    public UserAccount? Get(string id) => string.IsNullOrEmpty(id) ? null : users.FindById(id);

    /// <summary>The user with this name in any letter case, or null.</summary>
    public UserAccount? FindByName(string userName)
    {
        var key = Normalize(userName);
        return users.FindOne(u => u.NormalizedUserName == key);
    }

    /// <summary>Every user, by user name.</summary>
    public IReadOnlyList<UserAccount> List() => users.Query().OrderBy(u => u.NormalizedUserName).ToList();

    /// <summary>Stores a new user with a fresh id and creation time; a StorageException when the name is taken.</summary>
    public UserAccount Create(UserAccount user) => store.Atomic(() => Insert(user));

    /// <summary>Stores the user only when no user exists yet (the first admin); null when one already does.</summary>
    public UserAccount? CreateFirst(UserAccount user) => store.Atomic(() => users.Count() == 0 ? Insert(user) : null);

    /// <summary>Reads, changes and writes a user in one transaction; null when the user does not exist. The id and name cannot change.</summary>
    public UserAccount? Change(string id, Action<UserAccount> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return store.Atomic(() =>
        {
            var user = Get(id);
            if (user is null)
                return null;
            var (name, normalized) = (user.UserName, user.NormalizedUserName);
            change(user);
            (user.Id, user.UserName, user.NormalizedUserName) = (id, name, normalized);
            users.Update(user);
            return user;
        });
    }

    public bool Delete(string id) => store.Atomic(() => users.Delete(id));

    private UserAccount Insert(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.UserName))
            throw new StorageException("A user needs a user name.");
        var key = Normalize(user.UserName);
        if (users.Exists(u => u.NormalizedUserName == key))
            throw new StorageException($"A user named '{user.UserName.Trim()}' already exists.");
        user.NormalizedUserName = key;
        user.Id = Guid.NewGuid().ToString("N");
        user.UserName = user.UserName.Trim();
        user.CreatedAt = DateTimeOffset.UtcNow;
        users.Insert(user);
        return user;
    }
}
