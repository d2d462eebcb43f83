using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using Omg.Payment.Hosting;
using Omg.Payment.Json;

namespace Omg.Payment.Tests
{
    /// <summary>The receive scenarios (tests/scenarios/receive.json): one HTTP request each,
    /// written byte for byte over loopback to an HttpListener whose routes are
    /// <see cref="NotificationHandler"/>s with the handler the case names. Every web helper (and
    /// omg-core) gives each case the same status and reply.</summary>
    [TestFixture]
    public class ReceiveScenarioTests
    {
        [Test]
        public void TheReceiveScenarios()
        {
            using (var client = OmgClient.Stage())
            {
                var behaviours = new Dictionary<string, Func<Notification, string>>
                {
                    { "returns_nothing", n => null },
                    { "returns_ack", n => OmgPayment.Ack },
                    { "throws", n => throw new InvalidOperationException("the shop database is down") },
                };
                var routes = new Dictionary<string, NotificationHandler>();
                foreach (var behaviour in behaviours)
                {
                    routes["/" + behaviour.Key] = new NotificationHandler(client, behaviour.Value);
                    routes["/" + behaviour.Key + "/payment_result"] =
                        new NotificationHandler(client, behaviour.Value) { Expect = new[] { typeof(PaymentResult) } };
                }
                using (var server = new Loopback(context => routes[context.Request.Url.AbsolutePath].HandleAsync(context)))
                {
                    var file = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests/scenarios/receive.json")));
                    int ran = 0;
                    var failures = new List<string>();
                    foreach (JsonObject c in (List<object>)file["cases"])
                    {
                        var input = (JsonObject)c["input"];
                        var expect = (JsonObject)c["expect"];
                        string handler = (string)input["handler"];
                        if (handler == "exits") continue; // only a PHP handler can exit the request
                        byte[] body = input.Get("body_hex") is string hex
                            ? Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(2 * i, 2), 16)).ToArray()
                            : Encoding.UTF8.GetBytes((string)input["body"]);
                        string path = "/" + handler + (input.Get("expect_kind") is string kind ? "/" + kind : "");
                        var reply = server.Send((string)input["method"], path, input.Get("content_type") as string, body);
                        string want = expect["status"] + " " + expect["reply"];
                        string got = reply.Status + " " + reply.Text;
                        if (got != want) failures.Add(c["name"] + ": got " + got + ", want " + want);
                        ran++;
                    }
                    Assert.IsEmpty(failures, string.Join("\n", failures));
                    Assert.GreaterOrEqual(ran, 15);
                }
            }
        }
    }
}
