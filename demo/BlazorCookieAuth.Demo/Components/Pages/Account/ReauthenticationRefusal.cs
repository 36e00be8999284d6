using System.Globalization;

namespace BlazorCookieAuth.Demo.Components.Pages.Account;

/// <summary>
/// How the account pages answer when <see cref="IAuthSession.ReauthenticateAsync"/> refuses the password typed on
/// them, so the password and delete pages say it the same way.
/// </summary>
internal static class ReauthenticationRefusal
{
    /// <summary>
    /// The message for a refused <paramref name="result"/>. Too many attempts also make the answer a
    /// 429 Too Many Requests with <c>Retry-After</c>, as the kit's login endpoint answers.
    /// </summary>
    /// <param name="result">What <see cref="IAuthSession.ReauthenticateAsync"/> found; not a success.</param>
    /// <param name="context">The request of the static SSR page, whose response is not started yet.</param>
    /// <param name="wrongPassword">What the page says about a wrong password.</param>
    public static string Describe(ReauthenticationResult result, HttpContext context, string wrongPassword)
    {
        switch (result.Status)
        {
            case ReauthenticationStatus.WrongPassword:
                return wrongPassword;
            case ReauthenticationStatus.TooManyAttempts:
                var seconds = (int)Math.Ceiling((result.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var wait = seconds < 60 ? Plural(seconds, "second") : Plural((seconds + 59) / 60, "minute");
                return $"Too many attempts. Try again in {wait}.";
            case ReauthenticationStatus.Unavailable:
                return "Your password can't be checked right now. Please try again in a moment.";
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Status, "The password was not refused.");
        }
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
