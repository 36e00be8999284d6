using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>Keeps every log message the app writes, so tests can read them. Linked into each project that reads logs.</summary>
internal sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception, PropertiesOf(state)));

        /// <summary>The values of a structured message, as a structured log store keeps them, including any the message leaves out.</summary>
        private static IReadOnlyList<KeyValuePair<string, string?>> PropertiesOf<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> properties
                ? [.. properties.Select(p => KeyValuePair.Create(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture)))]
                : [];
    }
}

/// <summary>One log message: its rendered text, the exception logged with it, and its structured values.</summary>
internal sealed record LogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyList<KeyValuePair<string, string?>> Properties);
