namespace Omg.Payment
{
    /// <summary>A CheckMacValue is missing or does not match: a forged, altered or corrupted
    /// message, or one signed with other keys. Answer the gateway <c>0|...</c> and do nothing.</summary>
    public sealed class SignatureException : OmgException
    {
        /// <summary>A signature error.</summary>
        public SignatureException(string message) : base("signature", message)
        {
        }
    }
}
