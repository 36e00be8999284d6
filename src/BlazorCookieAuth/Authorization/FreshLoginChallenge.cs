using Microsoft.AspNetCore.Authentication;

namespace BlazorCookieAuth.Authorization;

/// <summary>Marks a challenge made only for want of a fresh login, so the handler can send the user to re-authenticate.</summary>
internal static class FreshLoginChallenge
{
    private const string Key = "BlazorCookieAuth.FreshLogin";

    public static AuthenticationProperties Properties()
    {
        var properties = new AuthenticationProperties();
        properties.Items[Key] = "1";
        return properties;
    }

    public static bool IsFor(AuthenticationProperties properties) => properties.Items.ContainsKey(Key);
}
