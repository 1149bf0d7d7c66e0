using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace Plugins.Controllers
{
    [ApiController]
    [Route("api/jobs")]
    public class JobsController : ControllerBase
    {
        private static readonly Dictionary<string, Func<IJob>> Jobs = new() { ["cleanup"] = () => new CleanupJob() };

        [HttpPost("run")]
        public IActionResult Run(string jobType)
        {
            // ruleid: csharp-type-from-request
            var type = Type.GetType(jobType);
            var job = (IJob)Activator.CreateInstance(type);
            return Ok(job.Execute());
        }

        [HttpPost("plugin")]
        public IActionResult Plugin([FromQuery] string path)
        {
            // ruleid: csharp-type-from-request
            var assembly = Assembly.LoadFrom(path);
            return Ok(assembly.FullName);
        }

        [HttpPost("named")]
        public IActionResult Named(string name)
        {
            // ruleid: csharp-type-from-request
            var job = Activator.CreateInstance("Plugins", "Plugins.Jobs." + name);
            return Ok(job);
        }

        [HttpPost("safe")]
        public IActionResult Safe(string jobType)
        {
            if (!Jobs.TryGetValue(jobType, out var make))
            {
                return BadRequest();
            }
            // ok: csharp-type-from-request
            return Ok(make().Execute());
        }

        [HttpGet("types")]
        public IActionResult Types()
        {
            // ok: csharp-type-from-request
            var type = Type.GetType("Plugins.CleanupJob");
            return Ok(type?.FullName);
        }

        [HttpPost("load")]
        public IActionResult Load()
        {
            var assemblyName = Request.Form["assembly"].ToString();
            // ruleid: csharp-type-from-request
            var assembly = Assembly.Load(assemblyName);
            return Ok(assembly.GetName().Version?.ToString());
        }

        [HttpPost("checked")]
        public IActionResult Checked(string jobType)
        {
            if (!AllowedJobTypes.Contains(jobType))
            {
                return BadRequest();
            }
            // ok: csharp-type-from-request
            var type = Type.GetType("Plugins.Jobs." + jobType);
            return Ok(type?.FullName);
        }

        private static readonly HashSet<string> AllowedJobTypes = new() { "CleanupJob" };

        public static object Create(string configuredType)
        {
            // ok: csharp-type-from-request
            return Activator.CreateInstance(Type.GetType(configuredType));
        }
    }

    public interface IJob
    {
        string Execute();
    }

    public class CleanupJob : IJob
    {
        public string Execute() => "done";
    }
}
