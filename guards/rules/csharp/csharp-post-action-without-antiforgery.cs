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

        // ruleid: csharp-post-action-without-antiforgery
        [HttpPost]
        public IActionResult ChangeEmail(string email)
        {
            return RedirectToAction("Index");
        }

        // ruleid: csharp-post-action-without-antiforgery
        [HttpPost]
        [Route("profile/delete")]
        public IActionResult Delete(int id)
        {
            return RedirectToAction("Index");
        }

        // ok: csharp-post-action-without-antiforgery
        [HttpPost]
        [ValidateAntiForgeryToken]
        public IActionResult ChangeName(string name)
        {
            return RedirectToAction("Index");
        }

        [Authorize(Roles = "Admin")]
        // ruleid: csharp-post-action-without-antiforgery
        [HttpDelete("profile/{id}")]
        public IActionResult Remove(int id)
        {
            return RedirectToAction("Index");
        }

        // ok: csharp-post-action-without-antiforgery
        [HttpPost, ValidateAntiForgeryToken]
        public IActionResult ChangeTheme(string theme)
        {
            return RedirectToAction("Index");
        }

        // ok: csharp-post-action-without-antiforgery
        [HttpGet]
        public IActionResult Index()
        {
            return View();
        }
    }

    [AutoValidateAntiforgeryToken]
    public class SettingsController : Controller
    {
        // ok: csharp-post-action-without-antiforgery
        [HttpPost]
        public IActionResult Save(string theme)
        {
            return RedirectToAction("Index");
        }
    }

    [ApiController]
    [Route("api/orders")]
    public class OrdersApiController : ControllerBase
    {
        // ok: csharp-post-action-without-antiforgery
        [HttpPost]
        public IActionResult Create(string item)
        {
            return Ok();
        }
    }

    public class ProfileController : BaseController
    {
        // ruleid: csharp-post-action-without-antiforgery
        [HttpPost]
        public ActionResult UpdateBio(string bio)
        {
            _profiles.SetBio(CurrentUserId, bio);
            return Json(new { ok = true });
        }

        // ok: csharp-post-action-without-antiforgery
        [HttpPost]
        [ValidateAntiForgeryToken]
        public ActionResult UpdateAvatar(string url)
        {
            _profiles.SetAvatar(CurrentUserId, url);
            return Json(new { ok = true });
        }
    }

    public class LegacyOrdersController : ApiController
    {
        // ok: csharp-post-action-without-antiforgery
        [HttpPost]
        public IHttpActionResult Post(string item)
        {
            return Ok();
        }
    }
}

// An edit snippet cut off mid-method (as a model returns it) leaves the action unparsed:
        // ruleid: csharp-post-action-without-antiforgery
        [HttpPost]
        public ActionResult Archive(long id)
        {
            using (var db = new ShopContext())
            {
                if (!ModelState.IsValid)
                {
                    return View();
