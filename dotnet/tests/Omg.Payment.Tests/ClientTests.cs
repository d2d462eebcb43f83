using System;
using System.Linq;
using NUnit.Framework;

namespace Omg.Payment.Tests
{
    [TestFixture]
    public class ClientTests
    {
        [Test]
        public void StageIsThePublicStageMerchantOnTheStageGateway()
        {
            using (var client = OmgClient.Stage())
            {
                Assert.AreEqual("1000031", client.MerchantId);
                Assert.AreEqual("https://payment-stage.funpoint.com.tw", client.BaseUrl);
                Assert.IsFalse(client.IsProduction);
                Assert.IsTrue(client.Settings.IsStageMerchant);
                Assert.AreEqual("stage", client.Settings.Environment);
            }
        }

        [Test]
        public void OptionsHaveTheDocumentedDefaultsAndUnits()
        {
            using (var client = new OmgClient(new ClientOptions { BaseUrl = "http://127.0.0.1:8090/", ReadTimeout = TimeSpan.FromMilliseconds(2500), Retries = 0 }))
            {
                Assert.AreEqual("http://127.0.0.1:8090", client.BaseUrl);
                Assert.AreEqual("custom", client.Settings.Environment);
                Assert.AreEqual(10.0, client.Settings.ConnectTimeout);
                Assert.AreEqual(2.5, client.Settings.ReadTimeout);
                Assert.AreEqual(0, client.Settings.Retries);
                Assert.AreEqual(1024 * 1024, client.Settings.MaxReplyBytes);
                Assert.IsFalse(client.Settings.HasCreditCheckCode);
            }
        }

        [Test]
        public void BaseUrlWithProductionIsAConflict()
        {
            var e = Assert.Throws<ValidationException>(() => new OmgClient(new ClientOptions { Environment = "production", BaseUrl = "http://127.0.0.1:1" }));
            Assert.IsTrue(e.Errors.Any(f => f.Field == "base_url" && f.Rule == "conflict"), e.Message);
        }

        [Test]
        public void EveryBrokenSettingIsReportedAtOnce()
        {
            var e = Assert.Throws<ValidationException>(() => new OmgClient(new ClientOptions { MerchantId = "2000132", Retries = 11, ConnectTimeout = TimeSpan.Zero }));
            var broken = e.Errors.Select(f => f.Field + ":" + f.Rule).ToList();
            CollectionAssert.IsSubsetOf(new[] { "hash_key:required", "hash_iv:required", "retries:range", "connect_timeout:range" }, broken, string.Join(", ", broken));
        }

        [Test]
        public void ProductionNeedsCredentials()
        {
            var e = Assert.Throws<ValidationException>(() => new OmgClient(new ClientOptions { Environment = "production" }));
            Assert.IsTrue(e.Errors.Any(f => f.Field == "merchant_id" && f.Rule == "required"));
        }

        [Test]
        public void StageRefusesCredentials()
        {
            Assert.Throws<ArgumentException>(() => OmgClient.Stage(new ClientOptions { MerchantId = "2000132" }));
        }

        [Test]
        public void FromEnvironmentWithNothingSetIsTheStageMerchant()
        {
            // The suite runs without OMG_* variables (scripts/test-dotnet.sh unsets them).
            using (var client = OmgClient.FromEnvironment())
                Assert.AreEqual("1000031", client.MerchantId);
        }

        [Test]
        public void SecretsAreNeverPrinted()
        {
            var options = new ClientOptions { MerchantId = "2000132", HashKey = "SecretKey123", HashIv = "SecretIv456", CreditCheckCode = "13579" };
            using (var client = new OmgClient(options))
            {
                foreach (var text in new[] { options.ToString(), client.ToString() })
                {
                    StringAssert.DoesNotContain("SecretKey123", text);
                    StringAssert.DoesNotContain("SecretIv456", text);
                }
                Assert.IsTrue(client.Settings.HasCreditCheckCode);
            }
            var e = Assert.Throws<ValidationException>(() => new OmgClient(new ClientOptions { MerchantId = "2000132", HashKey = "SecretKey123" }));
            StringAssert.DoesNotContain("SecretKey123", e.Message);
        }

        [Test]
        public void ADisposedClientThrowsObjectDisposedException()
        {
            var client = OmgClient.Stage();
            client.Dispose();
            client.Dispose(); // twice is harmless
            Assert.Throws<ObjectDisposedException>(() => client.Checkout(Orders.Card()));
            Assert.Throws<ObjectDisposedException>(() => client.SignTestNotification("payment_result"));
        }

        [Test]
        public void OneClientServesManyThreads()
        {
            using (var client = OmgClient.Stage())
            {
                var body = client.SignTestNotification("payment_result");
                var results = Enumerable.Range(0, 8).AsParallel().Select(_ => client.VerifyNotification(body).DedupeKey).Distinct().ToList();
                Assert.AreEqual(1, results.Count);
            }
        }
    }
}
