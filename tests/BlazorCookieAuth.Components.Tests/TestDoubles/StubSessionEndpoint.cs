using System.Net;
using System.Text;

namespace BlazorCookieAuth.Components.Tests.TestDoubles;

/// <summary>
/// Stands in for the server's <c>GET {prefix}/session</c>: answers what the test sets, and records what was asked.
/// </summary>
internal sealed class StubSessionEndpoint : HttpMessageHandler
{
    private Func<HttpResponseMessage> _answer = () => Json("""{"authenticated":true,"authId":"alice"}""");

    public List<string> Requests { get; } = [];

    public void AnswerLoggedIn(string authId) => _answer = () => Json($$"""{"authenticated":true,"authId":"{{authId}}"}""");

    public void AnswerStatus(HttpStatusCode status) => _answer = () => new HttpResponseMessage(status);

    public void AnswerFailure() => _answer = () => throw new HttpRequestException("The network is down.");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add($"{request.Method} {request.RequestUri} Accept: {request.Headers.Accept}");
        return Task.FromResult(_answer());
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
