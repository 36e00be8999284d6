using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace BlazorCookieAuth.Components.Client;

/// <summary>
/// Asks the server's session endpoint (<c>GET {prefix}/session</c>) whether the page's login still holds. The call
/// is same-origin, so the browser sends the HttpOnly cookie with it; the endpoint answers 200 with the auth id or
/// 401, and asking doesn't count as activity against the session's idle timeout.
/// </summary>
internal sealed class SessionCheck(HttpClient http, IAuthLocations locations)
{
    /// <summary>What a check found.</summary>
    public enum Outcome
    {
        /// <summary>The login holds, for the same user.</summary>
        Holds,

        /// <summary>The login ended, or another user is signed in now.</summary>
        Ended,

        /// <summary>The check couldn't be made or understood.</summary>
        Failed,
    }

    public async Task<(Outcome Outcome, string Detail)> CheckAsync(string authId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, locations.EndpointPrefix.TrimStart('/') + "/session");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return (Outcome.Ended, "the server no longer knows the login");
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (Outcome.Failed, $"the session endpoint answered {(int)response.StatusCode}");
            }

            var answer = await response.Content.ReadFromJsonAsync<SessionAnswer>(cancellationToken).ConfigureAwait(false);
            return answer is { Authenticated: true } && string.Equals(answer.AuthId, authId, StringComparison.Ordinal)
                ? (Outcome.Holds, string.Empty)
                : (Outcome.Ended, "another user is signed in now");
        }
        catch (HttpRequestException e)
        {
            return (Outcome.Failed, e.Message);
        }
        catch (System.Text.Json.JsonException e)
        {
            return (Outcome.Failed, "the session endpoint's answer is not its JSON: " + e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Outcome.Failed, "the session endpoint didn't answer in time");
        }
    }

    private sealed class SessionAnswer
    {
        public bool Authenticated { get; set; }

        public string? AuthId { get; set; }
    }
}
