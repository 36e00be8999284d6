using Microsoft.EntityFrameworkCore;

namespace BlazorCookieAuth.EntityFrameworkCore.Tests.TestHost;

/// <summary>An app's own context, which maps the sessions table with <c>AddBlazorCookieAuthSessions()</c>.</summary>
internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddBlazorCookieAuthSessions();
}
