using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Files.Controllers
{
    [ApiController]
    [Route("api/files")]
    public class FilesController : ControllerBase
    {
        private readonly string _root;

        public FilesController(IWebHostEnvironment env)
        {
            _root = Path.Combine(env.ContentRootPath, "storage");
        }

        [HttpGet("{name}")]
        public IActionResult Download(string name)
        {
            var path = Path.Combine(_root, name);
            // ruleid: csharp-path-from-request
            return PhysicalFile(path, "application/octet-stream");
        }

        [HttpGet("text")]
        public string Read([FromQuery] string file)
        {
            // ruleid: csharp-path-from-request
            return System.IO.File.ReadAllText($"{_root}/{file}");
        }

        [HttpPost("upload")]
        public async Task<IActionResult> Upload(IFormFile upload)
        {
            // ruleid: csharp-path-from-request
            using (var stream = new FileStream(Path.Combine(_root, upload.FileName), FileMode.Create))
            {
                await upload.CopyToAsync(stream);
            }
            return Ok();
        }

        [HttpDelete]
        public IActionResult Remove()
        {
            // ruleid: csharp-path-from-request
            System.IO.File.Delete(Path.Combine(_root, Request.Query["name"]));
            return NoContent();
        }

        [HttpGet("safe/{name}")]
        public IActionResult SafeDownload(string name)
        {
            var full = Path.GetFullPath(Path.Combine(_root, Path.GetFileName(name)));
            if (!full.StartsWith(_root + Path.DirectorySeparatorChar))
            {
                return BadRequest();
            }
            // ok: csharp-path-from-request
            return PhysicalFile(full, "application/octet-stream");
        }

        [HttpGet("report")]
        public IActionResult Report(int year)
        {
            // ok: csharp-path-from-request
            var path = Path.Combine(_root, "reports", "annual.pdf");
            return PhysicalFile(path, "application/pdf");
        }

        [HttpPost("notes/{title}")]
        public IActionResult SaveNote(string title, [FromBody] string text)
        {
            var target = _root + "/notes/" + title + ".txt";
            // ruleid: csharp-path-from-request
            System.IO.File.WriteAllText(target, text);
            return Ok();
        }

        [HttpGet("flat")]
        public string ReadFlat(string name)
        {
            // ok: csharp-path-from-request
            return System.IO.File.ReadAllText(Path.Combine(_root, Path.GetFileName(name)));
        }

        [HttpPost("import")]
        public async Task<IActionResult> Import(IFormFile upload)
        {
            // ok: csharp-path-from-request
            using var reader = new StreamReader(upload.OpenReadStream());
            return Ok(await reader.ReadToEndAsync());
        }

        [HttpPost("avatar")]
        public async Task<IActionResult> Avatar(IFormFile image)
        {
            var extension = Path.GetExtension(image.FileName);
            var stored = Path.Combine(_root, "avatars", Guid.NewGuid() + extension);
            // ok: csharp-path-from-request
            using var output = new FileStream(stored, FileMode.CreateNew);
            await image.CopyToAsync(output);
            return Ok();
        }

        [HttpGet("page/{id}")]
        public IActionResult Page(int id)
        {
            // ok: csharp-path-from-request
            return PhysicalFile(Path.Combine(_root, $"page-{id}.html"), "text/html");
        }

        public static string LoadTemplate(string name)
        {
            // ok: csharp-path-from-request
            return System.IO.File.ReadAllText(Path.Combine("Templates", name));
        }
    }
}
