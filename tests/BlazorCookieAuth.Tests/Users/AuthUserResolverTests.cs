using BlazorCookieAuth.Users;

namespace BlazorCookieAuth.Tests.Users;

public class AuthUserResolverTests
{
    [Fact]
    public async Task Callers_that_arrive_while_a_load_is_under_way_share_it()
    {
        var loader = new GatedLoader();
        var resolver = new AuthUserResolver<string>(loader);

        var first = resolver.LoadAsync("42", CancellationToken.None);
        var second = resolver.LoadAsync("42", CancellationToken.None);
        loader.Release("user 42");

        Assert.Equal("user 42", await first);
        Assert.Equal("user 42", await second);
        Assert.Equal("user 42", await resolver.LoadAsync("42", CancellationToken.None));
        Assert.Equal(1, loader.Calls);
    }

    [Fact]
    public async Task A_failed_load_is_tried_again()
    {
        var loader = new GatedLoader();
        var resolver = new AuthUserResolver<string>(loader);
        var failed = resolver.LoadAsync("42", CancellationToken.None);
        loader.Fail(new InvalidOperationException("database down"));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await failed);

        loader.Reset();
        var retried = resolver.LoadAsync("42", CancellationToken.None);
        loader.Release("user 42");

        Assert.Equal("user 42", await retried);
        Assert.Equal(2, loader.Calls);
    }

    private sealed class GatedLoader : IAuthUserLoader<string>
    {
        private TaskCompletionSource<string?> _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public Task<string?> LoadUserAsync(string authId, CancellationToken cancellationToken)
        {
            Calls++;
            return _gate.Task;
        }

        public void Release(string user) => _gate.SetResult(user);

        public void Fail(Exception exception) => _gate.SetException(exception);

        public void Reset() => _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
