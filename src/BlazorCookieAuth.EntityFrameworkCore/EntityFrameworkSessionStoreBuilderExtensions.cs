using BlazorCookieAuth;
using BlazorCookieAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps BlazorCookieAuth's login sessions in a database through Entity Framework Core.</summary>
public static class EntityFrameworkSessionStoreBuilderExtensions
{
    /// <summary>
    /// Keeps login sessions in a database of their own, through <see cref="AuthSessionDbContext"/>: they survive
    /// restarts, and every server on the same database shares them. The table is created at startup when missing.
    /// For example <c>.AddEntityFrameworkSessionStore(o =&gt; o.UseSqlite("Data Source=sessions.db"))</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <param name="configure">Chooses the database provider and connection.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddEntityFrameworkSessionStore(this BlazorCookieAuthBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddPooledDbContextFactory<AuthSessionDbContext>(configure);
        return builder.AddEntityFrameworkSessionStore<AuthSessionDbContext>();
    }

    /// <summary>
    /// Keeps login sessions in the app's own context, which maps the table with
    /// <see cref="AuthSessionModelBuilderExtensions.AddBlazorCookieAuthSessions"/> and creates it through the app's
    /// migrations. Register the context first (<c>AddDbContext</c> or, better for a singleton store, <c>AddDbContextFactory</c>).
    /// </summary>
    /// <typeparam name="TContext">The app's context.</typeparam>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddEntityFrameworkSessionStore<TContext>(this BlazorCookieAuthBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<KitDbContextSource<TContext>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionTableCheck<TContext>>());
        return builder.AddSessionStore<EntityFrameworkSessionStore<TContext>>();
    }
}
