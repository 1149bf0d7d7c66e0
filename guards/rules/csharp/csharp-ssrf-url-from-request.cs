using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;

namespace Preview.Controllers
{
    public class PreviewController : Controller
    {
        private static readonly HashSet<string> AllowedHosts = new() { "images.example.com" };
        private readonly HttpClient _http;
        private readonly string _inventoryBaseUrl = "https://inventory.internal";

        public PreviewController(HttpClient http)
        {
            _http = http;
        }

        [HttpGet]
        public async Task<IActionResult> Fetch(string url)
        {
            // ruleid: csharp-ssrf-url-from-request
            var body = await _http.GetStringAsync(url);
            return Content(body, "text/plain");
        }

        [HttpGet]
        public async Task<IActionResult> Health(string host)
        {
            // ruleid: csharp-ssrf-url-from-request
            var response = await _http.GetAsync($"http://{host}/health");
            return StatusCode((int)response.StatusCode);
        }

        [HttpPost]
        public IActionResult Legacy(string feed)
        {
            using var client = new WebClient();
            // ruleid: csharp-ssrf-url-from-request
            var xml = client.DownloadString(feed);
            return Content(xml, "application/xml");
        }

        [HttpGet]
        public async Task<IActionResult> Proxy()
        {
            // ruleid: csharp-ssrf-url-from-request
            var request = new HttpRequestMessage(HttpMethod.Get, Request.Query["target"]);
            var response = await _http.SendAsync(request);
            return Ok(await response.Content.ReadAsStringAsync());
        }

        [HttpGet]
        public async Task<IActionResult> Item(int id)
        {
            // ok: csharp-ssrf-url-from-request
            var json = await _http.GetStringAsync($"{_inventoryBaseUrl}/items/{id}");
            return Content(json, "application/json");
        }

        [HttpGet]
        public async Task<IActionResult> Weather(string city)
        {
            // ok: csharp-ssrf-url-from-request
            var json = await _http.GetStringAsync($"https://api.weather.example/v1?q={Uri.EscapeDataString(city)}");
            return Content(json, "application/json");
        }

        [HttpGet]
        public async Task<IActionResult> Image(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !AllowedHosts.Contains(uri.Host))
            {
                return BadRequest();
            }
            // ok: csharp-ssrf-url-from-request
            return File(await _http.GetByteArrayAsync(uri), "image/png");
        }

        [HttpGet]
        public IActionResult Ping([FromQuery] string address)
        {
            // ruleid: csharp-ssrf-url-from-request
            var request = WebRequest.Create("http://" + address + "/ping");
            return Ok(request.GetResponse().ContentLength);
        }

        [HttpGet]
        public async Task<IActionResult> Search(string term)
        {
            // ok: csharp-ssrf-url-from-request
            var json = await _http.GetStringAsync($"search/items?q={term}");
            return Content(json, "application/json");
        }

        [HttpGet]
        public async Task<IActionResult> Forecast(string city)
        {
            var forecastUrl = $"https://api.weather.example/v1/forecast?q={city}";
            // ok: csharp-ssrf-url-from-request
            var json = await _http.GetStringAsync(forecastUrl);
            return Content(json, "application/json");
        }

        public static Task<string> Download(HttpClient client, string url)
        {
            // ok: csharp-ssrf-url-from-request
            return client.GetStringAsync(url);
        }
    }
}
