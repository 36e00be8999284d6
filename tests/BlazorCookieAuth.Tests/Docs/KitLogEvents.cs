using System.Reflection;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.Docs;

/// <summary>One <see cref="LoggerMessageAttribute"/> event of the kit, and where it is declared.</summary>
internal sealed record KitLogEvent(int Id, string Name, LogLevel Level, string Message, string Assembly, string Class, int Token);

/// <summary>Every [LoggerMessage] of the kit's static logging classes, named by its EventName (or method name).</summary>
internal static class KitLogEvents
{
    public static IReadOnlyList<KitLogEvent> All { get; } =
        KitAssemblies.All
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsAbstract: true, IsSealed: true })
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .Select(m => new KitLogEvent(
                m.Attribute!.EventId,
                m.Attribute.EventName ?? m.Method.Name,
                m.Attribute.Level,
                m.Attribute.Message,
                m.Method.DeclaringType!.Assembly.GetName().Name!,
                m.Method.DeclaringType.FullName!,
                m.Method.MetadataToken))
            .ToList();
}
