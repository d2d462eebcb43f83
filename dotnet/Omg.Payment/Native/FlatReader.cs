using System;
using System.Collections.Generic;
using System.Text;
using Omg.Payment.Json;

namespace Omg.Payment.Native
{
    /// <summary>
    /// Reads a flat view the library wrote (omg-core's <c>boundary::flat</c>): the described fields
    /// in order, no names. Str: u32 length + UTF-8; OptStr: the same or length 0xFFFFFFFF for null;
    /// Int: i64; OptInt: byte 0, or byte 1 + i64; Float: f64; Bool: one byte; StrMap, StrList,
    /// ListOfOptStr and List: u32 count + items; OptStrList: the count 0xFFFFFFFF for null; Json:
    /// its text as a Str. Little-endian. The generated classes read a notification with it, field
    /// by field in the described order: no JSON text to parse, no dictionary of members.
    /// Reading past the end, or a value that is not of its type, is a <see cref="DecodeException"/>.
    /// </summary>
    internal sealed unsafe class FlatReader
    {
        private const uint Absent = uint.MaxValue;
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

        private byte* at;
        private readonly byte* end;

        /// <param name="start">The view; it must stay valid while this reader is used.</param>
        /// <param name="length">Its length in bytes.</param>
        internal FlatReader(byte* start, int length)
        {
            at = start;
            end = start + length;
        }

        /// <summary>Throws unless the whole view was read.</summary>
        internal void End()
        {
            if (at != end) throw Malformed();
        }

        internal string Str()
        {
            uint n = U32();
            if (n == Absent) throw Malformed();
            return Cached(n);
        }

        /// <summary>The next Str, without moving past it (the notification's kind).</summary>
        internal string PeekStr()
        {
            byte* start = at;
            string s = Str();
            at = start;
            return s;
        }

        internal string OptStr()
        {
            uint n = U32();
            return n == Absent ? null : Cached(n);
        }

        internal long Int()
        {
            Need(8);
            long v = (long)(U32() | ((ulong)U32() << 32));
            return v;
        }

        internal long? OptInt()
        {
            return Byte() == 0 ? (long?)null : Int();
        }

        internal double Float()
        {
            return BitConverter.Int64BitsToDouble(Int());
        }

        internal bool Bool()
        {
            return Byte() != 0;
        }

        internal FieldList StrMap()
        {
            int count = Count(8);
            var pairs = new List<KeyValuePair<string, string>>(count);
            for (int i = 0; i < count; i++)
            {
                string key = Str();
                pairs.Add(new KeyValuePair<string, string>(key, Str()));
            }
            return new FieldList(pairs);
        }

        internal IReadOnlyList<string> StrList()
        {
            return Strings(Count(4), false);
        }

        internal IReadOnlyList<string> OptStrList()
        {
            byte* start = at;
            if (U32() == Absent) return null;
            at = start;
            return StrList();
        }

        internal IReadOnlyList<string> ListOfOptStr()
        {
            return Strings(Count(4), true);
        }

        internal object Json()
        {
            return JsonReader.Parse(Str());
        }

        internal IReadOnlyList<T> List<T>(Func<FlatReader, T> make)
        {
            int count = Count(1);
            var list = new List<T>(count);
            for (int i = 0; i < count; i++) list.Add(make(this));
            return list.AsReadOnly();
        }

        private IReadOnlyList<string> Strings(int count, bool optional)
        {
            var list = new List<string>(count);
            for (int i = 0; i < count; i++) list.Add(optional ? OptStr() : Str());
            return list.AsReadOnly();
        }

        // Short texts seen before, by a hash of their bytes: the same few dozen names (MerchantID,
        // RtnCode, TradeAmt, ...) arrive in every notification, typed fields repeat raw values, and
        // allocating a string costs more under Mono than comparing one. A slot may be overwritten by another thread at any time;
        // a reference is read and written whole, and a hit is confirmed byte by byte.
        private const int Slots = 512;
        private const int LongestCached = 32;
        private static readonly string[] Texts = new string[Slots];

        /// <summary>The next <paramref name="n"/> bytes as a string: the cached instance when the same
        /// short ASCII text was read before. Names, and values too: a typed field repeats its raw
        /// value (TradeNo, PaymentDate, ...: read twice per notification), and codes, flags, dates
        /// and amounts repeat between notifications.</summary>
        private string Cached(uint n)
        {
            Need(n);
            if (n == 0 || n > LongestCached) return Text(n);
            uint hash = 2166136261;
            int high = 0;
            for (int i = 0; i < n; i++)
            {
                high |= at[i];
                hash = (hash ^ at[i]) * 16777619;
            }
            // Only ASCII texts are cached: a char then equals its byte, so the comparison below is exact.
            if (high >= 0x80) return Text(n);
            int slot = (int)(hash % Slots);
            string cached = Texts[slot];
            if (cached != null && cached.Length == n)
            {
                int i = 0;
                while (i < n && cached[i] == at[i]) i++;
                if (i == n)
                {
                    at += n;
                    return cached;
                }
            }
            string text = Text(n);
            Texts[slot] = text;
            return text;
        }

        /// <summary>A count of items each at least <paramref name="itemBytes"/> long: one larger than
        /// what is left cannot be right (and would allocate a huge list).</summary>
        private int Count(int itemBytes)
        {
            uint n = U32();
            if (n == Absent || (ulong)n * (ulong)itemBytes > (ulong)(end - at)) throw Malformed();
            return (int)n;
        }

        private byte Byte()
        {
            Need(1);
            return *at++;
        }

        private uint U32()
        {
            Need(4);
            uint v = at[0] | ((uint)at[1] << 8) | ((uint)at[2] << 16) | ((uint)at[3] << 24);
            at += 4;
            return v;
        }

        private string Text(uint n)
        {
            Need(n);
            string s = Decode(at, (int)n);
            at += n;
            return s;
        }

        /// <summary>UTF-8 to a string. ASCII (most values: codes, dates, numbers, names) is widened
        /// into a new string in one pass that also notes whether any byte was not ASCII; only then
        /// does the UTF-8 decoder run (the runtime's byte constructors go through the managed
        /// decoder, which cost more than the rest of the reading).</summary>
        private static string Decode(byte* p, int n)
        {
            if (n == 0) return "";
            string s = new string('\0', n);
            int high = 0;
            fixed (char* c = s)
            {
                for (int i = 0; i < n; i++)
                {
                    int b = p[i];
                    high |= b;
                    c[i] = (char)b;
                }
            }
            if (high < 0x80) return s;
            try
            {
                return Utf8.GetString(p, n);
            }
            catch (DecoderFallbackException)
            {
                throw Malformed();
            }
        }

        private void Need(ulong n)
        {
            if ((ulong)(end - at) < n) throw Malformed();
        }

        private static DecodeException Malformed()
        {
            return new DecodeException("omg-payment: the library's flat view of a result is malformed");
        }
    }
}
