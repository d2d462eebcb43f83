using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// The type probe: dotnet/tests/TypeProbe/Mistakes.cs holds deliberate mistakes a merchant
    /// makes (the same as the Node and Python probes), each on a line marked MISTAKE, and the ones
    /// C#'s types cannot express on lines marked UNCAUGHT. Compiled with mcs against this
    /// Omg.Payment.dll, every MISTAKE line must be an error and no other line.
    /// </summary>
    [TestFixture]
    public class TypeProbeTests
    {
        [Test]
        public void McsReportsEveryMarkedMistakeAndNothingElse()
        {
            string probe = Path.Combine(Repo.Root, "dotnet/tests/TypeProbe/Mistakes.cs");
            string[] lines = File.ReadAllLines(probe);
            var mistakes = Marked(lines, "// MISTAKE:");
            var uncaught = Marked(lines, "// UNCAUGHT:");
            Assert.GreaterOrEqual(mistakes.Count, 8, "the probe lists its mistakes");
            Assert.GreaterOrEqual(uncaught.Count, 4, "and the ones no type catches");

            string output = Path.Combine(Path.GetTempPath(), "omg-type-probe-" + Process.GetCurrentProcess().Id + ".dll");
            var start = new ProcessStartInfo("mcs", "-nologo -target:library -out:\"" + output + "\" -r:\"" +
                                             typeof(OmgClient).Assembly.Location + "\" \"" + probe + "\"")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            string printed;
            using (var mcs = Process.Start(start))
            {
                var stderr = mcs.StandardError.ReadToEndAsync();
                printed = mcs.StandardOutput.ReadToEnd() + stderr.Result;
                mcs.WaitForExit();
                Assert.AreNotEqual(0, mcs.ExitCode, printed);
            }
            File.Delete(output);

            var reported = Regex.Matches(printed, @"Mistakes\.cs\((\d+),\d+\): error CS\d+")
                .Cast<Match>().Select(m => int.Parse(m.Groups[1].Value)).Distinct().OrderBy(n => n).ToList();
            CollectionAssert.AreEqual(mistakes, reported, printed);
            Assert.IsFalse(Regex.IsMatch(printed, @"Mistakes\.cs\(\d+,\d+\): warning"), printed);
        }

        private static List<int> Marked(string[] lines, string marker)
        {
            return Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker)).Select(i => i + 1).ToList();
        }
    }
}
