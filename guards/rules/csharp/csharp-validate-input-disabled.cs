using System.Web.Mvc;

namespace Legacy.Controllers
{
    // ruleid: csharp-validate-input-disabled
    [ValidateInput(false)]
    public class CmsController : Controller
    {
        [HttpPost]
        // ruleid: csharp-validate-input-disabled
        [ValidateInput(false)]
        public ActionResult SavePage(string html)
        {
            return RedirectToAction("Index");
        }

        // ruleid: csharp-validate-input-disabled
        [HttpPost, ValidateInput(false), ValidateAntiForgeryToken]
        public ActionResult SaveComment(string body)
        {
            return RedirectToAction("Index");
        }

        // ok: csharp-validate-input-disabled
        [HttpPost]
        [ValidateInput(true)]
        public ActionResult Search(string q)
        {
            return View();
        }

        // ok: csharp-validate-input-disabled
        [HttpPost]
        [ValidateAntiForgeryToken]
        public ActionResult Rename(string name)
        {
            return RedirectToAction("Index");
        }
    }

    public class PageModel
    {
        // ok: csharp-validate-input-disabled
        [AllowHtml]
        public string Body { get; set; }
    }
}
