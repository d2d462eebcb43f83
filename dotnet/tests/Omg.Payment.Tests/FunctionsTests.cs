using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>The module's functions every language has (the contract's operations): Explain,
    /// DescribeCode, KnownCodes and SignTestNotification, as Python, Node and PHP offer them.</summary>
    [TestFixture]
    public class FunctionsTests
    {
        [Test]
        public void ExplainShowsThePreimageWithTheKeysMaskedAndThePublishedCheckMacValue()
        {
            var data = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests/vectors/checkmacvalue.json")));
            var v = (JsonObject)((List<object>)data["vectors"]).First(x => (string)((JsonObject)x).Get("method") != "md5");
            var fields = ((JsonObject)v["params"]).Select(kv => new KeyValuePair<string, string>(kv.Key, (string)kv.Value)).ToList();
            var e = OmgPayment.Explain(fields, (string)v["hash_key"], (string)v["hash_iv"]);
            Assert.AreEqual(v["expected"], e.CheckMacValue, (string)v["name"]);
            Assert.AreEqual("sha256", e.Method);
            StringAssert.StartsWith("HashKey=****&", e.SortedPreimage);
            StringAssert.EndsWith("&HashIV=****", e.SortedPreimage);
            StringAssert.DoesNotContain((string)v["hash_key"], e.SortedPreimage + e.Encoded);
        }

        [Test]
        public void DescribeCodeAndKnownCodesFollowTheCatalogue()
        {
            // protocol.md §7: 10200047 is "order not found", 10200073 a CheckMacValue error.
            var notFound = OmgPayment.DescribeCode(10200047);
            Assert.AreEqual(new object[] { 10200047L, "not_found", true }, new object[] { notFound.Code, notFound.Category, notFound.Confirmed });
            Assert.AreEqual("signature", OmgPayment.DescribeCode(10200073).Category);
            var unknown = OmgPayment.DescribeCode(424242);
            Assert.AreEqual(new object[] { "unknown", false }, new object[] { unknown.Category, unknown.Confirmed });
            var known = OmgPayment.KnownCodes();
            Assert.IsTrue(known.Any(c => c.Code == 10200047 && c.Category == "not_found"));
            Assert.IsFalse(known.Any(c => c.Code == 424242));
        }

        [Test]
        public void SignTestNotificationMakesABodyAClientOfTheSameKeysVerifies()
        {
            using (var client = new OmgClient(new ClientOptions { MerchantId = Repo.StageId, HashKey = Repo.StageKey, HashIv = Repo.StageIv }))
            {
                var fields = new Dictionary<string, string> { { "MerchantID", Repo.StageId }, { "MerchantTradeNo", "F1" }, { "TradeAmt", "1200" } };
                var n = (PaymentResult)client.VerifyNotification(OmgPayment.SignTestNotification(fields, Repo.StageKey, Repo.StageIv, "payment_result"));
                Assert.AreEqual(new object[] { "F1", 1200L }, new object[] { n.MerchantTradeNo, n.TradeAmt });
                Assert.Throws<SignatureException>(() => client.VerifyNotification(OmgPayment.SignTestNotification(fields, "otherkey12345678", Repo.StageIv)));
            }
        }
    }
}
