namespace Omg.Payment
{
    /// <summary>The gateway understood the request and refused it. Its predicates (IsNotFound, ...)
    /// are generated from the contract (Generated/GatewayException.cs).</summary>
    public sealed partial class GatewayException : OmgException
    {
        /// <summary>The gateway's RtnCode (null when the reply carried none, as QueryTrade/V2's).</summary>
        public long? RtnCode { get; }

        /// <summary>The gateway's RtnMsg, verbatim.</summary>
        public string RtnMsg { get; }

        /// <summary>A gateway refusal.</summary>
        public GatewayException(string message, long? rtnCode, string rtnMsg) : base("gateway", message)
        {
            RtnCode = rtnCode;
            RtnMsg = rtnMsg;
        }
    }
}
