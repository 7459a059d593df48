using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NeuronViewer.Storage;
using NeuronViewer.Storage.Users;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Tests.Security;

public sealed class UserAdministrationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "nv-web-tests", Guid.NewGuid().ToString("N"));
    private readonly NeuronViewerStore store;
    private readonly UserAdministration admin;

    public UserAdministrationTests()
    {
        store = NeuronViewerStore.Open(folder);
        admin = new UserAdministration(store, new PasswordHasher<UserAccount>(), Options.Create(new AuthOptions()), NullLogger<UserAdministration>.Instance);
    }

    public void Dispose()
    {
        store.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private UserAccount Add(string name, string role) =>
        admin.Create(new NewUser(name, name, role, TestApp.Password, TestApp.Password), "test").User!;

    [Fact]
    public void Every_bad_field_gets_its_own_message_and_nothing_is_stored()
    {
        var result = admin.Create(new NewUser("x", " ", "boss", "bob-short", "other"), "test");

        Assert.False(result.Succeeded);
        Assert.Equal(AccountRules.UserNameRule, result.Errors[nameof(NewUser.UserName)]);
        Assert.Equal(AccountRules.DisplayNameRule, result.Errors[nameof(NewUser.DisplayName)]);
        Assert.Equal(AccountRules.RoleRule, result.Errors[nameof(NewUser.Role)]);
        Assert.Equal(AccountRules.PasswordRule(10), result.Errors[nameof(NewUser.Password)]);
        Assert.Empty(admin.List());
        var mismatch = admin.Create(new NewUser("bob", "Bob", Roles.Annotator, TestApp.Password, TestApp.Password + "!"), "test");
        Assert.Equal(AccountRules.ConfirmRule, Assert.Single(mismatch.Errors).Value);
        var containsName = admin.Create(new NewUser("bobby", "Bob", Roles.Annotator, "my name is BOBBY!", "my name is BOBBY!"), "test");
        Assert.Equal(AccountRules.PasswordRule(10), containsName.Errors[nameof(NewUser.Password)]);
        Add("bob", Roles.Annotator);
        Assert.Equal("A user named 'BOB' already exists.", admin.Create(new NewUser("BOB", "B", Roles.Admin, TestApp.Password, TestApp.Password), "t").Errors[nameof(NewUser.UserName)]);
    }

    [Fact]
    public void An_admin_cannot_lock_demote_or_delete_themselves_nor_leave_no_unlocked_admin()
    {
        var root = Add("root", Roles.Admin);
        var other = Add("other", Roles.Admin);
        var anna = Add("anna", Roles.Annotator);

        Assert.Equal("You cannot delete your own account.", admin.Delete(root.Id, root.Id).Message);
        Assert.False(admin.SetLocked(root.Id, root.Id, true).Succeeded);
        Assert.False(admin.ChangeRole(root.Id, root.Id, Roles.Annotator).Succeeded);
        Assert.True(admin.SetLocked(root.Id, other.Id, true).Succeeded);
        Assert.Equal(UserAdministration.LastAdminRule, admin.ChangeRole(anna.Id, root.Id, Roles.Researcher).Message);
        Assert.Equal(UserAdministration.LastAdminRule, admin.Delete(anna.Id, root.Id).Message);
        Assert.True(admin.Delete(root.Id, other.Id).Succeeded);
        Assert.True(admin.ChangeRole(root.Id, anna.Id, Roles.Admin).Succeeded);
        Assert.Equal([Roles.Admin, Roles.Researcher], store.Users.Get(anna.Id)!.Roles);
        Assert.True(admin.ChangeRole(anna.Id, root.Id, Roles.Researcher).Succeeded);
        Assert.Equal("Choose a role: admin, researcher or annotator.", admin.ChangeRole(anna.Id, root.Id, "owner").Message);
    }

    [Fact]
    public void A_new_password_ends_a_lock_out_and_every_change_gives_a_new_security_stamp()
    {
        var root = Add("root", Roles.Admin);
        var bob = Add("bob", Roles.Researcher);
        store.Users.Change(bob.Id, u => (u.FailedAttempts, u.LockoutEnd) = (3, DateTimeOffset.UtcNow.AddMinutes(10)));
        var stamps = new List<string> { store.Users.Get(bob.Id)!.SecurityStamp };

        Assert.Equal(AccountRules.PasswordRule(10), admin.ResetPassword(root.Id, bob.Id, "short", "short").Message);
        Assert.Equal(AccountRules.ConfirmRule, admin.ResetPassword(root.Id, bob.Id, "a new password 1", "a new password 2").Errors[nameof(NewUser.ConfirmPassword)]);
        Assert.True(admin.ResetPassword(root.Id, bob.Id, "a new password 1", "a new password 1").Succeeded);
        var after = store.Users.Get(bob.Id)!;
        stamps.Add(after.SecurityStamp);
        Assert.Equal((0, null), (after.FailedAttempts, after.LockoutEnd));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<UserAccount>().VerifyHashedPassword(after, after.PasswordHash, "a new password 1"));
        admin.SetLocked(root.Id, bob.Id, true);
        stamps.Add(store.Users.Get(bob.Id)!.SecurityStamp);
        admin.ChangeRole(root.Id, bob.Id, Roles.Annotator);
        stamps.Add(store.Users.Get(bob.Id)!.SecurityStamp);
        Assert.Equal(4, stamps.Distinct().Count());
        Assert.Equal("That user no longer exists.", admin.ResetPassword(root.Id, "missing", "a new password 1", "a new password 1").Message);
    }
}
