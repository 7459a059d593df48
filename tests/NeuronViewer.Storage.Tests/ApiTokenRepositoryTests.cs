using System.Text;
using NeuronViewer.Storage.Users;

namespace NeuronViewer.Storage.Tests;

public sealed class ApiTokenRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly TempStore temp = new();

    private ApiTokenRepository Tokens => temp.Store.ApiTokens;

    public void Dispose() => temp.Dispose();

    [Fact]
    public void An_issued_secret_has_the_prefix_finds_its_token_after_a_reopen_and_is_not_in_the_database_file()
    {
        var issued = Tokens.Issue("u1", " laptop ", Now, Now.AddDays(30));

        Assert.StartsWith("nvt_", issued.Secret, StringComparison.Ordinal);
        Assert.Equal(ApiTokenRepository.SecretLength, issued.Secret.Length);
        Assert.True(ApiTokenRepository.LooksLikeSecret(issued.Secret));
        Assert.NotEqual(issued.Secret, Tokens.Issue("u1", "other", Now, null).Secret);
        var back = temp.Reopen().ApiTokens.FindBySecret(issued.Secret);
        Assert.NotNull(back);
        Assert.Equal((issued.Token.Id, "u1", "laptop", Now, Now.AddDays(30)), (back.Id, back.UserId, back.Name, back.CreatedAt, back.ExpiresAt));
        Assert.Equal(64, back.SecretHash.Length);
        Assert.Null(back.LastUsedAt);
        temp.Store.Dispose();
        var bytes = Directory.GetFiles(temp.Folder, "*.db*").SelectMany(File.ReadAllBytes).ToArray();
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(issued.Secret)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(issued.Secret[4..])));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(back.SecretHash)));
        temp.Reopen();
    }

    [Theory]
    [InlineData("")]
    [InlineData("nvt_")]
    [InlineData("nvt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ghp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("nvt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/")]
    public void Anything_but_an_issued_secret_finds_nothing(string secret)
    {
        Tokens.Issue("u1", "laptop", Now, null);

        Assert.Null(Tokens.FindBySecret(secret));
    }

    [Fact]
    public void A_secret_with_one_character_changed_finds_nothing()
    {
        var secret = Tokens.Issue("u1", "laptop", Now, null).Secret;
        var changed = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');

        Assert.Null(Tokens.FindBySecret(changed));
        Assert.NotNull(Tokens.FindBySecret(secret));
    }

    [Fact]
    public void Revoking_marks_only_the_owners_token_active_counts_leave_out_revoked_and_expired_ones_and_lists_are_newest_first()
    {
        var a = Tokens.Issue("u1", "a", Now, null).Token;
        Tokens.Issue("u1", "b", Now.AddSeconds(1), Now.AddDays(1));
        Tokens.Issue("u1", "c", Now.AddSeconds(2), Now.AddMinutes(1));
        var other = Tokens.Issue("u2", "d", Now, null).Token;

        Assert.False(Tokens.Revoke("u2", a.Id, Now));
        Assert.True(Tokens.Revoke("u1", a.Id, Now.AddSeconds(5)));
        Assert.False(Tokens.Revoke("u1", a.Id, Now.AddSeconds(9)));

        Assert.Equal(Now.AddSeconds(5), Tokens.Get(a.Id)!.RevokedAt);
        Assert.Equal(new Dictionary<string, int> { ["u1"] = 2, ["u2"] = 1 }, Tokens.ActiveCounts(Now));
        Assert.Equal(new Dictionary<string, int> { ["u1"] = 1, ["u2"] = 1 }, Tokens.ActiveCounts(Now.AddMinutes(1)));
        Assert.Equal(2, Tokens.RevokeAll("u1", Now.AddHours(1)));
        Assert.Equal(0, Tokens.RevokeAll("u1", Now.AddHours(2)));
        Assert.Equal(new Dictionary<string, int> { ["u2"] = 1 }, Tokens.ActiveCounts(Now));
        Assert.Null(Tokens.Get(other.Id)!.RevokedAt);
        Assert.Equal(["c", "b", "a"], Tokens.ListForUser("u1").Select(t => t.Name));
    }

    [Fact]
    public void Last_use_is_written_at_most_once_per_interval()
    {
        var token = Tokens.Issue("u1", "a", Now, null).Token;

        Assert.True(Tokens.Touch(token.Id, Now, TimeSpan.FromMinutes(1)));
        Assert.False(Tokens.Touch(token.Id, Now.AddSeconds(59), TimeSpan.FromMinutes(1)));
        Assert.Equal(Now, Tokens.Get(token.Id)!.LastUsedAt);
        Assert.True(Tokens.Touch(token.Id, Now.AddSeconds(61), TimeSpan.FromMinutes(1)));
        Assert.Equal(Now.AddSeconds(61), Tokens.Get(token.Id)!.LastUsedAt);
        Assert.False(Tokens.Touch("no-such-id", Now, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_token_without_a_name_is_refused_and_nothing_is_stored()
    {
        Assert.Throws<StorageException>(() => Tokens.Issue("u1", "  ", Now, null));

        Assert.Empty(Tokens.ListForUser("u1"));
    }
}
