using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace BlazorCookieAuth.Tests.Shared;

/// <summary>
/// Throwaway SQLite files for one run of the demo: its users and its login sessions, in the temp folder instead of
/// the demo's App_Data. Linked into each project that starts the demo.
/// </summary>
internal sealed class DemoDataFiles
{
    private readonly string _name = "blazorcookieauth-" + Guid.NewGuid().ToString("N");

    /// <summary>The demo's user database.</summary>
    public string UsersPath => Path.Combine(Path.GetTempPath(), _name + "-users.db");

    /// <summary>The demo's session database.</summary>
    public string SessionsPath => Path.Combine(Path.GetTempPath(), _name + "-sessions.db");

    /// <summary>Points the demo at these files.</summary>
    public void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Users", new SqliteConnectionStringBuilder { DataSource = UsersPath }.ToString());
        builder.UseSetting("Sessions:DatabasePath", SessionsPath);
    }

    /// <summary>Deletes the files, with SQLite's write-ahead logs, once the demo has stopped.</summary>
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { UsersPath, SessionsPath })
        {
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
    }
}
