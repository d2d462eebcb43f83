namespace Omg.Payment
{
    /// <summary>Unreadable bytes: not UTF-8, a bad percent-escape, bad JSON, an empty or too big
    /// notification body (over <see cref="OmgPayment.MaxNotificationBytes"/>).</summary>
    public sealed class DecodeException : OmgException
    {
        /// <summary>A decode error.</summary>
        public DecodeException(string message) : base("decode", message)
        {
        }
    }
}
