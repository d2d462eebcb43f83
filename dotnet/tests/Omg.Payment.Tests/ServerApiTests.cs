using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>Every server API against omg-sim over real loopback HTTP.</summary>
    [TestFixture]
    public class ServerApiTests
    {
        private Sim sim;
        private OmgClient client;

        [TestFixtureSetUp]
        public void StartSim()
        {
            sim = new Sim();
            client = sim.Client();
        }

        [TestFixtureTearDown]
        public void StopSim()
        {
            client?.Dispose();
            sim?.Dispose();
        }

        [TearDown]
        public void ClearFaults() => sim.Control("DELETE", "faults");

        /// <summary>A paid order of <paramref name="amount"/>; returns its MerchantTradeNo.</summary>
        private string PaidOrder(long amount, Action<Order> options = null)
        {
            var order = new Order(OmgPayment.GenerateMerchantTradeNo("N"), amount, "Tests", "Item", "http://127.0.0.1:9/omg/return", "Credit");
            options?.Invoke(order);
            sim.Submit(client.Checkout(order));
            sim.Control("POST", "pay", "{\"merchant_trade_no\":\"" + order.MerchantTradeNo + "\"}");
            return order.MerchantTradeNo;
        }

        /// <summary>The first value named <paramref name="key"/> anywhere in a JSON value.</summary>
        private static string Find(object json, string key)
        {
            if (json is JsonObject o)
            {
                if (o.Get(key) is string s && s.Length > 0) return s;
                foreach (var v in o.Values)
                {
                    var found = Find(v, key);
                    if (found != null) return found;
                }
            }
            if (json is List<object> list)
                foreach (var v in list)
                {
                    var found = Find(v, key);
                    if (found != null) return found;
                }
            return null;
        }

        [Test]
        public void QueryTradeSeesAPaidOrder()
        {
            string no = PaidOrder(1500);
            TradeInfo info = client.QueryTrade(no);
            Assert.IsTrue(info.IsPaid);
            Assert.AreEqual("paid", info.TradeStatusName);
            Assert.AreEqual("1", info.TradeStatus);
            Assert.AreEqual(1500, info.TradeAmt);
            Assert.AreEqual(no, info.MerchantTradeNo);
            Assert.AreEqual("Credit_CreditCard", info.PaymentType);
            Assert.AreEqual(no, info.Raw["MerchantTradeNo"]);
        }

        [Test]
        public void EveryAsyncVariantGivesTheSameAnswer()
        {
            string no = PaidOrder(1300);
            Assert.AreEqual(client.QueryTrade(no).TradeNo, client.QueryTradeAsync(no).Result.TradeNo);
            string tradeNo = client.QueryTrade(no).TradeNo;
            string gwsr = Find(sim.Control("GET", "orders/" + no), "gwsr");
            Assert.AreEqual(1, client.CaptureAsync(no, tradeNo, 1300).Result.RtnCode);
            Assert.AreEqual(1300, client.QueryCreditDetailAsync(gwsr, 1300).Result.Amount);
        }

        [Test]
        public void AnAsyncCallReturnsBeforeTheReplyArrives()
        {
            // A server that accepts and answers nothing until told: the Task exists, unfinished,
            // while the native call waits on another thread.
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using (var hanging = new OmgClient(new ClientOptions { BaseUrl = "http://127.0.0.1:" + port, Retries = 0 }))
            {
                Task<TradeInfo> task = hanging.QueryTradeAsync("A1");
                using (var connection = listener.AcceptTcpClient())
                {
                    Assert.IsFalse(task.IsCompleted);
                    connection.Client.Shutdown(SocketShutdown.Both);
                }
                var e = Assert.Throws<AggregateException>(() => task.Wait(TimeSpan.FromSeconds(30)));
                Assert.IsInstanceOf<TransportException>(e.InnerException);
            }
            listener.Stop();
        }

        [Test]
        public void CaptureRefundAndQueryCreditDetail()
        {
            string no = PaidOrder(1000);
            string tradeNo = client.QueryTrade(no).TradeNo;
            string gwsr = Find(sim.Control("GET", "orders/" + no), "gwsr");
            Assert.IsNotNull(gwsr);
            DoActionResult captured = client.Capture(no, tradeNo, 1000);
            Assert.AreEqual(1, captured.RtnCode);
            Assert.AreEqual(no, captured.MerchantTradeNo);
            try
            {
                sim.Control("POST", "advance", "{\"seconds\":86400}");
                Assert.AreEqual(1, client.Refund(no, tradeNo, 300).RtnCode);
                CreditDetail detail = client.QueryCreditDetail(gwsr, 1000);
                Assert.IsTrue(detail.CloseData.Any(c => c.StatusName == "refund_pending" && c.Amount == 300), string.Join(",", detail.CloseData.Select(c => c.StatusName + ":" + c.Amount)));
                var e = Assert.Throws<GatewayException>(() => client.Refund(no, tradeNo, 5000));
                Assert.IsNotNull(e.RtnMsg);
            }
            finally
            {
                sim.Control("POST", "reset");
            }
        }

        [Test]
        public void RecurringOrdersAreQueriedAndCancelled()
        {
            string no = PaidOrder(499, o =>
            {
                o["PeriodAmount"] = 499;
                o["PeriodType"] = "M";
                o["Frequency"] = 1;
                o["ExecTimes"] = 6;
            });
            PeriodInfo info = client.QueryPeriod(no);
            Assert.AreEqual("running", info.ExecStatusName);
            Assert.AreEqual(499, info.PeriodAmount);
            Assert.AreEqual(1, client.CancelPeriod(no).RtnCode);
            Assert.AreEqual("cancelled", client.QueryPeriodAsync(no).Result.ExecStatusName);
        }

        [Test]
        public void QueriesAreRetriedMoneyMovingCallsNever()
        {
            string no = PaidOrder(900);
            string tradeNo = client.QueryTrade(no).TradeNo;
            sim.Control("POST", "faults", "{\"path\":\"/Cashier/QueryTradeInfo/V5\",\"status\":503,\"count\":2}");
            Assert.IsTrue(client.QueryTrade(no).IsPaid);
            long before = (long)((JsonObject)sim.Control("GET", "stats")["requests"]).Get("/CreditDetail/DoAction") ;
            sim.Control("POST", "faults", "{\"path\":\"/CreditDetail/DoAction\",\"status\":503,\"count\":1}");
            var e = Assert.Throws<TransportException>(() => client.Capture(no, tradeNo, 900));
            Assert.AreEqual(503, e.Status);
            long after = (long)((JsonObject)sim.Control("GET", "stats")["requests"]).Get("/CreditDetail/DoAction");
            Assert.AreEqual(before + 1, after);
        }

        /// <summary>Issue 21 item 2: a proxy that answers 307, 404 or 429 after the gateway applied
        /// the refund proves the request arrived: outcome unknown, reconcile with QueryTrade/V2 —
        /// and the refund was applied once. Logged as a warning (item 11).</summary>
        [Test]
        public void ARefundAnsweredWithARedirectOrA4xxAfterItWasAppliedHasAnUnknownOutcome([Values(307, 404, 429)] int status)
        {
            string no = PaidOrder(1000);
            string tradeNo = client.QueryTrade(no).TradeNo;
            string gwsr = Find(sim.Control("GET", "orders/" + no), "gwsr");
            Assert.AreEqual(1, client.Capture(no, tradeNo, 1000).RtnCode);
            try
            {
                sim.Control("POST", "advance", "{\"seconds\":86400}");
                sim.Control("POST", "faults", "{\"path\":\"/CreditDetail/DoAction\",\"apply_then_status\":" + status + ",\"count\":1}");
                using (var log = new LogCapture())
                {
                    var e = Assert.Throws<TransportException>(() => client.Refund(no, tradeNo, 400));
                    Assert.IsTrue(e.OutcomeUnknown, e.Message);
                    Assert.AreEqual("QueryTrade/V2", e.ReconcileWith);
                    Assert.AreEqual(status, e.Status);
                    var warning = log.At(OmgLogLevel.Warning).Single();
                    StringAssert.Contains("DoAction: outcome unknown", warning);
                }
                var refunds = client.QueryCreditDetail(gwsr, 1000).CloseData.Where(c => c.Amount == 400).ToList();
                Assert.AreEqual(1, refunds.Count, string.Join(",", refunds.Select(c => c.StatusName)));
            }
            finally
            {
                sim.Control("POST", "reset");
            }
        }

        [Test]
        public void ACancelPeriodAnsweredWithARedirectOrA4xxAfterItWasAppliedHasAnUnknownOutcome([Values(307, 404, 429)] int status)
        {
            string no = PaidOrder(499, o =>
            {
                o["PeriodAmount"] = 499;
                o["PeriodType"] = "M";
                o["Frequency"] = 1;
                o["ExecTimes"] = 6;
            });
            Func<long> sent = () => (long?)((JsonObject)sim.Control("GET", "stats")["requests"]).Get("/Cashier/CreditCardPeriodAction") ?? 0;
            long before = sent();
            sim.Control("POST", "faults", "{\"path\":\"/Cashier/CreditCardPeriodAction\",\"apply_then_status\":" + status + ",\"count\":1}");
            var e = Assert.Throws<TransportException>(() => client.CancelPeriod(no));
            Assert.IsTrue(e.OutcomeUnknown, e.Message);
            Assert.AreEqual("QueryCreditCardPeriodInfo", e.ReconcileWith);
            Assert.AreEqual("cancelled", client.QueryPeriod(no).ExecStatusName);
            Assert.AreEqual(before + 1, sent(), "sent once, never again by the client");
        }

        /// <summary>Item 11: retries reach the log at Information, and no client event holds a secret.</summary>
        [Test]
        public void RetriesAreLoggedAndNoEventHoldsASecret()
        {
            string no = PaidOrder(900);
            using (var log = new LogCapture())
            {
                sim.Control("POST", "faults", "{\"path\":\"/Cashier/QueryTradeInfo/V5\",\"status\":503,\"count\":2}");
                Assert.IsTrue(client.QueryTrade(no).IsPaid);
                var retries = log.At(OmgLogLevel.Information).Where(m => m.Contains("retrying")).ToList();
                Assert.AreEqual(2, retries.Count, log.ToString());
                StringAssert.Contains("HTTP 503", retries[0]);
                Assert.IsNotEmpty(log.At(OmgLogLevel.Debug), "each request is a debug event");
                foreach (var secret in new[] { Repo.StageKey, Repo.StageIv, Repo.SimCreditCheckCode })
                    StringAssert.DoesNotContain(secret, log.ToString());
            }
        }

        [Test]
        public void ALoggerThatThrowsChangesNoCall()
        {
            string no = PaidOrder(800);
            var previous = OmgLog.Handler;
            OmgLog.Handler = (level, message) => { throw new InvalidOperationException("broken logger"); };
            try
            {
                sim.Control("POST", "faults", "{\"path\":\"/Cashier/QueryTradeInfo/V5\",\"status\":503,\"count\":1}");
                Assert.IsTrue(client.QueryTrade(no).IsPaid);
            }
            finally
            {
                OmgLog.Handler = previous;
            }
        }

        [Test]
        public void AGatewayRefusalIsAGatewayException()
        {
            var e = Assert.Throws<GatewayException>(() => client.Capture("NOSUCHORDER0001", "2401010000000000", 100));
            Assert.IsNotNull(e.RtnMsg);
            Assert.AreEqual("gateway", e.Kind);
        }

        [Test]
        public void CheckCredentialsTellsAcceptedKeysFromWrongOnesNamingTheVariables()
        {
            Assert.IsTrue(client.CheckCredentials());
            Assert.IsTrue(client.CheckCredentialsAsync().Result);
            using (var wrong = new OmgClient(new ClientOptions
            {
                MerchantId = Repo.StageId, HashKey = "WrongKey12345678", HashIv = Repo.StageIv, BaseUrl = sim.BaseUrl, Retries = 0,
            }))
            {
                var e = Assert.Throws<GatewayException>(() => wrong.CheckCredentials());
                Assert.AreEqual(10200073L, e.RtnCode.Value);
                StringAssert.Contains("OMG_HASH_KEY", e.Message);
                StringAssert.Contains("OMG_HASH_IV", e.Message);
                StringAssert.DoesNotContain("WrongKey12345678", e.Message);
            }
        }

        [Test]
        public void NoGatewayIsATransportException()
        {
            using (var offline = new OmgClient(new ClientOptions { BaseUrl = "http://127.0.0.1:" + Repo.FreePort(), Retries = 0 }))
            {
                var e = Assert.Throws<TransportException>(() => offline.QueryTrade("A1"));
                Assert.IsFalse(e.OutcomeUnknown);
                var ae = Assert.Throws<AggregateException>(() => offline.QueryTradeAsync("A1").Wait());
                Assert.IsInstanceOf<TransportException>(ae.InnerException);
            }
        }

        [Test]
        public void ARefundThatTimesOutHasAnUnknownOutcome()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var options = new ClientOptions { BaseUrl = "http://127.0.0.1:" + port, ReadTimeout = TimeSpan.FromMilliseconds(300), Retries = 0 };
            using (var silent = new OmgClient(options))
            {
                var task = silent.RefundAsync("A1", "2401010000000000", 100);
                using (listener.AcceptTcpClient())
                {
                    var e = Assert.Throws<AggregateException>(() => task.Wait(TimeSpan.FromSeconds(30)));
                    var t = (TransportException)e.InnerException;
                    Assert.IsTrue(t.Timeout);
                    Assert.IsTrue(t.OutcomeUnknown);
                    Assert.IsNotNull(t.ReconcileWith);
                }
            }
            listener.Stop();
        }
    }
}
