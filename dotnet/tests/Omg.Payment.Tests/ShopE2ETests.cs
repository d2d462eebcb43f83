using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// End to end: omg-sim and the example HttpListener shop (examples/Shop, run under mono) on
    /// 127.0.0.1, each kind of order paid through to the shop's store, a duplicate notification
    /// fulfilled once, forged ones refused, recurring charges recorded. Every wait is bounded.
    /// </summary>
    [TestFixture]
    public class ShopE2ETests
    {
        private Sim sim;
        private Process shop;
        private string shopUrl;
        private string storeDir;
        private readonly List<string> shopLog = new List<string>();   // the shop's standard error: OmgLog's default

        [TestFixtureSetUp]
        public void Start()
        {
            sim = new Sim();
            int port = Repo.FreePort();
            shopUrl = "http://127.0.0.1:" + port;
            storeDir = Path.Combine(Path.GetTempPath(), "omg-shop-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(storeDir);
            string exe = System.Environment.GetEnvironmentVariable("OMG_SHOP_EXE");
            if (string.IsNullOrEmpty(exe)) exe = Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "Shop.exe");
            var info = new ProcessStartInfo("mono", "\"" + exe + "\"") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            info.EnvironmentVariables["OMG_BASE_URL"] = sim.BaseUrl;
            info.EnvironmentVariables["OMG_MERCHANT_ID"] = Repo.StageId;
            info.EnvironmentVariables["OMG_HASH_KEY"] = Repo.StageKey;
            info.EnvironmentVariables["OMG_HASH_IV"] = Repo.StageIv;
            info.EnvironmentVariables["OMG_CREDIT_CHECK_CODE"] = Repo.SimCreditCheckCode;
            info.EnvironmentVariables["OMG_SHOP_PORT"] = port.ToString();
            info.EnvironmentVariables["OMG_SHOP_URL"] = shopUrl;
            info.EnvironmentVariables["OMG_SHOP_STORE"] = Path.Combine(storeDir, "orders.txt");
            info.EnvironmentVariables.Remove("OMG_ENV");
            shop = Process.Start(info);
            shop.ErrorDataReceived += (sender, e) => { if (e.Data != null) lock (shopLog) shopLog.Add(e.Data); };
            shop.BeginErrorReadLine();
            var line = shop.StandardOutput.ReadLineAsync();
            if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result == null) throw new InvalidOperationException("the shop did not start");
        }

        [TestFixtureTearDown]
        public void Stop()
        {
            if (shop != null && !shop.HasExited)
            {
                shop.Kill();
                shop.WaitForExit(5000);
            }
            sim?.Dispose();
            if (storeDir != null) Directory.Delete(storeDir, true);
        }

        private JsonObject Status(string no)
        {
            using (var web = new WebClient())
                return (JsonObject)JsonReader.Parse(web.DownloadString(shopUrl + "/orders/" + no + "/status.json"));
        }

        private JsonObject WaitStatus(string no, string status)
        {
            JsonObject last = null;
            try
            {
                Repo.WaitUntil(() => (string)(last = Status(no))["status"] == status, no + " to be " + status);
            }
            catch (TimeoutException)
            {
                Assert.Fail(no + " is " + last?["status"] + ", expected " + status);
            }
            return last;
        }

        /// <summary>Buys in the shop and posts the checkout page's form to the gateway, as a browser would.</summary>
        private string Buy(string kind, long amount)
        {
            var page = Sim.Post(shopUrl + "/orders", "kind=" + kind + "&amount=" + amount);
            Assert.AreEqual(200, page.Key, page.Value);
            string action = WebUtility.HtmlDecode(Regex.Match(page.Value, "<form[^>]*action=\"([^\"]+)\"").Groups[1].Value);
            var fields = Regex.Matches(page.Value, "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">").Cast<Match>()
                .Select(m => Uri.EscapeDataString(WebUtility.HtmlDecode(m.Groups[1].Value)) + "=" + Uri.EscapeDataString(WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
            StringAssert.StartsWith(sim.BaseUrl, action);
            string no = Regex.Match(string.Join("&", fields), "MerchantTradeNo=([A-Za-z0-9]+)").Groups[1].Value;
            Assert.AreEqual("created", Status(no)["status"]);
            var posted = Sim.Post(action, string.Join("&", fields));
            Assert.AreEqual(200, posted.Key, posted.Value);
            return no;
        }

        private void Pay(string no, string extra = "")
        {
            sim.Control("POST", "pay", "{\"merchant_trade_no\":\"" + no + "\"" + extra + "}");
        }

        [Test]
        public void CardOrdersArePaidAndFulfilledOnce([Values("card", "installments", "all")] string kind)
        {
            string no = Buy(kind, 1500);
            Pay(no, kind == "all" ? ",\"method\":\"Credit\"" : "");
            var row = WaitStatus(no, "paid");
            Assert.AreEqual(1, row["fulfilments"]);
            Assert.AreEqual("Credit_CreditCard", row["payment_type"]);
        }

        [Test]
        public void CodeOrdersGetTheirCodeThenArePaid([Values("atm", "cvs", "barcode")] string kind)
        {
            string no = Buy(kind, 800);
            sim.Control("POST", "choose", "{\"merchant_trade_no\":\"" + no + "\"}"); // the payer picks a bank or store on the page
            var row = WaitStatus(no, "code_issued");
            var code = (JsonObject)row["payment_code"];
            Assert.IsNotNull(code.Get(kind == "atm" ? "v_account" : kind == "cvs" ? "payment_no" : "barcodes"));
            if (kind == "barcode")
            {
                using (var web = new WebClient()) StringAssert.StartsWith("<svg", web.DownloadString(shopUrl + "/orders/" + no + "/barcode.svg"));
            }
            Pay(no);
            row = WaitStatus(no, "paid");
            Assert.AreEqual(1, row["fulfilments"]);
            StringAssert.StartsWith(kind.ToUpperInvariant(), (string)row["payment_type"]);
        }

        [Test]
        public void ADuplicateNotificationFulfilsOnce()
        {
            string no = Buy("card", 700);
            Pay(no);
            WaitStatus(no, "paid");
            List<object> attempts = null;
            Repo.WaitUntil(() => (attempts = ((List<object>)sim.Control("GET", "deliveries?merchant_trade_no=" + no)["attempts"])
                .Where(a => ((string)((JsonObject)a)["url"]).EndsWith("/omg/return") && (bool)((JsonObject)a)["ok"]).ToList()).Count > 0, "the delivery log");
            string body = (string)((JsonObject)attempts[0])["body"];
            for (int i = 0; i < 3; i++)
            {
                var reply = Sim.Post(shopUrl + "/omg/return", body);
                Assert.AreEqual(200, reply.Key);
                Assert.AreEqual("1|OK", reply.Value);
            }
            Assert.AreEqual(1, Status(no)["fulfilments"]);
        }

        [Test]
        public void ForgedNotificationsAreRefusedAndChangeNothing()
        {
            string no = Buy("card", 650);
            using (var stage = OmgClient.Stage())
            using (var otherKeys = new OmgClient(new ClientOptions { MerchantId = Repo.StageId, HashKey = "wrongkey00000000", HashIv = "wrongiv000000000" }))
            {
                var fields = new Dictionary<string, string> { { "MerchantTradeNo", no }, { "TradeNo", "X1" }, { "TradeAmt", "650" } };
                string genuine = stage.SignTestNotification("payment_result", fields);
                var forged = new[]
                {
                    genuine.Replace("TradeAmt=650", "TradeAmt=1"),
                    otherKeys.SignTestNotification("payment_result", fields),
                    Regex.Replace(genuine, "CheckMacValue=[0-9A-F]+", "CheckMacValue=" + new string('A', 64)),
                };
                foreach (var body in forged)
                {
                    var reply = Sim.Post(shopUrl + "/omg/return", body);
                    Assert.AreEqual(400, reply.Key);
                    StringAssert.StartsWith("0|", reply.Value);
                }
            }
            var row = Status(no);
            Assert.AreEqual("created", row["status"]);
            Assert.AreEqual(0, row["fulfilments"]);
        }

        /// <summary>Issue 21 items 3 and 11: a period charge posted to the payment-result route is
        /// refused, and the shop's log (OmgLog's default: standard error, nothing configured) has
        /// an error line with the order, the amount and how to recover it.</summary>
        [Test]
        public void APeriodChargeOnTheReturnRouteIsRefusedAndLoggedWithItsOrderAndAmount()
        {
            string no = Buy("recurring", 499);
            using (var stage = OmgClient.Stage())
            {
                string body = stage.SignTestNotification("period_charge", new Dictionary<string, string> { { "MerchantTradeNo", no }, { "Amount", "499" } });
                var reply = Sim.Post(shopUrl + "/omg/return", body);
                Assert.AreEqual(400, reply.Key);
                Assert.AreEqual("0|unexpected notification: period_charge", reply.Value);
            }
            string line = null;
            Repo.WaitUntil(() =>
            {
                lock (shopLog) line = shopLog.FirstOrDefault(l => l.Contains(no));
                return line != null;
            }, "the shop's error line");
            StringAssert.StartsWith("Omg.Payment Error:", line);
            StringAssert.Contains("amount 499", line);
            StringAssert.Contains("QueryCreditCardPeriodInfo", line);
            StringAssert.Contains("omg query period " + no, line);
            Assert.AreEqual(0, Status(no)["period_charges"]);
        }

        [Test]
        public void AWrongAmountIsFlaggedNotFulfilled()
        {
            string no = Buy("card", 640);
            using (var stage = OmgClient.Stage())
            {
                string body = stage.SignTestNotification("payment_result", new Dictionary<string, string> { { "MerchantTradeNo", no }, { "TradeNo", "X2" }, { "TradeAmt", "1" } });
                Assert.AreEqual("1|OK", Sim.Post(shopUrl + "/omg/return", body).Value);
            }
            var row = Status(no);
            Assert.AreEqual("amount_mismatch", row["status"]);
            Assert.AreEqual(0, row["fulfilments"]);
        }

        [Test]
        public void RecurringChargesAreRecordedOnceEach()
        {
            string no = Buy("recurring", 499);
            Pay(no);
            Assert.AreEqual(1, WaitStatus(no, "paid")["fulfilments"]);
            try
            {
                for (int expected = 1; expected <= 2; expected++)
                {
                    sim.Control("POST", "advance", "{\"seconds\":" + 32 * 86400 + "}");
                    int want = expected;
                    Repo.WaitUntil(() => (long)Status(no)["period_charges"] >= want, "period charge " + want);
                }
            }
            finally
            {
                sim.Control("POST", "reset");   // a client on the real clock sends TimeStamps the advanced simulator refuses
            }
            var row = Status(no);
            Assert.AreEqual(2, row["period_charges"]);
            Assert.AreEqual(3, row["total_success_times"]);
        }
    }
}
