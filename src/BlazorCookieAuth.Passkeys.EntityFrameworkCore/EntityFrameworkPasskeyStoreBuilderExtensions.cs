using BlazorCookieAuth;
using BlazorCookieAuth.EntityFrameworkCore;
using BlazorCookieAuth.Passkeys.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps BlazorCookieAuth's passkeys in a database through Entity Framework Core.</summary>
public static class EntityFrameworkPasskeyStoreBuilderExtensions
{
    /// <summary>
    /// Keeps passkeys and users' WebAuthn handles in a database of their own, through <see cref="PasskeyDbContext"/>:
    /// they survive restarts, and every server on the same database shares them. The tables are created at startup
    /// when missing. For example <c>.AddEntityFrameworkPasskeyStore(o =&gt; o.UseSqlite("Data Source=passkeys.db"))</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <param name="configure">Chooses the database provider and connection.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddEntityFrameworkPasskeyStore(this BlazorCookieAuthBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddPooledDbContextFactory<PasskeyDbContext>(configure);
        return builder.AddEntityFrameworkPasskeyStore<PasskeyDbContext>();
    }

    /// <summary>
    /// Keeps passkeys in the app's own context, which maps the tables with
    /// <see cref="PasskeyModelBuilderExtensions.AddBlazorCookieAuthPasskeys"/> and creates them through the app's
    /// migrations. Register the context first (<c>AddDbContext</c> or, better for a singleton store, <c>AddDbContextFactory</c>).
    /// </summary>
    /// <typeparam name="TContext">The app's context.</typeparam>
    /// <param name="builder">The builder returned by <c>AddBlazorCookieAuth</c>.</param>
    /// <returns>The builder.</returns>
    public static BlazorCookieAuthBuilder AddEntityFrameworkPasskeyStore<TContext>(this BlazorCookieAuthBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton<KitDbContextSource<TContext>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PasskeyTableCheck<TContext>>());
        return builder.AddPasskeyStore<EntityFrameworkPasskeyStore<TContext>>();
    }
}
