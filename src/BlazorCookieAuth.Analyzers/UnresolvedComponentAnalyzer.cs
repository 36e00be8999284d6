using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace BlazorCookieAuth.Analyzers;

/// <summary>
/// Fails the build when a page uses one of the kit's components without <c>@using BlazorCookieAuth.Components</c>.
/// Razor then only warns (RZ10012) and renders the tag as a plain HTML element: a <c>&lt;RequireLogin&gt;</c> shows its
/// content to everyone. The Razor compiler writes such an element as <c>RenderTreeBuilder.OpenElement(seq, "RequireLogin")</c>
/// in the code it generates, which is what this analyzer looks for.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnresolvedComponentAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic's id.</summary>
    public const string DiagnosticId = "BCA1001";

    private const string RenderTreeBuilder = "Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder";

    /// <summary>What goes wrong when each component is a plain element instead.</summary>
    private static readonly Dictionary<string, string> Consequences = new()
    {
        ["RequireLogin"] = "its content is shown to everyone, logged in or not",
        ["RedirectToLogin"] = "nobody is sent to the login page",
        ["CurrentUser"] = "no user is shown",
        ["CurrentAppUser"] = "no user is shown",
        ["LogoutButton"] = "there is no logout button",
    };

    private static readonly DiagnosticDescriptor Rule = new(
        DiagnosticId,
        title: "A BlazorCookieAuth component is not resolved",
        messageFormat: "{0}: <{1}> is a plain HTML element here, not the BlazorCookieAuth component, so {2}. Add @using BlazorCookieAuth.Components to _Imports.razor.",
        category: "BlazorCookieAuth",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Without @using BlazorCookieAuth.Components, Razor renders the kit's component tags as HTML elements and only warns (RZ10012).");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        // The elements are in the code the Razor source generator writes, so generated code is what is analyzed.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var builder = start.Compilation.GetTypeByMetadataName(RenderTreeBuilder);
            if (builder is not null)
            {
                start.RegisterOperationAction(c => AnalyzeInvocation(c, builder), OperationKind.Invocation);
            }
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol builder)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "OpenElement"
            || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, builder)
            || invocation.Arguments.Length != 2
            || invocation.Arguments[1].Value.ConstantValue is not { HasValue: true, Value: string element }
            || !Consequences.TryGetValue(element, out var consequence))
        {
            return;
        }

        var location = invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, RazorFileOf(location.SourceTree?.FilePath), element, consequence));
    }

    /// <summary>
    /// The .razor file behind a generated file, such as Components/Pages/Secret.razor for
    /// .../RazorSourceGenerator/Components/Pages/Secret_razor.g.cs: the diagnostic can point into the generated code only.
    /// </summary>
    private static string RazorFileOf(string? generatedPath)
    {
        if (generatedPath is null)
        {
            return "A Razor file";
        }

        var path = generatedPath.Replace('\\', '/');
        const string Generator = "RazorSourceGenerator/";
        var start = path.LastIndexOf(Generator, StringComparison.Ordinal);
        path = start < 0 ? path : path.Substring(start + Generator.Length);
        const string Suffix = "_razor.g.cs";
        return path.EndsWith(Suffix, StringComparison.Ordinal) ? path.Substring(0, path.Length - Suffix.Length) + ".razor" : path;
    }
}
