using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Web.Controllers
{
    [Authorize]
    public class ProfileController : Controller
    {
        [HttpGet]
        public IActionResult Edit()
        {
            return View();
        }

        [HttpPost]
        // ruleid: csharp-post-action-without-antiforgery
        public IActionResult ChangeEmail(string email)
        {
            return RedirectToAction("Index");
        }

        [HttpPost]
        [Route("profile/delete")]
        // ruleid: csharp-post-action-without-antiforgery
        public IActionResult Delete(int id)
        {
            return RedirectToAction("Index");
        }

        [HttpPost]
        [ValidateAntiForgeryToken]
        // ok: csharp-post-action-without-antiforgery
        public IActionResult ChangeName(string name)
        {
            return RedirectToAction("Index");
        }

        [HttpGet]
        // ok: csharp-post-action-without-antiforgery
        public IActionResult Index()
        {
            return View();
        }
    }

    [AutoValidateAntiforgeryToken]
    public class SettingsController : Controller
    {
        [HttpPost]
        // ok: csharp-post-action-without-antiforgery
        public IActionResult Save(string theme)
        {
            return RedirectToAction("Index");
        }
    }

    [ApiController]
    [Route("api/orders")]
    public class OrdersApiController : ControllerBase
    {
        [HttpPost]
        // ok: csharp-post-action-without-antiforgery
        public IActionResult Create(string item)
        {
            return Ok();
        }
    }
}
