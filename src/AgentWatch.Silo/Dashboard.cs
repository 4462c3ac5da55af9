using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentWatch.Silo;

/// <summary>
/// The dashboard at <c>/</c>: one page, its script and its styles, embedded in the silo and served from memory, so it
/// works offline. A content security policy lets the page load only from the silo itself (no inline script or style, so
/// the page sets classes, never style attributes). The icon is served at <c>/favicon.ico</c> too, where a browser asks
/// for one on its own.
/// </summary>
public static class Dashboard
{
    private static readonly Dictionary<string, (string ContentType, byte[] Body)> Files = Load();

    private static Dictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(Dashboard).Assembly;
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("index.html", "text/html; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8"), ("app.css", "text/css; charset=utf-8"), ("favicon.svg", "image/svg+xml") })
        {
            using var stream = assembly.GetManifestResourceStream("Dashboard/" + name) ?? throw new InvalidOperationException($"The dashboard's {name} is not embedded in the silo.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (type, copy.ToArray());
        }
        return files;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext context) => Serve(context, "index.html")).ExcludeFromDescription();
        app.MapGet("/dashboard/{file}", (string file, HttpContext context) => Serve(context, file)).ExcludeFromDescription();
        app.MapGet("/favicon.svg", (HttpContext context) => Serve(context, "favicon.svg")).ExcludeFromDescription();
        app.MapGet("/favicon.ico", (HttpContext context) => Serve(context, "favicon.svg")).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Files.TryGetValue(file, out var found)) return Results.NotFound();
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return Results.Bytes(found.Body, found.ContentType);
    }
}
