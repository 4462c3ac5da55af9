using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentWatch.Silo;

/// <summary>
/// Names ASP.NET Core's request span after its route and tags it with the HTTP semantic conventions, the part of
/// OpenTelemetry.Instrumentation.AspNetCore we need (that package cannot be restored here). Without a listener the
/// span does not exist and this is one null check.
/// </summary>
public static class RequestTracing
{
    public static IApplicationBuilder UseRequestTracing(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var activity = Activity.Current;
        try
        {
            await next(context);
        }
        finally
        {
            if (activity is { IsAllDataRequested: true })
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                activity.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {route}";
                activity.SetTag("http.request.method", context.Request.Method);
                activity.SetTag("url.path", context.Request.Path.Value);
                if (route is not null) activity.SetTag("http.route", route);
                activity.SetTag("http.response.status_code", context.Response.StatusCode);
                if (context.Response.StatusCode >= 500) activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    });
}
