using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Omg.Payment.Hosting;

namespace Omg.Payment.Tests
{
    /// <summary>The HttpListener notification helper over real loopback HTTP.</summary>
    [TestFixture]
    public class HostingTests
    {
        private OmgClient client;
        private Loopback endpoint;
        private string url;
        private Func<Notification, Task> handler;
        private readonly List<Exception> errors = new List<Exception>();

        [SetUp]
        public void Start()
        {
            client = OmgClient.Stage();
            var notifications = new NotificationHandler(client, n => handler(n)) { OnError = e => { lock (errors) errors.Add(e); } };
            endpoint = new Loopback(notifications.HandleAsync);
            url = endpoint.Url;
        }

        [TearDown]
        public void Stop()
        {
            endpoint.Dispose();
            client.Dispose();
        }

        [Test]
        public void AGenuineNotificationIsAnsweredOneOkAfterTheHandlerReturns()
        {
            var release = new ManualResetEventSlim(false);
            Notification received = null;
            handler = n => { received = n; release.Wait(TimeSpan.FromSeconds(30)); return Task.CompletedTask; };
            string body = client.SignTestNotification("payment_result", new Dictionary<string, string> { { "TradeAmt", "700" } });
            var reply = Task.Run(() => Sim.Post(url, body));
            Repo.WaitUntil(() => received != null, "the handler to run");
            Assert.IsFalse(reply.IsCompleted, "the reply must wait for the handler");
            release.Set();
            Assert.AreEqual(200, reply.Result.Key);
            Assert.AreEqual("1|OK", reply.Result.Value);
            Assert.AreEqual(700, ((PaymentResult)received).TradeAmt);
        }

        [Test]
        public void AForgedNotificationNeverReachesTheHandler()
        {
            bool called = false;
            handler = n => { called = true; return Task.CompletedTask; };
            string body = client.SignTestNotification("payment_result", new Dictionary<string, string> { { "TradeAmt", "700" } });
            var reply = Sim.Post(url, body.Replace("TradeAmt=700", "TradeAmt=7"));
            Assert.AreEqual(400, reply.Key);
            StringAssert.StartsWith("0|", reply.Value);
            Assert.IsFalse(called);
            lock (errors) Assert.IsInstanceOf<SignatureException>(errors[0]);
        }

        [Test]
        public void AHandlerThatThrowsMakesTheGatewayTryAgain()
        {
            handler = n => { throw new InvalidOperationException("database down: secret detail"); };
            var reply = Sim.Post(url, client.SignTestNotification("payment_result"));
            Assert.AreEqual(500, reply.Key);
            StringAssert.StartsWith("0|", reply.Value);
            StringAssert.DoesNotContain("secret detail", reply.Value);
        }

        [Test]
        public void AnAsyncHandlerIsAwaited()
        {
            handler = async n => { await Task.Yield(); throw new InvalidOperationException("late failure"); };
            Assert.AreEqual(500, Sim.Post(url, client.SignTestNotification("period_charge")).Key);
        }

        [Test]
        public void OnlyFormPostsAreNotifications()
        {
            handler = n => Task.CompletedTask;
            var get = (HttpWebRequest)WebRequest.Create(url);
            try
            {
                get.GetResponse().Dispose();
                Assert.Fail("a GET was accepted");
            }
            catch (WebException e)
            {
                Assert.AreEqual(405, (int)((HttpWebResponse)e.Response).StatusCode);
            }
            var tooBig = Sim.Post(url, new string('a', OmgPayment.MaxNotificationBytes + 10));
            Assert.AreEqual(413, tooBig.Key);
            StringAssert.StartsWith("0|", tooBig.Value);
        }
    }
}
