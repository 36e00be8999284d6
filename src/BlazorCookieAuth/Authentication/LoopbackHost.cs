using System.Net;

namespace BlazorCookieAuth.Authentication;

/// <summary>Hosts where browsers keep Secure cookies over plain HTTP: localhost and loopback addresses.</summary>
internal static class LoopbackHost
{
    /// <param name="host">A host name or IP address, an IPv6 address with or without its brackets.</param>
    public static bool Is(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
