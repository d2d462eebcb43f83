using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// A stand-in gateway on 127.0.0.1 (System.Net.HttpListener): answers every request with
    /// <see cref="Body"/> and keeps the last request's form body, so a real OmgClient call can be
    /// fed a captured reply. Stopped by Dispose.
    /// </summary>
    internal sealed class ReplyServer : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();
        private readonly Thread thread;
        private volatile byte[] body = new byte[0];
        private volatile string lastRequest;

        internal string BaseUrl { get; }

        /// <summary>What every request is answered with (UTF-8).</summary>
        internal string Body
        {
            set { body = Encoding.UTF8.GetBytes(value); }
        }

        /// <summary>The form body of the last request received, or null.</summary>
        internal string LastRequest => lastRequest;

        internal ReplyServer()
        {
            int port = Repo.FreePort();
            BaseUrl = "http://127.0.0.1:" + port;
            listener.Prefixes.Add(BaseUrl + "/");
            listener.Start();
            thread = new Thread(Serve) { IsBackground = true, Name = "reply-server" };
            thread.Start();
        }

        private void Serve()
        {
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = listener.GetContext();
                }
                catch (Exception) // HttpListenerException or ObjectDisposedException once stopped
                {
                    return;
                }
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                    lastRequest = reader.ReadToEnd();
                byte[] reply = body;
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength64 = reply.Length;
                context.Response.OutputStream.Write(reply, 0, reply.Length);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            thread.Join(5000);
        }
    }
}
