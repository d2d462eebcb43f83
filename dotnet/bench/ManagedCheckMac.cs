using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Omg.Payment.Managed
{
    /// <summary>
    /// CheckMacValue written in plain managed C#, the way a .NET merchant writes it without the SDK:
    /// an HttpUtility.UrlEncode-style encoder (UTF-8 bytes; letters, digits and -_.!*() kept; space
    /// as '+'; everything else %xx) and SHA256 from the class library. The benchmark's baseline, and
    /// an independent implementation the tests check the native one against.
    /// </summary>
    public static class ManagedCheckMac
    {
        private static bool Unreserved(byte b)
        {
            return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' ||
                   b == '-' || b == '_' || b == '.' || b == '!' || b == '*' || b == '(' || b == ')';
        }

        /// <summary>HttpUtility.UrlEncode's output for <paramref name="s"/> (lowercase hex).</summary>
        public static string UrlEncode(string s)
        {
            const string hex = "0123456789abcdef";
            var sb = new StringBuilder(s.Length * 3);
            foreach (byte b in Encoding.UTF8.GetBytes(s))
            {
                if (Unreserved(b)) sb.Append((char)b);
                else if (b == ' ') sb.Append('+');
                else sb.Append('%').Append(hex[b >> 4]).Append(hex[b & 15]);
            }
            return sb.ToString();
        }

        /// <summary>The CheckMacValue of <paramref name="fields"/> with SHA-256.</summary>
        public static string Compute(IEnumerable<KeyValuePair<string, string>> fields, string hashKey, string hashIv)
        {
            var sorted = fields.Where(kv => kv.Key != "CheckMacValue").OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase);
            var raw = new StringBuilder("HashKey=").Append(hashKey);
            foreach (var kv in sorted) raw.Append('&').Append(kv.Key).Append('=').Append(kv.Value);
            raw.Append("&HashIV=").Append(hashIv);
            string encoded = UrlEncode(raw.ToString()).ToLowerInvariant();
            using (var sha = SHA256.Create())
            {
                byte[] digest = sha.ComputeHash(Encoding.UTF8.GetBytes(encoded));
                var hex = new StringBuilder(64);
                foreach (byte b in digest) hex.Append(b.ToString("X2"));
                return hex.ToString();
            }
        }
    }
}
