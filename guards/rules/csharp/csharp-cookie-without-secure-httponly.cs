using System;
using System.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Web.Controllers
{
    public class SessionController : Controller
    {
        [HttpPost]
        public IActionResult Login(string token)
        {
            // ruleid: csharp-cookie-without-secure-httponly
            Response.Cookies.Append("session", token);
            return Ok();
        }

        [HttpPost]
        public IActionResult Remember(string token)
        {
            // ruleid: csharp-cookie-without-secure-httponly
            Response.Cookies.Append("remember", token, new CookieOptions { HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddDays(30) });
            return Ok();
        }

        [HttpPost]
        public IActionResult Insecure(string token)
        {
            var options = new CookieOptions();
            // ruleid: csharp-cookie-without-secure-httponly
            options.Secure = false;
            Response.Cookies.Append("auth", token, options);
            return Ok();
        }

        [HttpPost]
        public IActionResult Secure(string token)
        {
            // ok: csharp-cookie-without-secure-httponly
            Response.Cookies.Append("session", token, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Ok();
        }

        [HttpPost]
        public IActionResult Logout()
        {
            // ok: csharp-cookie-without-secure-httponly
            Response.Cookies.Delete("session");
            return Ok();
        }
    }

    public class LegacyCookies
    {
        public void Issue(HttpResponse response, string token)
        {
            // ruleid: csharp-cookie-without-secure-httponly
            var cookie = new HttpCookie("session", token);
            cookie.Path = "/";
            response.Cookies.Add(cookie);
        }

        public void IssueSecure(HttpResponse response, string token)
        {
            // ok: csharp-cookie-without-secure-httponly
            var cookie = new HttpCookie("session", token);
            cookie.Secure = true;
            cookie.HttpOnly = true;
            response.Cookies.Add(cookie);
        }
    }
}
