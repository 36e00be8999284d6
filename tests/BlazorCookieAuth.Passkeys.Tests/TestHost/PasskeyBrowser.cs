using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;

namespace BlazorCookieAuth.Passkeys.Tests.TestHost;

/// <summary>An HTTP client with its own cookie jar, like one browser running the passkey script.</summary>
internal sealed class PasskeyBrowser : IDisposable
{
    public static readonly Uri BaseAddress = new("https://localhost");

    public PasskeyBrowser(TestServer server)
    {
        var handler = new CookieContainerHandler(Cookies) { InnerHandler = server.CreateHandler() };
        Client = new HttpClient(handler) { BaseAddress = BaseAddress };
        Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    public async Task<string> WhoAmIAsync() => await Client.GetStringAsync("/me");

    /// <summary>Logs <paramref name="authId"/> in now, so the login is fresh.</summary>
    public async Task LoginAsync(string authId) =>
        (await Client.PostAsync($"/test/login?authId={Uri.EscapeDataString(authId)}", null)).EnsureSuccessStatusCode();

    /// <summary>Posts JSON as the passkey script does, with the antiforgery token in its header unless told not to.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json = "{}", bool withAntiforgery = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (withAntiforgery)
        {
            request.Headers.Add("RequestVerificationToken", await Client.GetStringAsync("/test/antiforgery"));
        }

        return await Client.SendAsync(request);
    }

    /// <summary>The JSON body of a response.</summary>
    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The kit's error code in a problem details answer.</summary>
    public static async Task<string?> ErrorOf(HttpResponseMessage response) =>
        (await JsonOf(response)).GetProperty("error").GetString();

    public void Dispose() => Client.Dispose();
}
