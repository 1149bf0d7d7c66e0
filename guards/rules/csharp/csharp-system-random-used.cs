using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace Demo
{
    public class Codes
    {
        private readonly Random _random = new Random();
        private static readonly Random Rng = new Random(42);

        public int NextCode()
        {
            // ruleid: csharp-system-random-used
            return _random.Next(100000, 999999);
        }

        public byte[] Noise(int size)
        {
            var buffer = new byte[size];
            // ruleid: csharp-system-random-used
            Rng.NextBytes(buffer);
            return buffer;
        }

        public double Jitter()
        {
            // ruleid: csharp-system-random-used
            return new Random().NextDouble() * 0.5;
        }

        public int Shared(int max)
        {
            // ruleid: csharp-system-random-used
            return Random.Shared.Next(max);
        }

        public int SecureCode()
        {
            // ok: csharp-system-random-used
            return RandomNumberGenerator.GetInt32(100000, 1000000);
        }

        public byte[] SecureBytes()
        {
            // ok: csharp-system-random-used
            return RandomNumberGenerator.GetBytes(32);
        }

        public string Walk(IEnumerator<string> items)
        {
            // ok: csharp-system-random-used
            items.MoveNext();
            // ok: csharp-system-random-used
            var node = list.Next(items.Current);
            return node;
        }
    }
}
