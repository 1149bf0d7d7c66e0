using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
var app = builder.Build();

// ruleid: csharp-developer-exception-page-unconditional
app.UseDeveloperExceptionPage();

if (app.Environment.IsDevelopment())
{
    // ok: csharp-developer-exception-page-unconditional
    app.UseDeveloperExceptionPage();
}
else
{
    // ok: csharp-developer-exception-page-unconditional
    app.UseExceptionHandler("/Error");
}

app.MapControllers();
app.Run();

public class Startup
{
    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        // ruleid: csharp-developer-exception-page-unconditional
        app.UseDeveloperExceptionPage();
        // ruleid: csharp-developer-exception-page-unconditional
        app.UseDatabaseErrorPage();
        app.UseRouting();
    }

    public void ConfigureSafe(IApplicationBuilder app, IWebHostEnvironment env)
    {
        if (env.IsDevelopment())
            // ok: csharp-developer-exception-page-unconditional
            app.UseDeveloperExceptionPage();
        // ok: csharp-developer-exception-page-unconditional
        app.UseHsts();
    }
}
