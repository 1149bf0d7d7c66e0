using System.Security.Cryptography;

namespace Crypto
{
    public static class Box
    {
        public static byte[] Decrypt(byte[] key, byte[] iv, byte[] cipher)
        {
            using (var aes = new AesCryptoServiceProvider
            {
                Key = key,
                IV = iv,
                // ruleid: csharp-cbc-mode-unauthenticated
                Mode = CipherMode.CBC,
                Padding = PaddingMode.PKCS7,
            })
            {
                return aes.CreateDecryptor().TransformFinalBlock(cipher, 0, cipher.Length);
            }
        }

        public static byte[] Encrypt(byte[] key, byte[] plain)
        {
            using var aes = Aes.Create();
            aes.Key = key;
            // ruleid: csharp-cbc-mode-unauthenticated
            aes.Mode = CipherMode.CBC;
            aes.GenerateIV();
            return aes.CreateEncryptor().TransformFinalBlock(plain, 0, plain.Length);
        }

        public static void Check(SymmetricAlgorithm algo)
        {
            // ok: csharp-cbc-mode-unauthenticated
            if (algo.Mode == CipherMode.CBC && algo.Padding == PaddingMode.None)
            {
                algo.Padding = PaddingMode.PKCS7;
            }
        }

        public static byte[] Seal(byte[] key, byte[] nonce, byte[] plain, byte[] tag)
        {
            var cipher = new byte[plain.Length];
            // ok: csharp-cbc-mode-unauthenticated
            using var gcm = new AesGcm(key, 16);
            gcm.Encrypt(nonce, plain, cipher, tag);
            return cipher;
        }
    }
}
