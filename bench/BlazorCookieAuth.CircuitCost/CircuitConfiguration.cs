namespace BlazorCookieAuth.CircuitCost;

/// <summary>One way of running the circuits: the app's <c>--Auth</c> choice, and whether each browser logs in first.</summary>
/// <param name="Name">The name in the table and on the command line.</param>
/// <param name="Auth">What authenticates the app, passed to it as <c>--Auth</c>.</param>
/// <param name="LogsIn">Whether each browser logs in before it opens its circuit.</param>
internal sealed record CircuitConfiguration(string Name, string Auth, bool LogsIn)
{
    /// <summary>No authentication: the baseline every other configuration is compared with.</summary>
    public static CircuitConfiguration None { get; } = new("None", "None", LogsIn: false);

    /// <summary>ASP.NET Core's own cookie scheme, logged in: what any cookie login costs a circuit.</summary>
    public static CircuitConfiguration Cookie { get; } = new("Cookie", "Cookie", LogsIn: true);

    /// <summary>The kit, logged in.</summary>
    public static CircuitConfiguration Kit { get; } = new("Kit", "Kit", LogsIn: true);

    /// <summary>The kit, with nobody logged in.</summary>
    public static CircuitConfiguration KitAnonymous { get; } = new("KitAnonymous", "Kit", LogsIn: false);

    /// <summary>Every configuration, in the order the table shows them.</summary>
    public static IReadOnlyList<CircuitConfiguration> All { get; } = [None, Cookie, Kit, KitAnonymous];

    /// <summary>The name the page shows once its circuit renders: the bench user's, or "nobody".</summary>
    public string ExpectedUser => LogsIn ? "Alice" : "nobody";

    /// <summary>The configuration of that name, in any case.</summary>
    /// <exception cref="ArgumentException">No configuration has that name.</exception>
    public static CircuitConfiguration Parse(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"There is no configuration '{name}'; choose from {string.Join(", ", All.Select(c => c.Name))}.", nameof(name));
}
