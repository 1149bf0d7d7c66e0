using System;
using System.Security.Cryptography;
using System.Text;

namespace Util
{
    public static class Hashes
    {
        public static string Md5(string input)
        {
            // ruleid: csharp-weak-hash
            using var md5 = MD5.Create();
            return Convert.ToHexString(md5.ComputeHash(Encoding.UTF8.GetBytes(input)));
        }

        public static byte[] Sha1(byte[] data)
        {
            // ruleid: csharp-weak-hash
            return SHA1.HashData(data);
        }

        public static string PasswordHash(string password)
        {
            // ruleid: csharp-weak-hash
            var provider = new MD5CryptoServiceProvider();
            return Convert.ToBase64String(provider.ComputeHash(Encoding.UTF8.GetBytes(password)));
        }

        public static HashAlgorithm ByName()
        {
            // ruleid: csharp-weak-hash
            return HashAlgorithm.Create("SHA1");
        }

        public static byte[] Sha256(byte[] data)
        {
            // ok: csharp-weak-hash
            return SHA256.HashData(data);
        }

        public static byte[] Hmac(byte[] key, byte[] data)
        {
            // ok: csharp-weak-hash
            using var hmac = new HMACSHA256(key);
            return hmac.ComputeHash(data);
        }

        public static byte[] Derive(string password, byte[] salt)
        {
            // ok: csharp-weak-hash
            return Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        }
    }
}
