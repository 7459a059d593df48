using System.Net;
using System.Text.RegularExpressions;

namespace NeuronViewer.Web.Tests.Security;

/// <summary>What a browser does with the account forms: read the page's antiforgery token, post the form, keep cookies.</summary>
public sealed partial class Visitor(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    /// <summary>The antiforgery token of the page's form.</summary>
    public async Task<string> TokenFrom(string page)
    {
        var html = await http.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>Posts the fields as a form, with the token from <paramref name="tokenPage"/> unless it is null.</summary>
    public async Task<HttpResponseMessage> Post(string action, Dictionary<string, string> fields, string? tokenPage)
    {
        if (tokenPage is not null)
            fields["__RequestVerificationToken"] = await TokenFrom(tokenPage);
        return await http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Fills in and posts the login form.</summary>
    public Task<HttpResponseMessage> Login(string userName, string password, string? returnUrl = null) =>
        Post("/account/login", new() { ["userName"] = userName, ["password"] = password, ["returnUrl"] = returnUrl ?? "" }, "/login");

    /// <summary>The redirect target of a response, as a relative path when it is on this site.</summary>
    public static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No redirect (status {(int)response.StatusCode}).");
        return location.IsAbsoluteUri && location.Host == "localhost" ? location.PathAndQuery : location.OriginalString;
    }

    public async Task<HttpStatusCode> Status(string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode;
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
