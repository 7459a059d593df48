using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Users;

namespace NeuronViewer.Web.Security;

/// <summary>The fields of a new user as typed into a form.</summary>
public sealed record NewUser(string UserName, string DisplayName, string Role, string Password, string ConfirmPassword);

/// <summary>What an admin action did: the user, or a message per form field (<c>""</c> for the action as a whole).</summary>
public sealed record AdminResult(UserAccount? User, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>All messages in one line.</summary>
    public string Message => string.Join(" ", Errors.Values);

    internal static AdminResult Fail(string field, string message) => new(null, new Dictionary<string, string> { [field] = message });
}

/// <summary>Creates, changes, locks and deletes users with every field validated; never leaves users without an unlocked admin.</summary>
public sealed class UserAdministration(
    NeuronViewerStore store, IPasswordHasher<UserAccount> hasher, IOptions<AuthOptions> options, ILogger<UserAdministration> logger)
{
    /// <summary>The message when an action would leave no unlocked admin.</summary>
    public const string LastAdminRule = "At least one unlocked admin must remain.";

    public IReadOnlyList<UserAccount> List() => store.Users.List();

    /// <summary>The strongest of a user's roles (admin, researcher, annotator).</summary>
    public static string PrimaryRole(UserAccount user) =>
        Roles.All.FirstOrDefault(r => user?.Roles.Contains(r) == true) ?? Roles.Annotator;

    /// <summary>Validates every field and stores the user; <paramref name="firstOnly"/> stores only when no user exists yet.</summary>
    public AdminResult Create(NewUser input, string actor, bool firstOnly = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        Add(errors, nameof(NewUser.UserName), AccountRules.UserNameProblem(input.UserName));
        Add(errors, nameof(NewUser.DisplayName), AccountRules.DisplayNameProblem(input.DisplayName));
        Add(errors, nameof(NewUser.Role), AccountRules.RoleProblem(input.Role));
        Add(errors, nameof(NewUser.Password), AccountRules.PasswordProblem(input.Password, input.UserName, options.Value.MinPasswordLength));
        if (!errors.ContainsKey(nameof(NewUser.Password)))
            Add(errors, nameof(NewUser.ConfirmPassword), AccountRules.ConfirmProblem(input.Password, input.ConfirmPassword));
        if (errors.Count == 0 && store.Users.FindByName(input.UserName) is not null)
            errors[nameof(NewUser.UserName)] = $"A user named '{input.UserName.Trim()}' already exists.";
        if (errors.Count > 0)
            return new(null, errors);
        var user = new UserAccount
        {
            UserName = input.UserName.Trim(), DisplayName = input.DisplayName.Trim(), Roles = [.. Roles.Implied(input.Role)],
            SecurityStamp = AccountService.NewStamp(),
        };
        user.PasswordHash = hasher.HashPassword(user, input.Password);
        try
        {
            var created = firstOnly ? store.Users.CreateFirst(user) : store.Users.Create(user);
            if (created is null)
                return AdminResult.Fail("", "Setup is finished: a user exists already. Log in instead.");
            logger.LogInformation("{Actor} created user {UserName} with role {Role}", Name(actor), created.UserName, input.Role);
            return new(created, new Dictionary<string, string>());
        }
        catch (StorageException e)
        {
            return AdminResult.Fail(nameof(NewUser.UserName), e.Message);
        }
    }

    /// <summary>Sets a new password; unlocks a lock-out after failed attempts and ends the user's current logins.</summary>
    public AdminResult ResetPassword(string actor, string id, string password, string confirm)
    {
        var user = store.Users.Get(id);
        if (user is null)
            return AdminResult.Fail("", "That user no longer exists.");
        if ((AccountRules.PasswordProblem(password, user.UserName, options.Value.MinPasswordLength) ?? AccountRules.ConfirmProblem(password, confirm)) is { } problem)
            return AdminResult.Fail(problem == AccountRules.ConfirmRule ? nameof(NewUser.ConfirmPassword) : nameof(NewUser.Password), problem);
        var hash = hasher.HashPassword(user, password);
        return Change(actor, id, "reset the password of", u => (u.PasswordHash, u.FailedAttempts, u.LockoutEnd) = (hash, 0, null), self: true);
    }

    /// <summary>Locks a user until unlocked (their logins end at once), or unlocks them (also ending a lock-out after failed attempts).</summary>
    public AdminResult SetLocked(string actor, string id, bool locked) =>
        Change(actor, id, locked ? "locked" : "unlocked", u => (u.Disabled, u.FailedAttempts, u.LockoutEnd) = (locked, 0, null), self: !locked);

    /// <summary>Gives the user another role (their logins end, so the new role applies at their next login).</summary>
    public AdminResult ChangeRole(string actor, string id, string role) =>
        AccountRules.RoleProblem(role) is { } problem
            ? AdminResult.Fail(nameof(NewUser.Role), problem)
            : Change(actor, id, $"made {role}", u => u.Roles = [.. Roles.Implied(role)], self: false);

    /// <summary>Deletes a user (their logins end at once and their API tokens are revoked).</summary>
    public AdminResult Delete(string actor, string id) => store.Atomic(() =>
    {
        var user = store.Users.Get(id);
        if (user is null)
            return AdminResult.Fail("", "That user no longer exists.");
        if (id == actor)
            return AdminResult.Fail("", "You cannot delete your own account.");
        if (LeavesNoAdmin(id, null))
            return AdminResult.Fail("", LastAdminRule);
        store.Users.Delete(id);
        store.ApiTokens.RevokeAll(id, DateTimeOffset.UtcNow);
        logger.LogInformation("{Actor} deleted user {UserName}", Name(actor), user.UserName);
        return new AdminResult(user, new Dictionary<string, string>());
    });

    private AdminResult Change(string actor, string id, string what, Action<UserAccount> change, bool self) => store.Atomic(() =>
    {
        var user = store.Users.Get(id);
        if (user is null)
            return AdminResult.Fail("", "That user no longer exists.");
        if (id == actor && !self)
            return AdminResult.Fail("", "You cannot do that to your own account; ask another admin.");
        var after = Copy(user);
        change(after);
        if (LeavesNoAdmin(id, after))
            return AdminResult.Fail("", LastAdminRule);
        var changed = store.Users.Change(id, u =>
        {
            change(u);
            u.SecurityStamp = AccountService.NewStamp();
        });
        logger.LogInformation("{Actor} {What} user {UserName}", Name(actor), what, user.UserName);
        return new AdminResult(changed, new Dictionary<string, string>());
    });

    private bool LeavesNoAdmin(string id, UserAccount? after)
    {
        var users = store.Users.List().Select(u => u.Id == id ? after : u).OfType<UserAccount>().ToList();
        return users.Count > 0 && !users.Any(u => u.Roles.Contains(Roles.Admin) && !u.Disabled);
    }

    private static UserAccount Copy(UserAccount u) => new()
    {
        Id = u.Id, UserName = u.UserName, Roles = [.. u.Roles], Disabled = u.Disabled,
    };

    private string Name(string actor) => store.Users.Get(actor)?.UserName ?? actor;

    private static void Add(Dictionary<string, string> errors, string field, string? problem)
    {
        if (problem is not null)
            errors[field] = problem;
    }
}
