using BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;
using BlazorCookieAuth.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests;

/// <summary>A password change racing logins with the old password, on two servers sharing one SQLite database.</summary>
public sealed class CredentialChangeRaceTests(ITestOutputHelper output) : IDisposable
{
    private readonly SqliteFile _database = new();

    [Fact]
    public async Task No_login_made_with_the_old_password_survives_a_change_that_races_it_on_either_server()
    {
        for (var run = 1; run <= 3; run++)
        {
            var outcome = await CredentialChangeRace.RunAsync(
                servers: 2,
                addStore: (kit, _) => kit.AddEntityFrameworkSessionStore(o => o.UseSqlite(_database.ConnectionString)));
            output.WriteLine($"EF Core/SQLite, two servers, run {run}: {outcome}");

            Assert.True(outcome.LoginsBeforeChange > 0, outcome.ToString());
            Assert.Equal(0, outcome.Survivors);
            Assert.True(outcome.ChangerKeptLogin);
            Assert.True(outcome.ChangerOldCookieRefused);
        }
    }

    public void Dispose() => _database.Dispose();
}
