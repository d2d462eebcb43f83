namespace Omg.Payment
{
    /// <summary>
    /// No complete reply: connection refused, timeout, an HTTP error status, a reply over the
    /// size cap. When <see cref="OutcomeUnknown"/> is true a capture, refund or cancellation may
    /// have reached the gateway: ask <see cref="ReconcileWith"/> (QueryTrade/V2 or
    /// QueryCreditCardPeriodInfo) what happened before anything else; never send it again blindly.
    /// </summary>
    public sealed class TransportException : OmgException
    {
        /// <summary>The connect or read timeout expired.</summary>
        public bool Timeout { get; }

        /// <summary>The HTTP status, when the gateway answered with a non-success status.</summary>
        public long? Status { get; }

        /// <summary>A money-moving request may have reached the gateway: reconcile, never resend.</summary>
        public bool OutcomeUnknown { get; }

        /// <summary>With <see cref="OutcomeUnknown"/>: the API that tells what happened.</summary>
        public string ReconcileWith { get; }

        /// <summary>A transport error.</summary>
        public TransportException(string message, bool timeout, long? status, bool outcomeUnknown, string reconcileWith) : base("transport", message)
        {
            Timeout = timeout;
            Status = status;
            OutcomeUnknown = outcomeUnknown;
            ReconcileWith = reconcileWith;
        }
    }
}
