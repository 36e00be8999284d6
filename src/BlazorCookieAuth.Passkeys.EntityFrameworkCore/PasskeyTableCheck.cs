using BlazorCookieAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Passkeys.EntityFrameworkCore;

/// <summary>
/// Runs at startup, before the app takes requests, and makes sure the passkey tables are there, as the session store's
/// check does for its tables: the ready <see cref="PasskeyDbContext"/> creates those missing; an app's own context
/// must map them, and is told how when one is missing, instead of every passkey sign-in failing later.
/// </summary>
/// <typeparam name="TContext">The context that maps the passkey tables.</typeparam>
internal sealed class PasskeyTableCheck<TContext>(
    KitDbContextSource<TContext> contexts,
    ILogger<PasskeyTableCheck<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly Type[] KitEntities = [typeof(PasskeyEntity), typeof(PasskeyUserHandleEntity), typeof(PasskeyUsedChallengeEntity)];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var lease = await contexts.RentAsync(cancellationToken).ConfigureAwait(false);
        await using (lease.ConfigureAwait(false))
        {
            var context = lease.Context;
            if (context.Model.FindEntityType(typeof(PasskeyEntity)) is null)
            {
                throw new InvalidOperationException(
                    $"{typeof(TContext).Name} has no BlazorCookieAuth passkeys table. Call modelBuilder.AddBlazorCookieAuthPasskeys() " +
                    $"in its OnModelCreating and add a migration, or use AddEntityFrameworkPasskeyStore(options => ...) for a context of its own.");
            }

            if (context is PasskeyDbContext)
            {
                await KitTables.CreateMissingAsync(context, KitEntities, cancellationToken).ConfigureAwait(false);
            }
            else if (await KitTables.MissingAsync(context, KitEntities, cancellationToken).ConfigureAwait(false) is { Count: > 0 } missing)
            {
                logger.PasskeyTableMissing(typeof(TContext).Name, string.Join(", ", missing.Select(table => table.Name)));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
