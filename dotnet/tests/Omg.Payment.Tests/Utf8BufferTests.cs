using System;
using System.Collections.Generic;
using System.Text;
using NUnit.Framework;
using Omg.Payment.Managed;
using Omg.Payment.Native;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// The arguments' UTF-8 is written by hand (<c>Native/Utf8Buffer.cs</c>) instead of by the
    /// runtime's encoder: held equal to it over random text (ASCII, accented, CJK, emoji as
    /// surrogate pairs, lone surrogates), and CheckMacValue over random fields held equal to the
    /// managed implementation (the vectors are in VectorTests).
    /// </summary>
    [TestFixture]
    public class Utf8BufferTests
    {
        // Characters of every UTF-8 length, and the halves of a pair on their own.
        private static readonly string[] Pieces =
        {
            "a", "Z", "0", " ", "~", "'", "&", "=", "+", "%", "\u007f", "é", "ß", "\u07ff", "\u0800", "手", "機", "殼",
            "\uffff", "😀", "\U0010ffff", "\ud800", "\udfff",
        };

        private static string RandomText(Random random, bool loneSurrogates)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 40);
            while (text.Length < length)
            {
                string piece = Pieces[random.Next(Pieces.Length)];
                if (!loneSurrogates && piece.Length == 1 && char.IsSurrogate(piece[0])) continue;
                text.Append(piece);
            }
            return text.ToString();
        }

        [Test]
        public void AnyTextIsWrittenAsTheRuntimesEncoderWritesIt()
        {
            var strict = new UTF8Encoding(false, true);
            var random = new Random(26);
            for (int i = 0; i < 5000; i++)
            {
                string text = RandomText(random, true);
                Utf8Buffer buffer = Utf8Buffer.Rent();
                buffer.Add("prefix");
                buffer.Add(text);
                byte[] expected;
                try
                {
                    expected = strict.GetBytes("prefix" + text);
                }
                catch (EncoderFallbackException)
                {
                    Assert.IsTrue(buffer.LoneSurrogate, "a lone surrogate is flagged: " + Escaped(text));
                    continue;
                }
                Assert.IsFalse(buffer.LoneSurrogate, Escaped(text));
                Assert.AreEqual(expected, Sub(buffer.Bytes, buffer.Length), Escaped(text));
            }
        }

        [Test]
        public void RandomFieldsSignAsTheManagedImplementationSignsThem()
        {
            var random = new Random(2026);
            for (int i = 0; i < 300; i++)
            {
                var fields = new Dictionary<string, string>();
                int count = random.Next(0, 12);
                for (int f = 0; f < count; f++) fields["F" + f + "_" + RandomText(random, false)] = RandomText(random, false);
                string key = "k" + RandomText(random, false), iv = "i" + RandomText(random, false);
                Assert.AreEqual(ManagedCheckMac.Compute(fields, key, iv), OmgPayment.CheckMacValue(fields, key, iv), "case " + i);
            }
        }

        /// <summary>The fields are read while the buffer is being written: a caller's enumerator that
        /// signs something itself on the same thread must not overwrite the outer call's bytes.</summary>
        private static IEnumerable<KeyValuePair<string, string>> FieldsThatSignWhileRead(Dictionary<string, string> fields)
        {
            foreach (var kv in fields)
            {
                OmgPayment.CheckMacValue(new Dictionary<string, string> { { "Inner", "手機殼 " + kv.Value } }, "k2", "i2");
                yield return kv;
            }
        }

        [Test]
        public void ACallMadeWhileTheFieldsAreReadDoesNotDisturbTheOuterOne()
        {
            var fields = new Dictionary<string, string> { { "MerchantID", "2000132" }, { "ItemName", "手機殼" }, { "TotalAmount", "1000" } };
            OmgPayment.CheckMacValue(fields, "k", "i"); // this thread's buffer exists: the case to test
            Assert.AreEqual(ManagedCheckMac.Compute(fields, "k", "i"), OmgPayment.CheckMacValue(FieldsThatSignWhileRead(fields), "k", "i"));
        }

        [Test]
        public void ALoneSurrogateInTheKeyOrIvNamesThatArgument()
        {
            var fields = new Dictionary<string, string> { { "A", "1" } };
            Assert.AreEqual("hashKey", Assert.Throws<ArgumentException>(() => OmgPayment.CheckMacValue(fields, "k\ud800", "i")).ParamName);
            Assert.AreEqual("hashIv", Assert.Throws<ArgumentException>(() => OmgPayment.CheckMacValue(fields, "k", "\udc00i")).ParamName);
            using (var client = OmgClient.Stage())
                Assert.AreEqual("body", Assert.Throws<ArgumentException>(() => client.VerifyNotification("A=\ud800")).ParamName);
        }

        private static byte[] Sub(byte[] bytes, int length)
        {
            var copy = new byte[length];
            Array.Copy(bytes, copy, length);
            return copy;
        }

        private static string Escaped(string text)
        {
            var s = new StringBuilder();
            foreach (char c in text) s.Append(c < 0x80 ? c.ToString() : "\\u" + ((int)c).ToString("x4"));
            return s.ToString();
        }
    }
}
