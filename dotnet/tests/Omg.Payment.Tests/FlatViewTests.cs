using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NUnit.Framework;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// VerifyNotification reads the library's flat view (FlatReader); the notification helper reads
    /// the JSON view. Both must give the same notification, property by property, for every kind
    /// and for the values of the shared CheckMacValue vectors (tests/vectors: CJK, quotes, escapes).
    /// </summary>
    [TestFixture]
    public class FlatViewTests
    {
        private static readonly string[] Kinds = { "payment_result", "atm_code_issued", "cvs_code_issued", "barcode_code_issued", "period_charge" };

        /// <summary>Every value of the shared vectors, as custom fields and one unknown field each.</summary>
        private static IEnumerable<Dictionary<string, string>> VectorValues()
        {
            var data = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests/vectors/checkmacvalue.json")));
            var values = new List<string>();
            foreach (JsonObject v in (List<object>)data["vectors"])
                foreach (var kv in (JsonObject)v["params"])
                    values.Add((string)kv.Value);
            foreach (JsonObject c in (List<object>)data["encoding"]) values.Add((string)c["input"]);
            for (int i = 0; i < values.Count; i += 4)
            {
                var fields = new Dictionary<string, string>();
                for (int j = 0; j < 4 && i + j < values.Count; j++) fields["CustomField" + (j + 1)] = values[i + j];
                fields["X_" + i] = values[i];
                yield return fields;
            }
        }

        private static void AssertSame(Notification json, Notification flat, string what)
        {
            Assert.AreEqual(json.GetType(), flat.GetType(), what);
            int compared = 0;
            foreach (var p in json.GetType().GetProperties())
            {
                object a = p.GetValue(json), b = p.GetValue(flat);
                if (a is IEnumerable list && !(a is string))
                    CollectionAssert.AreEqual(list.Cast<object>().ToList(), ((IEnumerable)b).Cast<object>().ToList(), what + "." + p.Name);
                else
                    Assert.AreEqual(a, b, what + "." + p.Name);
                compared++;
            }
            Assert.That(compared, Is.GreaterThanOrEqualTo(12), what);
        }

        [Test]
        public void TheFlatViewReadsAsTheJsonViewForEveryKindAndEveryVectorValue()
        {
            using (var client = OmgClient.Stage())
            {
                int checkedBodies = 0;
                foreach (string kind in Kinds)
                {
                    foreach (var fields in VectorValues().Concat(new[] { new Dictionary<string, string>() }))
                    {
                        byte[] body = Encoding.UTF8.GetBytes(client.SignTestNotification(kind, fields));
                        var viaJson = client.Receive("POST", "application/x-www-form-urlencoded", body).Notification;
                        Assert.IsNotNull(viaJson, kind);
                        AssertSame(viaJson, client.VerifyNotification(body), kind);
                        AssertSame(viaJson, client.VerifyNotification(viaJson.Raw.ToDictionary()), kind + " (fields)");
                        checkedBodies++;
                    }
                }
                Assert.That(checkedBodies, Is.GreaterThan(Kinds.Length * 2));
            }
        }

        /// <summary>The reader reuses the string of a short text read before (a cache of 512 slots by
        /// a hash of the bytes, a hit confirmed byte by byte). Thousands of random values of one
        /// length, differing in one character, put many texts in each slot: every value must still
        /// read back as itself, typed and raw.</summary>
        [Test]
        public void ShortTextsThatShareACacheSlotReadBackAsThemselves()
        {
            var random = new System.Random(512);
            const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            using (var client = OmgClient.Stage())
            {
                for (int round = 0; round < 60; round++)
                {
                    var fields = new Dictionary<string, string>();
                    string tradeNo = "T" + round.ToString("D3") + "X";
                    fields["TradeNo"] = tradeNo;
                    for (int f = 0; f < 40; f++)
                    {
                        var value = new StringBuilder("V_same_prefix_");
                        for (int c = 0; c < 6; c++) value.Append(Digits[random.Next(Digits.Length)]);
                        fields["X" + f] = value.ToString();
                    }
                    var result = (PaymentResult)client.VerifyNotification(client.SignTestNotification("payment_result", fields));
                    Assert.AreEqual(tradeNo, result.TradeNo);
                    foreach (var kv in fields) Assert.AreEqual(kv.Value, result.Raw[kv.Key], kv.Key);
                }
            }
        }
    }
}
