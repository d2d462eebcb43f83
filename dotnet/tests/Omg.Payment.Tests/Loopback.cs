using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace Omg.Payment.Tests
{
    /// <summary>An HttpListener on 127.0.0.1 (a free port) answering each request with
    /// <c>serve</c>; stopped by Dispose.</summary>
    internal sealed class Loopback : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();

        internal int Port { get; }

        internal string Url => "http://127.0.0.1:" + Port + "/omg/return";

        internal Loopback(Func<HttpListenerContext, Task> serve)
        {
            Port = Repo.FreePort();
            listener.Prefixes.Add("http://127.0.0.1:" + Port + "/");
            listener.Start();
            Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await listener.GetContextAsync(); }
                    catch (Exception) { return; }
#pragma warning disable 4014
                    serve(context);
#pragma warning restore 4014
                }
            });
        }

        /// <summary>POSTs <paramref name="body"/> as a form over a plain socket and returns the
        /// reply exactly as it arrived on the wire.</summary>
        internal RawReply Post(string body)
        {
            return Send("POST", "/omg/return", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(body));
        }

        /// <summary>Sends one request over a plain socket, with exactly these headers (no
        /// Content-Type when <paramref name="contentType"/> is null), and returns the reply
        /// exactly as it arrived on the wire.</summary>
        internal RawReply Send(string method, string path, string contentType, byte[] content)
        {
            string head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + Port + "\r\n" +
                          (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") +
                          "Content-Length: " + content.Length + "\r\nConnection: close\r\n\r\n";
            using (var tcp = new TcpClient())
            {
                tcp.ReceiveTimeout = 15000;
                tcp.Connect(IPAddress.Loopback, Port);
                var stream = tcp.GetStream();
                byte[] request = Encoding.ASCII.GetBytes(head).Concat(content).ToArray();
                stream.Write(request, 0, request.Length);
                var reply = new MemoryStream();
                stream.CopyTo(reply);
                return new RawReply(reply.ToArray());
            }
        }

        public void Dispose()
        {
            listener.Close();
        }
    }

    /// <summary>An HTTP reply as bytes: status line and headers as text, the body as bytes.</summary>
    internal sealed class RawReply
    {
        internal RawReply(byte[] wire)
        {
            int end = 0;
            while (end + 3 < wire.Length && !(wire[end] == '\r' && wire[end + 1] == '\n' && wire[end + 2] == '\r' && wire[end + 3] == '\n')) end++;
            Head = Encoding.ASCII.GetString(wire, 0, end);
            Body = wire.Skip(end + 4).ToArray();
            Status = int.Parse(Head.Split(' ')[1]);
        }

        internal int Status { get; }

        internal string Head { get; }

        /// <summary>The body bytes after the headers (chunk framing included when chunked).</summary>
        internal byte[] Body { get; }

        internal string Text => Encoding.UTF8.GetString(Body);

        /// <summary>A header's value, or null.</summary>
        internal string Header(string name)
        {
            foreach (var line in Head.Split(new[] { "\r\n" }, StringSplitOptions.None).Skip(1))
                if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)) return line.Substring(name.Length + 1).Trim();
            return null;
        }
    }
}
