using System.Globalization;
using System.Xml.Linq;
using BlazorCookieAuth.Sessions;
using BlazorCookieAuth.Tests.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorCookieAuth.Tests.Tokens;

public class KeyRotationTests
{
    [Fact]
    public async Task Rotating_the_key_ring_logs_nobody_out()
    {
        var keys = Directory.CreateTempSubdirectory("bca-keys");
        try
        {
            // One session store for both runs, as a database would be, so only the key ring changes.
            var sessions = new MemoryAuthSessionStore(new FakeTimeProvider(TestApp.Start));
            void ShareKeysAndSessions(WebApplicationBuilder builder)
            {
                TamperedTokenTests.ShareKeys(builder, keys);
                builder.Services.AddSingleton<IAuthSessionStore>(sessions);
            }

            string oldToken;
            await using (var before = await TestApp.StartAsync(configureBuilder: ShareKeysAndSessions))
            {
                using var browser = before.CreateBrowser();
                await browser.LoginAsync("before");
                oldToken = browser.AuthCookie!;
            }

            AgeEveryKeyPastExpiry(keys);

            // On restart Data Protection finds no usable default key and rotates to a new one.
            await using var after = await TestApp.StartAsync(configureBuilder: ShareKeysAndSessions);
            using var newBrowser = after.CreateBrowser();
            await newBrowser.LoginAsync("after");
            var newToken = newBrowser.AuthCookie!;

            Assert.Equal(2, keys.GetFiles("key-*.xml").Length);
            Assert.NotEqual(KeyIdOf(oldToken), KeyIdOf(newToken));
            Assert.Equal("before", await TamperedTokenTests.SendWithCookieAsync(after, oldToken, expectDeletion: false));
            Assert.Equal("after", await TamperedTokenTests.SendWithCookieAsync(after, newToken, expectDeletion: false));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    /// <summary>Rewrites each stored key as if it had been made 100 days ago and expired yesterday.</summary>
    private static void AgeEveryKeyPastExpiry(DirectoryInfo keys)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var file in keys.GetFiles("key-*.xml"))
        {
            var key = XDocument.Load(file.FullName);
            key.Root!.Element("creationDate")!.Value = Format(now.AddDays(-100));
            key.Root.Element("activationDate")!.Value = Format(now.AddDays(-100));
            key.Root.Element("expirationDate")!.Value = Format(now.AddDays(-1));
            key.Save(file.FullName);
        }
    }

    private static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Data Protection's envelope starts with a 4-byte magic header and the 16-byte id of the key that protected it.</summary>
    private static Guid KeyIdOf(string token) => new(WebEncoders.Base64UrlDecode(token).AsSpan(4, 16));
}
