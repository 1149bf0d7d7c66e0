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

    public class ProfileController : BaseController
    {
        [HttpPost]
        // ruleid: csharp-post-action-without-antiforgery
        public ActionResult UpdateBio(string bio)
        {
            _profiles.SetBio(CurrentUserId, bio);
            return Json(new { ok = true });
        }

        [HttpPost]
        [ValidateAntiForgeryToken]
        // ok: csharp-post-action-without-antiforgery
        public ActionResult UpdateAvatar(string url)
        {
            _profiles.SetAvatar(CurrentUserId, url);
            return Json(new { ok = true });
        }
    }

    public class LegacyOrdersController : ApiController
    {
        [HttpPost]
        // ok: csharp-post-action-without-antiforgery
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
