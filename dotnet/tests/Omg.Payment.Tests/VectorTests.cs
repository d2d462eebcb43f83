using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>The shared CheckMacValue vectors (tests/vectors/checkmacvalue.json), produced by the real gateways.</summary>
    [TestFixture]
    public class VectorTests
    {
        private static JsonObject Data()
        {
            return (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests/vectors/checkmacvalue.json")));
        }

        [Test]
        public void EveryPublishedVectorSignsToItsExpectedValue()
        {
            var vectors = (List<object>)Data()["vectors"];
            Assert.That(vectors.Count, Is.GreaterThanOrEqualTo(9));
            foreach (JsonObject v in vectors)
            {
                var fields = ((JsonObject)v["params"]).Select(kv => new KeyValuePair<string, string>(kv.Key, (string)kv.Value));
                var method = (string)v.Get("method") == "md5" ? HashMethod.Md5 : HashMethod.Sha256;
                Assert.AreEqual(v["expected"], OmgPayment.CheckMacValue(fields, (string)v["hash_key"], (string)v["hash_iv"], method), (string)v["name"]);
            }
        }

        [Test]
        public void EveryEncodingCaseIsEncodedLikeDotNet()
        {
            // Independent computation: SHA-256 over the pre-image the vector file spells out.
            foreach (JsonObject c in (List<object>)Data()["encoding"])
            {
                string preimage = "hashkey%3dk%26a%3d" + (string)c["expected"] + "%26hashiv%3di";
                string expected;
                using (var sha = SHA256.Create())
                    expected = string.Concat(sha.ComputeHash(Encoding.ASCII.GetBytes(preimage)).Select(b => b.ToString("X2")));
                var fields = new Dictionary<string, string> { { "A", (string)c["input"] } };
                Assert.AreEqual(expected, OmgPayment.CheckMacValue(fields, "k", "i"), "input " + c["input"]);
            }
        }

        [Test]
        public void ACheckMacValueAmongTheFieldsIsIgnored()
        {
            var fields = new Dictionary<string, string> { { "A", "1" } };
            string mac = OmgPayment.CheckMacValue(fields, "k", "i");
            fields["CheckMacValue"] = "anything";
            Assert.AreEqual(mac, OmgPayment.CheckMacValue(fields, "k", "i"));
        }
    }
}
