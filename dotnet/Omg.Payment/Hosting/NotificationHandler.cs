using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading.Tasks;

namespace Omg.Payment.Hosting
{
    /// <summary>
    /// Receives the gateway's notifications (ReturnURL, PaymentInfoURL, PeriodReturnURL) in an
    /// <see cref="HttpListener"/> host: reads the raw body, verifies it, runs your handler, and
    /// answers exactly <c>1|OK</c> once the handler has returned — or <c>0|reason</c> when the
    /// notification is refused (forged, unreadable: status 400) or the handler throws (status 500),
    /// so the gateway sends it again later. Which requests are refused, and with which status, is
    /// decided by omg-core (the same in every omg-payment language). Your handler must be idempotent per
    /// <see cref="Notification.DedupeKey"/>: the gateway re-sends until it reads <c>1|OK</c>.
    /// </summary>
    public sealed class NotificationHandler
    {
        private readonly OmgClient client;
        private readonly Func<Notification, Task> handler;

        /// <summary>Called with every refusal and handler failure (for your log); optional.</summary>
        public Action<Exception> OnError { get; set; }

        /// <summary>A handler running <paramref name="handler"/> for each verified notification.</summary>
        public NotificationHandler(OmgClient client, Action<Notification> handler)
            : this(client, n => { handler(n); return Task.CompletedTask; })
        {
            if (handler == null) throw new ArgumentNullException(nameof(handler));
        }

        /// <summary>A handler awaiting <paramref name="handler"/> for each verified notification.</summary>
        public NotificationHandler(OmgClient client, Func<Notification, Task> handler)
        {
            this.client = client ?? throw new ArgumentNullException(nameof(client));
            this.handler = handler ?? throw new ArgumentNullException(nameof(handler));
        }

        /// <summary>
        /// The reply to one request, for any host: give the HTTP method, the Content-Type header
        /// (null when absent) and the raw body (at most 64 KiB + 1 bytes of it is enough). Refused
        /// requests are answered at once (omg-core decides: 405, 415, 413, 400 with <c>0|reason</c>);
        /// a verified notification goes to the handler, then (200, <c>1|OK</c>); a handler that
        /// throws gives (500, <c>0|...</c>) so the gateway sends it again later.
        /// </summary>
        public async Task<Reply> ReplyToAsync(string method, string contentType, byte[] body)
        {
            var receipt = client.Receive(method, contentType, body);
            if (receipt.Notification == null)
            {
                OnError?.Invoke(receipt.Error);
                return new Reply(receipt.Status, receipt.Reply);
            }
            try
            {
                await handler(receipt.Notification).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                OnError?.Invoke(e);
                // The exception's text stays in your log: the gateway only needs to try again.
                return new Reply(500, OmgPayment.Nack("the merchant could not process the notification"));
            }
            return new Reply(receipt.Status, receipt.Reply);
        }

        /// <summary>Answers one <see cref="HttpListener"/> request (reads at most 64 KiB + 1 bytes
        /// of the body: a longer one is refused without being read whole).</summary>
        public async Task HandleAsync(HttpListenerContext context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            var request = context.Request;
            byte[] body = await ReadBodyAsync(request.InputStream, OmgPayment.MaxNotificationBytes + 1).ConfigureAwait(false);
            Reply reply = await ReplyToAsync(request.HttpMethod, request.ContentType, body).ConfigureAwait(false);
            byte[] text = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.ContentLength64 = text.Length;
            await context.Response.OutputStream.WriteAsync(text, 0, text.Length).ConfigureAwait(false);
            context.Response.Close();
        }

        /// <summary>Reads at most <paramref name="limit"/> bytes.</summary>
        private static async Task<byte[]> ReadBodyAsync(Stream input, int limit)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int n;
            while (buffer.Length < limit && (n = await input.ReadAsync(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length)).ConfigureAwait(false)) > 0)
                buffer.Write(chunk, 0, n);
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
