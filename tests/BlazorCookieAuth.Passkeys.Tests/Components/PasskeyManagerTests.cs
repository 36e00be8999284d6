using BlazorCookieAuth.Passkeys.Components;
using BlazorCookieAuth.Testing;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorCookieAuth.Passkeys.Tests.Components;

public sealed class PasskeyManagerTests : BunitContext
{
    private const string Endpoint = "http://localhost/auth/passkeys";
    private const string Token = "bunit-antiforgery-token";

    private static readonly PasskeyEntry Laptop = new()
    {
        Id = "AQID",
        Name = "Laptop",
        CreatedAt = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
        LastUsedAt = null,
        IsBackupEligible = false,
        IsBackedUp = false,
    };

    private static readonly PasskeyEntry Phone = new()
    {
        Id = "BAUG",
        Name = "Phone",
        CreatedAt = new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero),
        LastUsedAt = new DateTimeOffset(2026, 12, 7, 8, 15, 0, TimeSpan.Zero),
        IsBackupEligible = true,
        IsBackedUp = true,
    };

    private readonly BunitJSModuleInterop _script;

    public PasskeyManagerTests()
    {
        var auth = this.AddBlazorCookieAuth(o => o.ReauthenticationPath = "/reauthenticate");
        auth.SetUser("alice");
        Services.GetRequiredService<NavigationManager>().NavigateTo("account/passkeys");
        _script = JSInterop.SetupModule(PasskeyManager.ScriptPath);
        _script.Setup<bool>("isSupported").SetResult(true);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void Prerendered_it_waits_with_every_button_off_and_calls_no_script()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<PasskeyManager>();

        Assert.Equal("Loading your passkeys…", cut.Find("p.passkey-loading").TextContent);
        Assert.True(cut.Find("button.passkey-add-button").HasAttribute("disabled"));
        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void Lists_each_passkey_with_its_name_dates_and_whether_it_is_synced()
    {
        ListAnswers(Laptop, Phone);

        var cut = Render<PasskeyManager>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tr.passkey").Count));
        cut.Find("tbody").MarkupMatches("""
            <tbody>
                <tr class="passkey">
                    <td class="passkey-name">Laptop</td>
                    <td class="passkey-created">2026-12-01 09:30 UTC</td>
                    <td class="passkey-last-used">never</td>
                    <td class="passkey-synced">no, this device only</td>
                    <td class="passkey-actions">
                        <button type="button" class="passkey-rename">Rename</button>
                        <button type="button" class="passkey-remove">Remove</button>
                    </td>
                </tr>
                <tr class="passkey">
                    <td class="passkey-name">Phone</td>
                    <td class="passkey-created">2026-12-02 18:00 UTC</td>
                    <td class="passkey-last-used">2026-12-07 08:15 UTC</td>
                    <td class="passkey-synced">yes</td>
                    <td class="passkey-actions">
                        <button type="button" class="passkey-rename">Rename</button>
                        <button type="button" class="passkey-remove">Remove</button>
                    </td>
                </tr>
            </tbody>
            """);
        Assert.Equal(Endpoint, _script.VerifyInvoke("list").Arguments[0]);
    }

    [Fact]
    public void Says_so_when_there_are_none()
    {
        ListAnswers();

        var cut = Render<PasskeyManager>();

        cut.WaitForAssertion(() => Assert.Equal("You have no passkeys yet.", cut.Find("p.passkey-none").TextContent));
        Assert.False(cut.Find("button.passkey-add-button").HasAttribute("disabled"));
    }

    [Fact]
    public void Adds_a_passkey_under_the_typed_name_through_the_script_then_lists_it()
    {
        ListAnswers();
        _script.Setup<PasskeyScriptResult>("register", _ => true).SetResult(new PasskeyScriptResult { Ok = true });
        var cut = Render<PasskeyManager>();
        cut.WaitForElement("p.passkey-none");

        ListAnswers(Laptop);
        cut.Find("input.passkey-add-name").Change("  Laptop ");
        cut.Find("button.passkey-add-button").Click();

        cut.WaitForAssertion(() => Assert.Equal("Laptop", cut.Find("tr.passkey .passkey-name").TextContent));
        Assert.Equal("Your passkey was added.", cut.Find("p.passkey-notice").TextContent);
        Assert.Equal([Endpoint, Token, "Laptop"], _script.VerifyInvoke("register").Arguments);
    }

    [Fact]
    public void Renames_a_passkey_from_its_row()
    {
        ListAnswers(Laptop);
        _script.Setup<PasskeyScriptResult>("rename", _ => true).SetResult(new PasskeyScriptResult { Ok = true });
        var cut = Render<PasskeyManager>();
        cut.WaitForElement("button.passkey-rename").Click();

        cut.Find("input.passkey-rename-input").Change("Work laptop");
        cut.Find("button.passkey-rename-save").Click();

        cut.WaitForAssertion(() => Assert.Equal("Your passkey was renamed.", cut.Find("p.passkey-notice").TextContent));
        Assert.Equal([Endpoint, Token, "AQID", "Work laptop"], _script.VerifyInvoke("rename").Arguments);
        Assert.Empty(cut.FindAll("input.passkey-rename-input"));
    }

    [Fact]
    public void Removes_a_passkey_only_after_the_user_confirms()
    {
        ListAnswers(Laptop);
        _script.Setup<PasskeyScriptResult>("remove", _ => true).SetResult(new PasskeyScriptResult { Ok = true });
        var cut = Render<PasskeyManager>();
        cut.WaitForElement("button.passkey-remove").Click();

        Assert.Equal("Remove “Laptop”? You can't sign in with it afterwards.", cut.Find(".passkey-confirm").TextContent);
        _script.VerifyNotInvoke("remove");
        ListAnswers();
        cut.Find("button.passkey-remove-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal("“Laptop” was removed. It no longer signs you in.", cut.Find("p.passkey-notice").TextContent));
        Assert.Equal([Endpoint, Token, "AQID"], _script.VerifyInvoke("remove").Arguments);
        Assert.NotNull(cut.Find("p.passkey-none"));
    }

    [Fact]
    public void Cancelling_the_confirmation_removes_nothing()
    {
        ListAnswers(Laptop);
        var cut = Render<PasskeyManager>();
        cut.WaitForElement("button.passkey-remove").Click();

        cut.Find("button.passkey-remove-cancel").Click();

        Assert.Empty(cut.FindAll(".passkey-confirm"));
        _script.VerifyNotInvoke("remove");
    }

    [Fact]
    public void Shows_the_servers_refusal_of_removing_the_last_way_to_sign_in()
    {
        ListAnswers(Laptop);
        _script.Setup<PasskeyScriptResult>("remove", _ => true).SetResult(new PasskeyScriptResult
        {
            Status = 409,
            Error = "last_sign_in",
            Message = "This is your only way to sign in. Add another passkey or a password before you remove it.",
        });
        var cut = Render<PasskeyManager>();
        cut.WaitForElement("button.passkey-remove").Click();

        cut.Find("button.passkey-remove-confirm").Click();

        cut.WaitForAssertion(() => Assert.Equal(
            "This is your only way to sign in. Add another passkey or a password before you remove it.",
            cut.Find("p.passkey-message").TextContent.Trim()));
        Assert.Single(cut.FindAll("tr.passkey"));
        Assert.Empty(cut.FindAll("a.passkey-sign-in-again"));
    }

    [Fact]
    public void A_stale_login_gets_the_message_and_a_link_to_confirm_who_they_are_that_comes_back_here()
    {
        ListAnswers();
        _script.Setup<PasskeyScriptResult>("register", _ => true).SetResult(new PasskeyScriptResult
        {
            Status = 403,
            Error = "fresh_login_required",
            Message = "Changing passkeys needs a recent login. Sign in again, then try again.",
        });
        var cut = Render<PasskeyManager>();
        cut.WaitForElement("p.passkey-none");

        cut.Find("button.passkey-add-button").Click();

        cut.WaitForAssertion(() => cut.Find("p.passkey-message").MarkupMatches("""
            <p class="passkey-message" role="alert">
                Changing passkeys needs a recent login. Sign in again, then try again.
                <a class="passkey-sign-in-again" href="reauthenticate?returnUrl=%2Faccount%2Fpasskeys">Sign in again</a>
            </p>
            """));
    }

    [Fact]
    public void In_a_browser_without_WebAuthn_it_lists_but_cannot_add()
    {
        _script.Setup<bool>("isSupported").SetResult(false);
        ListAnswers(Laptop);

        var cut = Render<PasskeyManager>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tr.passkey")));
        Assert.Contains("This browser can't use passkeys.", cut.Find("p.passkey-unsupported").TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("button.passkey-add-button").HasAttribute("disabled"));
    }

    private void ListAnswers(params PasskeyEntry[] passkeys) =>
        _script.Setup<PasskeyScriptResult>("list", _ => true).SetResult(new PasskeyScriptResult { Ok = true, Passkeys = passkeys });
}
