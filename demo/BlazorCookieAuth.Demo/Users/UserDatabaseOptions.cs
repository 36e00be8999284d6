namespace BlazorCookieAuth.Demo.Users;

/// <summary>Where the demo's SQLite user database lives; bound from the <c>Users</c> configuration section.</summary>
internal sealed class UserDatabaseOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Users";

    /// <summary>The database file, absolute or relative to the content root. Created on first run.</summary>
    public string DatabasePath { get; set; } = "App_Data/demo-users.db";
}
