using BlazorCookieAuth.Tests.Shared;
using Xunit.Abstractions;

namespace BlazorCookieAuth.Tests.Sessions;

/// <summary>A password change racing logins with the old password, on the memory store (one server).</summary>
public class CredentialChangeRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_login_made_with_the_old_password_survives_a_change_that_races_it()
    {
        for (var run = 1; run <= 3; run++)
        {
            var outcome = await CredentialChangeRace.RunAsync(servers: 1, addStore: (_, _) => { });
            output.WriteLine($"memory, run {run}: {outcome}");

            Assert.True(outcome.LoginsBeforeChange > 0, outcome.ToString());
            Assert.Equal(0, outcome.Survivors);
            Assert.True(outcome.ChangerKeptLogin);
            Assert.True(outcome.ChangerOldCookieRefused);
        }
    }
}
