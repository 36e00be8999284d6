namespace BlazorCookieAuth.Passkeys.Tests.Storage;

public sealed class MemoryPasskeyStoreTests : PasskeyStoreContract
{
    protected override Task<IPasskeyStore> CreateStoreAsync() => Task.FromResult<IPasskeyStore>(new MemoryPasskeyStore());
}
