using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Formatters.Binary;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Web.Script.Serialization;
using System.Xml.Serialization;
using NUnit.Framework;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// Issue 21 item 10: HashKey, HashIV and CreditCheckCode set on <see cref="ClientOptions"/>
    /// never show in what a serializer, reflection or a debugger reads from it; the client still
    /// gets them.
    /// </summary>
    [TestFixture]
    public class ClientOptionsSecretsTests
    {
        private const string Key = "SecretKey0000XyZ";
        private const string Iv = "SecretIv0000AbCd";
        private const string CheckCode = "SecretCode4242";

        private static ClientOptions Options()
        {
            return new ClientOptions
            {
                MerchantId = "2000132", HashKey = Key, HashIv = Iv, CreditCheckCode = CheckCode,
                BaseUrl = "http://127.0.0.1:9", ReadTimeout = TimeSpan.FromSeconds(5), Retries = 1,
            };
        }

        private static void AssertNoSecret(string text, string what)
        {
            Assert.IsNotEmpty(text, what + " wrote nothing: the test would prove nothing");
            StringAssert.Contains("2000132", text, what + " did not write the options at all: " + text);
            foreach (var secret in new[] { Key, Iv, CheckCode })
                StringAssert.DoesNotContain(secret, text, what + " shows a secret: " + text);
        }

        [Test]
        public void XmlSerializerShowsNoSecret()
        {
            var writer = new StringWriter();
            new XmlSerializer(typeof(ClientOptions)).Serialize(writer, Options());
            AssertNoSecret(writer.ToString(), "XmlSerializer");
        }

        [Test]
        public void DataContractSerializersShowNoSecret()
        {
            var json = new MemoryStream();
            new DataContractJsonSerializer(typeof(ClientOptions)).WriteObject(json, Options());
            AssertNoSecret(Encoding.UTF8.GetString(json.ToArray()), "DataContractJsonSerializer");
            var xml = new MemoryStream();
            new DataContractSerializer(typeof(ClientOptions)).WriteObject(xml, Options());
            AssertNoSecret(Encoding.UTF8.GetString(xml.ToArray()), "DataContractSerializer");
        }

        [Test]
        public void JavaScriptSerializerShowsNoSecret()
        {
            AssertNoSecret(new JavaScriptSerializer().Serialize(Options()), "JavaScriptSerializer");
        }

        [Test]
        public void BinaryFormatterRefusesTheOptions()
        {
            Assert.Throws<SerializationException>(() => new BinaryFormatter().Serialize(new MemoryStream(), Options()));
        }

        [Test]
        public void ReflectionOverPublicPropertiesAndFieldsShowsNoSecret()
        {
            var options = Options();
            var sb = new StringBuilder();
            foreach (var p in typeof(ClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
                if (p.CanRead && p.GetIndexParameters().Length == 0) sb.Append(p.Name).Append('=').Append(p.GetValue(options)).Append(';');
            foreach (var f in typeof(ClientOptions).GetFields(BindingFlags.Public | BindingFlags.Instance))
                sb.Append(f.Name).Append('=').Append(f.GetValue(options)).Append(';');
            AssertNoSecret(sb.ToString(), "public properties and fields");
            foreach (var name in new[] { "HashKey", "HashIv", "CreditCheckCode" })
                Assert.IsNull(typeof(ClientOptions).GetProperty(name).GetGetMethod(true), name + " has a getter");
        }

        [Test]
        public void ADebuggerViewShowsNoSecret()
        {
            var options = Options();
            AssertNoSecret(options.ToString(), "ToString");
            var display = typeof(ClientOptions).GetCustomAttribute<DebuggerDisplayAttribute>();
            Assert.AreEqual("{ToString(),nq}", display.Value);
            AssertNoSecret(DebuggerView(options, 0), "the debugger's view");
        }

        /// <summary>What a debugger lists for <paramref name="value"/>: every field (public or not)
        /// it may browse, each shown by its DebuggerDisplay or ToString, expanded two levels.</summary>
        private static string DebuggerView(object value, int depth)
        {
            if (value == null) return "null";
            var type = value.GetType();
            var sb = new StringBuilder();
            var display = type.GetCustomAttribute<DebuggerDisplayAttribute>();
            sb.Append(display != null && !display.Value.Contains("{") ? display.Value : value.ToString());
            if (depth >= 2 || type.IsPrimitive || value is string || value is IEnumerable) return sb.ToString();
            for (var t = type; t != null && t != typeof(object); t = t.BaseType)
                foreach (var f in t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    var browsable = f.GetCustomAttribute<DebuggerBrowsableAttribute>();
                    if (browsable != null && browsable.State == DebuggerBrowsableState.Never) continue;
                    sb.Append(" {").Append(f.Name).Append('=').Append(DebuggerView(f.GetValue(value), depth + 1)).Append('}');
                }
            return sb.ToString();
        }

        [Test]
        public void TheClientStillSignsWithTheKeysGiven()
        {
            using (var sim = new Sim())
            using (var client = new OmgClient(new ClientOptions { MerchantId = Repo.StageId, HashKey = Repo.StageKey, HashIv = Repo.StageIv, BaseUrl = sim.BaseUrl }))
            using (var stage = OmgClient.Stage())
            {
                // The stage merchant's own keys: a body one signs the other verifies, and the gateway accepts them.
                Assert.AreEqual("1000031", stage.VerifyNotification(client.SignTestNotification("payment_result")).MerchantId);
                Assert.IsTrue(client.CheckCredentials());
            }
            Assert.Throws<ArgumentException>(() => OmgClient.Stage(new ClientOptions { HashKey = Key }));
        }
    }
}
