using BlazorCookieAuth;

namespace BlazorCookieAuth.DocSamples
{
    /// <summary>Stands for the app's own credential check, which the pages call MyValidator.</summary>
    public sealed class MyValidator : ICredentialValidator
    {
        /// <inheritdoc />
        public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
            Task.FromResult<AuthUser?>(null);
    }

    /// <summary>The same, under the name docs/webassembly.md gives it.</summary>
    public sealed class MyCredentialValidator : ICredentialValidator
    {
        /// <inheritdoc />
        public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
            Task.FromResult<AuthUser?>(null);
    }

    /// <summary>What the demo's <c>GET /api/me</c> answers, as docs/webassembly.md shows it.</summary>
    public sealed record DemoApiAnswer(string AuthId, string? Name, DateTimeOffset At);
}

namespace MyApp.Client
{
    /// <summary>Stands for the class the Razor compiler makes of a .Client project's _Imports.razor.</summary>
    internal sealed class _Imports;
}

namespace BlazorCookieAuth.DocSamples
{
    /// <summary>Stands for the credential validator that the blazorcookieauth template generates.</summary>
    public sealed class UserCredentialValidator : ICredentialValidator
    {
        /// <inheritdoc />
        public Task<AuthUser?> ValidateAsync(string username, string password, CancellationToken cancellationToken) =>
            Task.FromResult<AuthUser?>(null);
    }
}

/// <summary>Stands for the entry point of the app under test, which the testing recipe starts with WebApplicationFactory.</summary>
public partial class Program;
