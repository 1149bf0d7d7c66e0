using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Web.Helpers
{
    public static class BadgeHelpers
    {
        public static IHtmlContent Badge(this IHtmlHelper html, string userName)
        {
            // ruleid: csharp-html-raw-non-constant
            return html.Raw("<span class=\"badge\">" + userName + "</span>");
        }

        public static IHtmlContent Bio(string bio)
        {
            // ruleid: csharp-html-raw-non-constant
            return new HtmlString(bio);
        }

        public static IHtmlContent Icon(this IHtmlHelper html)
        {
            // ok: csharp-html-raw-non-constant
            return html.Raw("<i class=\"icon-star\"></i>");
        }

        public static IHtmlContent SafeBio(string bio)
        {
            // ok: csharp-html-raw-non-constant
            return new HtmlString(HtmlEncoder.Default.Encode(bio));
        }
    }

    public class GreetingController : Controller
    {
        [HttpGet]
        public IActionResult Hello(string name)
        {
            // ruleid: csharp-html-raw-non-constant
            return Content($"<h1>Hello {name}</h1>", "text/html");
        }

        [HttpGet]
        public IActionResult HelloSafe(string name)
        {
            // ok: csharp-html-raw-non-constant
            return Content($"<h1>Hello {WebUtility.HtmlEncode(name)}</h1>", "text/html");
        }

        [HttpGet]
        public IActionResult Plain(string name)
        {
            // ok: csharp-html-raw-non-constant
            return Content($"Hello {name}", "text/plain");
        }
    }
}
