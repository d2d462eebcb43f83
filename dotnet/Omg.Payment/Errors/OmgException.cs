using System;
using Omg.Payment.Json;
using Omg.Payment.Native;

namespace Omg.Payment
{
    /// <summary>
    /// The base of every error omg-payment reports about payments: catch it to handle them all.
    /// Programming mistakes are the usual .NET exceptions instead (<see cref="ArgumentNullException"/>,
    /// <see cref="ObjectDisposedException"/>).
    /// </summary>
    public class OmgException : Exception
    {
        /// <summary>The error's stable kind: validation, signature, gateway, transport, decode
        /// (the same word in every omg-payment language).</summary>
        public string Kind { get; }

        /// <summary>An error of <paramref name="kind"/> with <paramref name="message"/>.</summary>
        public OmgException(string kind, string message) : base(message)
        {
            Kind = kind;
        }

        /// <summary>The exception of a failed native call: its status and JSON error payload.</summary>
        internal static Exception FromPayload(int status, string json)
        {
            if (json == null) return new OmgException("internal", "omg-payment: the native call failed with status " + status);
            return FromPayload((JsonObject)JsonReader.Parse(json));
        }

        /// <summary>The exception of an error payload.</summary>
        internal static Exception FromPayload(JsonObject payload)
        {
            var p = new ErrorPayload(payload);
            switch (p.Kind)
            {
                case "validation": return new ValidationException(p.Message, p.FieldErrors);
                case "signature": return new SignatureException(p.Message);
                case "gateway": return new GatewayException(p.Message, p.RtnCode, p.RtnMsg).WithPredicates(p);
                case "transport": return new TransportException(p.Message, p.Timeout, p.Status, p.OutcomeUnknown, p.ReconcileWith);
                case "decode": return new DecodeException(p.Message);
                case "handle": return new ObjectDisposedException(nameof(OmgClient), p.Message);
                case "argument": return new ArgumentException(p.Message);
                default: return new OmgException(p.Kind, p.Message);
            }
        }
    }
}
