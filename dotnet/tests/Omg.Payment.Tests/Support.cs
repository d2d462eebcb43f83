using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>Paths and constants shared by the tests.</summary>
    internal static class Repo
    {
        /// <summary>The repository root: $OMG_REPO, else found upwards from the test assembly.</summary>
        internal static string Root
        {
            get
            {
                string env = System.Environment.GetEnvironmentVariable("OMG_REPO");
                if (!string.IsNullOrEmpty(env)) return env;
                var dir = new DirectoryInfo(AppDomain.CurrentDomain.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "tests/vectors/checkmacvalue.json"))) dir = dir.Parent;
                if (dir == null) throw new InvalidOperationException("set OMG_REPO to the repository root");
                return dir.FullName;
            }
        }

        // The public stage merchant (protocol.md §1) and omg-sim's CreditCheckCode for it.
        internal const string StageId = "1000031";
        internal const string StageKey = "265flDjIvesceXWM";
        internal const string StageIv = "pOOvhGd1V2pJbjfX";
        internal const string SimCreditCheckCode = "59997889";

        /// <summary>A loopback port nobody listens on right now.</summary>
        internal static int FreePort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            int port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        /// <summary>Polls <paramref name="probe"/> until it is true, for at most <paramref name="seconds"/>.</summary>
        internal static void WaitUntil(Func<bool> probe, string what, int seconds = 15)
        {
            var deadline = DateTime.UtcNow.AddSeconds(seconds);
            while (!probe())
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>omg-sim on 127.0.0.1 (a free port), stopped by Dispose.</summary>
    internal sealed class Sim : IDisposable
    {
        private readonly Process process;

        internal string BaseUrl { get; }

        internal Sim()
        {
            string bin = System.Environment.GetEnvironmentVariable("OMG_SIM_BIN");
            if (string.IsNullOrEmpty(bin)) bin = Path.Combine(Repo.Root, "target/debug/omg-sim");
            // Without the daily auto-close (on by default, as in production): the tests capture and
            // refund at any real time, and the gateway refuses DoAction 20:15-20:30 Taiwan time.
            var info = new ProcessStartInfo(bin, "--port 0 --quiet --no-daily-auto-close") { UseShellExecute = false, RedirectStandardOutput = true };
            process = Process.Start(info);
            var line = process.StandardOutput.ReadLineAsync();
            if (!line.Wait(TimeSpan.FromSeconds(15)) || line.Result == null)
            {
                Dispose();
                throw new InvalidOperationException("omg-sim printed no URL");
            }
            BaseUrl = line.Result.Trim();
        }

        /// <summary>A client of the stage merchant on this simulator.</summary>
        internal OmgClient Client(int retries = 3)
        {
            return new OmgClient(new ClientOptions
            {
                MerchantId = Repo.StageId, HashKey = Repo.StageKey, HashIv = Repo.StageIv,
                CreditCheckCode = Repo.SimCreditCheckCode, BaseUrl = BaseUrl, Retries = retries,
            });
        }

        /// <summary>Calls the control API (JSON in and out).</summary>
        internal JsonObject Control(string method, string route, string json = null)
        {
            var request = (HttpWebRequest)WebRequest.Create(BaseUrl + "/_sim/" + route);
            request.Method = method;
            request.Timeout = 15000;
            if (json != null)
            {
                byte[] body = Encoding.UTF8.GetBytes(json);
                request.ContentType = "application/json";
                using (var s = request.GetRequestStream()) s.Write(body, 0, body.Length);
            }
            using (var response = (HttpWebResponse)request.GetResponse())
            using (var reader = new StreamReader(response.GetResponseStream()))
                return (JsonObject)JsonReader.Parse(reader.ReadToEnd());
        }

        /// <summary>Posts a checkout form to the gateway as the payer's browser would.</summary>
        internal void Submit(CheckoutForm form)
        {
            var body = string.Join("&", form.Fields.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
            Post(form.ActionUrl, body);
        }

        /// <summary>POSTs a form body; returns status and text (no exception on 4xx/5xx).</summary>
        internal static KeyValuePair<int, string> Post(string url, string formBody)
        {
            var request = (HttpWebRequest)WebRequest.Create(url);
            request.Method = "POST";
            request.Timeout = 15000;
            request.AllowAutoRedirect = false;
            request.ContentType = "application/x-www-form-urlencoded";
            byte[] body = Encoding.UTF8.GetBytes(formBody);
            using (var s = request.GetRequestStream()) s.Write(body, 0, body.Length);
            try
            {
                using (var response = (HttpWebResponse)request.GetResponse())
                using (var reader = new StreamReader(response.GetResponseStream()))
                    return new KeyValuePair<int, string>((int)response.StatusCode, reader.ReadToEnd());
            }
            catch (WebException e) when (e.Response != null)
            {
                using (var response = (HttpWebResponse)e.Response)
                using (var reader = new StreamReader(response.GetResponseStream()))
                    return new KeyValuePair<int, string>((int)response.StatusCode, reader.ReadToEnd());
            }
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
            }
            process.Dispose();
        }
    }
}
