using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>An HTTP client with its own cookie jar, like one browser.</summary>
internal sealed class TestBrowser : IDisposable
{
    public static readonly Uri BaseAddress = new("https://localhost");

    public TestBrowser(TestServer server)
    {
        var handler = new CookieContainerHandler(Cookies) { InnerHandler = server.CreateHandler() };
        Client = new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    public string? AuthCookie => Cookies.GetCookies(BaseAddress)["__Host-BlazorCookieAuth"]?.Value;

    public async Task<string> WhoAmIAsync() => await Client.GetStringAsync("/me");

    public async Task<HttpResponseMessage> LoginAsync(string authId, bool remember = false) =>
        await Client.PostAsync($"/test/login?authId={Uri.EscapeDataString(authId)}&remember={(remember ? "true" : "false")}", null);

    /// <summary>Gets an antiforgery token the way a rendered form would carry it.</summary>
    public async Task<string> AntiforgeryTokenAsync() => await Client.GetStringAsync("/test/antiforgery");

    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields, bool withAntiforgery = true)
    {
        var all = new Dictionary<string, string>(fields);
        if (withAntiforgery)
        {
            all["__RequestVerificationToken"] = await AntiforgeryTokenAsync();
        }

        using var content = new FormUrlEncodedContent(all);
        return await Client.PostAsync(path, content);
    }

    /// <summary>Posts <paramref name="body"/> as JSON with the antiforgery token in its header, as a script on the page would.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", await AntiforgeryTokenAsync());
        return await Client.SendAsync(request);
    }

    public void Dispose() => Client.Dispose();
}
