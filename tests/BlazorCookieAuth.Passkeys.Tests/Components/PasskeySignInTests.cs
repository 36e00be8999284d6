using BlazorCookieAuth.Components;
using BlazorCookieAuth.Passkeys.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorCookieAuth.Passkeys.Tests.Components;

public sealed class PasskeySignInTests : BunitContext
{
    public PasskeySignInTests()
    {
        this.AddBlazorCookieAuth();
    }

    [Fact]
    public void Renders_a_disabled_button_in_the_element_the_script_wires_with_the_endpoints_token_and_return_url()
    {
        var cut = Render<PasskeySignIn>(p => p.Add(c => c.ReturnUrl, "/account/sessions"));

        cut.MarkupMatches("""
            <passkey-sign-in class="passkey-sign-in" data-endpoint="auth/passkeys" data-token="bunit-antiforgery-token"
                             data-return-url="/account/sessions" data-remember="false">
                <button type="button" class="passkey-sign-in-button" disabled>Sign in with a passkey</button>
                <p class="passkey-message" role="status" hidden></p>
            </passkey-sign-in>
            """);
    }

    [Fact]
    public void Takes_the_endpoints_from_the_kits_prefix_and_the_buttons_content_and_attributes_from_the_page()
    {
        Services.Replace(ServiceDescriptor.Singleton<IAuthLocations>(new PrefixedLocations("/api/auth")));

        var cut = Render<PasskeySignIn>(p => p
            .Add(c => c.Remember, true)
            .AddChildContent("Use your fingerprint")
            .AddUnmatched("class", "primary"));

        cut.MarkupMatches("""
            <passkey-sign-in class="passkey-sign-in" data-endpoint="api/auth/passkeys" data-token="bunit-antiforgery-token" data-remember="true">
                <button type="button" class="primary" disabled>Use your fingerprint</button>
                <p class="passkey-message" role="status" hidden></p>
            </passkey-sign-in>
            """);
    }

    private sealed class PrefixedLocations(string prefix) : IAuthLocations
    {
        public string LoginPath => "/login";

        public string? ReauthenticationPath => null;

        public string ReturnUrlParameter => "returnUrl";

        public string EndpointPrefix => prefix;
    }
}
