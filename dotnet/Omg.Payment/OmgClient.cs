using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Omg.Payment.Json;
using Omg.Payment.Native;

namespace Omg.Payment
{
    /// <summary>
    /// A merchant's connection to the OMG (funpoint) gateway, over the Rust core (libomg_payment_ffi).
    /// Safe to share between threads (one keep-alive connection pool); dispose it when done.
    /// <para>
    /// Server APIs come in pairs: <c>QueryTrade</c> blocks the calling thread on the network;
    /// <c>QueryTradeAsync</c> runs the same native call on a thread-pool thread (Task.Run) and
    /// returns at once, so an ASP.NET request thread or a UI thread is not held. The native call
    /// itself is blocking I/O: cancelling the token stops waiting for the Task only before the call
    /// starts; a request already sent is not recalled. The server APIs are generated from the
    /// contract (Generated/OmgClient.cs).
    /// </para>
    /// </summary>
    public sealed partial class OmgClient : IDisposable
    {
        private readonly ClientHandle handle;

        static OmgClient()
        {
            // A client's events (retries, unknown outcomes) reach OmgLog from its first call.
            NativeLog.Install();
        }

        private OmgClient(ClientHandle handle)
        {
            this.handle = handle;
            Settings = new ClientSettings(Call((out IntPtr r, out IntPtr e) => NativeMethods.omg_client_describe(handle, out r, out e)));
        }

        /// <summary>A client from <paramref name="options"/> (every setting checked at once:
        /// <see cref="ValidationException"/> naming each broken one).</summary>
        public OmgClient(ClientOptions options) : this(Create(options ?? throw new ArgumentNullException(nameof(options))))
        {
        }

        /// <summary>The public stage merchant 1000031 on the stage gateway, or on
        /// <paramref name="options"/>' BaseUrl (e.g. omg-sim) when given; credentials in
        /// <paramref name="options"/> are refused.</summary>
        public static OmgClient Stage(ClientOptions options = null)
        {
            options = options ?? new ClientOptions();
            if (options.MerchantId != null || options.HasKeys)
                throw new ArgumentException("OmgClient.Stage uses the public stage merchant: give no credentials", nameof(options));
            return new OmgClient(options);
        }

        /// <summary>A client from the OMG_* environment variables (OMG_MERCHANT_ID, OMG_HASH_KEY,
        /// OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV, OMG_BASE_URL, OMG_CONNECT_TIMEOUT_MS,
        /// OMG_READ_TIMEOUT_MS, OMG_MAX_RETRIES); the stage merchant when none is set.</summary>
        public static OmgClient FromEnvironment()
        {
            int status = NativeMethods.omg_client_from_env(out IntPtr h, out IntPtr error);
            string payload = Interop.TakeString(error);
            if (status != NativeMethods.OmgOk) throw OmgException.FromPayload(status, payload);
            return new OmgClient(new ClientHandle(h));
        }

        private static ClientHandle Create(ClientOptions options)
        {
            byte[] settings = Interop.Bytes(JsonWriter.Write(options.ToNamedValues()), nameof(options));
            int status = NativeMethods.omg_client_new(settings, Interop.Len(settings), out IntPtr h, out IntPtr error);
            string payload = Interop.TakeString(error);
            if (status != NativeMethods.OmgOk) throw OmgException.FromPayload(status, payload);
            return new ClientHandle(h);
        }

        /// <summary>The client's effective settings (defaults filled in; never its secrets).</summary>
        public ClientSettings Settings { get; }

        /// <summary>MerchantID.</summary>
        public string MerchantId => Settings.MerchantId;

        /// <summary>The gateway's base URL.</summary>
        public string BaseUrl => Settings.BaseUrl;

        /// <summary>True when talking to the production gateway.</summary>
        public bool IsProduction => Settings.IsProduction;

        private delegate int NativeCall(out IntPtr result, out IntPtr error);

        private JsonObject Call(NativeCall call)
        {
            if (handle.IsClosed) throw new ObjectDisposedException(nameof(OmgClient));
            int status = call(out IntPtr result, out IntPtr error);
            return Interop.CheckJson(status, result, error);
        }

        private delegate int NativeFlatCall(out IntPtr result, out UIntPtr length, out IntPtr error);

        /// <summary>A call that writes a verified notification's flat view (no JSON: see
        /// <see cref="FlatReader"/>), read into its class and freed.</summary>
        private unsafe Notification CallFlat(NativeFlatCall call)
        {
            if (handle.IsClosed) throw new ObjectDisposedException(nameof(OmgClient));
            int status = call(out IntPtr result, out UIntPtr length, out IntPtr error);
            try
            {
                string payload = Interop.TakeString(error);
                if (status != NativeMethods.OmgOk) throw OmgException.FromPayload(status, payload);
                return Notification.FromFlat(new FlatReader((byte*)result, checked((int)length.ToUInt64())));
            }
            finally
            {
                NativeMethods.omg_bytes_free(result, length);
            }
        }

        /// <summary>Validates and signs <paramref name="order"/> (no network): the form the payer's
        /// browser posts to the gateway. Every broken rule at once: <see cref="ValidationException"/>.
        /// What the gateway accepts but deserves a look (PeriodReturnURL on the ReturnURL route, rule
        /// <c>shared_route</c>) is in <see cref="CheckoutForm.Warnings"/> and logged as a Warning.</summary>
        public CheckoutForm Checkout(Order order)
        {
            if (order == null) throw new ArgumentNullException(nameof(order));
            byte[] json = Interop.Bytes(order.ToJson(), nameof(order));
            var form = new CheckoutForm(Call((out IntPtr r, out IntPtr e) => NativeMethods.omg_client_checkout(handle, json, Interop.Len(json), out r, out e)));
            foreach (var warning in form.Warnings)
                OmgLog.Write(OmgLogLevel.Warning, "checkout of MerchantTradeNo " + order.MerchantTradeNo + ": " + warning.Message +
                                                  " (" + warning.Field + ", rule " + warning.Rule + ")");
            return form;
        }

        /// <summary>Verifies a notification's raw request body, exactly the bytes received: one of
        /// <see cref="PaymentResult"/>, <see cref="PaymentCodeIssued"/>, <see cref="PeriodCharge"/>.
        /// Forged or altered: <see cref="SignatureException"/>; empty, over 64 KiB or not UTF-8:
        /// <see cref="DecodeException"/>; another merchant's: <see cref="ValidationException"/>.</summary>
        /// <param name="body">The request body as received.</param>
        /// <param name="endpoint">Which of your URLs received it (<c>return_url</c>,
        /// <c>payment_info_url</c>, <c>period_return_url</c>, or the gateway's names such as
        /// <c>ReturnURL</c>), so the kind is certain instead of inferred from RtnCode and the
        /// fields; null when unknown. Another name: <see cref="ValidationException"/> (field <c>endpoint</c>).</param>
        public unsafe Notification VerifyNotification(byte[] body, string endpoint = null)
        {
            if (body == null) throw new ArgumentNullException(nameof(body));
            Utf8Buffer at = Utf8Buffer.Rent();
            try
            {
                Interop.Add(at, endpoint ?? "", nameof(endpoint));
                // An empty array has no address to pin; the library wants one even for no bytes.
                fixed (byte* b = body.Length > 0 ? body : NoBytes)
                fixed (byte* a = at.Bytes)
                {
                    return VerifyFlat(b, body.Length, a, at.Length);
                }
            }
            finally
            {
                Utf8Buffer.Return(at);
            }
        }

        private static readonly byte[] NoBytes = new byte[1];

        /// <summary>Verifies a notification body given as text (its UTF-8 bytes). Prefer the raw bytes.</summary>
        /// <param name="body">The request body.</param>
        /// <param name="endpoint">As for <see cref="VerifyNotification(byte[], string)"/>.</param>
        public unsafe Notification VerifyNotification(string body, string endpoint = null)
        {
            // The body and the endpoint side by side in this thread's buffer, as UTF-8: no array
            // per call (the library only reads them during the call).
            Utf8Buffer args = Utf8Buffer.Rent();
            try
            {
                Interop.Add(args, body, nameof(body));
                int bodyEnd = args.Length;
                Interop.Add(args, endpoint ?? "", nameof(endpoint));
                fixed (byte* a = args.Bytes)
                {
                    return VerifyFlat(a, bodyEnd, a + bodyEnd, args.Length - bodyEnd);
                }
            }
            finally
            {
                Utf8Buffer.Return(args);
            }
        }

        private unsafe Notification VerifyFlat(byte* body, int bodyLength, byte* endpoint, int endpointLength)
        {
            return CallFlat((out IntPtr r, out UIntPtr n, out IntPtr e) => NativeMethods.omg_client_verify_notification_flat(
                handle, body, (UIntPtr)bodyLength, endpoint, (UIntPtr)endpointLength, out r, out n, out e));
        }

        /// <summary>Verifies form fields a framework already parsed (every field received,
        /// CheckMacValue included). Prefer the raw body.</summary>
        /// <param name="fields">Every field received.</param>
        /// <param name="endpoint">As for <see cref="VerifyNotification(byte[], string)"/>.</param>
        public Notification VerifyNotification(IDictionary<string, string> fields, string endpoint = null)
        {
            byte[] packed = Interop.Packed(fields, nameof(fields));
            byte[] at = Interop.Bytes(endpoint ?? "", nameof(endpoint));
            return CallFlat((out IntPtr r, out UIntPtr n, out IntPtr e) => NativeMethods.omg_client_verify_notification_fields_flat(handle, packed, Interop.Len(packed), at, Interop.Len(at), out r, out n, out e));
        }

        /// <summary>omg-core's decision on one HTTP request carrying a notification (method,
        /// Content-Type, size, signature): the status and reply, and the verified notification
        /// when there is one. Used by <see cref="Hosting.NotificationHandler"/>.</summary>
        internal Hosting.Receipt Receive(string method, string contentType, byte[] body)
        {
            byte[] m = Interop.Bytes(method ?? "", nameof(method));
            byte[] ct = Interop.Bytes(contentType ?? "", nameof(contentType));
            if (body == null) throw new ArgumentNullException(nameof(body));
            var json = Call((out IntPtr r, out IntPtr e) => NativeMethods.omg_client_receive_notification(
                handle, m, Interop.Len(m), ct, Interop.Len(ct), body, Interop.Len(body), new UIntPtr((uint)OmgPayment.MaxNotificationBytes), out r, out e));
            var notification = json.Get("notification") as JsonObject;
            var error = json.Get("error") as JsonObject;
            var failed = (JsonObject)json["handler_failed"];
            var unexpected = json.Get("unexpected") as JsonObject;
            return new Hosting.Receipt((int)(long)json["status"], (string)json["reply"],
                notification == null ? null : Notification.FromJson(notification),
                error == null ? null : OmgException.FromPayload(error),
                new Hosting.NotificationHandler.Reply((int)(long)failed["status"], (string)failed["reply"]),
                unexpected == null ? (Hosting.NotificationHandler.Reply?)null
                    : new Hosting.NotificationHandler.Reply((int)(long)unexpected["status"], (string)unexpected["reply"]),
                unexpected == null ? null : (string)unexpected["message"]);
        }

        /// <summary>A realistic, correctly signed notification body of <paramref name="kind"/>
        /// (payment_result, atm_code_issued, cvs_code_issued, barcode_code_issued, period_charge)
        /// with <paramref name="fields"/> (wire names) set on top: for your handler's tests.</summary>
        public string SignTestNotification(string kind, IDictionary<string, string> fields = null)
        {
            byte[] k = Interop.Bytes(kind, nameof(kind));
            byte[] packed = Interop.Packed(fields ?? new Dictionary<string, string>(), nameof(fields));
            if (handle.IsClosed) throw new ObjectDisposedException(nameof(OmgClient));
            int status = NativeMethods.omg_client_sign_test_notification(handle, k, Interop.Len(k), packed, Interop.Len(packed), out IntPtr r, out IntPtr e);
            return Interop.Check(status, r, e);
        }

        /// <summary>Frees the native client. Calls in progress on other threads finish first;
        /// later calls throw <see cref="ObjectDisposedException"/>.</summary>
        public void Dispose()
        {
            handle.Dispose();
        }

        /// <summary>The merchant and gateway, never the keys.</summary>
        public override string ToString()
        {
            return "OmgClient(MerchantId=" + MerchantId + ", BaseUrl=" + BaseUrl + ")";
        }
    }
}
