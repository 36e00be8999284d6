using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;

/// <summary>An app's own context whose author forgot to map the sessions table.</summary>
internal sealed class AppDbContextWithoutSessions(DbContextOptions<AppDbContextWithoutSessions> options) : DbContext(options);
