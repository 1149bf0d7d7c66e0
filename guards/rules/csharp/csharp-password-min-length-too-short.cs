using Microsoft.AspNet.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Web.Identity
{
    public static class IdentitySetup
    {
        public static void Configure(IServiceCollection services)
        {
            services.Configure<IdentityOptions>(options =>
            {
                // ruleid: csharp-password-min-length-too-short
                options.Password.RequiredLength = 6;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
            });
        }

        public static void Strict(IServiceCollection services)
        {
            services.Configure<IdentityOptions>(options =>
            {
                // ok: csharp-password-min-length-too-short
                options.Password.RequiredLength = 12;
                // ok: csharp-password-min-length-too-short
                options.Password.RequiredUniqueChars = 4;
            });
        }

        public static void Legacy(UserManager<ApplicationUser> manager)
        {
            // ruleid: csharp-password-min-length-too-short
            manager.PasswordValidator = new PasswordValidator
            {
                RequiredLength = 4,
                RequireNonLetterOrDigit = false,
                RequireDigit = true,
            };
        }

        public static void LegacyStrict(UserManager<ApplicationUser> manager)
        {
            // ok: csharp-password-min-length-too-short
            manager.PasswordValidator = new PasswordValidator
            {
                RequiredLength = 10,
                RequireDigit = true,
            };
        }
    }
}
