namespace BlazorCookieAuth.Endpoints;

/// <summary>How the endpoints read a checkbox of a posted form.</summary>
internal static class FormCheckbox
{
    /// <summary>Whether <paramref name="value"/> is a ticked checkbox: <c>on</c> (what browsers send), <c>true</c> or <c>1</c>.</summary>
    public static bool IsChecked(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase) || value == "1");
}
