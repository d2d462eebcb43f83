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
    internal sealed class JsonReader
    {
        private readonly string text;
        private int pos;

        private JsonReader(string text)
        {
            this.text = text;
        }

        /// <summary>Parses one JSON document.</summary>
        public static object Parse(string text)
        {
            var reader = new JsonReader(text);
            object value = reader.Value();
            reader.SkipSpace();
            if (reader.pos != text.Length) throw reader.Error("text after the JSON value");
            return value;
        }

        private FormatException Error(string what)
        {
            return new FormatException("omg-payment: unreadable JSON from the native library (" + what + " at " + pos + ")");
        }

        private void SkipSpace()
        {
            while (pos < text.Length && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) pos++;
        }

        private object Value()
        {
            SkipSpace();
            if (pos >= text.Length) throw Error("end of input");
            char c = text[pos];
            switch (c)
            {
                case '{': return Object();
                case '[': return Array();
                case '"': return String();
                case 't': return Literal("true", true);
                case 'f': return Literal("false", false);
                case 'n': return Literal("null", null);
                default: return Number();
            }
        }

        private object Literal(string word, object value)
        {
            if (string.CompareOrdinal(text, pos, word, 0, word.Length) != 0) throw Error("unknown literal");
            pos += word.Length;
            return value;
        }

        private JsonObject Object()
        {
            var result = new JsonObject();
            pos++;
            SkipSpace();
            if (pos < text.Length && text[pos] == '}') { pos++; return result; }
            while (true)
            {
                SkipSpace();
                if (pos >= text.Length || text[pos] != '"') throw Error("expected a key");
                string key = String();
                SkipSpace();
                if (pos >= text.Length || text[pos] != ':') throw Error("expected ':'");
                pos++;
                result.Add(key, Value());
                SkipSpace();
                if (pos >= text.Length) throw Error("end of input in an object");
                if (text[pos] == ',') { pos++; continue; }
                if (text[pos] == '}') { pos++; return result; }
                throw Error("expected ',' or '}'");
            }
        }

        private List<object> Array()
        {
            var result = new List<object>();
            pos++;
            SkipSpace();
            if (pos < text.Length && text[pos] == ']') { pos++; return result; }
            while (true)
            {
                result.Add(Value());
                SkipSpace();
                if (pos >= text.Length) throw Error("end of input in an array");
                if (text[pos] == ',') { pos++; continue; }
                if (text[pos] == ']') { pos++; return result; }
                throw Error("expected ',' or ']'");
            }
        }

        private string String()
        {
            pos++;
            // Most strings hold no escape: one scan and one Substring.
            int end = pos;
            while (end < text.Length && text[end] != '"' && text[end] != '\\') end++;
            if (end < text.Length && text[end] == '"')
            {
                string plain = text.Substring(pos, end - pos);
                pos = end + 1;
                return plain;
            }
            var sb = new StringBuilder();
            while (true)
            {
                if (pos >= text.Length) throw Error("end of input in a string");
                char c = text[pos++];
                if (c == '"') return sb.ToString();
                if (c != '\\') { sb.Append(c); continue; }
                if (pos >= text.Length) throw Error("end of input in an escape");
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
                        if (pos + 4 > text.Length) throw Error("short \\u escape");
                        sb.Append((char)int.Parse(text.Substring(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        pos += 4;
                        break;
                    default: throw Error("unknown escape");
                }
            }
        }

        private object Number()
        {
            int start = pos;
            // Whole numbers (every number omg-core writes but seconds) without a Substring.
            bool negative = pos < text.Length && text[pos] == '-';
            if (negative) pos++;
            long whole = 0;
            int digits = 0;
            while (pos < text.Length && text[pos] >= '0' && text[pos] <= '9' && digits < 18)
            {
                whole = whole * 10 + (text[pos] - '0');
                pos++;
                digits++;
            }
            bool ends = pos >= text.Length || text[pos] == ',' || text[pos] == '}' || text[pos] == ']' || text[pos] == ' ';
            if (digits > 0 && ends) return negative ? -whole : whole;
            pos = start;
            bool fraction = false;
            while (pos < text.Length)
            {
                char c = text[pos];
                if (c >= '0' && c <= '9' || c == '-' || c == '+') { pos++; continue; }
                if (c == '.' || c == 'e' || c == 'E') { fraction = true; pos++; continue; }
                break;
            }
            if (start == pos) throw Error("unexpected character");
            string s = text.Substring(start, pos - start);
            long big;
            if (!fraction && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out big)) return big;
            return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A JSON object with its keys in document order.</summary>
    internal sealed class JsonObject : Dictionary<string, object>
    {
        /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
        public object Get(string key)
        {
            object value;
            return TryGetValue(key, out value) ? value : null;
        }
    }
}
