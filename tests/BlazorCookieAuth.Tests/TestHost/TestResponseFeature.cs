using Microsoft.AspNetCore.Http.Features;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// The response of a request made in-process with a <c>DefaultHttpContext</c>, which keeps what is to run when the
/// response starts (such as a cookie deletion) until the test starts it.
/// </summary>
internal sealed class TestResponseFeature : HttpResponseFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];

    public override void OnStarting(Func<object, Task> callback, object state) => _starting.Add((callback, state));

    /// <summary>Runs the callbacks, the last registered first, as a server does.</summary>
    public async Task StartAsync()
    {
        for (var i = _starting.Count - 1; i >= 0; i--)
        {
            await _starting[i].Callback(_starting[i].State);
        }

        _starting.Clear();
    }
}
