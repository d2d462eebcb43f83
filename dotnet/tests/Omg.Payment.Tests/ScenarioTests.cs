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
    /// The cross-language scenarios (tests/scenarios/*.json), run through the C# surface: settings
    /// names re-cased to ClientOptions' PascalCase properties, results read from
    /// <see cref="OmgClient.Settings"/>. A case whose input C#'s types cannot even express (an
    /// unknown option name, text where a TimeSpan goes) is a compile error here, not a run-time
    /// one: it is listed and skipped.
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

        [Test]
        public void TheSettingsScenarios()
        {
            var file = (JsonObject)JsonReader.Parse(File.ReadAllText(Path.Combine(Repo.Root, "tests/scenarios/settings.json")));
            int ran = 0;
            var skipped = new List<string>();
            foreach (JsonObject c in (List<object>)file["cases"])
            {
                string name = (string)c["name"];
                Assert.AreEqual("settings", c["op"], name);
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
    }
}
