using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

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
