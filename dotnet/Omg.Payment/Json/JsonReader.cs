using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Omg.Payment.Json
{
    /// <summary>
    /// Reads the JSON the native library writes (results and error payloads) into plain values:
    /// <see cref="Dictionary{TKey,TValue}"/> for objects (key order kept in <see cref="JsonObject"/>),
    /// <see cref="List{T}"/> for arrays, <see cref="string"/>, <see cref="long"/> or
    /// <see cref="double"/> for numbers, <see cref="bool"/> and null. netstandard2.0 has no JSON
    /// reader of its own, and the package takes no dependency for one.
    /// </summary>
    internal sealed unsafe class JsonReader
    {
        // The text being read, pinned for the duration of Parse: reading through a pointer skips
        // a bounds check per character (a notification's view is ~1.7 KB; this reader is most of
        // what VerifyNotification costs on the managed side).
        private readonly char* text;
        private readonly int length;
        private int pos;

        private JsonReader(char* text, int length)
        {
            this.text = text;
            this.length = length;
        }

        /// <summary>Parses one JSON document.</summary>
        public static object Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            fixed (char* p = text)
            {
                var reader = new JsonReader(p, text.Length);
                object value = reader.Value();
                reader.SkipSpace();
                if (reader.pos != text.Length) throw reader.Error("text after the JSON value");
                return value;
            }
        }

        private FormatException Error(string what)
        {
            return new FormatException("omg-payment: unreadable JSON from the native library (" + what + " at " + pos + ")");
        }

        private void SkipSpace()
        {
            Peek();
        }

        /// <summary>The next character after white space, or NUL at the end.</summary>
        private char Peek()
        {
            // Locals: Mono's JIT keeps them in registers, fields it reloads on every access.
            char* t = text;
            int p = pos, n = length;
            while (p < n)
            {
                char c = t[p];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                {
                    pos = p;
                    return c;
                }
                p++;
            }
            pos = p;
            return '\0';
        }

        private object Value()
        {
            switch (Peek())
            {
                case '\0': throw Error("end of input");
                case '{': return Object();
                case '[': return Array();
                case '"': return String();
                case 't': return Literal("true", True);
                case 'f': return Literal("false", False);
                case 'n': return Literal("null", null);
                default: return Number();
            }
        }

        // Booleans boxed once.
        private static readonly object True = true;
        private static readonly object False = false;

        private object Literal(string word, object value)
        {
            if (length - pos < word.Length) throw Error("unknown literal");
            for (int i = 0; i < word.Length; i++)
                if (text[pos + i] != word[i]) throw Error("unknown literal");
            pos += word.Length;
            return value;
        }

        private JsonObject Object()
        {
            // Sized for a notification's view (~47 members) so that it is not rehashed as it grows.
            var result = new JsonObject(16);
            pos++;
            if (Peek() == '}') { pos++; return result; }
            while (true)
            {
                if (Peek() != '"') throw Error("expected a key");
                string key = String();
                if (Peek() != ':') throw Error("expected ':'");
                pos++;
                result.Add(key, Value());
                char c = Peek();
                pos++;
                if (c == ',') continue;
                if (c == '}') return result;
                pos--;
                throw Error(c == '\0' ? "end of input in an object" : "expected ',' or '}'");
            }
        }

        private List<object> Array()
        {
            var result = new List<object>(2);
            pos++;
            if (Peek() == ']') { pos++; return result; }
            while (true)
            {
                result.Add(Value());
                char c = Peek();
                pos++;
                if (c == ',') continue;
                if (c == ']') return result;
                pos--;
                throw Error(c == '\0' ? "end of input in an array" : "expected ',' or ']'");
            }
        }

        private string String()
        {
            pos++;
            // Most strings hold no escape: one scan and one copy.
            char* t = text;
            int end = pos, n = length;
            uint hash = 2166136261;
            while (true)
            {
                // Four characters at a time while none is '"' or '\\' (the classic "has a zero
                // lane" test on 16-bit lanes); the hash only needs every fourth character.
                while (end + 4 <= n)
                {
                    ulong w = *(ulong*)(t + end);
                    ulong quote = w ^ 0x0022002200220022UL, slash = w ^ 0x005C005C005C005CUL;
                    if (((((quote - 0x0001000100010001UL) & ~quote) | ((slash - 0x0001000100010001UL) & ~slash)) & 0x8000800080008000UL) != 0) break;
                    hash = (hash ^ (uint)w ^ (uint)(w >> 32)) * 16777619;
                    end += 4;
                }
                if (end >= n) break;
                char c = t[end];
                if (c == '"' || c == '\\') break;
                hash = (hash ^ c) * 16777619;
                end++;
            }
            if (end < n && t[end] == '"')
            {
                string plain = Shared(t + pos, end - pos, hash);
                pos = end + 1;
                return plain;
            }
            var sb = new StringBuilder();
            sb.Append(text + pos, end - pos);
            pos = end;
            while (true)
            {
                if (pos >= length) throw Error("end of input in a string");
                char c = text[pos++];
                if (c == '"') return sb.ToString();
                if (c != '\\') { sb.Append(c); continue; }
                if (pos >= length) throw Error("end of input in an escape");
                char e = text[pos++];
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (pos + 4 > length) throw Error("short \\u escape");
                        sb.Append((char)int.Parse(new string(text, pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        pos += 4;
                        break;
                    default: throw Error("unknown escape");
                }
            }
        }

        // Strings seen before, by hash: the member names of a view and most short values
        // (wire names, codes, "") are the same from call to call, and allocating a string costs
        // more under Mono than reading it. One slot per hash, overwritten on a collision; a slot
        // is only reused after comparing every character, so a stale or racing slot is harmless.
        private const int MaxShared = 32;
        private static readonly string[] SharedSlots = new string[512];

        private static string Shared(char* start, int count, uint hash)
        {
            if (count == 0) return "";
            if (count > MaxShared) return new string(start, 0, count);
            int slot = (int)(hash & (uint)(SharedSlots.Length - 1));
            string seen = SharedSlots[slot];
            if (seen != null && seen.Length == count && SameChars(seen, start, count)) return seen;
            string made = new string(start, 0, count);
            SharedSlots[slot] = made;
            return made;
        }

        /// <summary>Whether <paramref name="s"/> holds the <paramref name="count"/> characters at
        /// <paramref name="p"/>, compared four at a time.</summary>
        private static bool SameChars(string s, char* p, int count)
        {
            fixed (char* q = s)
            {
                int i = 0;
                for (; i + 4 <= count; i += 4)
                    if (*(ulong*)(q + i) != *(ulong*)(p + i)) return false;
                for (; i < count; i++)
                    if (q[i] != p[i]) return false;
                return true;
            }
        }

        private object Number()
        {
            int start = pos;
            // Whole numbers (every number omg-core writes but seconds) without a Substring.
            bool negative = pos < length && text[pos] == '-';
            if (negative) pos++;
            long whole = 0;
            int digits = 0;
            while (pos < length && text[pos] >= '0' && text[pos] <= '9' && digits < 18)
            {
                whole = whole * 10 + (text[pos] - '0');
                pos++;
                digits++;
            }
            bool ends = pos >= length || text[pos] == ',' || text[pos] == '}' || text[pos] == ']' || text[pos] == ' ';
            if (digits > 0 && ends) return negative ? -whole : whole;
            pos = start;
            bool fraction = false;
            while (pos < length)
            {
                char c = text[pos];
                if (c >= '0' && c <= '9' || c == '-' || c == '+') { pos++; continue; }
                if (c == '.' || c == 'e' || c == 'E') { fraction = true; pos++; continue; }
                break;
            }
            if (start == pos) throw Error("unexpected character");
            string s = new string(text, start, pos - start);
            long big;
            if (!fraction && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out big)) return big;
            return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A JSON object with its keys in document order.</summary>
    internal sealed class JsonObject : Dictionary<string, object>
    {
        /// <summary>An empty object.</summary>
        public JsonObject() : base(NameComparer.Instance)
        {
        }

        /// <summary>An empty object with room for <paramref name="capacity"/> members.</summary>
        public JsonObject(int capacity) : base(capacity, NameComparer.Instance)
        {
        }

        /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
        public object Get(string key)
        {
            object value;
            return TryGetValue(key, out value) ? value : null;
        }
    }

    /// <summary>
    /// Ordinal equality with a cheap hash (the length and a few characters). Member names come
    /// from omg-core's description, not from an attacker, so the hash needs no randomisation; the
    /// default string hash (Marvin) was a sixth of reading a notification's view under Mono.
    /// </summary>
    internal sealed class NameComparer : IEqualityComparer<string>
    {
        internal static readonly NameComparer Instance = new NameComparer();

        public bool Equals(string a, string b) => string.Equals(a, b);

        public int GetHashCode(string s)
        {
            int n = s.Length;
            if (n == 0) return 0;
            return n * 31 ^ s[0] << 4 ^ s[n - 1] << 9 ^ s[n >> 1] << 14 ^ s[(n - 1) >> 2] << 19 ^ s[n - 1 - ((n - 1) >> 2)] << 24;
        }
    }
}
