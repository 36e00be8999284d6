using System.Security.Cryptography.X509Certificates;
using BlazorCookieAuth.DocSamples.Recipes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorCookieAuth.DocSamples;

/// <summary>The code of docs/security.md.</summary>
public static class Security
{
    public static void ProtectKeys(WebApplicationBuilder builder, string path, string? password)
    {
        #region protect-keys
        builder.Services.AddDataProtection()
            .SetApplicationName("my-app")
            .PersistKeysToFileSystem(new DirectoryInfo("/var/lib/my-app/keys"))
            .ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, password));
        #endregion
    }

    public static void QuietEntityFrameworkCoreOutages(WebApplicationBuilder builder)
    {
        #region quiet-ef-core-outages
        builder.Services.AddDbContext<AppDbContext>(o => o
            .UseSqlite(builder.Configuration.GetConnectionString("App"))
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        #endregion
    }

    public static void AsvsLevel2(WebApplicationBuilder builder)
    {
        #region asvs-level-2
        builder.Services.AddBlazorCookieAuth(o =>
        {
            o.Duration = TimeSpan.FromHours(12);             // remembered logins and bearer tokens
            o.UnrememberedDuration = TimeSpan.FromHours(12); // the default
            o.IdleTimeout = TimeSpan.FromMinutes(30);        // 15 minutes for level 3
        });
        #endregion
    }
}
