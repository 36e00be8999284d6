using System.Net;
using System.Net.Http.Json;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace BlazorCookieAuth.Tests.Endpoints;

/// <summary>
/// One table for how every part of the kit answers a caller: the challenge of a protected page, the login endpoint,
/// the session check and basic authentication decide alike, from <c>Accept</c>, <c>Content-Type</c>,
/// <c>X-Requested-With</c> and the framework's <see cref="IDisableCookieRedirectMetadata"/>. A page is redirected;
/// an API caller gets the status, with problem details when it reads JSON and a sentence otherwise.
/// </summary>
public class ApiRequestsTests
{
    private const string Html = "text/html";
    private const string Json = "application/json";
    private const string Problem = "application/problem+json";
    private const string Text = "text/plain";
    private const string Xhr = "XMLHttpRequest";

    /// <summary>Request; body (none, form, json); Accept; X-Requested-With; expected status, Location and content type.</summary>
    public static TheoryData<string, string, string?, string?, HttpStatusCode, string?, string?> Answers => new()
    {
        // A protected page, challenged by the kit's scheme.
        { "GET /protected", "none", null, null, HttpStatusCode.Redirect, "/login?returnUrl=%2Fprotected", null },
        { "GET /protected", "none", "text/html,application/xhtml+xml,*/*;q=0.8", null, HttpStatusCode.Redirect, "/login?returnUrl=%2Fprotected", null },
        { "GET /protected", "none", "text/html, application/json", null, HttpStatusCode.Redirect, "/login?returnUrl=%2Fprotected", null },
        { "GET /protected", "none", Json, null, HttpStatusCode.Unauthorized, null, Problem },
        { "GET /protected", "none", Problem, null, HttpStatusCode.Unauthorized, null, Problem },
        { "GET /protected", "none", Html, Xhr, HttpStatusCode.Unauthorized, null, Text },
        { "GET /protected", "none", null, Xhr, HttpStatusCode.Unauthorized, null, Text },
        { "GET /protected", "none", Json, Xhr, HttpStatusCode.Unauthorized, null, Problem },
        { "POST /protected", "json", null, null, HttpStatusCode.Unauthorized, null, Problem },

        // An endpoint that opted out of cookie redirects through the framework's metadata.
        { "GET /no-redirect", "none", Html, null, HttpStatusCode.Unauthorized, null, Text },
        { "GET /no-redirect", "none", Json, null, HttpStatusCode.Unauthorized, null, Problem },

        // The login endpoint with a wrong password.
        { "POST /auth/login", "form", null, null, HttpStatusCode.SeeOther, "/login?error=1", null },
        { "POST /auth/login", "form", Html, null, HttpStatusCode.SeeOther, "/login?error=1", null },
        { "POST /auth/login", "form", Json, null, HttpStatusCode.Unauthorized, null, Problem },
        { "POST /auth/login", "form", Html, Xhr, HttpStatusCode.Unauthorized, null, Text },
        { "POST /auth/login", "json", null, null, HttpStatusCode.Unauthorized, null, Problem },
        { "POST /auth/login", "json", "*/*", null, HttpStatusCode.Unauthorized, null, Problem },
        { "POST /auth/login", "json", Json, null, HttpStatusCode.Unauthorized, null, Problem },
        { "POST /auth/login", "json", Html, null, HttpStatusCode.SeeOther, "/login?error=1", null },

        // The login endpoint with the right password.
        { "POST /auth/login ok", "form", Html, null, HttpStatusCode.SeeOther, "/", null },
        { "POST /auth/login ok", "form", Json, null, HttpStatusCode.OK, null, Json },
        { "POST /auth/login ok", "json", null, null, HttpStatusCode.OK, null, Json },

        // The session check never redirects; the body follows the same rule.
        { "GET /auth/session", "none", null, null, HttpStatusCode.Unauthorized, null, Text },
        { "GET /auth/session", "none", Html, null, HttpStatusCode.Unauthorized, null, Text },
        { "GET /auth/session", "none", Json, null, HttpStatusCode.Unauthorized, null, Problem },

        // Basic authentication never redirects either.
        { "GET /basic", "none", Html, null, HttpStatusCode.Unauthorized, null, Text },
        { "GET /basic", "none", Json, null, HttpStatusCode.Unauthorized, null, Problem },
        { "GET /basic", "none", Html, Xhr, HttpStatusCode.Unauthorized, null, Text },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_part_of_the_kit_answers_a_caller_alike(
        string request, string body, string? accept, string? requestedWith, HttpStatusCode status, string? location, string? contentType)
    {
        await using var app = await TestApp.StartAsync(configureApp: a =>
        {
            a.MapGet("/no-redirect", () => "data").RequireAuthorization().WithMetadata(new NoCookieRedirect());
            a.MapPost("/protected", () => "posted").RequireAuthorization().DisableAntiforgery();
            a.MapGet("/basic", () => "basic").RequireBasicAuth();
        });
        using var browser = app.CreateBrowser();
        var parts = request.Split(' ');
        using var message = new HttpRequestMessage(new HttpMethod(parts[0]), parts[1]);
        var password = parts.Length > 2 ? TestApp.Password : "wrong";
        message.Content = body switch
        {
            "form" => new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = TestApp.Username,
                ["password"] = password,
                ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync(),
            }),
            "json" => JsonContent.Create(new { username = TestApp.Username, password }),
            _ => null,
        };
        if (body == "json")
        {
            message.Headers.Add("RequestVerificationToken", await browser.AntiforgeryTokenAsync());
        }

        if (accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (requestedWith is not null)
        {
            message.Headers.Add("X-Requested-With", requestedWith);
        }

        var response = await browser.Client.SendAsync(message);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    private sealed class NoCookieRedirect : IDisableCookieRedirectMetadata;
}
