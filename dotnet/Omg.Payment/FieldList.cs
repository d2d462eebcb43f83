using System;
using System.Collections;
using System.Collections.Generic;

namespace Omg.Payment
{
    /// <summary>
    /// Form fields in the order they were sent or received (a checkout's fields, a notification's
    /// raw fields): a read-only list of name/value pairs with lookup by exact name.
    /// </summary>
    public sealed class FieldList : IReadOnlyList<KeyValuePair<string, string>>
    {
        private readonly List<KeyValuePair<string, string>> pairs;

        internal FieldList(List<KeyValuePair<string, string>> pairs)
        {
            this.pairs = pairs;
        }

        /// <summary>The number of fields.</summary>
        public int Count => pairs.Count;

        /// <summary>The field at <paramref name="index"/>, in order.</summary>
        public KeyValuePair<string, string> this[int index] => pairs[index];

        /// <summary>The value of the field named exactly <paramref name="name"/>, or null when absent.</summary>
        public string this[string name] => Get(name);

        /// <summary>The value of the field named exactly <paramref name="name"/>, or null when absent.</summary>
        public string Get(string name)
        {
            foreach (var kv in pairs)
                if (string.Equals(kv.Key, name, StringComparison.Ordinal)) return kv.Value;
            return null;
        }

        /// <summary>Whether a field named exactly <paramref name="name"/> is present.</summary>
        public bool Contains(string name)
        {
            return Get(name) != null;
        }

        /// <summary>The fields as a new dictionary (order is not kept by a dictionary).</summary>
        public Dictionary<string, string> ToDictionary()
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kv in pairs) d[kv.Key] = kv.Value;
            return d;
        }

        /// <summary>Enumerates the fields in order.</summary>
        public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
        {
            return pairs.GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator()
        {
            return GetEnumerator();
        }
    }
}
