using System.Security.Cryptography;

namespace Util
{
    public static class Modes
    {
        public static byte[] EcbEncrypt(byte[] key, byte[] data)
        {
            using var aes = Aes.Create();
            aes.Key = key;
            // ruleid: csharp-cipher-ecb-or-rsa-pkcs1
            aes.Mode = CipherMode.ECB;
            return aes.CreateEncryptor().TransformFinalBlock(data, 0, data.Length);
        }

        public static byte[] EcbHelper(Aes aes, byte[] data)
        {
            // ruleid: csharp-cipher-ecb-or-rsa-pkcs1
            return aes.EncryptEcb(data, PaddingMode.PKCS7);
        }

        public static byte[] WrapKey(RSACryptoServiceProvider rsa, byte[] secret)
        {
            // ruleid: csharp-cipher-ecb-or-rsa-pkcs1
            return rsa.Encrypt(secret, false);
        }

        public static byte[] WrapPkcs1(RSA rsa, byte[] secret)
        {
            // ruleid: csharp-cipher-ecb-or-rsa-pkcs1
            return rsa.Encrypt(secret, RSAEncryptionPadding.Pkcs1);
        }

        public static byte[] CbcEncrypt(byte[] key, byte[] iv, byte[] data)
        {
            // ok: csharp-cipher-ecb-or-rsa-pkcs1
            using var aes = new AesManaged { Key = key, IV = iv, Mode = CipherMode.CBC };
            return aes.CreateEncryptor().TransformFinalBlock(data, 0, data.Length);
        }

        public static byte[] WrapOaep(RSA rsa, byte[] secret)
        {
            // ok: csharp-cipher-ecb-or-rsa-pkcs1
            return rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256);
        }

        public static byte[] WrapLegacyOaep(RSACryptoServiceProvider rsa, byte[] secret)
        {
            // ok: csharp-cipher-ecb-or-rsa-pkcs1
            return rsa.Encrypt(secret, true);
        }
    }
}
