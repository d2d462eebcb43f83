using System.Diagnostics;

namespace Omg.Payment
{
    /// <summary>
    /// A secret setting (HashKey, HashIV, CreditCheckCode) as <see cref="ClientOptions"/> holds it:
    /// shown as <c>****</c> by ToString and the debugger, not serializable, its text in a field no
    /// debugger view lists. Only the client reads <see cref="Value"/>, when it is created.
    /// </summary>
    [DebuggerDisplay("****")]
    internal sealed class Secret
    {
        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        private readonly string value;

        private Secret(string value)
        {
            this.value = value;
        }

        /// <summary>The secret of <paramref name="value"/>, or null for null.</summary>
        internal static Secret Of(string value)
        {
            return value == null ? null : new Secret(value);
        }

        /// <summary>The secret itself: for the native client's settings only.</summary>
        internal string Value => value;

        /// <summary>Never the secret.</summary>
        public override string ToString()
        {
            return "****";
        }
    }
}
