using Microsoft.Playwright;

namespace BlazorCookieAuth.CircuitCost;

/// <summary>
/// Circuits opened by browsers that each log in first, so each circuit has a login session and a cookie of its own,
/// and then stay idle. Disposing them closes the browsers, and with them the circuits.
/// </summary>
/// <remarks>
/// A browser context each would cost Chromium a renderer process per circuit (about 50 MB, and a second to start),
/// so a few contexts, the lanes, open the circuits side by side, each one after another: while a page connects, its
/// lane's cookie jar holds that circuit's login alone. An open circuit never sends its cookie again, and pages of one
/// context share renderer processes, so the server sees what it would from as many browsers.
/// </remarks>
internal sealed class BrowserCircuits : IAsyncDisposable
{
    /// <summary>How many circuits open at a time: enough to keep both cores busy.</summary>
    private const int Lanes = 4;

    private readonly IBrowserContext[] _lanes;
    private readonly Cookie[][] _logins;
    private readonly Uri _baseUrl;
    private readonly CircuitConfiguration _configuration;

    private BrowserCircuits(IBrowserContext[] lanes, int count, Uri baseUrl, CircuitConfiguration configuration)
    {
        _lanes = lanes;
        _logins = new Cookie[count][];
        _baseUrl = baseUrl;
        _configuration = configuration;
    }

    /// <summary>The launch arguments that let the pages of one context share renderer processes.</summary>
    public static IEnumerable<string> BrowserArgs { get; } = [$"--renderer-process-limit={Lanes}"];

    /// <summary>
    /// Logs in once for each of <paramref name="count"/> circuits when the configuration logs in, checking that each
    /// cookie authenticates, and keeps the cookies for <see cref="OpenAsync"/>. No circuit is open yet.
    /// </summary>
    /// <exception cref="InvalidOperationException">A login did not authenticate.</exception>
    public static async Task<BrowserCircuits> LogInAsync(IBrowser browser, Uri baseUrl, CircuitConfiguration configuration, int count)
    {
        var lanes = await Task.WhenAll(Enumerable.Range(0, Lanes).Select(_ => browser.NewContextAsync()));
        var circuits = new BrowserCircuits(lanes, count, baseUrl, configuration);
        try
        {
            await circuits.ForEachAsync(circuits.LogInAsync);
            return circuits;
        }
        catch
        {
            await circuits.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens the app's page once for each login and waits until each circuit renders the expected user.</summary>
    public Task OpenAsync() => ForEachAsync(OpenAsync);

    public async ValueTask DisposeAsync()
    {
        // Closed pages close their connections; the app drops a circuit a second after its connection goes.
        foreach (var lane in _lanes)
        {
            await lane.CloseAsync();
        }
    }

    private async Task LogInAsync(IBrowserContext lane, int circuit)
    {
        _logins[circuit] = [];
        if (!_configuration.LogsIn)
        {
            return;
        }

        // Through the context's own request client, so the cookie lands in the jar as a form post's would.
        var login = await lane.APIRequest.PostAsync(new Uri(_baseUrl, "login").ToString());
        var me = await lane.APIRequest.GetAsync(new Uri(_baseUrl, "me").ToString());
        var user = await me.TextAsync();
        if (!login.Ok || user != _configuration.ExpectedUser)
        {
            throw new InvalidOperationException(
                $"POST /login answered {login.Status} and GET /me then answered '{user}', not '{_configuration.ExpectedUser}': the login did not take.");
        }

        _logins[circuit] = [.. (await lane.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            Expires = c.Expires > 0 ? c.Expires : null,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        })];
        await lane.ClearCookiesAsync();
    }

    private async Task OpenAsync(IBrowserContext lane, int circuit)
    {
        await lane.ClearCookiesAsync();
        if (_logins[circuit].Length > 0)
        {
            await lane.AddCookiesAsync(_logins[circuit]);
        }

        var page = await lane.NewPageAsync();
        await page.GotoAsync(new Uri(_baseUrl, "/").ToString());

        // Only the circuit renders #user; prerendering leaves it out.
        await Assertions.Expect(page.Locator("#user")).ToHaveTextAsync(_configuration.ExpectedUser, new() { Timeout = 60_000 });
    }

    /// <summary>Runs <paramref name="body"/> for every circuit, the lanes side by side and each lane's circuits in turn.</summary>
    private Task ForEachAsync(Func<IBrowserContext, int, Task> body) =>
        Task.WhenAll(_lanes.Select(async (lane, first) =>
        {
            for (var circuit = first; circuit < _logins.Length; circuit += _lanes.Length)
            {
                await body(lane, circuit);
            }
        }));
}
