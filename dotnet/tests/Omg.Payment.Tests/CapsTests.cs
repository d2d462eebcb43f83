using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;

namespace Omg.Payment.Tests
{
    /// <summary>
    /// Issue 21 items 5, 7, 8: fields given as a dictionary are held to a raw body's caps (1,024
    /// fields; 64 KiB written k=v&amp;k=v) on every entry point, checked before they are copied;
    /// CheckMacValue refuses empty keys; a barcode refuses an oversized segment.
    /// </summary>
    [TestFixture]
    public class CapsTests
    {
        private OmgClient client;

        [SetUp]
        public void CreateClient() => client = OmgClient.Stage();

        [TearDown]
        public void DisposeClient() => client.Dispose();

        /// <summary><paramref name="count"/> fields F0000=v…; the last value padded so that the
        /// fields written k=v&amp;k=v are <paramref name="formBytes"/> long (each field is 7 bytes, each &amp; one).</summary>
        private static Dictionary<string, string> Fields(int count, int formBytes = 0)
        {
            var fields = new Dictionary<string, string>();
            for (int i = 0; i < count; i++) fields["F" + i.ToString("D4")] = "v";
            int length = count * 8 - 1;
            if (formBytes > length) fields["F" + (count - 1).ToString("D4")] = new string('v', 1 + formBytes - length);
            Assert.AreEqual(Math.Max(formBytes, length), string.Join("&", fields.Select(kv => kv.Key + "=" + kv.Value)).Length);
            return fields;
        }

        /// <summary>Every entry point that takes fields.</summary>
        private IEnumerable<TestDelegate> EntryPoints(Dictionary<string, string> fields)
        {
            yield return () => client.VerifyNotification(fields);
            yield return () => client.VerifyNotification(fields, "return_url");
            yield return () => client.SignTestNotification("payment_result", fields);
            yield return () => OmgPayment.CheckMacValue(fields, Repo.StageKey, Repo.StageIv);
        }

        [Test]
        public void MoreThan1024FieldsAreADecodeExceptionEverywhere()
        {
            foreach (var call in EntryPoints(Fields(1025)))
                StringAssert.Contains("more than 1024 fields", Assert.Throws<DecodeException>(call).Message);
        }

        [Test]
        public void MoreThan64KiBWrittenAsAFormIsADecodeExceptionEverywhere()
        {
            foreach (var call in EntryPoints(Fields(3, 65537)))
                StringAssert.Contains("65536 bytes", Assert.Throws<DecodeException>(call).Message);
            // Multi-byte text counts in UTF-8 bytes: 21,846 CJK characters are 65,538 bytes.
            var cjk = new Dictionary<string, string> { { "A", new string('\u6a5f', 21846) } };
            Assert.Throws<DecodeException>(() => client.VerifyNotification(cjk));
            Assert.Throws<DecodeException>(() => OmgPayment.CheckMacValue(cjk, Repo.StageKey, Repo.StageIv));
        }

        [Test]
        public void AtTheCapsFieldsAreNotRefusedForTheirSize()
        {
            foreach (var fields in new[] { Fields(1024), Fields(3, 65536) })
            {
                // No CheckMacValue among them: refused for the signature, not the size.
                Assert.Throws<SignatureException>(() => client.VerifyNotification(fields));
                Assert.AreEqual(64, OmgPayment.CheckMacValue(fields, Repo.StageKey, Repo.StageIv).Length);
            }
        }

        [Test]
        public void AMillionEntryDictionaryIsRefusedByItsCountBeforeAnyEntryIsRead()
        {
            var huge = new CountOnly(1000000);
            StringAssert.Contains("more than 1024 fields", Assert.Throws<DecodeException>(() => client.VerifyNotification(huge)).Message);
            Assert.Throws<DecodeException>(() => OmgPayment.CheckMacValue(huge, "k", "i"));
            Assert.AreEqual(0, huge.EntriesRead);
        }

        [Test]
        public void ASequenceOfUnknownLengthIsReadNoFurtherThanTheCaps()
        {
            var many = new Counted(Enumerable.Range(0, 1000000).Select(i => new KeyValuePair<string, string>("F" + i, "v")));
            Assert.Throws<DecodeException>(() => OmgPayment.CheckMacValue(many, "k", "i"));
            Assert.AreEqual(1025, many.Read);
            var wide = new Counted(Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>("F" + i.ToString("D4"), new string('v', 1000))));
            Assert.Throws<DecodeException>(() => OmgPayment.CheckMacValue(wide, "k", "i"));
            Assert.AreEqual(66, wide.Read, "65 fields of 1,006 bytes and their 64 '&' fit in 64 KiB, the 66th does not");
        }

        [Test]
        public void CheckMacValueRefusesAnEmptyHashKeyOrHashIvNamingIt()
        {
            var fields = new Dictionary<string, string> { { "MerchantID", "1000031" } };
            var key = Assert.Throws<ValidationException>(() => OmgPayment.CheckMacValue(fields, "", Repo.StageIv));
            Assert.AreEqual("HashKey", key.Errors.Single().Field);
            Assert.AreEqual("required", key.Errors.Single().Rule);
            var iv = Assert.Throws<ValidationException>(() => OmgPayment.CheckMacValue(fields, Repo.StageKey, "", HashMethod.Md5));
            Assert.AreEqual("HashIV", iv.Errors.Single().Field);
            var both = Assert.Throws<ValidationException>(() => OmgPayment.CheckMacValue(fields, "", ""));
            CollectionAssert.AreEquivalent(new[] { "HashKey", "HashIV" }, both.Errors.Select(e => e.Field));
        }

        [Test]
        public void ABarcodeSegmentLongerThanAnyCvsBarcodeIsAValidationException()
        {
            Assert.Throws<ValidationException>(() => OmgPayment.BarcodeSvg(new string('1', 1024 * 1024)));
            Assert.Throws<ValidationException>(() => OmgPayment.BarcodeSvg("261204AB1", new string('1', 1024 * 1024), "1"));
            StringAssert.StartsWith("<svg", OmgPayment.BarcodeSvg("261204AB1", "1234567890123456", "120410000000800"));
        }

        /// <summary>A dictionary that says it holds <c>count</c> entries and counts any read.</summary>
        private sealed class CountOnly : IReadOnlyDictionary<string, string>, IDictionary<string, string>
        {
            private readonly int count;

            internal CountOnly(int count)
            {
                this.count = count;
            }

            internal int EntriesRead { get; private set; }

            public int Count => count;

            public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
            {
                for (int i = 0; i < count; i++)
                {
                    EntriesRead++;
                    yield return new KeyValuePair<string, string>("F" + i, "v");
                }
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public bool ContainsKey(string key) => throw new NotSupportedException();
            public bool TryGetValue(string key, out string value) => throw new NotSupportedException();
            public string this[string key] { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public IEnumerable<string> Keys => throw new NotSupportedException();
            public IEnumerable<string> Values => throw new NotSupportedException();
            ICollection<string> IDictionary<string, string>.Keys => throw new NotSupportedException();
            ICollection<string> IDictionary<string, string>.Values => throw new NotSupportedException();
            public bool IsReadOnly => true;
            public void Add(string key, string value) => throw new NotSupportedException();
            public bool Remove(string key) => throw new NotSupportedException();
            public void Add(KeyValuePair<string, string> item) => throw new NotSupportedException();
            public void Clear() => throw new NotSupportedException();
            public bool Contains(KeyValuePair<string, string> item) => throw new NotSupportedException();
            public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex) => throw new NotSupportedException();
            public bool Remove(KeyValuePair<string, string> item) => throw new NotSupportedException();
        }

        /// <summary>A sequence of unknown length that counts the items read.</summary>
        private sealed class Counted : IEnumerable<KeyValuePair<string, string>>
        {
            private readonly IEnumerable<KeyValuePair<string, string>> items;

            internal Counted(IEnumerable<KeyValuePair<string, string>> items)
            {
                this.items = items;
            }

            internal int Read { get; private set; }

            public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
            {
                foreach (var item in items)
                {
                    Read++;
                    yield return item;
                }
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
