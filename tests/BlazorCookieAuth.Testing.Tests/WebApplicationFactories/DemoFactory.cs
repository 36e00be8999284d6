using BlazorCookieAuth.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BlazorCookieAuth.Testing.Tests.WebApplicationFactories;

/// <summary>The demo app on a test server, with its own throwaway user and session databases.</summary>
public sealed class DemoFactory : WebApplicationFactory<Program>
{
    private readonly DemoDataFiles _data = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        _data.Apply(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _data.Delete();
    }
}
