using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace Omg.Payment.Hosting
{
    /// <summary>
    /// Receives the gateway's notifications (ReturnURL, PaymentInfoURL, PeriodReturnURL) in an
    /// <see cref="HttpListener"/> host: reads the raw body, verifies it, runs your handler, and
    /// answers exactly <c>1|OK</c> once the handler has returned — or <c>0|reason</c> when the
    /// notification is refused (forged, unreadable, a kind this route does not expect: status 400)
    /// or the handler throws (status 500), so the gateway sends it again later. Which requests are
    /// refused, and with which status, is decided by omg-core (the same in every omg-payment
    /// language). The helper owns the reply: your handler returns nothing (or
    /// <see cref="OmgPayment.Ack"/>) and never writes to the response. Refusals and failures are
    /// logged through <see cref="OmgLog"/>. Your handler must be idempotent per
    /// <see cref="Notification.DedupeKey"/>: the gateway re-sends until it reads <c>1|OK</c>.
    /// </summary>
    public sealed class NotificationHandler
    {
        // The reply's bytes: UTF-8 without a byte order mark (GetBytes never writes one; a
        // StreamWriter would), so "1|OK" is exactly the four bytes the gateway looks for.
        private static readonly Encoding ReplyEncoding = new UTF8Encoding(false);

        private static readonly Type[] Kinds = { typeof(PaymentResult), typeof(PaymentCodeIssued), typeof(PeriodCharge) };

        private readonly OmgClient client;
        private readonly Func<Notification, Task<string>> handler;
        private IReadOnlyList<Type> expect = new Type[0];

        /// <summary>Called with every refusal and handler failure (for your log); optional. They
        /// are logged through <see cref="OmgLog"/> as well.</summary>
        public Action<Exception> OnError { get; set; }

        /// <summary>
        /// The notification classes this route accepts (<see cref="PaymentResult"/>,
        /// <see cref="PaymentCodeIssued"/>, <see cref="PeriodCharge"/>); empty (the default)
        /// accepts any. Another kind is answered <c>0|unexpected notification: &lt;kind&gt;</c>
        /// (400) without reaching the handler, and logged at Error with its MerchantTradeNo,
        /// amount and how to recover it: give each kind its own URL.
        /// </summary>
        public IReadOnlyList<Type> Expect
        {
            get { return expect; }
            set
            {
                if (value == null) throw new ArgumentNullException(nameof(value));
                foreach (var kind in value)
                    if (!Kinds.Contains(kind))
                        throw new ArgumentException("Expect takes typeof(PaymentResult), typeof(PaymentCodeIssued) or typeof(PeriodCharge), not " +
                                                    (kind == null ? "null" : kind.Name), nameof(value));
                expect = value.ToArray();
            }
        }

        /// <summary>A handler running <paramref name="handler"/> for each verified notification.</summary>
        public NotificationHandler(OmgClient client, Action<Notification> handler)
            : this(client, Given(handler, h => n => { h(n); return Task.FromResult<string>(null); }))
        {
        }

        /// <summary>A handler awaiting <paramref name="handler"/> for each verified notification.</summary>
        public NotificationHandler(OmgClient client, Func<Notification, Task> handler)
            : this(client, Given(handler, h => async n => { await h(n).ConfigureAwait(false); return (string)null; }))
        {
        }

        /// <summary>A handler that returns <see cref="OmgPayment.Ack"/> (or null) once it has recorded
        /// the notification, or <c>"0|reason"</c> to refuse it (answered 400).</summary>
        public NotificationHandler(OmgClient client, Func<Notification, string> handler)
            : this(client, Given(handler, h => n => Task.FromResult(h(n))))
        {
        }

        /// <summary>An async handler that returns <see cref="OmgPayment.Ack"/> (or null), or
        /// <c>"0|reason"</c> to refuse the notification.</summary>
        public NotificationHandler(OmgClient client, Func<Notification, Task<string>> handler)
        {
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            this.handler = handler ?? throw new ArgumentNullException(nameof(handler));
        }

        /// <summary>
        /// A handler for one kind of notification, typed: <paramref name="handler"/> takes a
        /// <typeparamref name="T"/> (<see cref="PaymentResult"/>, <see cref="PaymentCodeIssued"/>
        /// or <see cref="PeriodCharge"/>) and <see cref="Expect"/> is that kind, so another kind is
        /// answered <c>0|unexpected notification: &lt;kind&gt;</c> (400) and never reaches it. A
        /// handler written for another kind than <typeparamref name="T"/> does not compile (the
        /// <c>expect</c> of the Python, Node and PHP helpers). <see cref="Notification"/> itself
        /// accepts every kind.
        /// </summary>
        public static NotificationHandler Expecting<T>(OmgClient client, Action<T> handler) where T : Notification
        {
            return Typed<T, Action<T>>(client, handler, h => n => { h((T)n); return Task.FromResult<string>(null); });
        }

        /// <summary>As <see cref="Expecting{T}(OmgClient, Action{T})"/>, awaiting the handler.</summary>
        public static NotificationHandler Expecting<T>(OmgClient client, Func<T, Task> handler) where T : Notification
        {
            return Typed<T, Func<T, Task>>(client, handler, h => async n => { await h((T)n).ConfigureAwait(false); return (string)null; });
        }

        /// <summary>As <see cref="Expecting{T}(OmgClient, Action{T})"/>, for a handler that returns
        /// <see cref="OmgPayment.Ack"/> (or null), or <c>"0|reason"</c> to refuse the notification.</summary>
        public static NotificationHandler Expecting<T>(OmgClient client, Func<T, string> handler) where T : Notification
        {
            return Typed<T, Func<T, string>>(client, handler, h => n => Task.FromResult(h((T)n)));
        }

        /// <summary>As <see cref="Expecting{T}(OmgClient, Func{T, string})"/>, awaited.</summary>
        public static NotificationHandler Expecting<T>(OmgClient client, Func<T, Task<string>> handler) where T : Notification
        {
            return Typed<T, Func<T, Task<string>>>(client, handler, h => n => h((T)n));
        }

        private static NotificationHandler Typed<T, THandler>(OmgClient client, THandler handler, Func<THandler, Func<Notification, Task<string>>> wrap)
            where T : Notification where THandler : class
        {
            var typed = new NotificationHandler(client, Given(handler, wrap));
            if (typeof(T) != typeof(Notification)) typed.Expect = new[] { typeof(T) };
            return typed;
        }

        private static Func<Notification, Task<string>> Given<T>(T handler, Func<T, Func<Notification, Task<string>>> wrap) where T : class
        {
            if (handler == null) throw new ArgumentNullException(nameof(handler));
            return wrap(handler);
        }

        /// <summary>
        /// The reply to one request, for any host: give the HTTP method, the Content-Type header
        /// (null when absent) and the raw body (at most 64 KiB + 1 bytes of it is enough). Refused
        /// requests are answered at once (omg-core decides: 405, 415, 413, 400 with <c>0|reason</c>);
        /// a verified notification of an expected kind goes to the handler, then (200,
        /// <c>1|OK</c>); a handler that throws gives (500, <c>0|...</c>) so the gateway sends it
        /// again later. Write <see cref="Reply.Body"/> as it is: UTF-8, no BOM, no newline.
        /// </summary>
        public async Task<Reply> ReplyToAsync(string method, string contentType, byte[] body)
        {
            var receipt = client.Receive(method, contentType, body);
            var notification = receipt.Notification;
            if (notification == null)
            {
                OmgLog.Write(OmgLogLevel.Warning, "notification refused (HTTP " + receipt.Status + "): " + receipt.Error?.Message);
                OnError?.Invoke(receipt.Error);
                return new Reply(receipt.Status, receipt.Reply);
            }
            if (expect.Count > 0 && !expect.Any(kind => kind.IsInstanceOfType(notification))) return Unexpected(receipt);
            string returned;
            try
            {
                returned = await handler(notification).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                OmgLog.Write(OmgLogLevel.Error, "the notification handler failed on " + Describe(notification) +
                                                "; answered 500 so the gateway sends it again: " + e);
                OnError?.Invoke(e);
                // The exception's text stays in your log: the gateway only needs to try again.
                return receipt.HandlerFailed;
            }
            return Returned(receipt, returned);
        }

        /// <summary>A verified notification this route does not take: refused, and logged so it is
        /// not lost (PeriodReturnURL is sent only once).</summary>
        private Reply Unexpected(Receipt receipt)
        {
            var answer = receipt.Unexpected.Value;
            OmgLog.Write(OmgLogLevel.Error, receipt.UnexpectedMessage);
            OnError?.Invoke(new InvalidOperationException(answer.Body.Substring(2)));
            return answer;
        }

        private static Reply Returned(Receipt receipt, string returned)
        {
            var n = receipt.Notification;
            if (returned == null || returned == OmgPayment.Ack) return new Reply(200, OmgPayment.Ack);
            string bare = returned.Trim().Trim('\uFEFF', '"', '\'').Trim();
            if (string.Equals(bare, OmgPayment.Ack, StringComparison.OrdinalIgnoreCase))
            {
                OmgLog.Write(OmgLogLevel.Warning, "the notification handler returned " + Quoted(returned) + ", not exactly OmgPayment.Ack; " +
                                                  "answered exactly 1|OK for " + Describe(n));
                return new Reply(200, OmgPayment.Ack);
            }
            if (returned.StartsWith("0|", StringComparison.Ordinal))
            {
                OmgLog.Write(OmgLogLevel.Warning, "the notification handler refused " + Describe(n) + ": " + returned);
                return new Reply(400, OmgPayment.Nack(returned.Substring(2)));
            }
            OmgLog.Write(OmgLogLevel.Error, "the notification handler returned " + Quoted(returned) + " for " + Describe(n) +
                                            ": return OmgPayment.Ack (or nothing) once it is recorded, or \"0|reason\" to refuse it; " +
                                            "answered 500 so the gateway sends it again");
            return receipt.HandlerFailed;
        }

        /// <summary>The notification for a log line: kind, order number, amount.</summary>
        private static string Describe(Notification n)
        {
            return n.Kind + " MerchantTradeNo " + n.MerchantTradeNo + ", " + n.AmountField + " " + (n.Get(n.AmountField) ?? "(none)");
        }

        private static string Quoted(string text)
        {
            var sb = new StringBuilder("\"");
            foreach (char c in text.Length > 80 ? text.Substring(0, 80) + "…" : text)
                sb.Append(c < 0x20 || c == '\uFEFF' ? "\\u" + ((int)c).ToString("x4") : c == '"' ? "\\\"" : c.ToString());
            return sb.Append('"').ToString();
        }

        /// <summary>Answers one <see cref="HttpListener"/> request (reads at most 64 KiB + 1 bytes
        /// of the body: a longer one is refused without being read whole). Call it before anything
        /// reads the request's InputStream or writes to its response.</summary>
        public async Task HandleAsync(HttpListenerContext context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            var request = context.Request;
            byte[] body = await ReadBodyAsync(request.InputStream, OmgPayment.MaxNotificationBytes + 1).ConfigureAwait(false);
            Reply reply = body == null || (body.Length == 0 && request.HasEntityBody)
                ? AlreadyRead(request, body == null)
                : await ReplyToAsync(request.HttpMethod, request.ContentType, body).ConfigureAwait(false);
            await SendAsync(context.Response, reply).ConfigureAwait(false);
        }

        /// <summary>The request had a body but none was left to read: the application read (or
        /// closed) the stream first. Saying "the body is empty" would send the merchant looking at
        /// the gateway; the fault is in the route, and the gateway should try again once it is fixed.</summary>
        private Reply AlreadyRead(HttpListenerRequest request, bool closed)
        {
            string what = closed
                ? "its InputStream was closed"
                : request.ContentLength64 > 0
                    ? "Content-Length says " + request.ContentLength64 + " bytes but none were left to read"
                    : "it had a body but none was left to read";
            var error = new InvalidOperationException(
                "the notification's request body was already read before NotificationHandler.HandleAsync (" + what + "): " +
                "pass the HttpListenerContext to HandleAsync before anything reads Request.InputStream, " +
                "or give the bytes you read to ReplyToAsync(method, contentType, body)");
            OmgLog.Write(OmgLogLevel.Error, error.Message);
            OnError?.Invoke(error);
            return new Reply(500, OmgPayment.Nack("the request body was already read: the shop must fix its route (see its log)"));
        }

        /// <summary>Writes the reply: exactly its UTF-8 bytes. Output the application wrote before
        /// (its headers are gone) cannot be taken back: it is logged, and nothing is added to it.</summary>
        private static async Task SendAsync(HttpListenerResponse response, Reply reply)
        {
            byte[] bytes = ReplyEncoding.GetBytes(reply.Body);
            try
            {
                response.StatusCode = reply.Status;
                response.ContentType = "text/plain; charset=utf-8";
                response.ContentLength64 = bytes.Length;
            }
            catch (Exception e) when (e is InvalidOperationException || e is ObjectDisposedException)
            {
                OmgLog.Write(OmgLogLevel.Error, "the application wrote its own response to this notification request before " +
                                                "NotificationHandler answered " + reply.Body + " (" + e.Message + "): the gateway reads the whole " +
                                                "body and re-sends the notification unless it is exactly 1|OK. Let the helper write " +
                                                "the reply: return OmgPayment.Ack or nothing from the handler.");
                try
                {
                    response.Close();
                }
                catch (ObjectDisposedException)
                {
                }
                return;
            }
            await response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            response.Close();
        }

        /// <summary>Reads at most <paramref name="limit"/> bytes; null when the stream was closed already.</summary>
        private static async Task<byte[]> ReadBodyAsync(Stream input, int limit)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            try
            {
                if (!input.CanRead) return null;
                int n;
                while (buffer.Length < limit && (n = await input.ReadAsync(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length)).ConfigureAwait(false)) > 0)
                    buffer.Write(chunk, 0, n);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
            return buffer.ToArray();
        }

        /// <summary>A reply to the gateway: HTTP status and body.</summary>
        public struct Reply
        {
            /// <summary>The HTTP status: 200; 400, 405, 413, 415 for a refused request; 500 when the handler threw.</summary>
            public int Status { get; }

            /// <summary><c>1|OK</c> or <c>0|reason</c>.</summary>
            public string Body { get; }

            /// <summary>A reply.</summary>
            public Reply(int status, string body)
            {
                Status = status;
                Body = body;
            }
        }
    }
}
