using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// The signed-in user that the server writes into the page, for <CurrentUser>, <RequireLogin> and [Authorize].
// The login is checked with the server while the page is open, so a logout elsewhere turns the page anonymous.
builder.Services.AddBlazorCookieAuthClient();
//#if (!UseAuto)

// Same-origin calls to the app's own API: the browser sends the HttpOnly login cookie with them.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
//#endif

await builder.Build().RunAsync();
