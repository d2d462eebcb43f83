using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// The cross-language scenarios (tests/scenarios/*.json, format in its README), run through the
    /// C# surface, snake_case names re-cased to PascalCase properties:
    /// <list type="bullet">
    /// <item><c>settings</c>: ClientOptions in, <see cref="OmgClient.Settings"/> out. A case whose
    /// input C#'s types cannot even express (an unknown option name, text where a TimeSpan goes)
    /// is a compile error here, not a run-time one: it is listed and skipped.</item>
    /// <item><c>verify_notification</c>: <see cref="OmgClient.VerifyNotification(string, string)"/>.</item>
    /// <item><c>parse_reply</c>: the reply served by a loopback HTTP server to the real OmgClient
    /// call (BaseUrl option), as the gateway would send it.</item>
    /// </list>
    /// </summary>
    [TestFixture]
    public class ScenarioTests
    {
        private static string Pascal(string snake)
        {
            return string.Concat(snake.Split('_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        }

        /// <summary>Sets one option; false when C# cannot express the value.</summary>
        private static bool Set(ClientOptions options, string name, object value)
        {
            PropertyInfo property = typeof(ClientOptions).GetProperty(Pascal(name));
            if (property == null) return false;
            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(string) && value is string) property.SetValue(options, value);
            else if (type == typeof(TimeSpan) && (value is long || value is double)) property.SetValue(options, TimeSpan.FromSeconds(Convert.ToDouble(value)));
            else if (type == typeof(int) && value is long) property.SetValue(options, (int)(long)value);
            else if (type == typeof(long) && value is long) property.SetValue(options, value);
            else return false;
            return true;
        }

        private static object Setting(ClientSettings settings, string name)
        {
            return typeof(ClientSettings).GetProperty(Pascal(name)).GetValue(settings);
        }

        private static readonly string[] Ops = { "settings", "verify_notification", "parse_reply", "receive" };

        /// <summary>Every case of every tests/scenarios/*.json whose op is <paramref name="op"/>,
        /// each named "file: case".</summary>
        private static List<KeyValuePair<string, JsonObject>> Cases(string op)
        {
            var found = new List<KeyValuePair<string, JsonObject>>();
            foreach (string path in Directory.GetFiles(Path.Combine(Repo.Root, "tests/scenarios"), "*.json").OrderBy(p => p, StringComparer.Ordinal))
            {
                var file = (JsonObject)JsonReader.Parse(File.ReadAllText(path));
                foreach (JsonObject c in (List<object>)file["cases"])
                    if ((string)c["op"] == op) found.Add(new KeyValuePair<string, JsonObject>(Path.GetFileName(path) + ": " + c["name"], c));
            }
            Assert.IsNotEmpty(found, "no " + op + " scenarios");
            return found;
        }

        [Test]
        public void EveryScenarioOpHasARunner()
        {
            foreach (string path in Directory.GetFiles(Path.Combine(Repo.Root, "tests/scenarios"), "*.json"))
                foreach (JsonObject c in (List<object>)((JsonObject)JsonReader.Parse(File.ReadAllText(path)))["cases"])
                    Assert.Contains(c["op"], Ops, Path.GetFileName(path) + ": " + c["name"]);
        }

        [Test]
        public void TheSettingsScenarios()
        {
            int ran = 0;
            var skipped = new List<string>();
            foreach (var named in Cases("settings"))
            {
                string name = named.Key;
                JsonObject c = named.Value;
                var options = new ClientOptions();
                if (!((JsonObject)c["input"]).All(kv => Set(options, kv.Key, kv.Value)))
                {
                    skipped.Add(name);
                    continue;
                }
                ran++;
                var expect = (JsonObject)c["expect"];
                var error = expect.Get("error") as JsonObject;
                if (error != null)
                {
                    var e = Assert.Throws<ValidationException>(() => new OmgClient(options).Dispose(), name);
                    Assert.AreEqual(error["kind"], e.Kind, name);
                    Assert.IsTrue(e.Errors.Any(f => f.Field == (string)error["field"] && f.Rule == (string)error["rule"]),
                        name + ": " + string.Join(", ", e.Errors.Select(f => f.Field + ":" + f.Rule)));
                    continue;
                }
                using (var client = new OmgClient(options))
                    foreach (var kv in expect)
                    {
                        object got = Setting(client.Settings, kv.Key);
                        if (kv.Value is double || got is double) Assert.AreEqual(Convert.ToDouble(kv.Value), Convert.ToDouble(got), 1e-9, name + ": " + kv.Key);
                        else Assert.AreEqual(kv.Value, got, name + ": " + kv.Key);
                    }
            }
            Console.WriteLine("settings scenarios: " + ran + " run, skipped (not expressible in C#): " + string.Join("; ", skipped));
            Assert.That(ran, Is.GreaterThanOrEqualTo(25));
        }

        /// <summary>A client of the case's merchant (input.keys, else the public stage merchant).</summary>
        private static ClientOptions Keys(JsonObject input, string baseUrl = null)
        {
            var keys = input.Get("keys") as JsonObject ?? new JsonObject();
            return new ClientOptions
            {
                MerchantId = keys.Get("merchant_id") as string ?? Repo.StageId,
                HashKey = keys.Get("hash_key") as string ?? Repo.StageKey,
                HashIv = keys.Get("hash_iv") as string ?? Repo.StageIv,
                CreditCheckCode = keys.Get("credit_check_code") as string ?? Repo.SimCreditCheckCode,
                BaseUrl = baseUrl,
                Retries = 0,
            };
        }

        /// <summary>The property <paramref name="snake"/> (PascalCased) of <paramref name="target"/>.</summary>
        private static object Property(object target, string snake, string name)
        {
            PropertyInfo property = target.GetType().GetProperty(Pascal(snake));
            Assert.IsNotNull(property, name + ": " + target.GetType().Name + " has no property " + Pascal(snake));
            return property.GetValue(target);
        }

        /// <summary>Numbers compare as numbers, text as text, null as absent.</summary>
        private static void AssertValue(object expected, object got, string what)
        {
            if (expected == null) Assert.IsNull(got, what);
            else if (expected is long || expected is double)
            {
                Assert.IsNotNull(got, what);
                Assert.AreEqual(Convert.ToDouble(expected), Convert.ToDouble(got), 0.0, what);
            }
            else Assert.AreEqual(expected, got, what);
        }

        /// <summary>The error <paramref name="expected"/> ({kind, field, rule, rtn_code}) is <paramref name="e"/>.</summary>
        private static void AssertError(JsonObject expected, OmgException e, string name)
        {
            string what = name + ": " + e.GetType().Name + ": " + e.Message;
            string kind = (string)expected["kind"];
            if (kind == "not_found")
            {
                Assert.IsInstanceOf<GatewayException>(e, what);
                Assert.AreEqual(10200047L, ((GatewayException)e).RtnCode, what);
                // The predicate every language has (issue 24): the same answer as core's is_not_found().
                var g = (GatewayException)e;
                Assert.AreEqual(new[] { true, false, false }, new[] { g.IsNotFound, g.IsDuplicate, g.IsAlreadyStopped }, what);
            }
            else Assert.AreEqual(kind, e.Kind, what);
            if (expected.ContainsKey("field") || expected.ContainsKey("rule"))
            {
                Assert.IsInstanceOf<ValidationException>(e, what);
                FieldError first = ((ValidationException)e).Errors.First();
                if (expected.ContainsKey("field")) Assert.AreEqual(expected["field"], first.Field, what);
                if (expected.ContainsKey("rule")) Assert.AreEqual(expected["rule"], first.Rule, what);
            }
            if (expected.ContainsKey("rtn_code"))
            {
                Assert.IsInstanceOf<GatewayException>(e, what);
                AssertValue(expected["rtn_code"], ((GatewayException)e).RtnCode, what);
            }
        }

        [Test]
        public void TheNotificationScenarios()
        {
            int ran = 0;
            foreach (var named in Cases("verify_notification"))
            {
                string name = named.Key;
                var input = (JsonObject)named.Value["input"];
                var expect = (JsonObject)named.Value["expect"];
                using (var client = new OmgClient(Keys(input)))
                {
                    Notification n;
                    try
                    {
                        n = client.VerifyNotification((string)input["body"], input.Get("endpoint") as string);
                    }
                    catch (OmgException e)
                    {
                        Assert.IsTrue(expect.ContainsKey("error"), name + ": " + e.GetType().Name + ": " + e.Message);
                        AssertError((JsonObject)expect["error"], e, name);
                        ran++;
                        continue;
                    }
                    Assert.IsFalse(expect.ContainsKey("error"), name + ": expected an error, got " + n.Kind);
                    foreach (string prop in new[] { "kind", "is_paid", "is_simulated", "dedupe_key" })
                        if (expect.ContainsKey(prop)) AssertValue(expect[prop], Property(n, prop, name), name + ": " + prop);
                    if (expect.Get("accessors") is JsonObject accessors)
                        foreach (var kv in accessors)
                            AssertValue(kv.Value, Property(n, kv.Key, name), name + ": " + kv.Key);
                    ran++;
                }
            }
            Console.WriteLine("verify_notification scenarios: " + ran + " run");
        }

        /// <summary>The OmgClient call a parse_reply case's <c>api</c> stands for.</summary>
        private static object Call(OmgClient client, string api, JsonObject args)
        {
            Func<string, string> text = k => (string)args[k];
            switch (api)
            {
                case "query_trade_info": return client.QueryTrade(text("merchant_trade_no"));
                case "query_period_info": return client.QueryPeriod(text("merchant_trade_no"));
                case "period_action": return client.CancelPeriod(text("merchant_trade_no"));
                case "do_action": return client.Capture(text("merchant_trade_no"), text("trade_no"), (long)args["amount"]);
                case "query_credit_detail": return client.QueryCreditDetail(text("credit_refund_id"), (long)args["credit_amount"]);
                default: throw new AssertionException("unknown api " + api);
            }
        }

        [Test]
        public void TheReplyScenarios()
        {
            int ran = 0;
            using (var gateway = new ReplyServer())
                foreach (var named in Cases("parse_reply"))
                {
                    string name = named.Key;
                    var input = (JsonObject)named.Value["input"];
                    var expect = (JsonObject)named.Value["expect"];
                    gateway.Body = (string)input["body"];
                    using (var client = new OmgClient(Keys(input, gateway.BaseUrl)))
                    {
                        object result;
                        try
                        {
                            result = Call(client, (string)input["api"], input.Get("args") as JsonObject ?? new JsonObject());
                        }
                        catch (OmgException e)
                        {
                            Assert.IsTrue(expect.ContainsKey("error"), name + ": " + e.GetType().Name + ": " + e.Message);
                            AssertError((JsonObject)expect["error"], e, name);
                            ran++;
                            continue;
                        }
                        Assert.IsFalse(expect.ContainsKey("error"), name + ": expected an error, got a " + result.GetType().Name);
                        foreach (var kv in (JsonObject)expect["result"])
                            AssertValue(kv.Value, Property(result, kv.Key, name), name + ": " + kv.Key);
                        ran++;
                    }
                }
            Console.WriteLine("parse_reply scenarios: " + ran + " run");
        }
    }
}
