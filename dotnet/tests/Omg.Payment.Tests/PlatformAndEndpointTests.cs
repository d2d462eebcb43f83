using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// The PlatformId option (protocol.md §6: PlatformID is optional on all four signed server
    /// APIs, for a platform merchant acting for its sub-merchant) and the endpoint argument of
    /// VerifyNotification (which URL received the notification decides its kind).
    /// </summary>
    [TestFixture]
    public class PlatformAndEndpointTests
    {
        private static Dictionary<string, string> Form(string body)
        {
            return body.Split('&').Select(p => p.Split(new[] { '=' }, 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        }

        private static OmgClient Client(ReplyServer gateway, string platformId)
        {
            return new OmgClient(new ClientOptions
            {
                MerchantId = Repo.StageId, HashKey = Repo.StageKey, HashIv = Repo.StageIv,
                BaseUrl = gateway.BaseUrl, Retries = 0, PlatformId = platformId,
            });
        }

        [Test]
        public void PlatformIdIsASetting()
        {
            using (var client = new OmgClient(new ClientOptions { PlatformId = "3002607" }))
                Assert.AreEqual("3002607", client.Settings.PlatformId);
            using (var client = new OmgClient(new ClientOptions()))
                Assert.IsNull(client.Settings.PlatformId);
            using (var client = new OmgClient(new ClientOptions { PlatformId = "" }))
                Assert.IsNull(client.Settings.PlatformId, "empty is none");
        }

        /// <summary>Makes a call whose request is what matters: its reply may be refused.</summary>
        private static void Send(System.Action call)
        {
            try
            {
                call();
            }
            catch (OmgException)
            {
            }
        }

        [Test]
        public void PlatformIdIsSentOnTheServerApisAndCoveredByTheSignature()
        {
            using (var gateway = new ReplyServer())
            {
                // Any reply: the request is what is checked here.
                gateway.Body = "{\"RtnCode\":1,\"RtnMsg\":\"OK\"}";
                using (var platform = Client(gateway, "3002607"))
                {
                    Send(() => platform.QueryPeriod("OM2611251000P1"));
                    var sent = Form(gateway.LastRequest);
                    Assert.AreEqual("3002607", sent["PlatformID"]);
                    Assert.AreEqual("1000031", sent["MerchantID"]);

                    // The same request without PlatformID signs differently: the field is signed.
                    using (var plain = Client(gateway, null))
                    {
                        Send(() => plain.QueryPeriod("OM2611251000P1"));
                        var plainSent = Form(gateway.LastRequest);
                        Assert.IsFalse(plainSent.ContainsKey("PlatformID"));
                        Assert.AreNotEqual(sent["CheckMacValue"], plainSent["CheckMacValue"]);
                    }

                    Send(() => platform.Capture("OM2611251000A1", "2611251000001234", 1200));
                    Assert.AreEqual("3002607", Form(gateway.LastRequest)["PlatformID"]);
                }
            }
        }

        [Test]
        public void TheEndpointFixesTheKind()
        {
            using (var client = OmgClient.Stage())
            {
                // A failed ATM code issue (RtnCode not 2) without code fields reads as a failed
                // payment unless the caller says it came to PaymentInfoURL.
                var fields = new Dictionary<string, string> { { "RtnCode", "10100058" }, { "RtnMsg", "fail" }, { "PaymentType", "ATM_LAND" } };
                string body = client.SignTestNotification("payment_result", fields);
                Assert.AreEqual("payment_result", client.VerifyNotification(body).Kind);
                Assert.AreEqual("payment_code_issued", client.VerifyNotification(body, "payment_info_url").Kind);
                Assert.AreEqual("payment_code_issued", client.VerifyNotification(body, "PaymentInfoURL").Kind);
                var parsed = Form(body).ToDictionary(kv => kv.Key, kv => System.Uri.UnescapeDataString(kv.Value.Replace('+', ' ')));
                Assert.AreEqual("payment_code_issued", client.VerifyNotification(parsed, "payment_info_url").Kind);
                var e = Assert.Throws<ValidationException>(() => client.VerifyNotification(body, "notify_url"));
                Assert.AreEqual("endpoint", e.Errors.First().Field);
            }
        }
    }
}
