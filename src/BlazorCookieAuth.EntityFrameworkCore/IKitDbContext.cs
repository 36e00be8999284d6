namespace BlazorCookieAuth.EntityFrameworkCore;

/// <summary>
/// Marks a ready context of the kit's own, such as <see cref="AuthSessionDbContext"/>: one that holds only the kit's
/// tables, creates them at startup, and logs EF Core's failures at Debug (<see cref="KitDbContextSource{TContext}"/>).
/// An app's own context never has it.
/// </summary>
internal interface IKitDbContext;
