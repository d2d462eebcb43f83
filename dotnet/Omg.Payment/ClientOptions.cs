using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace Omg.Payment
{
    /// <summary>
    /// What a client is made from: the same settings, defaults and rules as every omg-payment
    /// language (omg-core checks them all at once; see docs/dotnet.md). Everything is optional:
    /// with no credentials outside production the client is the public stage merchant 1000031.
    /// <para>
    /// The secrets (<see cref="HashKey"/>, <see cref="HashIv"/>, <see cref="CreditCheckCode"/>)
    /// can be set but not read back: no serializer, reflection over readable properties, debugger
    /// view or ToString of these options shows them.
    /// </para>
    /// </summary>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed class ClientOptions
    {
        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        private Secret hashKey;

        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        private Secret hashIv;

        [DebuggerBrowsable(DebuggerBrowsableState.Never)]
        private Secret creditCheckCode;

        /// <summary>MerchantID. With <see cref="HashKey"/> and <see cref="HashIv"/>: all three or none.</summary>
        public string MerchantId { get; set; }

        /// <summary>HashKey. Secret: write-only (set it, the client reads it; nothing else can).</summary>
        public string HashKey
        {
            set { hashKey = Secret.Of(value); }
        }

        /// <summary>HashIV. Secret: write-only.</summary>
        public string HashIv
        {
            set { hashIv = Secret.Of(value); }
        }

        /// <summary>CreditCheckCode (back office, credit card settings): needed by
        /// <see cref="OmgClient.QueryCreditDetail"/> only. Secret: write-only.</summary>
        public string CreditCheckCode
        {
            set { creditCheckCode = Secret.Of(value); }
        }

        /// <summary>Whether HashKey or HashIV was set.</summary>
        internal bool HasKeys => hashKey != null || hashIv != null;

        /// <summary><c>stage</c> (default), <c>production</c>, or an http(s) base URL.</summary>
        public string Environment { get; set; }

        /// <summary>Another gateway, such as omg-sim's <c>http://127.0.0.1:8090</c>. Not with
        /// <c>Environment = "production"</c> (rule <c>conflict</c>).</summary>
        public string BaseUrl { get; set; }

        /// <summary>Time to open a connection (default 10 s).</summary>
        public TimeSpan? ConnectTimeout { get; set; }

        /// <summary>Time to send the request, and again to receive the reply (default 30 s).</summary>
        public TimeSpan? ReadTimeout { get; set; }

        /// <summary>Retries of the three queries after the first attempt, 0–10 (default 3). Captures,
        /// refunds and cancellations are never sent twice.</summary>
        public int? Retries { get; set; }

        /// <summary>Wait before the first retry, before jitter (default 0.2 s).</summary>
        public TimeSpan? InitialBackoff { get; set; }

        /// <summary>Longest wait between two attempts, before jitter (default 2 s).</summary>
        public TimeSpan? MaxBackoff { get; set; }

        /// <summary>The largest reply accepted, in bytes (default 1 MiB).</summary>
        public long? MaxReplyBytes { get; set; }

        /// <summary>A platform merchant's PlatformID: sent on QueryTrade, QueryPeriod, CancelPeriod
        /// and DoAction when this client (the sub-merchant's MerchantID, the platform's keys) acts
        /// for a sub-merchant. Null or empty sends none.</summary>
        public string PlatformId { get; set; }

        /// <summary>The settings as (snake_case name, text) pairs, the form omg-core reads.</summary>
        internal Dictionary<string, object> ToNamedValues()
        {
            var values = new Dictionary<string, object>();
            Put(values, "merchant_id", MerchantId);
            Put(values, "hash_key", hashKey?.Value);
            Put(values, "hash_iv", hashIv?.Value);
            Put(values, "credit_check_code", creditCheckCode?.Value);
            Put(values, "environment", Environment);
            Put(values, "base_url", BaseUrl);
            Put(values, "connect_timeout", Seconds(ConnectTimeout));
            Put(values, "read_timeout", Seconds(ReadTimeout));
            Put(values, "retries", Retries?.ToString(CultureInfo.InvariantCulture));
            Put(values, "initial_backoff", Seconds(InitialBackoff));
            Put(values, "max_backoff", Seconds(MaxBackoff));
            Put(values, "max_reply_bytes", MaxReplyBytes?.ToString(CultureInfo.InvariantCulture));
            Put(values, "platform_id", PlatformId);
            return values;
        }

        private static void Put(Dictionary<string, object> values, string name, string value)
        {
            if (value != null) values[name] = value;
        }

        private static string Seconds(TimeSpan? t)
        {
            return t.HasValue ? t.Value.TotalSeconds.ToString("R", CultureInfo.InvariantCulture) : null;
        }

        /// <summary>The options without their secrets (HashKey, HashIV, CreditCheckCode show as ****).</summary>
        public override string ToString()
        {
            return "ClientOptions(MerchantId=" + MerchantId + ", HashKey=" + hashKey + ", HashIv=" + hashIv +
                   ", CreditCheckCode=" + creditCheckCode + ", Environment=" + Environment + ", BaseUrl=" + BaseUrl + ")";
        }
    }
}
