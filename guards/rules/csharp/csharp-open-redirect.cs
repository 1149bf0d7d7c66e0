using System.Threading.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Web.Controllers
{
    public class AccountController : Controller
    {
        private readonly SignInManager<IdentityUser> _signIn;

        public AccountController(SignInManager<IdentityUser> signIn)
        {
            _signIn = signIn;
        }

        [HttpPost]
        [ValidateAntiForgeryToken]
        public async Task<IActionResult> Login(LoginViewModel model, string returnUrl)
        {
            await _signIn.PasswordSignInAsync(model.Email, model.Password, false, false);
            // ruleid: csharp-open-redirect
            return Redirect(returnUrl);
        }

        [HttpGet]
        public IActionResult Out(string target)
        {
            if (string.IsNullOrEmpty(target))
            {
                return RedirectToAction("Index", "Home");
            }
            // ruleid: csharp-open-redirect
            return new RedirectResult(target);
        }

        [HttpGet]
        public IActionResult Legacy()
        {
            // ruleid: csharp-open-redirect
            return Redirect(Request.Query["next"]);
        }

        [HttpPost]
        [ValidateAntiForgeryToken]
        public async Task<IActionResult> SafeLogin(LoginViewModel model, string returnUrl)
        {
            await _signIn.PasswordSignInAsync(model.Email, model.Password, false, false);
            if (Url.IsLocalUrl(returnUrl))
            {
                // ok: csharp-open-redirect
                return Redirect(returnUrl);
            }
            return RedirectToAction("Index", "Home");
        }

        [HttpGet]
        public IActionResult Local(string returnUrl)
        {
            // ok: csharp-open-redirect
            return LocalRedirect(returnUrl);
        }

        [HttpGet]
        public IActionResult Profile(int id)
        {
            // ok: csharp-open-redirect
            return Redirect($"/profile/{id}");
        }
    }

    public class LogoutModel : PageModel
    {
        public IActionResult OnPost(string returnUrl = null)
        {
            returnUrl = returnUrl ?? "/";
            // ruleid: csharp-open-redirect
            return Redirect(returnUrl);
        }

        public IActionResult OnGet(string orderId)
        {
            // ok: csharp-open-redirect
            return Redirect("/orders/" + orderId);
        }
    }

    public class LegacyPage : System.Web.UI.Page
    {
        protected void Continue()
        {
            // ruleid: csharp-open-redirect
            Response.Redirect(Request.QueryString["ReturnUrl"]);
        }
    }

    public static class Endpoints
    {
        public static void Map(WebApplication app)
        {
            // ruleid: csharp-open-redirect
            app.MapGet("/go", (string to) => Results.Redirect(to));
            // ok: csharp-open-redirect
            app.MapGet("/home", (int page) => Results.Redirect($"/home?page={page}"));
        }
    }

    public class LoginViewModel
    {
        public string Email { get; set; }
        public string Password { get; set; }
    }
}
