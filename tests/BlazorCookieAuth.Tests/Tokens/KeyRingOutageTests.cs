using System.Xml.Linq;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Tokens;

/// <summary>A Data Protection key ring whose store can't be read, as when it lives on a Redis that is down.</summary>
public class KeyRingOutageTests
{
    [Fact]
    public async Task A_cookie_that_cant_be_read_for_want_of_the_key_ring_is_refused_but_kept_and_said_once()
    {
        var keys = new KeyStore();
        string cookie;
        await using (var before = await TestApp.StartAsync(configureBuilder: b => UseKeys(b, keys)))
        {
            using var browser = before.CreateBrowser();
            await browser.LoginAsync("42");
            cookie = browser.AuthCookie!;
        }

        keys.IsDown = true;
        await using var app = await TestApp.StartAsync(configureBuilder: b => UseKeys(b, keys));

        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, cookie, expectDeletion: false));
        Assert.Equal("anonymous", await TamperedTokenTests.SendWithCookieAsync(app, cookie, expectDeletion: false));
        Assert.Single(app.Logs.Entries, e => e.EventId.Name == "KeyRingUnavailable" && e.Level == LogLevel.Error);
        Assert.DoesNotContain(app.Logs.Entries, e => e.EventId.Name == "TokenRejected");
    }

    [Fact]
    public async Task A_token_that_cant_be_issued_for_want_of_the_key_ring_leaves_no_session_behind()
    {
        var keys = new KeyStore { IsDown = true };
        await using var app = await TestApp.StartAsync(configureBuilder: b => UseKeys(b, keys));

        await Assert.ThrowsAsync<AuthUnavailableException>(() => app.Services.GetRequiredService<IAuthTokenService>().CreateTokenAsync(new AuthUser("42")));

        // The session started for the token is ended again: it must not count against the user's session limit.
        Assert.Empty(await app.Services.GetRequiredService<IAuthSessionManager>().ListSessionsAsync("42"));
    }

    private static void UseKeys(WebApplicationBuilder builder, KeyStore keys) =>
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = keys);

    /// <summary>A key ring store in memory that can be taken down.</summary>
    private sealed class KeyStore : IXmlRepository
    {
        private readonly List<XElement> _elements = [];

        public bool IsDown { get; set; }

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            ThrowIfDown();
            lock (_elements)
            {
                return [.. _elements.Select(e => new XElement(e))];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            ThrowIfDown();
            lock (_elements)
            {
                _elements.Add(new XElement(element));
            }
        }

        private void ThrowIfDown()
        {
            if (IsDown)
            {
                throw new IOException("The key ring's store can't be reached.");
            }
        }
    }
}
