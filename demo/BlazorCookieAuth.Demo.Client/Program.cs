using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// The signed-in user the server wrote into the page, checked with the server while the page is open.
builder.Services.AddBlazorCookieAuthClient();

// Same-origin calls: the browser sends the HttpOnly login cookie with them, and [Authorize] APIs answer 401.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });

await builder.Build().RunAsync();
