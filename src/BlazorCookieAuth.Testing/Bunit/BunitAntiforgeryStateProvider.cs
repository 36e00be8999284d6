using Microsoft.AspNetCore.Components.Forms;

namespace BlazorCookieAuth.Testing;

/// <summary>Gives <c>&lt;AntiforgeryToken /&gt;</c> a fixed token, as prerendering would in a real app.</summary>
internal sealed class BunitAntiforgeryStateProvider : AntiforgeryStateProvider
{
    /// <summary>The form field the fixed token is rendered in.</summary>
    public const string FormFieldName = "__RequestVerificationToken";

    /// <summary>The fixed token value.</summary>
    public const string Token = "bunit-antiforgery-token";

    public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, FormFieldName);
}
