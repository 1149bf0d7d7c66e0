using System;
using System.Linq;
using System.Security.Cryptography;

namespace Accounts
{
    public class TokenService
    {
        private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        private static readonly Random _random = new Random();

        public void Issue(User user)
        {
            // ruleid: csharp-insecure-random-for-secret
            var resetToken = new string(Enumerable.Range(0, 32).Select(_ => Alphabet[_random.Next(Alphabet.Length)]).ToArray());
            // ruleid: csharp-insecure-random-for-secret
            user.OtpCode = Random.Shared.Next(100000, 999999).ToString();
            // ruleid: csharp-insecure-random-for-secret
            user.ApiKey = Convert.ToBase64String(BitConverter.GetBytes(new Random().NextInt64()));
            user.Send(resetToken);
        }

        // ruleid: csharp-insecure-random-for-secret
        public string GeneratePassword(int length)
        {
            var rnd = new Random(Environment.TickCount);
            return new string(Enumerable.Range(0, length).Select(_ => Alphabet[rnd.Next(Alphabet.Length)]).ToArray());
        }

        public string NewToken()
        {
            // ok: csharp-insecure-random-for-secret
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            return token;
        }

        public void Jitter(User user)
        {
            // ok: csharp-insecure-random-for-secret
            var delayMs = _random.Next(100, 500);
            // ok: csharp-insecure-random-for-secret
            var tokenLength = _random.Next(16, 32);
            // ok: csharp-insecure-random-for-secret
            user.Avatar = Alphabet[_random.Next(Alphabet.Length)].ToString();
            user.Wait(delayMs + tokenLength);
        }

        // ok: csharp-insecure-random-for-secret
        public string GenerateResetCode()
        {
            return RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        }
    }

    public class User
    {
        public string OtpCode { get; set; }
        public string ApiKey { get; set; }
        public string Avatar { get; set; }
        public void Send(string token) { }
        public void Wait(int ms) { }
    }
}
