using System;
using System.Collections.Generic;
using System.Text;
using Omg.Payment.Json;

namespace Omg.Payment.Native
{
    /// <summary>Conversions at the P/Invoke boundary: UTF-8 in, library-owned strings out,
    /// status + error payload to an exception.</summary>
    internal static class Interop
    {
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

        /// <summary>The bytes of an empty text, shared (the native side only reads what it is given).</summary>
        private static readonly byte[] Empty = new byte[0];

        /// <summary>The UTF-8 bytes of <paramref name="text"/>. Lone surrogates (not text) throw
        /// <see cref="ArgumentException"/> naming the argument.</summary>
        internal static unsafe byte[] Bytes(string text, string name)
        {
            if (text == null) throw new ArgumentNullException(name);
            if (text.Length == 0) return Empty;
            // ASCII (a form body, names, codes) narrowed in one pass: Mono's managed UTF-8
            // encoder cost more than the native verification of a notification body.
            var ascii = new byte[text.Length];
            fixed (char* c = text)
            fixed (byte* b = ascii)
            {
                int i = 0;
                for (; i < text.Length; i++)
                {
                    char ch = c[i];
                    if (ch >= 0x80) break;
                    b[i] = (byte)ch;
                }
                if (i == text.Length) return ascii;
            }
            try
            {
                return Utf8.GetBytes(text);
            }
            catch (EncoderFallbackException)
            {
                throw NotUnicode(name);
            }
        }

        /// <summary>The length of <paramref name="bytes"/> as the C ABI's size_t.</summary>
        internal static UIntPtr Len(byte[] bytes)
        {
            return new UIntPtr((uint)bytes.Length);
        }

        /// <summary>
        /// Fields packed as key NUL value NUL key NUL value. A raw body's caps hold here too, as in
        /// omg-core's ParsedFields (the native side checks them again): more than
        /// <see cref="OmgPayment.MaxNotificationFields"/> fields, or more than
        /// <see cref="OmgPayment.MaxNotificationBytes"/> written <c>k=v&amp;k=v</c>, is a
        /// <see cref="DecodeException"/> — a dictionary by its Count before anything is copied, any
        /// other sequence as soon as it passes a cap, so a million entries cost nothing.
        /// </summary>
        internal static byte[] Packed(IEnumerable<KeyValuePair<string, string>> fields, string name)
        {
            Utf8Buffer packed = Utf8Buffer.Rent();
            try
            {
                Pack(fields, name, packed);
                var bytes = new byte[packed.Length];
                Buffer.BlockCopy(packed.Bytes, 0, bytes, 0, packed.Length);
                return bytes;
            }
            finally
            {
                Utf8Buffer.Return(packed);
            }
        }

        /// <summary>As <see cref="Packed"/>, written into <paramref name="into"/> (a rented
        /// <see cref="Utf8Buffer"/>, for a call that only reads it): the UTF-8 encoded once, with no string between.
        /// The same errors, checked in the same order, as when the fields were joined first.</summary>
        internal static void Pack(IEnumerable<KeyValuePair<string, string>> fields, string name, Utf8Buffer into)
        {
            if (fields == null) throw new ArgumentNullException(name);
            int count = (fields as ICollection<KeyValuePair<string, string>>)?.Count
                        ?? (fields as IReadOnlyCollection<KeyValuePair<string, string>>)?.Count ?? 0;
            if (count > OmgPayment.MaxNotificationFields) throw TooManyFields();
            int chars = 0;
            int n = 0;
            foreach (var kv in fields)
            {
                if (++n > OmgPayment.MaxNotificationFields) throw TooManyFields();
                if (kv.Key == null) throw new ArgumentException(name + " has a null key", name);
                if (kv.Value == null) throw new ArgumentException(name + "[" + kv.Key + "] is null", name);
                // The packed text is as long as the form k=v&k=v, and a char is at least one UTF-8 byte.
                chars += (n > 1 ? 1 : 0) + kv.Key.Length + 1 + kv.Value.Length;
                if (chars > OmgPayment.MaxNotificationBytes)
                {
                    // Not encoded (it may be huge); a NUL in it was still the error to report first.
                    if (kv.Key.IndexOf('\0') >= 0 || kv.Value.IndexOf('\0') >= 0) throw HoldsNul(name, kv.Key);
                    throw TooLarge();
                }
                if (n > 1) into.Add(0);
                bool clean = into.Add(kv.Key);
                into.Add(0);
                if (!(into.Add(kv.Value) & clean)) throw HoldsNul(name, kv.Key);
            }
            if (into.LoneSurrogate) throw NotUnicode(name);
        }

        private static ArgumentException HoldsNul(string name, string key)
        {
            return new ArgumentException(name + "[" + key + "] holds a NUL character", name);
        }

        private static ArgumentException NotUnicode(string name)
        {
            return new ArgumentException(name + " is not valid Unicode text (a lone surrogate)", name);
        }

        /// <summary>Appends <paramref name="text"/> to <paramref name="into"/>: <see cref="Bytes"/>'s
        /// checks and errors, without the array.</summary>
        internal static void Add(Utf8Buffer into, string text, string name)
        {
            if (text == null) throw new ArgumentNullException(name);
            into.LoneSurrogate = false;
            into.Add(text);
            if (into.LoneSurrogate) throw NotUnicode(name);
        }

        // The texts of omg-core's errors for the same caps (fields.rs: too_many_fields, too_many_bytes).
        private static DecodeException TooManyFields()
        {
            return new DecodeException("cannot decode: the body holds more than " + OmgPayment.MaxNotificationFields + " fields");
        }

        private static DecodeException TooLarge()
        {
            return new DecodeException("cannot decode: the fields are more than the " + OmgPayment.MaxNotificationBytes +
                                       " bytes a message may be, written as a form body");
        }

        /// <summary>Reads and frees a string the library returned.</summary>
        internal static unsafe string TakeString(IntPtr s)
        {
            if (s == IntPtr.Zero) return null;
            try
            {
                byte* p = (byte*)s;
                return Encoding.UTF8.GetString(p, Length(p));
            }
            finally
            {
                NativeMethods.omg_string_free(s);
            }
        }

        /// <summary>The length of a NUL-terminated string, eight bytes at a time once aligned (a
        /// notification's view is ~1.7 KB; a byte loop was a twentieth of the call under Mono).
        /// Aligned 8-byte reads never cross a page, so none reads memory the string's page lacks.</summary>
        private static unsafe int Length(byte* p)
        {
            byte* q = p;
            while (((ulong)q & 7) != 0)
            {
                if (*q == 0) return (int)(q - p);
                q++;
            }
            while (true)
            {
                ulong w = *(ulong*)q;
                if (((w - 0x0101010101010101UL) & ~w & 0x8080808080808080UL) != 0) break;
                q += 8;
            }
            while (*q != 0) q++;
            return (int)(q - p);
        }

        /// <summary>Throws the exception of a failed call (frees the payload), or returns the
        /// result string (freed) of a successful one.</summary>
        internal static string Check(int status, IntPtr result, IntPtr error)
        {
            string payload = TakeString(error);
            if (status == NativeMethods.OmgOk) return TakeString(result);
            TakeString(result);
            throw OmgException.FromPayload(status, payload);
        }

        /// <summary>The JSON object a successful call returned.</summary>
        internal static JsonObject CheckJson(int status, IntPtr result, IntPtr error)
        {
            return (JsonObject)JsonReader.Parse(Check(status, result, error));
        }
    }
}
