using System.Collections.Immutable;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BlazorCookieAuth.Analyzers.Tests;

/// <summary>
/// Runs the analyzer over code shaped like what the Razor compiler writes for a page, at the path it writes it to.
/// </summary>
public class UnresolvedComponentAnalyzerTests
{
    private const string GeneratedPath = "obj/Debug/net10.0/Microsoft.CodeAnalysis.Razor.Compiler/Microsoft.NET.Sdk.Razor.SourceGenerators.RazorSourceGenerator/Components/Pages/Secret_razor.g.cs";

    [Theory]
    [InlineData("RequireLogin", "its content is shown to everyone, logged in or not")]
    [InlineData("RedirectToLogin", "nobody is sent to the login page")]
    [InlineData("CurrentUser", "no user is shown")]
    [InlineData("CurrentAppUser", "no user is shown")]
    [InlineData("LogoutButton", "there is no logout button")]
    public async Task A_kit_component_written_as_an_element_is_an_error_naming_the_page_and_the_using(string component, string consequence)
    {
        var diagnostics = await AnalyzeAsync($"builder.OpenElement(0, \"{component}\");");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("BCA1001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            $"Components/Pages/Secret.razor: <{component}> is a plain HTML element here, not the BlazorCookieAuth component, so {consequence}. " +
            "Add @using BlazorCookieAuth.Components to _Imports.razor.",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("builder.OpenElement(0, \"div\");")]
    [InlineData("builder.OpenElement(0, \"requirelogin\");")]
    [InlineData("builder.OpenComponent<Microsoft.AspNetCore.Components.Routing.NavLink>(0);")]
    [InlineData("new Other().OpenElement(0, \"RequireLogin\");")]
    public async Task Other_elements_components_and_methods_are_left_alone(string statement)
    {
        Assert.Empty(await AnalyzeAsync(statement));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string statement)
    {
        var source = $$"""
            using Microsoft.AspNetCore.Components.Rendering;

            internal sealed class Secret
            {
                public void Build(RenderTreeBuilder builder)
                {
                    {{statement}}
                }
            }

            internal sealed class Other
            {
                public void OpenElement(int sequence, string name)
                {
                }
            }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(typeof(RenderTreeBuilder).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Page",
            [CSharpSyntaxTree.ParseText(source, path: GeneratedPath)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        return await compilation.WithAnalyzers([new UnresolvedComponentAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }
}
