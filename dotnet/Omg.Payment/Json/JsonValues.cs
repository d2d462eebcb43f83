using System.Collections.Generic;
using Omg.Payment.Json;

namespace Omg.Payment.Json
{
    /// <summary>Reads one field of a JSON view by its value type (see omg_core::boundary::ValueType);
    /// the generated classes call these.</summary>
    internal static class JsonValues
    {
        internal static string Str(JsonObject o, string key) => (string)o.Get(key) ?? "";
        internal static string OptStr(JsonObject o, string key) => (string)o.Get(key);
        internal static long Int(JsonObject o, string key) => o.Get(key) is long n ? n : 0;
        internal static long? OptInt(JsonObject o, string key) => o.Get(key) is long n ? n : (long?)null;
        internal static double Float(JsonObject o, string key) => o.Get(key) is long n ? n : o.Get(key) is double d ? d : 0;
        internal static bool Bool(JsonObject o, string key) => o.Get(key) is bool b && b;
        internal static object Json(JsonObject o, string key) => o.Get(key);

        internal static FieldList StrMap(JsonObject o, string key)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            if (o.Get(key) is List<object> items)
                foreach (var item in items)
                    if (item is List<object> kv && kv.Count == 2)
                        pairs.Add(new KeyValuePair<string, string>((string)kv[0], (string)kv[1]));
            return new FieldList(pairs);
        }

        internal static IReadOnlyList<string> StrList(JsonObject o, string key)
        {
            var list = new List<string>();
            if (o.Get(key) is List<object> items)
                foreach (var item in items) list.Add((string)item);
            return list.AsReadOnly();
        }

        internal static IReadOnlyList<string> OptStrList(JsonObject o, string key)
        {
            return o.Get(key) == null ? null : StrList(o, key);
        }

        internal static IReadOnlyList<string> ListOfOptStr(JsonObject o, string key) => StrList(o, key);

        internal static IReadOnlyList<T> List<T>(JsonObject o, string key, System.Func<JsonObject, T> make)
        {
            var list = new List<T>();
            if (o.Get(key) is List<object> items)
                foreach (var item in items) list.Add(make((JsonObject)item));
            return list.AsReadOnly();
        }
    }
}
