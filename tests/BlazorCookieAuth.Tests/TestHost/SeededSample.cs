using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using CsCheck;
using Xunit.Abstractions;

namespace BlazorCookieAuth.Tests.TestHost;

/// <summary>
/// Runs a CsCheck generator over a fixed number of cases, each made from a seed of its own (the run's seed and the
/// case's number), so every run checks the same cases: CsCheck's own <c>Sample</c> seeds only its first case. A failing
/// case is replayed through <c>Sample</c> with its seed, so CsCheck looks for a smaller input that fails too, and the
/// error names the seed that reproduces it. The count of cases checked goes to the test output and to the console.
/// </summary>
internal static class SeededSample
{
    /// <summary>How many further cases CsCheck tries, after a failure, in search of a smaller one.</summary>
    private const int ShrinkTries = 500;

    /// <summary>How much of a failing input the error shows; some are 32 KB headers.</summary>
    private const int PrintedLength = 800;

    /// <summary>Checks the cases on every core. A failure reports the lowest-numbered failing case, whichever core met it.</summary>
    public static void SampleSeeded<T>(
        this Gen<T> gen, Action<T> check, ulong seed, int cases, ITestOutputHelper output, Func<T, string>? print = null, [CallerMemberName] string test = "")
    {
        var failures = new ConcurrentBag<(int Case, T Input, Exception Error)>();
        Parallel.For(0, cases, (i, loop) =>
        {
            var input = Generate(gen, seed, i);
            try
            {
                check(input);
            }
            catch (Exception ex)
            {
                failures.Add((i, input, ex));
                loop.Break();
            }
        });

        if (!failures.IsEmpty)
        {
            var (failed, input, error) = failures.MinBy(f => f.Case);
            string? shrunk = null;
            try
            {
                gen.Sample(check, seed: ReplaySeed(seed, failed), iter: ShrinkTries, threads: 1, print: Printer(print));
            }
            catch (CsCheckException ex)
            {
                shrunk = ex.Message;
            }

            throw Failure(test, seed, failed, Printer(print)(input), error, shrunk);
        }

        Passed(output, test, seed, cases);
    }

    /// <summary>Checks the cases one after another, as requests to one app.</summary>
    public static async Task SampleSeededAsync<T>(
        this Gen<T> gen, Func<T, Task> check, ulong seed, int cases, ITestOutputHelper output, Func<T, string>? print = null, [CallerMemberName] string test = "")
    {
        for (var i = 0; i < cases; i++)
        {
            var input = Generate(gen, seed, i);
            try
            {
                await check(input);
            }
            catch (Exception ex)
            {
                string? shrunk = null;
                try
                {
                    await gen.SampleAsync(check, seed: ReplaySeed(seed, i), iter: ShrinkTries / 10, threads: 1, print: Printer(print));
                }
                catch (CsCheckException shrinkError)
                {
                    shrunk = shrinkError.Message;
                }

                throw Failure(test, seed, i, Printer(print)(input), ex, shrunk);
            }
        }

        Passed(output, test, seed, cases);
    }

    /// <summary>Prints a line to the test output and to the console, where <c>dotnet test</c> shows it.</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static T Generate<T>(Gen<T> gen, ulong seed, int i) => gen.Generate(new PCG((uint)i, seed), null, out _);

    /// <summary>The CsCheck seed that makes case <paramref name="i"/> again: <c>gen.Sample(check, seed: ..., iter: 1)</c>.</summary>
    private static string ReplaySeed(ulong seed, int i) => new PCG((uint)i, seed).ToString();

    private static Func<T, string> Printer<T>(Func<T, string>? print) => input =>
    {
        var text = (print ?? (i => CsCheck.Check.Print(i)))(input);
        return text.Length <= PrintedLength ? text : string.Concat(text.AsSpan(0, PrintedLength), $"... ({text.Length} characters)");
    };

    private static void Passed(ITestOutputHelper output, string test, ulong seed, int cases) =>
        Report(output, string.Create(CultureInfo.InvariantCulture, $"{test}: {cases:N0} seeded cases passed (seed {seed})."));

    private static InvalidOperationException Failure(string test, ulong seed, int failed, string input, Exception error, string? shrunk) =>
        new InvalidOperationException(
            string.Create(CultureInfo.InvariantCulture, $"{test}: case {failed:N0} of seed {seed} failed; replay it with CsCheck seed \"{ReplaySeed(seed, failed)}\".\n") +
            $"Input: {input}\n" +
            (shrunk is null ? "CsCheck found no smaller failing input.\n" : $"CsCheck's smallest failing input: {shrunk}\n") +
            $"Error: {error.Message}",
            error);
}
