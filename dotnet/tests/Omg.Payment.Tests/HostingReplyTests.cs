using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using Omg.Payment.Hosting;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// The helper owns the reply (issue 21 items 3, 4, 12): the exact bytes on the wire over
    /// HttpListener on loopback, what a handler may return, a body the application already read,
    /// output it already wrote, and a notification kind the route does not expect.
    /// </summary>
    [TestFixture]
    public class HostingReplyTests
    {
        private static readonly byte[] AckBytes = { (byte)'1', (byte)'|', (byte)'O', (byte)'K' };

        private OmgClient client;

        [SetUp]
        public void CreateClient() => client = OmgClient.Stage();

        [TearDown]
        public void DisposeClient() => client.Dispose();

        private string Signed(string kind, params string[] pairs)
        {
            var fields = new Dictionary<string, string>();
            for (int i = 0; i < pairs.Length; i += 2) fields[pairs[i]] = pairs[i + 1];
            return client.SignTestNotification(kind, fields);
        }

        /// <summary>Serves <paramref name="handler"/> on loopback, posts <paramref name="body"/>, returns the wire reply.</summary>
        private static RawReply Exchange(NotificationHandler handler, string body, Func<HttpListenerContext, Task> before = null)
        {
            using (var endpoint = new Loopback(async context =>
            {
                if (before != null) await before(context);
                await handler.HandleAsync(context);
            }))
                return endpoint.Post(body);
        }

        private static void AssertExactlyAck(RawReply reply)
        {
            Assert.AreEqual(200, reply.Status, reply.Head);
            CollectionAssert.AreEqual(AckBytes, reply.Body, "the body on the wire: " + BitConverter.ToString(reply.Body));
            Assert.AreEqual("4", reply.Header("Content-Length"));
        }

        [Test]
        public void AHandlerThatReturnsNothingIsAnsweredTheFourBytesOfTheAck()
        {
            using (var log = new LogCapture())
            {
                AssertExactlyAck(Exchange(new NotificationHandler(client, n => { }), Signed("payment_result")));
                AssertExactlyAck(Exchange(new NotificationHandler(client, async n => await Task.Yield()), Signed("payment_result")));
                Assert.IsEmpty(log.At(OmgLogLevel.Warning), log.ToString());
                Assert.IsEmpty(log.At(OmgLogLevel.Error), log.ToString());
            }
        }

        [Test]
        public void AHandlerThatReturnsTheAckConstantIsAnsweredExactlyTheAck()
        {
            using (var log = new LogCapture())
            {
                AssertExactlyAck(Exchange(new NotificationHandler(client, n => OmgPayment.Ack), Signed("payment_result")));
                AssertExactlyAck(Exchange(new NotificationHandler(client, async n => { await Task.Yield(); return OmgPayment.Ack; }), Signed("period_charge")));
                AssertExactlyAck(Exchange(new NotificationHandler(client, n => (string)null), Signed("payment_result")));
                Assert.IsEmpty(log.At(OmgLogLevel.Warning), log.ToString());
            }
        }

        [Test]
        public void ANearMissOfTheAckStillAnswersExactlyTheAckAndIsLogged(
            [Values("1|OK\n", "\"1|OK\"", "\uFEFF1|OK", " 1|ok\r\n")] string nearMiss)
        {
            using (var log = new LogCapture())
            {
                AssertExactlyAck(Exchange(new NotificationHandler(client, n => nearMiss), Signed("payment_result", "MerchantTradeNo", "NEARMISS1")));
                var warning = log.At(OmgLogLevel.Warning).Single();
                StringAssert.Contains("not exactly OmgPayment.Ack", warning);
                StringAssert.Contains("NEARMISS1", warning);
            }
        }

        [Test]
        public void AHandlerMayRefuseWithAReasonOrIsAFailureWhenItReturnsAnythingElse()
        {
            using (var log = new LogCapture())
            {
                var refused = Exchange(new NotificationHandler(client, n => "0|unknown order"), Signed("payment_result"));
                Assert.AreEqual(400, refused.Status);
                Assert.AreEqual("0|unknown order", refused.Text);
                var odd = Exchange(new NotificationHandler(client, n => "OK"), Signed("payment_result"));
                Assert.AreEqual(500, odd.Status);
                StringAssert.StartsWith("0|", odd.Text);
                StringAssert.Contains("returned \"OK\"", log.At(OmgLogLevel.Error).Single());
            }
        }

        [Test]
        public void OutputTheApplicationWroteFirstIsLoggedAtErrorAndNotAddedTo()
        {
            using (var log = new LogCapture())
            {
                // What an app that answers the gateway itself, with .NET's BOM-writing UTF-8 and a newline, sends.
                var reply = Exchange(new NotificationHandler(client, n => { }), Signed("payment_result"), context =>
                {
                    var writer = new StreamWriter(context.Response.OutputStream, new UTF8Encoding(true));
                    writer.Write("1|OK\n");
                    writer.Flush();
                    return Task.CompletedTask;
                });
                StringAssert.Contains("\uFEFF1|OK\n", reply.Text);
                StringAssert.DoesNotContain("1|OK\n\r\n4\r\n1|OK", reply.Text, "the helper added its own reply to the application's");
                var error = log.At(OmgLogLevel.Error).Single();
                StringAssert.Contains("the application wrote its own response", error);
            }
        }

        [Test]
        public void ABodyTheApplicationAlreadyReadIsReportedAsSuchNotAsEmpty([Values(false, true)] bool closed)
        {
            bool called = false;
            var errors = new List<Exception>();
            var handler = new NotificationHandler(client, n => { called = true; }) { OnError = errors.Add };
            using (var log = new LogCapture())
            {
                var reply = Exchange(handler, Signed("payment_result"), context =>
                {
                    var reader = new StreamReader(context.Request.InputStream);
                    reader.ReadToEnd();
                    if (closed) reader.Dispose();
                    return Task.CompletedTask;
                });
                Assert.AreEqual(500, reply.Status);
                Assert.AreEqual("0|the request body was already read: the shop must fix its route (see its log)", reply.Text);
                StringAssert.DoesNotContain("empty", reply.Text);
                var error = log.At(OmgLogLevel.Error).Single();
                StringAssert.Contains("already read", error);
                StringAssert.Contains(closed ? "InputStream was closed" : "Content-Length says", error);
                Assert.IsFalse(called);
                Assert.IsInstanceOf<InvalidOperationException>(errors.Single());
            }
        }

        [Test]
        public void ATrulyEmptyBodyIsStillTheGatewaysEmptyBody()
        {
            var reply = Exchange(new NotificationHandler(client, n => { }), "");
            Assert.AreEqual(400, reply.Status);
            StringAssert.Contains("empty", reply.Text);
        }

        [Test]
        public void APeriodChargeOnAPaymentResultRouteIsRefusedAndLoggedWithWhatToRecover()
        {
            bool called = false;
            var handler = new NotificationHandler(client, n => { called = true; }) { Expect = new[] { typeof(PaymentResult) } };
            using (var log = new LogCapture())
            {
                var reply = Exchange(handler, Signed("period_charge", "MerchantTradeNo", "P240101000001", "Amount", "499"));
                Assert.AreEqual(400, reply.Status);
                Assert.AreEqual("0|unexpected notification: period_charge", reply.Text);
                Assert.IsFalse(called);
                var error = log.At(OmgLogLevel.Error).Single();
                StringAssert.Contains("P240101000001", error);
                StringAssert.Contains("amount 499", error);
                StringAssert.Contains("QueryCreditCardPeriodInfo", error);
                StringAssert.Contains("omg query period P240101000001", error);
                // The kinds it expects still reach the handler.
                AssertExactlyAck(Exchange(handler, Signed("payment_result")));
                Assert.IsTrue(called);
            }
        }

        [Test]
        public void ExpectingHandsTheHandlerItsKindAndRefusesTheOthers()
        {
            PeriodCharge charged = null;
            var handler = NotificationHandler.Expecting<PeriodCharge>(client, charge => { charged = charge; });
            CollectionAssert.AreEqual(new[] { typeof(PeriodCharge) }, handler.Expect);
            var refused = Exchange(handler, Signed("payment_result"));
            Assert.AreEqual(400, refused.Status);
            Assert.AreEqual("0|unexpected notification: payment_result", refused.Text);
            Assert.IsNull(charged);
            AssertExactlyAck(Exchange(handler, Signed("period_charge", "MerchantTradeNo", "P240101000002", "Amount", "499")));
            Assert.AreEqual("P240101000002", charged.MerchantTradeNo);
            Assert.AreEqual(499L, charged.Amount);
        }

        [Test]
        public void ExpectingARefusingOrAsyncHandlerKeepsItsReply()
        {
            var refusing = NotificationHandler.Expecting<PaymentResult>(client, paid => OmgPayment.Nack("unknown order " + paid.MerchantTradeNo));
            var reply = Exchange(refusing, Signed("payment_result", "MerchantTradeNo", "A240101000003"));
            Assert.AreEqual(400, reply.Status);
            Assert.AreEqual("0|unknown order A240101000003", reply.Text);
            bool awaited = false;
            var asynchronous = NotificationHandler.Expecting<PaymentResult>(client, async paid => { await Task.Yield(); awaited = paid.IsPaid; });
            AssertExactlyAck(Exchange(asynchronous, Signed("payment_result")));
            Assert.IsTrue(awaited);
            // Notification itself: every kind reaches the handler.
            int seen = 0;
            var any = NotificationHandler.Expecting<Notification>(client, n => { seen++; });
            Assert.AreEqual(0, any.Expect.Count);
            AssertExactlyAck(Exchange(any, Signed("period_charge")));
            Assert.AreEqual(1, seen);
        }

        [Test]
        public void ExpectTakesOnlyNotificationClasses()
        {
            var handler = new NotificationHandler(client, n => { });
            Assert.Throws<ArgumentException>(() => handler.Expect = new[] { typeof(string) });
            Assert.Throws<ArgumentNullException>(() => handler.Expect = null);
            handler.Expect = new[] { typeof(PaymentCodeIssued), typeof(PeriodCharge) };
            Assert.AreEqual(2, handler.Expect.Count);
        }

        [Test]
        public void RefusalsAreWarningsOnTheDefaultTraceSource()
        {
            Assert.AreEqual("Omg.Payment", OmgLog.Source.Name);
            Assert.AreEqual(SourceLevels.Warning, OmgLog.Source.Switch.Level);
            using (var log = new LogCapture(throughTraceSource: true))
            {
                string forged = Signed("payment_result", "TradeAmt", "700").Replace("TradeAmt=700", "TradeAmt=7");
                Assert.AreEqual(400, Exchange(new NotificationHandler(client, n => { }), forged).Status);
                var warning = log.At(OmgLogLevel.Warning).Single();
                StringAssert.Contains("notification refused (HTTP 400): signature error", warning);
                StringAssert.Contains("CheckMacValue", warning);
                // A successful notification logs nothing at the default level.
                AssertExactlyAck(Exchange(new NotificationHandler(client, n => { }), Signed("payment_result")));
                Assert.AreEqual(1, log.At().Count, log.ToString());
            }
        }
    }
}
