using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// A statically rendered page, its own root component, that shows who <see cref="ICurrentUser"/> and the cascading
/// authentication state say the request is.
/// </summary>
[Route(Path)]
public sealed class WhoAmIPage : ComponentBase
{
    public const string Path = "/pages/me";

    private string? _stateAuthId;

    [Inject]
    public ICurrentUser CurrentUser { get; set; } = default!;

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var state = await AuthenticationState!;
        _stateAuthId = AuthUser.FromClaimsPrincipal(state.User).AuthId;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder) =>
        builder.AddContent(0, $"current user: {CurrentUser.AuthId}; authentication state: {_stateAuthId}");
}
