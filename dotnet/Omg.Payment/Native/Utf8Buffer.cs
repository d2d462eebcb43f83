using System;

namespace Omg.Payment.Native
{
    /// <summary>
    /// Text written as UTF-8 straight into one byte array that each thread reuses: for arguments
    /// that cross into the library and are only read during the call. Packing fields through a
    /// <c>StringBuilder</c>, a string and the runtime's UTF-8 encoder (Mono's is managed code) cost
    /// more than the native signing itself; this is one pass per string and no allocation once the
    /// array has grown to the largest call seen.
    /// </summary>
    internal sealed class Utf8Buffer
    {
        [ThreadStatic] private static Utf8Buffer perThread;

        /// <summary>The bytes written so far are <c>Bytes[0..Length)</c>.</summary>
        internal byte[] Bytes = new byte[1024];
        internal int Length;

        /// <summary>Set when a string held a lone surrogate (no UTF-8 for it): the caller throws
        /// once it has checked everything it checked before (the same error as before, in the
        /// same order).</summary>
        internal bool LoneSurrogate;

        /// <summary>This thread's buffer, emptied and taken out of its slot until
        /// <see cref="Return"/>: a call made while it is out (a caller's enumerator that signs
        /// something itself) gets a new one instead of overwriting bytes still to be read.</summary>
        internal static Utf8Buffer Rent()
        {
            Utf8Buffer b = perThread ?? new Utf8Buffer();
            perThread = null;
            b.Length = 0;
            b.LoneSurrogate = false;
            return b;
        }

        /// <summary>Gives <paramref name="b"/> back to this thread's slot once its call is over.</summary>
        internal static void Return(Utf8Buffer b)
        {
            perThread = b;
        }

        internal void Add(byte b)
        {
            Reserve(1L);
            Bytes[Length++] = b;
        }

        /// <summary>Appends <paramref name="text"/>; false when it holds a NUL character (it is
        /// written all the same: the caller decides whether NUL is allowed).</summary>
        internal unsafe bool Add(string text)
        {
            // At most three bytes per UTF-16 unit (a surrogate pair is four bytes for two units).
            Reserve((long)text.Length * 3);
            bool nul = false;
            fixed (char* start = text)
            fixed (byte* bytes = Bytes)
            {
                byte* o = bytes + Length;
                char* c = start;
                char* end = start + text.Length;
                while (c < end)
                {
                    char ch = *c++;
                    if (ch < 0x80)
                    {
                        nul |= ch == 0;
                        *o++ = (byte)ch;
                    }
                    else if (ch < 0x800)
                    {
                        *o++ = (byte)(0xC0 | (ch >> 6));
                        *o++ = (byte)(0x80 | (ch & 0x3F));
                    }
                    else if (ch >= 0xD800 && ch <= 0xDFFF)
                    {
                        if (ch <= 0xDBFF && c < end && *c >= 0xDC00 && *c <= 0xDFFF)
                        {
                            int cp = 0x10000 + ((ch - 0xD800) << 10) + (*c++ - 0xDC00);
                            *o++ = (byte)(0xF0 | (cp >> 18));
                            *o++ = (byte)(0x80 | ((cp >> 12) & 0x3F));
                            *o++ = (byte)(0x80 | ((cp >> 6) & 0x3F));
                            *o++ = (byte)(0x80 | (cp & 0x3F));
                        }
                        else
                        {
                            LoneSurrogate = true;
                        }
                    }
                    else
                    {
                        *o++ = (byte)(0xE0 | (ch >> 12));
                        *o++ = (byte)(0x80 | ((ch >> 6) & 0x3F));
                        *o++ = (byte)(0x80 | (ch & 0x3F));
                    }
                }
                Length = (int)(o - bytes);
            }
            return !nul;
        }

        private void Reserve(long more)
        {
            if (Bytes.Length - Length >= more) return;
            long need = Length + more;
            // An array holds at most int.MaxValue bytes (what the runtime's encoder would hit too).
            if (need > int.MaxValue) throw new OutOfMemoryException("omg-payment: text too large to pass to the library");
            var grown = new byte[Math.Max(Math.Min(Bytes.Length * 2L, int.MaxValue), need)];
            Buffer.BlockCopy(Bytes, 0, grown, 0, Length);
            Bytes = grown;
        }
    }
}
