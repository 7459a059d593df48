using NeuronViewer.Storage.Users;

namespace NeuronViewer.Storage.Tests;

public sealed class UserRepositoryTests : IDisposable
{
    private readonly TempStore temp = new();

    private UserRepository Users => temp.Store.Users;

    public void Dispose() => temp.Dispose();

    private static UserAccount Account(string name, params string[] roles) =>
        new() { UserName = name, DisplayName = name.ToUpperInvariant(), Roles = [.. roles], PasswordHash = "hash-" + name, SecurityStamp = "s1" };

    [Fact]
    public void A_user_round_trips_every_field_after_a_reopen_and_is_found_in_any_case()
    {
        var created = Users.Create(Account(" Alice ", "researcher", "admin"));
        var lockEnd = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var login = new DateTimeOffset(2029, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Users.Change(created.Id, u => (u.FailedAttempts, u.LockoutEnd, u.LastLoginAt, u.Disabled) = (3, lockEnd, login, true));

        var back = temp.Reopen().Users.FindByName("ALICE");

        Assert.NotNull(back);
        Assert.Equal(32, back.Id.Length);
        Assert.Equal((created.Id, "Alice", "alice", " ALICE "), (back.Id, back.UserName, back.NormalizedUserName, back.DisplayName));
        Assert.Equal(["researcher", "admin"], back.Roles);
        Assert.Equal(("hash- Alice ", "s1", 3, true), (back.PasswordHash, back.SecurityStamp, back.FailedAttempts, back.Disabled));
        Assert.Equal(lockEnd, back.LockoutEnd);
        Assert.Equal(lockEnd.Offset, back.LockoutEnd!.Value.Offset);
        Assert.Equal(login, back.LastLoginAt);
        Assert.Equal(created.CreatedAt, back.CreatedAt);
        Assert.True(back.IsLockedAt(login));
    }

    [Fact]
    public void A_taken_name_is_refused_whatever_its_case_and_nothing_is_added()
    {
        Users.Create(Account("bob", "annotator"));

        var e = Assert.Throws<StorageException>(() => Users.Create(Account("BOB", "admin")));

        Assert.Equal("A user named 'BOB' already exists.", e.Message);
        Assert.Equal(1, Users.Count());
        Assert.Equal(["annotator"], Users.FindByName("bob")!.Roles);
    }

    [Fact]
    public void The_first_user_is_created_only_once()
    {
        Assert.NotNull(Users.CreateFirst(Account("first", "admin")));
        Assert.Null(Users.CreateFirst(Account("second", "admin")));
        Assert.Equal(["first"], Users.List().Select(u => u.UserName));
    }

    [Fact]
    public void Change_keeps_id_and_name_and_delete_removes_the_user()
    {
        var carol = Users.Create(Account("carol", "annotator"));
        Users.Create(Account("anna", "annotator"));

        var changed = Users.Change(carol.Id, u => (u.Id, u.UserName, u.NormalizedUserName, u.DisplayName) = ("x", "mallory", "mallory", "Carol C"));

        Assert.Equal((carol.Id, "carol", "Carol C"), (changed!.Id, changed.UserName, changed.DisplayName));
        Assert.Null(Users.FindByName("mallory"));
        Assert.Null(Users.Change("missing", _ => { }));
        Assert.Equal(["anna", "carol"], Users.List().Select(u => u.UserName));
        Assert.True(Users.Delete(carol.Id));
        Assert.False(Users.Delete(carol.Id));
        Assert.Null(Users.Get(carol.Id));
    }
}
