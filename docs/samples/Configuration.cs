using Microsoft.AspNetCore.RateLimiting;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/configuration.md.</summary>
public static class Configuration
{
    public static void Bind(WebApplicationBuilder builder)
    {
        #region bind
        // appsettings.json: { "BlazorCookieAuth": { "Duration": "30.00:00:00", "IdleTimeout": "00:30:00" } }
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.LoginPath = "/login";
            builder.Configuration.GetSection("BlazorCookieAuth").Bind(o);
        })
            .AddCredentialValidator<MyValidator>();
        #endregion
    }

    public static void LoginRateLimit(WebApplicationBuilder builder)
    {
        #region login-rate-limit
        builder.Services.AddRateLimiter(o => o.AddSlidingWindowLimiter("logins", l =>
        {
            l.PermitLimit = 20;
            l.Window = TimeSpan.FromMinutes(1);
            l.SegmentsPerWindow = 6;
        }));

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapBlazorCookieAuth().RequireRateLimiting("logins"); // or .DisableRateLimiting()
        #endregion
    }

    public static void Events(WebApplicationBuilder builder)
    {
        #region events
        builder.Services.AddBlazorCookieAuth(o =>
        {
            // Everything under /api answers 401, even to a browser that asks for HTML.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        #endregion
    }

    public static void EventsType(WebApplicationBuilder builder)
    {
        #region events-type
        builder.Services.AddScoped<AuditedAuthEvents>();
        builder.Services.AddBlazorCookieAuth(o => o.EventsType = typeof(AuditedAuthEvents));
        #endregion
    }
}

#region events-class
/// <summary>The kit's events with a log line for each refused request; resolved from the request's services.</summary>
public sealed partial class AuditedAuthEvents(ILogger<AuditedAuthEvents> logger) : BlazorCookieAuthEvents
{
    public override Task RedirectToAccessDenied(BlazorCookieAuthRedirectContext context)
    {
        LogForbidden(logger, context.Request.Path);
        return base.RedirectToAccessDenied(context);
    }

    [LoggerMessage(1, LogLevel.Information, "A signed-in user was refused {Path}.")]
    private static partial void LogForbidden(ILogger logger, string path);
}
#endregion
