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
    /// so the gateway sends it again later. Your handler must be idempotent per
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
        /// The reply to <paramref name="body"/> (the raw request body) and its HTTP status, for any
        /// host: (200, "1|OK") after the handler returned, (400, "0|...") for a refused
        /// notification, (500, "0|...") when the handler threw.
        /// </summary>
        public async Task<Reply> ReplyToAsync(byte[] body)
        {
            Notification notification;
            try
            {
                notification = client.VerifyNotification(body);
            }
            catch (OmgException e)
            {
                OnError?.Invoke(e);
                return new Reply(400, OmgPayment.Nack(e.Message));
            }
            try
            {
                await handler(notification).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                OnError?.Invoke(e);
                // The exception's text stays in your log: the gateway only needs to try again.
                return new Reply(500, OmgPayment.Nack("the merchant could not process the notification"));
            }
            return new Reply(200, OmgPayment.Ack);
        }

        /// <summary>Answers one <see cref="HttpListener"/> request (reads at most 64 KiB + 1 of the
        /// body: a longer one is refused without being read whole).</summary>
        public async Task HandleAsync(HttpListenerContext context)
        {
            if (context == null) throw new ArgumentNullException(nameof(context));
            Reply reply;
            if (!string.Equals(context.Request.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            {
                reply = new Reply(405, OmgPayment.Nack("notifications are POSTed"));
            }
            else
            {
                byte[] body = await ReadBodyAsync(context.Request.InputStream, OmgPayment.MaxNotificationBytes + 1).ConfigureAwait(false);
                reply = await ReplyToAsync(body).ConfigureAwait(false);
            }
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
            /// <summary>The HTTP status: 200, 400 or 500.</summary>
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
