using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Omg.Payment.Json
{
    /// <summary>Writes the JSON the native library reads (settings, orders): objects, arrays,
    /// strings, whole numbers, booleans, null.</summary>
    internal static class JsonWriter
    {
        /// <summary>JSON text of <paramref name="value"/>: a dictionary, a list of values, a
        /// string, an integer, a bool or null.</summary>
        public static string Write(object value)
        {
            var sb = new StringBuilder();
            Append(sb, value);
            return sb.ToString();
        }

        private static void Append(StringBuilder sb, object value)
        {
            if (value == null) { sb.Append("null"); return; }
            if (value is string s) { AppendString(sb, s); return; }
            if (value is bool b) { sb.Append(b ? "true" : "false"); return; }
            if (value is long l) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
            if (value is IEnumerable<KeyValuePair<string, object>> members)
            {
                sb.Append('{');
                bool first = true;
                foreach (var m in members)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    AppendString(sb, m.Key);
                    sb.Append(':');
                    Append(sb, m.Value);
                }
                sb.Append('}');
                return;
            }
            if (value is IEnumerable<object> items)
            {
                sb.Append('[');
                bool first = true;
                foreach (var item in items)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Append(sb, item);
                }
                sb.Append(']');
                return;
            }
            throw new System.ArgumentException("omg-payment cannot write a " + value.GetType().Name + " as JSON");
        }

        private static void AppendString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }
    }
}
