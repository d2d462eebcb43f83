using System;
using System.Collections.Generic;
using Omg.Payment.Native;

namespace Omg.Payment
{
    /// <summary>The hash of CheckMacValue.</summary>
    public enum HashMethod
    {
        /// <summary>SHA-256 (EncryptType 1): every current API.</summary>
        Sha256 = 0,
        /// <summary>MD5 (EncryptType 0): legacy merchants only.</summary>
        Md5 = 1,
    }

    /// <summary>Functions that need no client, and the two replies the gateway understands.</summary>
    public static class OmgPayment
    {
        /// <summary>The reply that stops the gateway re-sending a server notification: exactly
        /// <c>1|OK</c> (no newline).</summary>
        public const string Ack = "1|OK";

        /// <summary>The largest notification body accepted: 64 KiB. Fields given already parsed (a
        /// dictionary) are held to it too, written <c>k=v&amp;k=v</c>.</summary>
        public const int MaxNotificationBytes = 64 * 1024;

        /// <summary>The most fields a notification may have: 1,024. More, in a body or a dictionary
        /// given to <see cref="OmgClient.VerifyNotification(IDictionary{string, string}, string)"/>,
        /// <see cref="OmgClient.SignTestNotification"/> or <see cref="CheckMacValue"/>, is a
        /// <see cref="DecodeException"/>.</summary>
        public const int MaxNotificationFields = 1024;

        /// <summary>A refusal, <c>0|message</c> on one line: the gateway sends the notification again later.</summary>
        public static string Nack(string message)
        {
            byte[] m = Interop.Bytes(message, nameof(message));
            int status = NativeMethods.omg_nack(m, Interop.Len(m), out IntPtr r, out IntPtr e);
            return Interop.Check(status, r, e);
        }

        /// <summary>
        /// The CheckMacValue of <paramref name="fields"/> (a CheckMacValue among them is ignored):
        /// sorted case-insensitively, .NET-url-encoded and lowercased, hashed, uppercase hex.
        /// </summary>
        public static unsafe string CheckMacValue(IEnumerable<KeyValuePair<string, string>> fields, string hashKey, string hashIv, HashMethod method = HashMethod.Sha256)
        {
            // The fields, the key and the IV side by side in this thread's buffer: one UTF-8 pass
            // each, no array per argument (the library only reads them during the call).
            Utf8Buffer args = Utf8Buffer.Rent();
            byte* mac = stackalloc byte[NativeMethods.MacBufferBytes];
            int status;
            IntPtr error;
            try
            {
                Interop.Pack(fields, nameof(fields), args);
                int fieldsEnd = args.Length;
                Interop.Add(args, hashKey, nameof(hashKey));
                int keyEnd = args.Length;
                Interop.Add(args, hashIv, nameof(hashIv));
                fixed (byte* a = args.Bytes)
                {
                    status = NativeMethods.omg_check_mac_value(a, (UIntPtr)fieldsEnd, a + fieldsEnd, (UIntPtr)(keyEnd - fieldsEnd),
                        a + keyEnd, (UIntPtr)(args.Length - keyEnd), (int)method, mac, out error);
                }
            }
            finally
            {
                Utf8Buffer.Return(args);
            }
            string payload = Interop.TakeString(error);
            if (status != NativeMethods.OmgOk) throw OmgException.FromPayload(status, payload);
            // Hex digits: widened by hand (the runtime's sbyte* constructor runs its UTF-8 decoder).
            int n = 0;
            char* hex = stackalloc char[NativeMethods.MacBufferBytes];
            for (; mac[n] != 0; n++) hex[n] = (char)mac[n];
            return new string(hex, 0, n);
        }

        /// <summary>How the CheckMacValue of <paramref name="fields"/> is computed, HashKey and HashIV
        /// masked: for debugging a CheckMacValue Error.</summary>
        public static Explanation Explain(IEnumerable<KeyValuePair<string, string>> fields, string hashKey, string hashIv, HashMethod method = HashMethod.Sha256)
        {
            byte[] packed = Interop.Packed(fields, nameof(fields));
            byte[] key = Interop.Bytes(hashKey, nameof(hashKey));
            byte[] iv = Interop.Bytes(hashIv, nameof(hashIv));
            int status = NativeMethods.omg_explain(packed, Interop.Len(packed), key, Interop.Len(key), iv, Interop.Len(iv), (int)method, out IntPtr r, out IntPtr e);
            return new Explanation(Interop.CheckJson(status, r, e));
        }

        /// <summary>What a RtnCode means; an unknown code comes back with category <c>unknown</c>.</summary>
        public static CodeInfo DescribeCode(long code)
        {
            int status = NativeMethods.omg_describe_code(code, out IntPtr r, out IntPtr e);
            return new CodeInfo(Interop.CheckJson(status, r, e));
        }

        /// <summary>Every RtnCode the SDK knows.</summary>
        public static IReadOnlyList<CodeInfo> KnownCodes()
        {
            int status = NativeMethods.omg_known_codes(out IntPtr r, out IntPtr e);
            var codes = new List<CodeInfo>();
            foreach (var item in (IEnumerable<object>)Json.JsonReader.Parse(Interop.Check(status, r, e)))
                codes.Add(new CodeInfo((Json.JsonObject)item));
            return codes;
        }

        /// <summary>Signs a test notification with the given keys and returns the form body the gateway
        /// would POST: exactly <paramref name="fields"/>, or with <paramref name="kind"/>
        /// (payment_result, atm_code_issued, cvs_code_issued, barcode_code_issued, period_charge) that
        /// notification's realistic fields with <paramref name="fields"/> on top (MerchantID among them).</summary>
        public static string SignTestNotification(IEnumerable<KeyValuePair<string, string>> fields, string hashKey, string hashIv, string kind = null)
        {
            byte[] packed = Interop.Packed(fields, nameof(fields));
            byte[] key = Interop.Bytes(hashKey, nameof(hashKey));
            byte[] iv = Interop.Bytes(hashIv, nameof(hashIv));
            byte[] k = Interop.Bytes(kind ?? "", nameof(kind));
            int status = NativeMethods.omg_sign_test_notification(packed, Interop.Len(packed), key, Interop.Len(key), iv, Interop.Len(iv), k, Interop.Len(k), out IntPtr r, out IntPtr e);
            return Interop.Check(status, r, e);
        }

        /// <summary>A new MerchantTradeNo: <paramref name="prefix"/> + Taiwan time yyMMddHHmmss +
        /// random characters, 20 in all. Store it with the order.</summary>
        public static string GenerateMerchantTradeNo(string prefix = "A")
        {
            byte[] p = Interop.Bytes(prefix, nameof(prefix));
            int status = NativeMethods.omg_generate_merchant_trade_no(p, Interop.Len(p), out IntPtr r, out IntPtr e);
            return Interop.Check(status, r, e);
        }

        /// <summary>A Code 39 barcode as SVG; the three segments of a BARCODE payment are stacked.</summary>
        public static string BarcodeSvg(params string[] segments)
        {
            if (segments == null || segments.Length == 0) throw new ArgumentException("give at least one segment", nameof(segments));
            foreach (var s in segments)
                if (s == null || s.IndexOf('\0') >= 0) throw new ArgumentException("a segment is null or holds a NUL", nameof(segments));
            byte[] packed = Interop.Bytes(string.Join("\0", segments), nameof(segments));
            int status = NativeMethods.omg_barcode_svg(packed, Interop.Len(packed), out IntPtr r, out IntPtr e);
            return Interop.Check(status, r, e);
        }
    }
}
