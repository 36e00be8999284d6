using BlazorCookieAuth.Components;
using BlazorCookieAuth.Testing;
using BlazorCookieAuth.Tests.Shared;
using Bunit;
using Bunit.TestDoubles;
using Xunit.Abstractions;

namespace BlazorCookieAuth.Components.Tests;

/// <summary>
/// The components that send an anonymous user to the login page, on a page whose address carries each payload of
/// the corpus: where they navigate must stay on the site, and so must the return URL they carry. Neither takes a
/// return URL as a parameter; the current address is all they carry.
/// </summary>
public sealed class OpenRedirectTests(ITestOutputHelper output) : BunitContext
{
    [Fact]
    public Task RedirectToLogin_never_navigates_off_site() =>
        CheckEveryPayloadAsync(nameof(RedirectToLogin), () => Render<RedirectToLogin>());

    [Fact]
    public Task RequireLogin_never_navigates_off_site() =>
        CheckEveryPayloadAsync(nameof(RequireLogin), () => Render<RequireLogin>(p => p.AddChildContent("<p>secret</p>")));

    private async Task CheckEveryPayloadAsync(string component, Action render)
    {
        this.AddBlazorCookieAuth().SetAnonymous();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        var site = new Uri(navigation.BaseUri);
        var redirects = new OffSiteRedirects(site);

        foreach (var payload in OpenRedirectCorpus.Payloads)
        {
            foreach (var (where, page) in PagesCarrying(site, payload))
            {
                navigation.NavigateTo(page);
                Assert.Equal(site.AbsoluteUri, navigation.BaseUri);
                var navigations = navigation.History.Count;

                render();

                var what = $"{component} on a page with the payload in its {where}";
                if (navigation.History.Count != navigations + 1)
                {
                    redirects.Report(what, payload, $"{navigation.History.Count - navigations} navigations, not 1");
                }

                redirects.Check(what, payload, navigation.History.First().Uri);
                await DisposeComponentsAsync();
            }
        }

        output.WriteLine($"{OpenRedirectCorpus.Payloads.Count} payloads, {redirects.Checked} navigations checked.");
        redirects.AssertNone();
    }

    /// <summary>Addresses of the site's pages with the payload in the path, in the query as it is, and in the query encoded.</summary>
    private static IEnumerable<(string Where, string Page)> PagesCarrying(Uri site, string payload)
    {
        var origin = site.GetLeftPart(UriPartial.Authority);
        yield return ("path", origin + (payload.StartsWith('/') ? payload : "/" + payload));
        yield return ("query", origin + "/orders?" + payload);
        yield return ("encoded query", origin + "/orders?next=" + Uri.EscapeDataString(payload));
    }
}
