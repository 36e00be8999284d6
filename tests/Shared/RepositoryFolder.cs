namespace BlazorCookieAuth.Tests.Shared;

/// <summary>The repository's root folder, where BlazorCookieAuth.sln is, found from the test's build output.</summary>
internal static class RepositoryFolder
{
    /// <summary>The full path of the repository's root folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BlazorCookieAuth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BlazorCookieAuth.sln above {AppContext.BaseDirectory}.");
    }
}
