using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using BlazorCookieAuth.Benchmarks;

// Cookie size and the token cache's memory are not timings, so they are measured once, before BenchmarkDotNet runs.
await CookieSizes.WriteAsync(Console.Out);
await TokenCacheMemory.WriteAsync(Console.Out);

// One table for the whole run, in which each class's category is a group with its own baseline.
var config = DefaultConfig.Instance
    .WithOptions(ConfigOptions.JoinSummary)
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
BenchmarkSwitcher.FromAssembly(typeof(ReadTokenBenchmarks).Assembly).Run(args, config);
