using System.Security.Cryptography;

namespace Util
{
    public static class LegacyCrypto
    {
        public static byte[] TripleDesEncrypt(byte[] key, byte[] iv, byte[] data)
        {
            // ruleid: csharp-weak-cipher-algorithm
            using var tdes = TripleDES.Create();
            return tdes.CreateEncryptor(key, iv).TransformFinalBlock(data, 0, data.Length);
        }

        public static ICryptoTransform Des(byte[] key, byte[] iv)
        {
            // ruleid: csharp-weak-cipher-algorithm
            var des = new DESCryptoServiceProvider();
            return des.CreateEncryptor(key, iv);
        }

        public static SymmetricAlgorithm Rc2()
        {
            // ruleid: csharp-weak-cipher-algorithm
            return new RC2CryptoServiceProvider();
        }

        public static SymmetricAlgorithm ByName()
        {
            // ruleid: csharp-weak-cipher-algorithm
            return SymmetricAlgorithm.Create("TripleDES");
        }

        public static byte[] AesGcmEncrypt(byte[] key, byte[] nonce, byte[] data, byte[] tag)
        {
            var cipher = new byte[data.Length];
            // ok: csharp-weak-cipher-algorithm
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, data, cipher, tag);
            return cipher;
        }

        public static Aes Modern()
        {
            // ok: csharp-weak-cipher-algorithm
            return Aes.Create();
        }

        public static byte[] Chacha(byte[] key, byte[] nonce, byte[] data, byte[] tag)
        {
            var cipher = new byte[data.Length];
            // ok: csharp-weak-cipher-algorithm
            using var chacha = new ChaCha20Poly1305(key);
            chacha.Encrypt(nonce, data, cipher, tag);
            return cipher;
        }
    }
}
