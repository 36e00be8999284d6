namespace BlazorCookieAuth.Demo.Users;

/// <summary>
/// Creates the user database and the demo accounts at startup, before the app takes requests.
/// Existing accounts are left alone, so a changed password survives a restart.
/// </summary>
internal sealed class DemoAccountSeeder(UserStore users, ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await users.EnsureCreatedAsync(cancellationToken);
        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByUserNameAsync(account.UserName, cancellationToken) is not null)
            {
                continue;
            }

            await users.AddAsync(account.UserName, account.DisplayName, account.Password, roles: [], cancellationToken);
            logger.DemoAccountCreated(account.UserName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
