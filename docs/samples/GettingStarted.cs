using System.Net;
using System.Security.Cryptography.X509Certificates;
using BlazorCookieAuth.DocSamples.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/getting-started.md.</summary>
public static class GettingStarted
{
    public static void Redis(WebApplicationBuilder builder)
    {
        #region redis
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/access-denied";
        })
            // Sessions, their end notices and the Data Protection key ring live in Redis, shared by every server.
            .AddRedis(builder.Configuration.GetConnectionString("Redis")
                ?? throw new InvalidOperationException("The connection string 'Redis' is missing."))
            .AddCredentialValidator<UserCredentialValidator>();

        // The same application name on every server, so that they read each other's cookies.
        builder.Services.AddDataProtection().SetApplicationName("my-app");
        #endregion
    }

    public static void BehindTheLoadBalancer(WebApplicationBuilder builder)
    {
        #region forwarded-headers
        // The load balancer terminates TLS: trust its X-Forwarded-For and X-Forwarded-Proto, and nobody else's.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Add(IPAddress.Parse(builder.Configuration["LoadBalancer:Address"]!));
        });

        var app = builder.Build();

        app.UseForwardedHeaders(); // first, so that everything after it sees the browser's address and https
        #endregion

        app.MapRazorComponents<App>();
    }

    public static void ProtectKeys(WebApplicationBuilder builder)
    {
        #region protect-keys
        builder.Services.AddDataProtection()
            .SetApplicationName("my-app")
            .ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                builder.Configuration["DataProtection:CertificatePath"]!,
                builder.Configuration["DataProtection:CertificatePassword"]));
        #endregion
    }
}
