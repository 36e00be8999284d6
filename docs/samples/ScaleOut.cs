using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/scale-out.md.</summary>
public static class ScaleOut
{
    public static void AddRedis(WebApplicationBuilder builder)
    {
        #region add-redis
        builder.Services.AddBlazorCookieAuth(o => o.LoginPath = "/login")
            .AddCredentialValidator<MyValidator>()
            .AddRedis(builder.Configuration.GetConnectionString("Redis")!); // a StackExchange.Redis configuration string
        #endregion
    }

    public static void ProtectKeys(WebApplicationBuilder builder, string path, string? password)
    {
        #region protect-keys
        builder.Services.AddDataProtection()
            .ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, password));
        #endregion
    }

    public static void ApplicationName(WebApplicationBuilder builder)
    {
        #region application-name
        builder.Services.AddDataProtection().SetApplicationName("my-app");
        #endregion
    }

    public static void ProductionSetup(WebApplicationBuilder builder)
    {
        #region production-setup
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddBlazorCookieAuth(o => o.LoginPath = "/login")
            .AddCredentialValidator<MyValidator>()
            .AddRedis(builder.Configuration.GetConnectionString("Redis")!);

        builder.Services.AddDataProtection()
            .SetApplicationName("my-app")
            .ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                builder.Configuration["DataProtection:CertificatePath"]!,
                builder.Configuration["DataProtection:CertificatePassword"]));
        #endregion
    }

    public static void Readiness(WebApplicationBuilder builder)
    {
        #region readiness
        // The app opens the connection, so that a health check can watch it; set it to fail fast, as AddRedis would.
        var redisOptions = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString("Redis")!);
        redisOptions.AbortOnConnectFail = false;
        redisOptions.BacklogPolicy = BacklogPolicy.FailFast;
        redisOptions.ConnectTimeout = 2_000;
        redisOptions.AsyncTimeout = redisOptions.SyncTimeout = 1_000;
        var redis = ConnectionMultiplexer.Connect(redisOptions);

        builder.Services.AddBlazorCookieAuth(o => o.LoginPath = "/login")
            .AddCredentialValidator<MyValidator>()
            .AddRedis(redis);
        builder.Services.AddHealthChecks()
            .AddCheck("redis", () => redis.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Redis can't be reached."));

        var app = builder.Build();
        app.MapHealthChecks("/healthz/ready");   // the load balancer sends traffic only while this answers 200
        #endregion
    }
}
